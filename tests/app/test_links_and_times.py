"""Pilot tests for untrusted links and typed times: what reaches the browser or mail client, and the schedule
form's answers to times that do not exist, happen twice, lie far away, or name a bogus time zone."""

from __future__ import annotations

import time
import webbrowser
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import CallRecord, Contact, Interview, Stage, TimeSpan
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app

HOSTILE_LINKS = [
    "--gpu-launcher=xcalc",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://evil.example/a\x1b]2;title\x07",
    "[/] [@click=app.quit]x[/]",
    "mailto:eve@example.com",
]


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until `condition` holds; fail after `seconds` (no fixed sleeps)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the screen"
        await pilot.pause()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every URL handed to the browser (Textual's driver calls `webbrowser.open`); nothing really opens."""
    calls: list[str] = []

    def record(url: str, *args: object, **kwargs: object) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    yield calls


def messages(app: InfoviewApp) -> list[str]:
    return [n.message for n in app._notifications]


async def open_workspace(app: InfoviewApp, pilot: Pilot[None], interview: Interview) -> None:
    await pilot.press("2")
    await wait_for(pilot, lambda: bool(app.screen.query("#interviews")))
    table = app.screen.query_one("#interviews", RecordTable)
    table.move_to_key(str(interview.id))
    table.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, WorkspaceScreen))


async def open_follow_up(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await pilot.press("4")
    await wait_for(pilot, lambda: bool(app.screen.query("RecordTable")))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDetailScreen))


def upcoming(store: Store, link: str, **extra: object) -> Interview:
    eve = store.contacts.add(Contact(name="Eve Example", linkedin_url=link, email="eve@example.com"))
    return store.interviews.add(Interview(contact_id=eve.id, scheduled_at=NOW + timedelta(days=1), **extra))  # type: ignore[arg-type]


def held(store: Store, link: str) -> Interview:
    eve = store.contacts.add(Contact(name="Eve Example", linkedin_url=link, email="eve@example.com"))
    ended = NOW - timedelta(hours=2)
    return store.interviews.add(
        Interview(
            contact_id=eve.id,
            scheduled_at=ended - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(ended - timedelta(minutes=25), ended),), ended_at=ended),
        )
    )


# Links --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("link", HOSTILE_LINKS, ids=repr)
async def test_prepare_refuses_a_profile_link_that_is_not_a_web_address(
    store: Store, settings_file: Path, opened: list[str], link: str
) -> None:
    interview = upcoming(store, link)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workspace(app, pilot, interview)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: any(m.startswith("Not opened") for m in messages(app)))
        assert app.is_running and isinstance(app.screen, WorkspaceScreen)
        (refused,) = [m for m in messages(app) if m.startswith("Not opened")]
        assert "is not a web address" in refused and "\x1b" not in refused
    assert opened == []


async def test_prepare_opens_a_real_profile_link_exactly(
    store: Store, settings_file: Path, opened: list[str]
) -> None:
    link = "https://www.linkedin.com/in/eve-example?x=[1]"
    interview = upcoming(store, link)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workspace(app, pilot, interview)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: bool(opened))
        assert f"Opening {link}" in messages(app)  # shown literally: the brackets are not markup
    assert opened == [link]


@pytest.mark.parametrize("link", HOSTILE_LINKS[:3], ids=repr)
async def test_follow_up_refuses_a_bad_profile_link(
    store: Store, settings_file: Path, opened: list[str], link: str
) -> None:
    held(store, link)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_follow_up(app, pilot)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: any(m.startswith("Not opened") for m in messages(app)))
    assert opened == []


async def test_follow_up_mail_opens_only_a_mailto_link(
    store: Store, settings_file: Path, opened: list[str]
) -> None:
    held(store, "https://www.linkedin.com/in/eve-example")
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_follow_up(app, pilot)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: bool(opened))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: len(opened) == 2)
    mail, profile = opened
    assert mail.startswith("mailto:eve@example.com?subject=") and " " not in mail
    assert profile == "https://www.linkedin.com/in/eve-example"


