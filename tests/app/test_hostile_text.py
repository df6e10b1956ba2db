"""Hostile text in every text field of every record kind, opened on every screen and dialog with Pilot.

The data file can come from someone else, so each field holds markup of every shape, escape and control
sequences, bidi and zero-width characters, emoji with joiners and 10,000-character strings. On each screen
the test reads what the compositor would write to the terminal and checks: no exception, no control character
from the data (ESC, C0, C1, DEL, bidi overrides), no clickable `@click` action anywhere, the brackets shown as
typed, and no action run (`quit`, `screenshot`, `exit` are spied). A fixed set of known-hostile strings goes
through every screen; hypothesis draws more for the most exposed ones (contact details, palette, Follow up).
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual._compositor import LayoutUpdate
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Channel,
    ChosenQuestion,
    Contact,
    FollowUp,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    Note,
    NoteKind,
    Outreach,
    Question,
    Reflection,
    Stage,
    TimeSpan,
)
from infoview_tui.domain.safe_text import BIDI_CONTROLS, strip_controls
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.conduct import ConductScreen
from infoview_tui.ui.screens.contact_detail import ContactDetailScreen
from infoview_tui.ui.screens.contact_form import ContactFormScreen
from infoview_tui.ui.screens.dashboard import DashboardScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen, FollowUpScreen
from infoview_tui.ui.screens.goals import GoalsScreen
from infoview_tui.ui.screens.help import HelpScreen
from infoview_tui.ui.screens.identify import IdentifyScreen
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.outreach_form import OutreachFormScreen
from infoview_tui.ui.screens.prepare import PrepareScreen
from infoview_tui.ui.screens.question_picker import QuestionPickerScreen
from infoview_tui.ui.screens.reflect import ReflectScreen
from infoview_tui.ui.screens.reflection_form import ReflectionScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, until

CLICK = "[@click=app.screenshot('infoview.json','.')]ShotMe[/]"
SHOT_ME = f"Zed {CLICK} Alpha"
"""The contact name from the issue: one click on it in the palette overwrote the data file with an SVG."""

KNOWN_HOSTILE: dict[str, str] = {
    "phd": "Bob Smith [PhD]",
    "closing-tag": "Head of Data [/ex-Google]",
    "bare-close": "! read [/] now",
    "click-screenshot": "[@click=app.screenshot('infoview.json','.')]ShotMe[/]",
    "click-quit": "[@click=app.quit]quit me[/]",
    "unclosed": "[bold",
    "link-file": "[link=file:///etc/passwd]passwd[/link]",
    "variable": "[$accent]var[/]",
    "spaced": "[ PhD ]",
    "backslash": "esc\\[b]aped\\",
    "osc52": "\x1b]52;c;SGVsbG8gd29ybGQ=\x07clip",
    "osc2": "\x1b]2;PWNED\x07title",
    "clear": "\x1b[2Jclear",
    "c1": "\u009b31mcsi\u009d0;osc\u009c",
    "c0-del": "nul\x00 bs\x08 del\x7f vt\x0b cr\r",
    "bidi": "bidi \u202eevil\u202c \u2066iso\u2069 \u202aemb",
    "zero-width": "zero\u200bwidth\u200d join\ufeffer\u200e\u200f",
    "emoji": "👩🏽\u200d💻 👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈",
    "lines": "tab\there\nnew line\r\nCRLF",
}
COMBINED = " | ".join(KNOWN_HOSTILE.values())
"""Every known shape in one value: if any part were parsed as markup, the whole value would break."""
LENGTH = 10_000
"""Every field is this long: the known shapes first (so they can be found on screen), then more of them."""


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")
"""A character that must never be written to the terminal as part of text."""

Pick = Callable[[str], str]
"""Gives the hostile value for one field (the argument names the field)."""


# Data -------------------------------------------------------------------------------------------------------
@dataclass
class Seeded:
    """The records made by `seed`, by role."""

    contact: Contact
    live: Interview
    held: Interview
    goal: Goal


def seed(store: Store, pick: Pick, name: str = SHOT_ME) -> Seeded:
    """Fill every text field of every record kind through the store's API, each from `pick(field)`.

    `name` is the hostile contact's name (kept findable: it contains "Zed"); everything else is `pick`'s.
    """
    contact = store.contacts.add(
        Contact(
            name=name,
            title=pick("title"),
            company=pick("company"),
            industry=pick("industry"),
            email=pick("email"),
            linkedin_url=pick("linkedin_url"),
            how_known=HowKnown.MENTOR,
            introduced_by_name=pick("introduced_by_name"),
            tags=(pick("tag1"), pick("tag2")),
            notes=pick("notes"),
        )
    )
    store.contacts.add(
        Contact(name="Colleague " + pick("colleague"), company=contact.company, title=pick("colleague_title"))
    )
    store.contacts.add(
        Contact(
            name="Introduced " + pick("introduced"),
            company=pick("introduced_company"),
            how_known=HowKnown.INTRODUCTION,
            introduced_by_id=contact.id,
            introduced_by_name=contact.name,
        )
    )
    store.intros.add(
        IntroRequest(
            via_contact_id=contact.id,
            target=pick("intro_target"),
            note=pick("intro_note"),
            asked_at=NOW - timedelta(days=2),
        )
    )
    store.outreach.add(
        Outreach(
            contact_id=contact.id,
            sent_at=NOW - timedelta(days=12),
            channel=Channel.EMAIL,
            message=pick("message"),
        )
    )
    question = store.questions.add(Question(text=pick("bank_question")))
    goal = store.goals.add(Goal(title=pick("goal"), description=pick("goal_description")))
    notes = tuple(
        Note(pick(f"note_{kind.value}"), 60.0 * (i + 1), id=str(i + 1), kind=kind, question_index=0)
        for i, kind in enumerate(NoteKind)
    )
    questions = (
        ChosenQuestion(pick("question_asked"), question_id=question.id, asked=True, asked_offset_s=30.0),
        ChosenQuestion(pick("question_open"), must_ask=True),
    )
    live = store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=NOW - timedelta(minutes=10),
            stage=Stage.SCHEDULED,
            location=pick("location"),
            their_timezone=pick("their_timezone"),
            hope_to_learn=pick("hope"),
            research_person=pick("research_person"),
            research_company=pick("research_company"),
            questions=questions,
            call=CallRecord(spans=(TimeSpan(NOW - timedelta(minutes=8)),)),
            notes=notes,
        )
    )
    ended = NOW - timedelta(days=1)
    held = store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=ended - timedelta(minutes=30),
            stage=Stage.REFLECTED,
            location=pick("held_location"),
            hope_to_learn=pick("held_hope"),
            questions=questions,
            notes=notes,
            call=CallRecord(spans=(TimeSpan(ended - timedelta(minutes=28), ended),), ended_at=ended),
            follow_up=FollowUp(
                thank_you_draft=pick("thank_you"),
                linkedin_note=pick("linkedin_note"),
                checkin_note=pick("checkin_note"),
                next_checkin=date(2026, 11, 27),
            ),
            reflection=Reflection(
                takeaways=pick("takeaways"),
                surprises=pick("surprises"),
                goal_ids=(goal.id,),
                next_steps=(Action(pick("next_step"), due=date(2026, 11, 26)),),
                interest=4,
                written_at=ended,
            ),
        )
    )
    return Seeded(contact, live, held, goal)


def everything(value: str, length: int = 0) -> Pick:
    """Every field gets `value`, tagged with its field's name so each is findable, repeated to `length`."""

    def pick(name: str) -> str:
        text = f"{name}: {value}"
        return (
            (text + " ") * (length // (len(text) + 1)) + text[: length % (len(text) + 1)] if length else text
        )

    return pick


# Reading the screen -----------------------------------------------------------------------------------------
def rendered_lines(app: InfoviewApp) -> list[list[Segment]]:
    """The current screen as the compositor would write it to the terminal: segments, one list per row."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    return [[segment for strip in line for segment in strip] for line in update.strips]


def segments(app: InfoviewApp) -> Iterator[Segment]:
    """Every segment written for the current screen (what the driver sends to the terminal)."""
    for line in rendered_lines(app):
        yield from line


def screen_text(app: InfoviewApp) -> str:
    """The current screen as text, one line per row."""
    return "\n".join(
        "".join(segment.text for segment in line if not segment.control) for line in rendered_lines(app)
    )


def assert_safe(app: InfoviewApp, where: str) -> None:
    """Nothing unsafe reaches the terminal and nothing on screen is a clickable action."""
    for segment in segments(app):
        if segment.control:
            continue
        found = UNSAFE.search(segment.text)
        assert found is None, f"{where}: {found.group()!r} would reach the terminal in {segment.text[:60]!r}"
        meta = segment.style.meta if segment.style is not None else {}
        assert "@click" not in meta, f"{where}: a clickable action {meta['@click']!r} in {segment.text!r}"


async def shows(pilot: Pilot[None], screen_type: type[Screen[Any]], *fragments: str) -> str:
    """Wait for a screen of `screen_type` showing every fragment, check it is safe, and return its text."""
    app = pilot.app
    assert isinstance(app, InfoviewApp)
    shown = ""

    def ready() -> bool:
        nonlocal shown
        if not isinstance(app.screen, screen_type):
            return False
        shown = screen_text(app)
        return all(fragment in shown for fragment in fragments)

    await until(pilot, ready, f"{screen_type.__name__} showing {fragments!r}")
    assert_safe(app, screen_type.__name__)
    return shown


# The tour ---------------------------------------------------------------------------------------------------
@dataclass
class Spies:
    """Counts calls to the actions hostile markup aims at."""

    calls: list[str] = field(default_factory=list)

    def install(self, app: InfoviewApp, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in (
            "action_quit",
            "action_screenshot",
            "save_screenshot",
            "deliver_screenshot",
            "exit",
            "bell",
        ):
            monkeypatch.setattr(app, name, self._spy(name))

    def _spy(self, name: str) -> Callable[..., None]:
        def spy(*args: object, **kwargs: object) -> None:
            self.calls.append(name)

        return spy


Step = Callable[[Pilot[None], Seeded, bool], Awaitable[None]]


async def identify_and_its_dialogs(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 1, the contact's details, and every dialog a key opens on that contact."""
    app = pilot.app
    await pilot.press("1")
    await shows(pilot, IdentifyScreen, *(["Zed [@click=app"] if literal else []))
    table = app.screen.query_one("#contacts", RecordTable)
    table.focus()
    assert table.move_to_key(str(seeded.contact.id))
    await pilot.press("enter")
    await shows(
        pilot,
        ContactDetailScreen,
        *([SHOT_ME, "title: Bob Smith [PhD] | Head of Data [/ex-Google]"] if literal else []),
    )
    await pilot.press("escape")
    for key, dialog, fragment in (
        ("e", ContactFormScreen, "Edit contact"),
        ("m", OutreachFormScreen, CLICK),
        ("s", ScheduleFormScreen, CLICK),
        ("i", PromptScreen, CLICK),
        ("x", ConfirmScreen, CLICK),
    ):
        await shows(pilot, IdentifyScreen)
        await pilot.press(key)
        await shows(pilot, dialog, *([fragment] if literal else []))
        await pilot.press("escape")
    await shows(pilot, IdentifyScreen)


async def contact_details(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 1 and the contact's details."""
    await pilot.press("1")
    await shows(pilot, IdentifyScreen)
    table = pilot.app.screen.query_one("#contacts", RecordTable)
    table.focus()
    assert table.move_to_key(str(seeded.contact.id))
    await pilot.press("enter")
    await shows(pilot, ContactDetailScreen)
    await pilot.press("escape")
    await shows(pilot, IdentifyScreen)


async def prepare_and_the_workspace(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 2, the preparation workspace, the question picker, rescheduling and editing a question."""
    await pilot.press("2")
    await shows(pilot, PrepareScreen, *(["Zed [@click=app"] if literal else []))
    await pilot.press("enter")
    await shows(pilot, WorkspaceScreen, *(["Prepare: Zed [@click"] if literal else []))
    await pilot.press("ctrl+b")
    await shows(pilot, QuestionPickerScreen)
    await pilot.press("escape")
    await shows(pilot, WorkspaceScreen)
    await pilot.press("ctrl+r")
    await shows(pilot, ScheduleFormScreen)
    await pilot.press("escape")
    await shows(pilot, WorkspaceScreen)
    questions = pilot.app.screen.query_one("#questions")
    questions.focus()
    await until(pilot, lambda: questions.has_focus, "the question list to take focus")
    await pilot.press("down", "e")
    await shows(pilot, PromptScreen, "Edit the question")
    await pilot.press("escape")
    await shows(pilot, WorkspaceScreen)
    await pilot.press("escape")
    await shows(pilot, PrepareScreen)
    pilot.app.screen.query_one("#interviews").focus()
    await pilot.press("c")
    # Its call is under way, so the lifecycle refuses to cancel it: a one-line warning, no dialog.
    await shows(pilot, PrepareScreen, "the call is under way")


async def conduct_the_call(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 3 on the live call: header, notes, questions; the end-call summary; editing a note."""
    await pilot.press("3")
    await shows(pilot, ConductScreen, *(["Zed [@click=app.screenshot"] if literal else []))
    await pilot.press("ctrl+l")
    await shows(pilot, ConfirmScreen, *(["@ note_referral: Bob Smith [PhD]"] if literal else []))
    await pilot.press("n")
    await shows(pilot, ConductScreen)
    await pilot.press("ctrl+r")
    await until(pilot, lambda: pilot.app.screen.query_one("#notes").has_focus, "the notes list to take focus")
    await pilot.press("e")
    await shows(pilot, PromptScreen, "Edit the note")
    await pilot.press("escape")
    await shows(pilot, ConductScreen)


async def follow_up_the_call(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 4 and the follow-up workspace (thank-you, LinkedIn note, referrals, actions, check-in)."""
    await pilot.press("4")
    await shows(pilot, FollowUpScreen, *(["Zed [@click=app"] if literal else []))
    await pilot.press("enter")
    await shows(
        pilot,
        FollowUpDetailScreen,
        *(
            ["Follow up: Zed [@click", "+ note_referral: Bob Smith [PhD]", "thank_you: Bob Smith [PhD]"]
            if literal
            else []
        ),
    )
    await pilot.press("escape")
    await shows(pilot, FollowUpScreen)


async def reflect_goals_and_insights(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """Section 5: the list, a search, the reflection form, goals (a goal's detail and edit), insights."""
    await pilot.press("5")
    await shows(pilot, ReflectScreen, *(["Zed [@click=app"] if literal else []))
    pilot.app.screen.query_one("#reflections").focus()
    await pilot.press("enter")
    await shows(pilot, ReflectionScreen, *(["Reflect: Zed [@click"] if literal else []))
    await pilot.press("escape")
    await shows(pilot, ReflectScreen)
    await pilot.press("g")
    await shows(pilot, GoalsScreen)
    await pilot.press("enter")
    await shows(pilot, GoalsScreen, *(["goal: Bob Smith [PhD]"] if literal else []))
    await pilot.press("e")
    await shows(pilot, PromptScreen, "Edit the goal")
    await pilot.press("escape")
    await shows(pilot, GoalsScreen)
    await pilot.press("escape")
    await shows(pilot, ReflectScreen)
    await pilot.press("i")
    await shows(pilot, InsightsScreen, *(["Introduced "] if literal else []))
    await pilot.press("escape")
    await shows(pilot, ReflectScreen)
    await pilot.press("slash", *"zed")
    await shows(pilot, ReflectScreen, "1 conversation")
    await pilot.press("escape")


async def palette_search(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """The command palette searched for the hostile name: hits and their help shown literally."""
    await pilot.press("0")
    await shows(pilot, DashboardScreen)
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*"zed")
    await shows(pilot, CommandPalette, "open contact: Zed", *(["ShotMe[/]"] if literal else []))
    await pilot.press("escape")
    await shows(pilot, DashboardScreen)


async def dashboard_and_help(pilot: Pilot[None], seeded: Seeded, literal: bool) -> None:
    """The Dashboard's agenda (names, actions, check-ins) and Help (the data file's path has brackets)."""
    await pilot.press("0")
    await shows(pilot, DashboardScreen, *(["Zed [@click=app"] if literal else []))
    await pilot.press("question_mark")
    await shows(pilot, HelpScreen, "[@click=app.quit]q[/]")
    await pilot.press("escape")
    await shows(pilot, DashboardScreen)


TOUR: tuple[Step, ...] = (
    dashboard_and_help,
    identify_and_its_dialogs,
    prepare_and_the_workspace,
    conduct_the_call,
    follow_up_the_call,
    reflect_goals_and_insights,
    palette_search,
)
EXPOSED: tuple[Step, ...] = (contact_details, follow_up_the_call, palette_search)
"""Where data is shown most: for hypothesis's drawn strings."""


def fresh_store(folder: Path) -> Store:
    """A store in a folder whose name is itself hostile markup (Help and notifications show the path)."""
    return Store.open(folder / "[@click=app.quit]q[/] data" / "infoview.json", clock=FixedClock(NOW))


def visible_letters(text: str) -> str:
    """`text` without control characters or whitespace: what an editor's autosave must keep."""
    return "".join(strip_controls(text).split())


def assert_only_cleaned(before: Any, after: Any, path: str = "data") -> None:
    """Looking changed nothing, except what an editor's autosave does to text it shows (screens that save as
    you type write the field back cleaned): control characters dropped, whitespace collapsed, a value over
    the field's cap cut, `updated_at` stamped. Records, ids, dates, stages and every other value stay exactly
    as they were."""
    if isinstance(before, str) and isinstance(after, str):
        if before != after:
            kept = visible_letters(after)
            assert kept and visible_letters(before).startswith(kept), f"{path} lost words: {after[:80]!r}"
        return
    assert type(before) is type(after), f"{path}: {before!r} became {after!r}"
    if isinstance(before, dict):
        assert before.keys() == after.keys(), path
        for key in before.keys() - {"updated_at"}:  # the autosave stamps when it wrote
            assert_only_cleaned(before[key], after[key], f"{path}.{key}")
    elif isinstance(before, list):
        assert len(before) == len(after), f"{path}: {len(before)} records became {len(after)}"
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            assert_only_cleaned(old, new, f"{path}[{index}]")
    else:
        assert before == after, f"{path}: {before!r} became {after!r}"


def records(store: Store) -> dict[str, Any]:
    """Every record, as stored (what must not change by looking at it)."""
    exported: dict[str, Any] = json.loads(json.dumps(store.export_dict(), default=str))
    return exported


async def tour(
    store: Store,
    settings_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded: Seeded,
    steps: tuple[Step, ...],
    *,
    literal: bool,
) -> None:
    """Run `steps` on an app over `store`; check nothing ran, nothing crashed and no data was lost."""
    before = records(store)
    app = InfoviewApp(store, settings_file=settings_file)
    spies = Spies()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        spies.install(app, monkeypatch)
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen) and store.loaded, "the Dashboard")
        for step in steps:
            await step(pilot, seeded, literal)
        assert spies.calls == [], f"actions ran: {spies.calls}"
        assert app.return_code is None and app._exception is None
        monkeypatch.undo()
    assert_only_cleaned(before, records(store))
    assert not list(store.path.parent.glob("*.svg")), "a screenshot was written"


# Known-hostile strings through every screen -----------------------------------------------------------------
async def test_every_screen_and_dialog_shows_hostile_data_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every field holds every known shape, 10,000 characters long; each screen shows it as stored."""
    store = fresh_store(tmp_path)
    try:
        seeded = seed(store, everything(COMBINED, LENGTH))
        assert len(seeded.held.reflection.takeaways) == LENGTH
        await tour(store, tmp_path / "settings.json", monkeypatch, seeded, TOUR, literal=True)
    finally:
        store.close()


async def test_clicking_the_hostile_palette_hit_opens_the_contact_and_runs_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exploit from the issue: a click on 'ShotMe' in the palette wrote a screenshot over the data."""
    store = fresh_store(tmp_path)
    try:
        seeded = seed(store, everything("plain"))
        assert store.flush()
        data_before = store.path.read_bytes()
        app = InfoviewApp(store, settings_file=tmp_path / "settings.json")
        spies = Spies()
        async with app.run_test(size=SIZE) as pilot:
            spies.install(app, monkeypatch)
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the Dashboard")
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
            await pilot.press(*"shotme")
            text = await shows(pilot, CommandPalette, "ShotMe[/]")
            row, line = next((y, line) for y, line in enumerate(text.splitlines()) if "ShotMe[/]" in line)
            await pilot.click(offset=(line.index("ShotMe") + 2, row))
            await until(pilot, lambda: isinstance(app.screen, IdentifyScreen), "the contact in Identify")
            table = app.screen.query_one("#contacts", RecordTable)
            await until(
                pilot, lambda: table.cursor_key == str(seeded.contact.id), "the cursor on the contact"
            )
            assert spies.calls == []
            monkeypatch.undo()
        assert store.close()  # a clean close takes back the app's "open here" note (domain/presence.py)
        after = json.loads(store.path.read_bytes())
        assert after["meta"]["1"].pop("computers")  # this computer's name, kept for merges to say "on …"
        assert after == json.loads(data_before)
        assert not list(store.path.parent.glob("*.svg"))
    finally:
        store.close()


async def test_a_notification_naming_hostile_data_is_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archiving names the contact in a toast: shown literally, with no control character."""
    store = fresh_store(tmp_path)
    try:
        seeded = seed(store, everything(COMBINED), name=SHOT_ME + " " + KNOWN_HOSTILE["osc52"])
        app = InfoviewApp(store, settings_file=tmp_path / "settings.json")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("1")
            await shows(pilot, IdentifyScreen)
            table = app.screen.query_one("#contacts", RecordTable)
            table.focus()
            assert table.move_to_key(str(seeded.contact.id))
            await pilot.press("x")
            await shows(pilot, ConfirmScreen, "Archive Zed", CLICK)
            await pilot.press("y")
            await shows(pilot, IdentifyScreen, "Archived Zed", CLICK)
        archived = store.contacts.get(seeded.contact.id)
        assert archived is not None and archived.archived and archived.name == seeded.contact.name
    finally:
        store.close()


# Drawn strings on the most exposed screens ------------------------------------------------------------------
PIECES = st.sampled_from(
    [
        *KNOWN_HOSTILE.values(),
        "[",
        "]",
        "[/",
        "[@",
        "=",
        "\\",
        "$",
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x07",
        "\u009b",
        "\u009d",
        "\u202e",
        "\u2067",
        "\u200d",
        "\ufe0f",
        "\r\n",
        "\t",
        "🏽",
    ]
)
HOSTILE_TEXT = st.lists(
    st.one_of(PIECES, st.text(st.characters(codec="utf-8"), max_size=12)), min_size=1, max_size=8
).map("".join)
"""Hostile pieces mixed with arbitrary characters (no lone surrogates: JSON on disk cannot hold them)."""


@settings(
    max_examples=4,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=HOSTILE_TEXT, value=HOSTILE_TEXT)
def test_drawn_hostile_strings_on_the_most_exposed_screens(name: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as monkeypatch:
        store = fresh_store(Path(folder))
        try:
            seeded = seed(store, everything(value), name=f"Zed {name}")
            asyncio.run(
                tour(store, Path(folder) / "settings.json", monkeypatch, seeded, EXPOSED, literal=False)
            )
        finally:
            store.close()


def test_the_known_strings_cover_every_shape_the_issue_names() -> None:
    """A guard on the fixture: each family from the issue is in the set."""
    joined = COMBINED
    for needle in (
        "[/]",
        "[@click=app.quit]",
        "[bold",
        "[link=file:///etc/passwd]",
        "\x1b]52;c;",
        "\x1b]2;",
        "\x1b[2J",
        "\u009b",
        "\u009d",
        "\u202e",
        "\u200b",
        "\u200d",
    ):
        assert needle in joined
    assert len(everything(COMBINED, LENGTH)("notes")) == LENGTH
