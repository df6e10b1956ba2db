"""Provides section 5, Reflect: past reflections newest first with full-text search and filters, the
reflection form for one conversation beside its notes, career goals, and insights.

Search syntax in the box: words match notes, reflections, people and goals (all must match); filters are
`goal:…`, `company:…`, `industry:…`, `interest:4` (4 or more), `since:2026-01-01`, `until:…`, `tiara:trends`
(a TIARA tag chosen for a call note) and `kind:insight` (action, referral, note): any case, a prefix will do.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from infoview_tui.domain.dates import DateParseError, fmt_local, parse_day
from infoview_tui.domain.models import NoteKind, QuestionCategory, RecordId
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.reflect.search import (
    FilterError,
    IndexBuilder,
    SearchIndex,
    match_kind,
    match_tiara,
    newest_first,
    snippet,
)
from infoview_tui.ui.screens.base import SectionScreen
from infoview_tui.ui.widgets import Column, LazyRows, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import Part, assemble
from infoview_tui.ui.widgets.submit_input import SubmitInput

if TYPE_CHECKING:
    from infoview_tui.domain.models import Goal
    from infoview_tui.store import Store

COLUMNS = (
    Column("Call", 17),
    Column("Person", 20),
    Column("Company", 18),
    Column("Interest", 8),
    Column("Goals", 18, hide_order=1),  # left out at 80 columns, so what you learned still shows
    Column("What you learned"),
)
EMPTY = (
    "No conversations to reflect on yet. After a call, write down what you learned and how it relates to "
    "your career goals here. Press g to set your goals now."
)
INDEX_SLICE = 0.008
"""Seconds of index building between chances for keys and frames."""
SNIPPETS = 60
"""Matching text is shown for the first results (a screen and a half); further rows show the takeaway."""


class FirstIndex:
    """The first build of the search index from the store as it is now, a slice at a time: started by the
    app's warming before Reflect's first visit (`InfoviewApp.first_reflect_index`), or by the screen, which
    continues where warming left off and then takes it (`taken`): a later screen starts a new one."""

    def __init__(self, store: Store) -> None:
        self.version = store.version
        """The store's version the lists below were read at: changes after it are synced by the screen."""
        interviews, contacts = store.interviews.all(), store.contacts.all()
        self.goals: tuple[Goal, ...] = tuple(store.goals.all())
        self._builder = IndexBuilder(interviews, contacts, self.goals)
        by_id = {c.id: c for c in contacts}
        self.indexed: dict[RecordId, tuple[object, object]] = {
            iv.id: (iv, by_id.get(iv.contact_id)) for iv in interviews
        }
        """What the index holds per interview: (interview, contact) objects."""
        self.taken = False
        """A screen uses (and changes) this index: nobody else may."""

    @property
    def index(self) -> SearchIndex:
        return self._builder.index

    def advance(self) -> bool:
        """One slice of `INDEX_SLICE` seconds; True once every interview is in the index."""
        return self._builder.advance(INDEX_SLICE)


