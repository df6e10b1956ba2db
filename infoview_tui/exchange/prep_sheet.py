"""Provides the prep sheet: one interview as Markdown, to keep on a second screen during the call.

`prep_sheet(records, interview_id, now)` (records: a `Snapshot`) gives, in order: `# Prep: {name}`, the person, when (in the user's
zone, the zone of `now`, and in theirs if set), the brief (`stages.prepare.brief`: what they told you before,
what you promised and did, your next steps, what others at the company or in the role said; left out when
there is nothing), what you hope to learn, your research on the person and on
the company, the questions in order (must-asks marked, TIARA category shown) and a time plan with clock
times (small talk, about 3 minutes a question, a wrap-up that ends on time) from `timing.pacing`.

User text is escaped only where it would break the sheet's structure or make it do something: a line
starting with `#`, `>`, a code fence, an HTML tag, a line of `---`/`===` (which would turn the line above into
a heading), and every `[` and `]`, so `[x](javascript:…)`, `![t](http://tracker/…)` and `[1]: http://…` stay
text (a task box `- [ ]` at the start of a line is kept). `<` before a letter, `/`, `!` or `?` is escaped,
which also stops autolinks (`<http://…>`) and raw HTML (`<img src=…>`). Bullet lists and emphasis in your
research notes are kept. Text put inside the sheet's own formatting (names, questions) also has `*`, `_` and
backticks escaped, so it cannot unbalance the bold and list markers around it. Control characters (ESC, NUL,
bidi overrides) are removed from all user text. The only links in a sheet are the ones it makes itself, from
http(s) addresses (`url_or_text`).

A hand-edited time in year 1 or 9999 (or an absurd call length) is left out of the sheet instead of crashing
it, and described in `problems` (see `export_guard`). This module is pure core: no Textual import.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from infoview_tui.domain.dates import humanize_delta, zone_named
from infoview_tui.domain.models import JOIN_EARLY, ChosenQuestion, Interview, QuestionCategory, RecordId
from infoview_tui.domain.timing import MINUTES_PER_QUESTION, SMALL_TALK_MINUTES, WRAP_UP_MINUTES, pacing
from infoview_tui.exchange.guard import Problem
from infoview_tui.exchange.markdown_parts import (
    UnknownInterviewError,
    checked_interview,
    md_block,
    md_inline,
    person_lines,
    url_or_text,
)
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.prepare.brief import Brief, build_brief

__all__ = ["brief_lines", "prep_sheet", "time_plan"]

SMALL_TALK_CUE = "small talk: thank them, re-introduce yourself, confirm how much time they have"
WRAP_UP_CUE = "wrap-up: who else should I talk to? thank them"
SPARE_CUE = "follow up on what interested you most"
PLAN_TEXT_LIMIT = 60
NOT_WRITTEN = "_Not written yet._"


# Sections -------------------------------------------------------------------------------------------------


def _when(interview: Interview, tz: tzinfo | None, now: datetime) -> list[str]:
    rows = []
    start = interview.scheduled_at
    if start is None:
        rows.append(f"- Not scheduled yet ({interview.duration_minutes} min planned)")
    else:
        local = start.astimezone(tz)
        end = local + timedelta(minutes=interview.duration_minutes)
        rows.append(
            f"- {local:%a %d %b %Y}, {local:%H:%M}–{end:%H:%M} {local.tzname() or ''}".rstrip()
            + f" ({interview.duration_minutes} min, {humanize_delta(local - now)})"
        )
        minutes = int(JOIN_EARLY.total_seconds() // 60)
        rows.append(f"- Join at {local - JOIN_EARLY:%H:%M}, {minutes} minutes early")
    rows.append(f"- Medium: {interview.medium.label}")
    if interview.location.strip():
        rows.append(f"- Location: {url_or_text(interview.location)}")
    if interview.their_timezone.strip():
        zone_name = interview.their_timezone.strip()
        zone = zone_named(zone_name)
        there = ""
        if start is not None and zone is not None:
            theirs = start.astimezone(zone)
            there = f" ({theirs:%H:%M}–{theirs + timedelta(minutes=interview.duration_minutes):%H:%M} there)"
        rows.append(f"- Their time zone: {md_inline(zone_name)}{there}")
    return rows


def _category(question: ChosenQuestion) -> str:
    return "" if question.category is QuestionCategory.OTHER else f" *({question.category.label})*"


def _questions(interview: Interview) -> list[str]:
    if not interview.questions:
        return ["_No questions chosen yet: pick some in Prepare._"]
    rows = []
    for i, q in enumerate(interview.questions, 1):
        must = "**Must ask:** " if q.must_ask else ""
        rows.append(f"{i}. {must}{md_inline(q.text)}{_category(q)}")
    return rows


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= PLAN_TEXT_LIMIT:
        return one_line
    cut = one_line[: PLAN_TEXT_LIMIT - 1]
    if " " in cut[PLAN_TEXT_LIMIT // 2 :]:
        cut = cut[: cut.rindex(" ")]  # end on a whole word
    return cut.rstrip(" ,;:") + "…"


def time_plan(interview: Interview, tz: tzinfo | None) -> list[str]:
    """The plan as Markdown list lines, then a blank line and the totals line.

    Small talk first, then about 3 minutes a question in order, and a 3-minute wrap-up that ends when the time
    allotted ends. Clock times in `tz` when the interview has a time, else minutes from the start.
    """
    allotted = interview.duration_minutes
    start = interview.scheduled_at.astimezone(tz) if interview.scheduled_at is not None else None

    def at(minutes: int) -> str:
        if start is None:
            return f"{minutes // 60}:{minutes % 60:02d}"
        return f"{start + timedelta(minutes=minutes):%H:%M}"

    def span(a: int, b: int) -> str:
        return f"{at(a)}–{at(b)}"

    rows = [f"- {span(0, SMALL_TALK_MINUTES)} {SMALL_TALK_CUE}"]
    wrap_start = max(SMALL_TALK_MINUTES, allotted - WRAP_UP_MINUTES)
    cursor = SMALL_TALK_MINUTES
    left_out: list[tuple[int, ChosenQuestion]] = []
    for number, q in enumerate(interview.questions, 1):
        end = cursor + MINUTES_PER_QUESTION
        if end > wrap_start:
            left_out.append((number, q))
            continue
        must = " (must ask)" if q.must_ask else ""
        rows.append(f"- {span(cursor, end)} Q{number}{must} {md_inline(_short(q.text))}")
        cursor = end
    if cursor < wrap_start and not left_out:
        rows.append(f"- {span(cursor, wrap_start)} spare {wrap_start - cursor} min: {SPARE_CUE}")
    rows.append(f"- {span(wrap_start, wrap_start + WRAP_UP_MINUTES)} {WRAP_UP_CUE}")
    if left_out:
        names = "; ".join(f"Q{n} {md_inline(_short(q.text))}" for n, q in left_out)
        rows.append(f"- No time left for: {names} (cut them, or ask only if they offer more time)")
        musts = [f"Q{n}" for n, q in left_out if q.must_ask]
        if musts:
            rows.append(f"- **Must-asks out of time:** {', '.join(musts)}: move them up or cut others")
    pace = pacing(len(interview.questions), allotted)
    verdict = "it fits." if pace.fits else "it does not fit."
    rows += ["", f"**Total:** {pace.summary}; {verdict}"]
    return rows


def brief_lines(brief: Brief) -> list[str]:
    """The brief as Markdown: a `###` heading per section that has something, its items as a list, newest
    first, then '+N more'. Empty when there is nothing to say (the sheet then has no brief heading)."""
    rows: list[str] = []
    for section in brief.sections:
        rows += ["", f"### {md_inline(section.title)}", ""]
        rows += [f"- {md_inline(item.lead)}: {md_inline(item.text)}" for item in section.items]
        if section.more:
            rows.append(f"- _{section.more_line}_")
    return rows[1:]


def prep_sheet(
    records: Snapshot, interview_id: RecordId, now: datetime, problems: list[Problem] | None = None
) -> str:
    """One interview's prep sheet as Markdown. Raises UnknownInterviewError (a KeyError) for a bad id.

    Values a hand edit made unusable are left out and described in `problems`.
    """
    interview = records.interview(interview_id)
    if interview is None:
        raise UnknownInterviewError(interview_id)
    interview = checked_interview(interview, problems)
    tz = now.tzinfo
    contacts = records.contact_map()
    contact = contacts.get(interview.contact_id)
    name = contact.name if contact is not None and contact.name.strip() else "(unknown contact)"

    def section(title: str, body: list[str] | str) -> list[str]:
        lines = body if isinstance(body, list) else [body]
        return ["", f"## {title}", "", *lines]

    out = [f"# Prep: {md_inline(name)}"]
    out += section("Person", person_lines(contact, contacts))
    out += section("When", _when(interview, tz, now))
    brief = brief_lines(build_brief(interview, records.interviews, contacts, now))
    if brief:
        out += section("The brief: what you already know", brief)
    out += section("What I hope to learn", md_block(interview.hope_to_learn) or NOT_WRITTEN)
    out += section("Research: the person", md_block(interview.research_person) or NOT_WRITTEN)
    out += section("Research: the company", md_block(interview.research_company) or NOT_WRITTEN)
    out += section("Questions", _questions(interview))
    out += section("Time plan", time_plan(interview, tz))
    return "\n".join(out) + "\n"
