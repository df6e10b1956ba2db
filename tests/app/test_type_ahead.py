"""Keys typed while a dialog is still opening go into the dialog, in order, and never run commands on the screen
beneath it. A dialog is opened by a worker and takes a few hundred ms to mount on a busy machine; before this,
"aMaria" typed at speed on Identify gave a Name of "aria" (the M went to the list), and "a" then "Dr" marked the
highlighted contact's request as replied (r) and resorted the list (o)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from infoview_tui.domain.models import Channel, Contact, HowKnown, NoteKind, Outreach, OutreachStatus
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.contact_form import ContactFormScreen
from infoview_tui.ui.screens.identify import IdentifyScreen

from .conftest import NOW, make_app, until
from .test_conduct import open_call

SMALL = (80, 24)
NAMED = {"escape", "enter", "tab", *(f"f{n}" for n in range(1, 13))}
"""Key names `keys` takes whole (with any name holding a "+", such as "ctrl+s")."""
CHARACTER_KEYS = {" ": "space", "/": "slash", "?": "question_mark"}


def keys(app: InfoviewApp, *names: str) -> None:
    """Queue keys before any is handled, as a fast typist or a loaded machine delivers them: a name ("ctrl+s",
    "f2", "escape") is one key, other text a key per character."""
    for name in names:
        for key in [name] if "+" in name or name in NAMED else list(name):
            event = events.Key(CHARACTER_KEYS.get(key, key), key if len(key) == 1 else None)
            event.set_sender(app)
            app.post_message(event)


def waiting_request(store: Store) -> Contact:
    contact = store.contacts.add(
        Contact(name="Ravi Shankar", how_known=HowKnown.COLD, channel=Channel.LINKEDIN)
    )
    store.outreach.add(
        Outreach(contact_id=contact.id, channel=Channel.LINKEDIN, sent_at=NOW, status=OutreachStatus.SENT)
    )
    return contact


@asynccontextmanager
async def at_identify(store: Store, settings_file: Path) -> AsyncIterator[tuple[InfoviewApp, Pilot[None]]]:
    """The app at 80x24 on Identify, its list drawn."""
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, IdentifyScreen) and app.screen.table.row_count > 0)
        yield app, pilot


@asynccontextmanager
async def on_the_call(store: Store, settings_file: Path) -> AsyncIterator[tuple[InfoviewApp, Pilot[None]]]:
    """The app at 80x24 on Conduct, the note field taking keys."""
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_call(app, pilot)
        yield app, pilot


async def test_letters_typed_behind_the_add_key_go_into_the_new_contacts_name(
    store: Store, settings_file: Path
) -> None:
    contact = waiting_request(store)
    async with at_identify(store, settings_file) as (app, pilot):
        keys(app, "aDr Maria Lopez")
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen))
        form = app.screen
        await until(pilot, lambda: form.query_one("#name", Input).value == "Dr Maria Lopez")
        # Nothing ran on the list beneath: the request is still waiting, the list still sorted by name.
        request = store.outreach.all()[0]
        assert (request.contact_id, request.status) == (contact.id, OutreachStatus.SENT)
        assert request.responded_at is None
        identify = app.screen_stack[-2]
        assert isinstance(identify, IdentifyScreen)
        assert identify.sort_by.value == "name"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(store.contacts.all()) == 2)
    assert sorted(c.name for c in store.contacts.all()) == ["Dr Maria Lopez", "Ravi Shankar"]


async def test_a_save_key_typed_ahead_saves_the_dialog_typed_ahead(store: Store, settings_file: Path) -> None:
    """The whole dialog typed blind, save key included: the keys wait for the dialog, then run in order."""
    waiting_request(store)
    async with at_identify(store, settings_file) as (app, pilot):
        keys(app, "aBea Nkemelu", "ctrl+s")
        await until(pilot, lambda: len(store.contacts.all()) == 2)
        await until(pilot, lambda: isinstance(app.screen, IdentifyScreen))
    assert sorted(c.name for c in store.contacts.all()) == ["Bea Nkemelu", "Ravi Shankar"]
    assert store.outreach.all()[0].status == OutreachStatus.SENT


async def test_a_question_and_a_note_typed_ahead_on_the_call_each_land_in_their_own_field(
    store: Store, settings_file: Path
) -> None:
    """ctrl+o (add a question asked on the fly), the question, enter, then the answer's note at once: the
    question's letters wait for its dialog, and the note's letters go to the note field after it closes."""
    from .test_conduct import seed

    interview = seed(store)
    async with on_the_call(store, settings_file) as (app, pilot):
        keys(app, "ctrl+o", "What do you read?", "enter", "newsletters", "enter")
        await until(pilot, lambda: len(store.interviews[interview.id].notes) == 1)
    saved = store.interviews[interview.id]
    assert [q.text for q in saved.questions][-1] == "What do you read?"
    assert [n.text for n in saved.notes] == ["newsletters"]


async def test_keys_typed_behind_the_filters_enter_are_list_commands(
    store: Store, settings_file: Path
) -> None:
    """`/mari<enter>o`: the filter holds "mari" and the o (sort) runs on the list that enter moved to; before,
    the o joined the filter ("mario") because enter moved focus only after the keys behind it were typed."""
    waiting_request(store)
    store.contacts.add(Contact(name="Maria Lopez", company="Acme"))
    async with at_identify(store, settings_file) as (app, pilot):
        identify = app.screen
        assert isinstance(identify, IdentifyScreen)
        keys(app, "/mari", "enter", "o")
        await until(pilot, lambda: identify.sort_by.value == "company")
        assert identify.query_one("#contact-filter", Input).value == "mari"
        assert identify.table.has_focus


async def test_a_refused_submit_gives_the_keys_behind_it_back_to_the_field(
    store: Store, settings_file: Path
) -> None:
    """An empty prompt refuses enter and stays open: the keys typed behind the enter are typed into it."""
    from infoview_tui.ui.screens.dialogs import PromptScreen

    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        results: list[str | None] = []
        app.push_screen(PromptScreen("A name"), results.append)
        await until(pilot, lambda: isinstance(app.screen, PromptScreen) and app.screen.focused is not None)
        keys(app, "enter", "Bea", "enter")
        await until(pilot, lambda: results == ["Bea"])


async def test_words_typed_ahead_into_a_dialog_are_kept_on_quit(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    """What a dialog opened with is remembered before the keys typed ahead reach it, so words typed before it
    had drawn count as typed: ctrl+q keeps them (they used to be taken for the dialog's own starting text)."""
    waiting_request(store)
    async with at_identify(store, settings_file) as (app, pilot):
        keys(app, "aHalf Typed")
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen))
        form = app.screen
        await until(pilot, lambda: form.query_one("#name", Input).value == "Half Typed")
        await pilot.press("ctrl+q")
    kept = sorted(data_path.parent.glob(f"{data_path.name}.unsaved-*.txt"))
    assert len(kept) == 1 and "Half Typed" in kept[0].read_text(encoding="utf-8")