_FILTER = re.compile(
    r"\b(goal|company|industry|interest|since|until|tiara|kind):(\"[^\"]*\"|\S+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Query:
    """What the search box says: free text and filters."""

    text: str = ""
    goal: str = ""
    company: str = ""
    industry: str = ""
    min_interest: int | None = None
    since: date | None = None
    until: date | None = None
    tiara: QuestionCategory | None = None
    kind: NoteKind | None = None
    problem: str = ""


def parse_query(raw: str, today: date) -> Query:
    """Split `goal:climate interest:4 engines` into filters and the words to search for."""
    values: dict[str, str] = {}
    for match in _FILTER.finditer(raw):
        values[match.group(1).lower()] = match.group(2).strip('"')
    text = " ".join(_FILTER.sub(" ", raw).split())
    problem = ""
    interest = None
    if "interest" in values:
        digits = values["interest"].rstrip("+")
        if digits.isdigit() and 1 <= int(digits) <= 5:
            interest = int(digits)
        else:
            problem = "interest: takes 1 to 5 (4 means 4 or more)"
    dates: dict[str, date | None] = {"since": None, "until": None}
    for key in dates:
        if key in values:
            try:
                dates[key] = parse_day(values[key], today)
            except DateParseError:
                problem = f"{key}: takes a date like 2026-01-31"
    tiara = kind = None
    try:
        tiara = match_tiara(values["tiara"]) if "tiara" in values else None
        kind = match_kind(values["kind"]) if "kind" in values else None
    except FilterError as exc:
        problem = str(exc)
    return Query(
        text=text,
        tiara=tiara,
        kind=kind,
        goal=values.get("goal", ""),
        company=values.get("company", ""),
        industry=values.get("industry", ""),
        min_interest=interest,
        since=dates["since"],
        until=dates["until"],
        problem=problem,
    )


class ReflectScreen(SectionScreen):
    """Conversations held, newest first; those without a reflection first of all."""

    SECTION = Section.REFLECT
    AUTO_FOCUS = "#reflections"
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("g", "goals", "Goals"),
        Binding("i", "insights", "Insights"),
        Binding("escape", "leave_search", "Back to list", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: SearchIndex | None = None
        self._indexed: dict[RecordId, tuple[object, object]] = {}
        """What the index holds per interview: (interview, contact) objects, to re-index only what changed."""
        self._goals_indexed: tuple[object, ...] = ()
        self._synced_version = -1
        self._building = False
        """The first build of the index is under way."""
        self._waiting_for_index = False
        """The search box asks for a search the index has not been built for yet: redo it when ready."""

    def compose_body(self) -> ComposeResult:
        yield SubmitInput(
            placeholder="/ search notes and reflections · goal: company: industry: interest:4 since: tiara:trends kind:insight",
            id="reflect-search",
            compact=True,
        )
        yield Static(id="reflect-summary")
        yield RecordTable(COLUMNS, empty_text="No conversations match.", id="reflections")
        yield Static(EMPTY, id="empty", classes="empty-state")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#reflections", RecordTable)

    def _ensure_index(self) -> SearchIndex | None:
        """The search index, kept in step with the store one changed record at a time; None while the first
        build (about half a second at 10,000 contacts) runs in slices between keys and frames."""
        if self.index is None:
            if not self._building:
                self._building = True
                self._build_index()
            return None
        if self._synced_version == self.store.version:
            return self.index  # nothing changed since the last keystroke
        self._synced_version = self.store.version
        contacts = {c.id: c for c in self.store.contacts.all()}
        goals = tuple(self.store.goals.all())
        if goals != self._goals_indexed:  # the index takes the new titles (and re-indexes whom they touch)
            self.index.set_goals(goals)
            self._goals_indexed = goals
        seen = set()
        for iv in self.store.interviews.all():
            seen.add(iv.id)
            contact = contacts.get(iv.contact_id)
            known = self._indexed.get(iv.id)
            if known is None or known[0] is not iv or known[1] is not contact:
                self.index.update(iv, contact)
                self._indexed[iv.id] = (iv, contact)
        for gone in set(self._indexed) - seen:
            self.index.remove(gone)
            del self._indexed[gone]
        return self.index

    @work(exit_on_error=False, group="index")
    async def _build_index(self) -> None:
        """Build the index on the event loop, a few milliseconds at a time: keys typed meanwhile are handled
        between slices (a thread would hold the GIL against them), and the list is already on screen."""
        first = self.infoview.first_reflect_index
        if first is None or first.taken:
            first = self.infoview.first_reflect_index = FirstIndex(self.store)
        first.taken = True
        while not first.advance():
            await asyncio.sleep(0)
        self.index, self._indexed, self._goals_indexed = first.index, first.indexed, first.goals
        self._synced_version = first.version  # a change made since is picked up by the next search
        self._building = False
        if self._waiting_for_index:
            self.reload()

    def reload(self) -> None:
        self._search(self.query_one("#reflect-search", Input).value)

    def _search(self, raw: str) -> None:
        today = self.clock.now().astimezone().date()
        query = parse_query(raw, today)
        goals = {g.id: g for g in self.store.goals.all()}
        contacts = {c.id: c for c in self.store.contacts.all()}
        all_interviews = self.store.interviews.all()
        interviews = {iv.id: iv for iv in all_interviews}
        goal_id: RecordId | None = None
        if query.goal:  # no goal of that name: "" matches no interview, so the search finds nothing
            goal_id = next((g.id for g in goals.values() if query.goal.casefold() in g.title.casefold()), "")
        searching = bool(
            query.text or goal_id is not None or query.min_interest is not None or query.since or query.until
        ) or (query.tiara is not None or query.kind is not None)
        # The list needs no index: every conversation, newest first. Only a search waits for the index.
        index = self._ensure_index()
        self._waiting_for_index = searching and index is None
        if searching and index is not None:
            ids = index.search(
                query.text,
                goal_id=goal_id,
                min_interest=query.min_interest,
                since=query.since,
                until=query.until,
                tiara=query.tiara,
                kind=query.kind,
            )
        else:
            ids = [iv.id for iv in newest_first(all_interviews)]
        if not self._waiting_for_index:
            for field, wanted in (("company", query.company), ("industry", query.industry)):
                if wanted:  # part of the name is enough: company:acme finds "Acme Robotics, Inc."
                    needle = wanted.casefold()
                    ids = [
                        i
                        for i in ids
                        if i in interviews
                        and needle in getattr(contacts.get(interviews[i].contact_id), field, "").casefold()
                    ]
        ids = [i for i in ids if i in interviews]
        matched = query.text if not self._waiting_for_index else ""
        filtered = not self._waiting_for_index and (query.tiara is not None or query.kind is not None)
        first = {interview_id: position for position, interview_id in enumerate(ids[:SNIPPETS])}

        def build(row: int) -> TableRow:
            iv = interviews[order[row]]
            contact = contacts.get(iv.contact_id)
            reflection = iv.reflection
            if (matched or filtered) and iv.id in first:
                learned = snippet(iv, matched, tiara=query.tiara, kind=query.kind)
            else:
                learned = reflection.takeaways.strip().split("\n")[0] if reflection.takeaways.strip() else ""
            return TableRow(
                key=str(iv.id),
                cells=(
                    fmt_local(iv.call.ended_at),
                    contact.name if contact else "?",
                    contact.company if contact else "",
                    "★" * (reflection.interest or 0),
                    ", ".join(goals[g].title for g in reflection.goal_ids if g in goals),
                    learned or "(not written yet: enter to reflect)",
                ),
                tone="" if reflection.is_written else "due",
            )

        # Those waiting for a reflection first (unless searching); rows are built only when drawn.
        unwritten = [] if matched else [i for i in ids if not interviews[i].reflection.is_written]
        written = [i for i in ids if matched or interviews[i].reflection.is_written]
        order = unwritten + written
        self.table.set_rows(LazyRows([str(i) for i in order], [""] * len(order), build))
        self.set_class(not any(is_conducted(iv) for iv in all_interviews), "-empty")
        summary: list[Part]
        if self._waiting_for_index:
            summary = [
                ("Search is getting ready…", "bold $warning"),
                (
                    "  the results replace this list in a moment; meanwhile every conversation shows",
                    "$text-muted",
                ),
            ]
        else:
            summary = [
                (f"{len(order)} conversation{'' if len(order) == 1 else 's'}", "bold"),
                (f"  ·  {len(unwritten)} waiting for a reflection" if unwritten else "", "$warning"),
                ("  ·  enter opens one · g goals · i insights", "$text-muted"),
            ]
        if query.problem:
            summary.append((f"  ·  {query.problem}", "bold $error"))
        self.query_one("#reflect-summary", Static).update(assemble(*summary))

    @on(Input.Changed, "#reflect-search")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#reflect-search")
    def _search_done(self) -> None:
        self.set_focus(self.table)

    def action_search(self) -> None:
        """/ from the list: into the field. A priority binding, so it happens as the app takes the key, before
        the keys queued behind it are handed to a widget ("/ada" typed fast lands in the field, not on the list
        where "a" would open a form). In the field, / is just a character."""
        field = self.query_one("#reflect-search", Input)
        if self.focused is field:
            raise SkipAction()
        self.set_focus(field)

    def action_leave_search(self) -> None:
        """escape in the field: back to the list, at once (priority, as `/`); elsewhere escape is not ours."""
        if self.focused is not self.query_one("#reflect-search", Input):
            raise SkipAction()
        self.set_focus(self.table)

    def reveal(self, record_id: RecordId) -> None:
        self.call_after_refresh(self._open, record_id)

    def _open(self, interview_id: RecordId) -> None:
        from infoview_tui.ui.screens.reflection_form import ReflectionScreen

        self.table.move_to_key(str(interview_id))
        if self.store.interviews.get(interview_id) is not None:
            self.app.push_screen(ReflectionScreen(interview_id), self._returned)

    @on(RecordTable.Selected, "#reflections")
    def _selected(self, event: RecordTable.Selected) -> None:
        self._open(event.key)

    @work
    async def action_goals(self) -> None:
        from infoview_tui.ui.screens.goals import GoalsScreen

        await self.app.push_screen_wait(GoalsScreen())
        await self.refresh_data(force=True)

    def action_insights(self) -> None:
        from infoview_tui.ui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())