def test_only_the_links_module_opens_urls() -> None:
    """One door to the browser: no other module calls `open_url` or `webbrowser`."""
    package = Path(__file__).resolve().parents[2] / "infoview_tui"
    callers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "open_url(" in (text := path.read_text(encoding="utf-8")) or "webbrowser" in text
    ]
    assert callers == ["ui/screens/links.py"]


# The schedule form --------------------------------------------------------------------------------------------


async def schedule_form(app: InfoviewApp, pilot: Pilot[None]) -> ScheduleFormScreen:
    await pilot.press("1")
    await wait_for(pilot, lambda: bool(app.screen.query("#contacts")))
    app.screen.query_one("#contacts", RecordTable).focus()
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(app.screen, ScheduleFormScreen))
    assert isinstance(app.screen, ScheduleFormScreen)
    return app.screen


async def type_when(app: InfoviewApp, pilot: Pilot[None], selector: str, text: str) -> None:
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await wait_for(pilot, lambda: field.value == text)


def hint(app: InfoviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 9999999 days", "too far away"),
        ("0001-01-01 10:00", "too far away"),
        ("in 99999999999 weeks", "too far"),
    ],
)
async def test_a_far_away_time_is_a_field_error_not_a_crash(
    store: Store, settings_file: Path, text: str, expected: str
) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await schedule_form(app, pilot)
        await type_when(app, pilot, "#when", text)
        await wait_for(pilot, lambda: expected in hint(app, "#when-preview"))
        assert form.query_one("#when-preview", Label).has_class("-error")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Not saved yet" in m for m in messages(app)))
        assert app.screen is form
    assert store.interviews.all() == []


@pytest.mark.parametrize("zone", ["A" * 300, "../../etc/passwd", "Europe"], ids=lambda z: z[:12])
async def test_a_bogus_time_zone_is_a_field_error(store: Store, settings_file: Path, zone: str) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await schedule_form(app, pilot)
        await type_when(app, pilot, "#when", "tomorrow 10am")
        form.query_one("#timezone", Input).value = zone
        await wait_for(pilot, lambda: "Unknown time zone" in hint(app, "#timezone-hint"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("fix their time zone" in m for m in messages(app)))
        assert app.screen is form
    assert store.interviews.all() == []


async def test_a_hand_edited_zone_name_does_not_break_the_workspace(
    store: Store, settings_file: Path
) -> None:
    interview = upcoming(store, "", their_timezone="A" * 300)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, interview)
        assert app.is_running


NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def clock() -> FixedClock:
    """The user is in New York on Sun 1 March 2026: clocks go forward on 8 March and back on 1 November."""
    return FixedClock(datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK))


async def test_a_time_the_clocks_skip_is_questioned_and_can_be_retyped(
    store: Store, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(app, pilot)
        await type_when(app, pilot, "#when", "2026-03-08 2:30am")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "02:30 does not exist on Sun 08 Mar" in app.screen.message
        assert "01:30 EST (UTC-05:00) or 03:30 EDT (UTC-04:00)" in app.screen.message
        await pilot.press("n")  # change it
        await wait_for(pilot, lambda: app.screen is form)
        assert store.interviews.all() == []
        await type_when(app, pilot, "#when", "2026-03-08 3:30am")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(store.interviews.all()))
    assert store.interviews.all()[0].scheduled_at == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


async def test_a_time_that_happens_twice_is_questioned_and_the_second_can_be_named(
    store: Store, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        form = await schedule_form(app, pilot)
        await type_when(app, pilot, "#when", "2026-11-01 1:30am")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert (
            "happens twice" in app.screen.message and "Type '01:30 EST' for the second" in app.screen.message
        )
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        await type_when(app, pilot, "#when", "2026-11-01 1:30am EST")
        await pilot.press("ctrl+s")  # named: no question
        await wait_for(pilot, lambda: bool(store.interviews.all()))
    assert store.interviews.all()[0].scheduled_at == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
