"""Pilot tests for section 1, Identify: drive it with keys, then check what the store holds."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, Static, TextArea

from infoview_tui.domain.models import (
    CallRecord,
    Channel,
    Contact,
    HowKnown,
    Interview,
    IntroStatus,
    Outreach,
    OutreachStatus,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.contact_form import ContactFormScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.identify import STATUS_COLUMN
from infoview_tui.ui.screens.outreach_form import MessageScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app


async def open_identify(app: InfoviewApp, pilot: Pilot[None]) -> RecordTable:
    await pilot.pause()
    await pilot.press("1")
    await pilot.pause()
    table = app.screen.query_one("#contacts", RecordTable)
    table.focus()
    await pilot.pause()
    return table


async def type_into(pilot: Pilot[None], app: InfoviewApp, selector: str, text: str) -> None:
    widget = app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text) if text else None
    await pilot.pause()


def seed(store: Store) -> dict[str, Contact]:
    people = {
        "ada": store.contacts.add(
            Contact(
                name="Ada Lovelace",
                company="Analytical Engines",
                title="Engineer",
                industry="Computing",
                tags=("math",),
            )
        ),
        "grace": store.contacts.add(
            Contact(name="Grace Hopper", company="Navy", title="Rear Admiral", priority=1)
        ),
        "mentor": store.contacts.add(
            Contact(name="Prof. Henrik Sørensen", company="Øresund University", how_known=HowKnown.PROFESSOR)
        ),
        "colleague": store.contacts.add(
            Contact(name="Charles Babbage", company="Analytical Engines Ltd.", title="Founder")
        ),
    }
    return people


async def test_add_a_contact_with_the_form(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_identify(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await type_into(pilot, app, "#name", "Zoë Chen")
        await type_into(pilot, app, "#company", "Lumen Health")
        await type_into(pilot, app, "#email", "zoe@example.org")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContactFormScreen)
    [saved] = store.contacts.all()
    assert (saved.name, saved.company, saved.email) == ("Zoë Chen", "Lumen Health", "zoe@example.org")
    assert saved.how_known is HowKnown.COLD and saved.channel is Channel.LINKEDIN


async def test_validation_keeps_everything_typed_and_says_what_to_fix(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_identify(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, app, "#company", "Fjord Payments")
        await type_into(pilot, app, "#email", "not-an-email")
        await type_into(pilot, app, "#linkedin_url", "ht!tp:/bad url")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)  # still open
        assert "A name is required" in str(form.query_one("#error-name", Label).render())
        assert "email" in str(form.query_one("#error-email", Label).render())
        assert "web address" in str(form.query_one("#error-linkedin_url", Label).render())
        assert form.query_one("#company", Input).value == "Fjord Payments"  # nothing lost
        await type_into(pilot, app, "#name", "Ingrid Larsen")
        await type_into(pilot, app, "#email", "ingrid@example.com")
        await type_into(pilot, app, "#linkedin_url", "linkedin.com/in/ingrid-example")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = store.contacts.all()
    assert saved.name == "Ingrid Larsen" and saved.company == "Fjord Payments"
    assert saved.linkedin_url == "https://linkedin.com/in/ingrid-example"


async def test_introduction_route_needs_who_introduced_you(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_identify(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        await type_into(pilot, app, "#name", "Maya Okafor")
        from textual.widgets import Select

        form.query_one("#how_known", Select).value = HowKnown.INTRODUCTION
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert "Who introduced you" in str(form.query_one("#error-introduced_by", Label).render())
        await type_into(pilot, app, "#introduced_by", "prof. henrik sørensen")
        await pilot.press("ctrl+s")
        await pilot.pause()
    maya = next(c for c in store.contacts.all() if c.name == "Maya Okafor")
    assert maya.how_known is HowKnown.INTRODUCTION and maya.introduced_by_id == people["mentor"].id


async def test_filter_as_you_type_across_fields(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        assert table.row_count == 4
        await pilot.press("slash")
        await pilot.press(*"analytical")
        await pilot.pause()
        assert set(table.visible_keys) == {str(people["ada"].id), str(people["colleague"].id)}
        await type_into(pilot, app, "#contact-filter", "math")  # a tag
        assert table.visible_keys == [str(people["ada"].id)]
        await type_into(pilot, app, "#contact-filter", "admiral")  # a title
        assert table.visible_keys == [str(people["grace"].id)]


async def test_the_summary_counts_what_the_filter_shows_out_of_all(store: Store, settings_file: Path) -> None:
    """While a filter is on the line above the table says "N of M contacts", not the unfiltered total."""
    seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_identify(app, pilot)
        summary = app.screen.query_one("#identify-summary", Static)
        assert str(summary.content).startswith("4 contacts")
        await pilot.press("slash")
        await pilot.press(*"analytical")
        await pilot.pause()
        assert str(summary.content).startswith("2 of 4 contacts")
        await type_into(pilot, app, "#contact-filter", "nobody")
        assert str(summary.content).startswith("0 of 4 contacts")
        await type_into(pilot, app, "#contact-filter", "")
        await pilot.pause()
        assert str(summary.content).startswith("4 contacts")


async def test_edit_then_archive(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        assert table.move_to_key(str(people["grace"].id))
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, app, "#title", "Computer Scientist")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.contacts[people["grace"].id].title == "Computer Scientist"
        table.move_to_key(str(people["grace"].id))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert store.contacts[people["grace"].id].archived
        assert str(people["grace"].id) not in table.visible_keys


async def test_log_outreach_then_mark_replied(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        table.move_to_key(str(people["ada"].id))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [sent] = store.outreach.all()
        assert sent.contact_id == people["ada"].id and sent.status is OutreachStatus.SENT
        assert sent.sent_at == NOW and "Ada" in sent.message
        await pilot.press("r")
        await pilot.pause()
    [replied] = store.outreach.all()
    assert replied.status is OutreachStatus.REPLIED and replied.responded_at == NOW


async def test_3b_and_7b_show_in_the_table_and_a_decline_clears_them(
    store: Store, settings_file: Path
) -> None:
    people = seed(store)
    store.outreach.add(
        Outreach(contact_id=people["ada"].id, sent_at=datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    )
    store.outreach.add(
        Outreach(contact_id=people["grace"].id, sent_at=datetime(2026, 11, 13, 9, 0, tzinfo=UTC))
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        rows = {r.key: r for r in table._rows}
        assert (
            "3B" in rows[str(people["ada"].id)].cells[STATUS_COLUMN]
            and rows[str(people["ada"].id)].tone == "due"
        )
        assert "7B" in rows[str(people["grace"].id)].cells[STATUS_COLUMN]
        table.move_to_key(str(people["ada"].id))
        await pilot.press("d")
        await pilot.pause()
        rows = {r.key: r for r in table._rows}
        assert (
            rows[str(people["ada"].id)].tone == ""
            and "Declined" in rows[str(people["ada"].id)].cells[STATUS_COLUMN]
        )


async def test_schedule_with_typed_time_creates_the_interview_and_moves_to_prepare(
    store: Store, settings_file: Path
) -> None:
    people = seed(store)
    store.outreach.add(
        Outreach(contact_id=people["ada"].id, sent_at=NOW - timedelta(days=2), status=OutreachStatus.REPLIED)
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        table.move_to_key(str(people["ada"].id))
        await pilot.press("s")
        await pilot.pause()
        await type_into(pilot, app, "#when", "tomorrow 10am")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "prepare"
    [interview] = store.interviews.all()
    assert interview.contact_id == people["ada"].id and interview.stage is Stage.SCHEDULED
    assert interview.scheduled_at == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert interview.duration_minutes == 30
    [outreach] = store.outreach.all()
    assert outreach.status is OutreachStatus.SCHEDULED and outreach.interview_id == interview.id


async def test_a_past_time_is_questioned_not_guessed(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        table.move_to_key(str(people["ada"].id))
        await pilot.press("s")
        await pilot.pause()
        await type_into(pilot, app, "#when", "today 8am")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not store.interviews.all()
        await type_into(pilot, app, "#when", "fri 2pm")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.interviews.all()[0].scheduled_at == datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


async def test_ask_for_an_introduction_and_log_it_when_it_happens(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        table.move_to_key(str(people["mentor"].id))
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"Maya Okafor")
        await pilot.press("enter")
        await pilot.pause()
        [intro] = store.intros.all()
        assert intro.via_contact_id == people["mentor"].id and intro.status is IntroStatus.ASKED
        assert isinstance(app.screen, MessageScreen)  # the message asking for it, to copy
        await pilot.press("escape")
        await pilot.pause()
        table.move_to_key(str(people["mentor"].id))
        table.focus()
        await pilot.press("enter")  # details
        await pilot.pause()
        await pilot.press("l")  # the introduction happened
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#name", Input).value == "Maya Okafor"
        await pilot.press("ctrl+s")
        await pilot.pause()
    maya = next(c for c in store.contacts.all() if c.name == "Maya Okafor")
    assert maya.introduced_by_id == people["mentor"].id and maya.how_known is HowKnown.INTRODUCTION
    [intro] = store.intros.all()
    assert intro.status is IntroStatus.INTRODUCED and intro.result_contact_id == maya.id


async def test_sort_cycles_through_orders(store: Store, settings_file: Path) -> None:
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        assert table.visible_keys[0] == str(people["ada"].id)  # by name
        await pilot.press("o")  # company
        await pilot.pause()
        assert table.visible_keys[0] == str(people["ada"].id)
        await pilot.press("o", "o")  # last contact, then priority
        await pilot.pause()
        assert table.visible_keys[0] == str(people["grace"].id)  # priority 1


async def test_linkedin_import_from_the_palette(store: Store, settings_file: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_bytes(
        '\ufeffNotes:\r\n"Some preamble"\r\n\r\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Maya,Okafor,https://www.linkedin.com/in/maya-example,,Northwind,Data Scientist,03 Feb 2025\r\n"
        'Luis,Fernández,https://www.linkedin.com/in/luis-example,luis@example.org,"Contoso, Ltd.",PM,17 Nov 2024\r\n'
        ",,,,,,\r\n".encode()
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        table = await open_identify(app, pilot)
        app.action_import_linkedin()
        await pilot.pause()
        await pilot.press(*str(csv_file))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert any("Added 2" in n.message for n in app._notifications)
        assert table.total_count == 2
    names = {c.name: c for c in store.contacts.all()}
    assert (
        names["Luis Fernández"].company == "Contoso, Ltd."
        and names["Luis Fernández"].channel is Channel.LINKEDIN
    )


async def test_a_bad_import_file_gets_a_message_and_changes_nothing(
    store: Store, settings_file: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_identify(app, pilot)
        app.action_import_linkedin()
        await pilot.pause()
        await pilot.press(*str(binary))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("not a CSV text file" in n.message for n in app._notifications)
    assert store.contacts.all() == []


async def test_the_status_reads_conducted_once_the_call_is_held(store: Store, settings_file: Path) -> None:
    """A request that led to a call stops saying "Scheduled" once the call has ended, even for a cached row."""
    people = seed(store)
    ada = people["ada"].id
    interview = store.interviews.add(
        Interview(contact_id=ada, stage=Stage.SCHEDULED, scheduled_at=NOW + timedelta(hours=2))
    )
    store.outreach.add(
        Outreach(
            contact_id=ada,
            sent_at=NOW - timedelta(days=3),
            status=OutreachStatus.SCHEDULED,
            interview_id=interview.id,
        )
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        assert {r.key: r for r in table._rows}[str(ada)].cells[STATUS_COLUMN] == "Scheduled"
        start = NOW + timedelta(hours=2)
        end = start + timedelta(minutes=30)
        store.interviews.update(
            replace(
                interview, stage=Stage.CONDUCTED, call=CallRecord(spans=(TimeSpan(start, end),), ended_at=end)
            )
        )
        await pilot.press("0")
        table = await open_identify(app, pilot)
        assert {r.key: r for r in table._rows}[str(ada)].cells[STATUS_COLUMN] == "Conducted"


async def test_the_composer_saves_its_message_to_a_file_beside_the_data(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    """ctrl+o in the request composer writes the message as shown to messages/<name>-<time>.txt."""
    people = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_identify(app, pilot)
        table.move_to_key(str(people["ada"].id))
        await pilot.press("m")
        await pilot.pause()
        shown = app.screen.query_one("#message", TextArea).text
        await pilot.press("ctrl+o")
        folder = data_path.parent / "messages"
        deadline = time.monotonic() + 10
        while not list(folder.glob("*.txt")):
            assert time.monotonic() < deadline, "no message file was written"
            await pilot.pause(0.02)
    [written] = list(folder.glob("*.txt"))
    assert written.name.startswith("ada-lovelace-") and written.read_text(encoding="utf-8") == shown + "\n"
    assert store.outreach.all() == []  # saving a copy logs nothing