async def test_keys_typed_behind_enter_on_a_list_go_to_the_screen_it_opens(
    store: Store, settings_file: Path
) -> None:
    """enter on a contact opens its details; an `o` typed right behind it is a key of the details (none there),
    not the list's sort, and `?` behind it opens the details' help."""
    from infoview_tui.ui.screens.contact_detail import ContactDetailScreen
    from infoview_tui.ui.screens.help import HelpScreen

    waiting_request(store)
    store.contacts.add(Contact(name="Maria Lopez", company="Acme"))
    async with at_identify(store, settings_file) as (app, pilot):
        identify = app.screen
        assert isinstance(identify, IdentifyScreen)
        keys(app, "enter", "o?")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the details' help")
        assert isinstance(app.screen_stack[-2], ContactDetailScreen)
        assert identify.sort_by.value == "name"


# One key at a time: a key reaches the bindings before the next is handed on -----------------------------
# (a second attack: Textual runs a key's binding only once the key has bubbled up to the App, and meanwhile
# handed the keys behind it to the same field)


async def test_two_contacts_typed_blind_are_two_contacts(store: Store, settings_file: Path) -> None:
    """`aBea` ctrl+s `aCarl` ctrl+s at once: saved one contact "BeaaCarl" (ctrl+s ran after the letters behind it)."""
    waiting_request(store)
    async with at_identify(store, settings_file) as (app, pilot):
        keys(app, "aBea", "ctrl+s", "aCarl", "ctrl+s")
        await until(pilot, lambda: len(store.contacts.all()) == 3)
        await until(pilot, lambda: isinstance(app.screen, IdentifyScreen))
    assert sorted(c.name for c in store.contacts.all()) == ["Bea", "Carl", "Ravi Shankar"]


async def test_escape_then_a_note_cancels_the_prompt_and_saves_the_note(
    store: Store, settings_file: Path
) -> None:
    """ctrl+o `Q1` escape `note` enter on the call added a question "Q1note" and no note."""
    from .test_conduct import seed

    interview = seed(store)
    async with on_the_call(store, settings_file) as (app, pilot):
        keys(app, "ctrl+o", "Q1", "escape", "note", "enter")
        await until(pilot, lambda: len(store.interviews[interview.id].notes) == 1)
    saved = store.interviews[interview.id]
    assert [n.text for n in saved.notes] == ["note"]
    assert len(saved.questions) == 3  # none added


async def test_a_kind_key_typed_ahead_marks_the_note_behind_it(store: Store, settings_file: Path) -> None:
    """F2 `call Bob` enter: the note was saved without its kind, and the next note got it."""
    from .test_conduct import seed

    interview = seed(store)
    async with on_the_call(store, settings_file) as (app, pilot):
        keys(app, "f2", "call Bob", "enter", "plain", "enter")
        await until(pilot, lambda: len(store.interviews[interview.id].notes) == 2)
    saved = store.interviews[interview.id]
    assert [(n.kind, n.text) for n in saved.notes] == [
        (NoteKind.ACTION, "call Bob"),
        (NoteKind.NOTE, "plain"),
    ]


async def test_ctrl_q_typed_ahead_keeps_the_words_typed_before_it(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    """`a` `Half Typed` ctrl+q at once: ctrl+q (a priority key) ran before the letters had reached the dialog,
    so nothing was kept."""
    waiting_request(store)
    async with at_identify(store, settings_file) as (app, pilot):
        keys(app, "aHalf Typed", "ctrl+q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    kept = sorted(data_path.parent.glob(f"{data_path.name}.unsaved-*.txt"))
    assert len(kept) == 1 and "Half Typed" in kept[0].read_text(encoding="utf-8")
