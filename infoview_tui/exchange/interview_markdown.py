"""Provides the record of a conducted interview as Markdown: one document per conversation, for any
Markdown viewer or a notes vault (Obsidian, Logseq, plain folders).

`interview_markdown(records, interview_id, now)` (records: a `Snapshot`) gives YAML front matter (date, person, company, goals, tags,
interest, duration_minutes on the clock) and then, in order: the person; the call (date, actual length,
medium); your research; the questions asked, each with the notes taken while it was current (mm:ss into the
call, the kind of note and its TIARA tag); every note in order; where the follow-up stands (thank-you,
LinkedIn, referrals, the call's action items as a task list with the day each was done, next check-in); and
the reflection (takeaways, surprises, goals, whether it changed your direction, next steps as a task list
with due dates and done dates, interest).

`filenames(records)` names each conducted interview's file like `2026-11-24-aisha-bello-carbonly.md` (ASCII,
at most 80 characters, unique: a clash gets `-{id}`), and `export_all(records, folder, now)` writes them all,
each atomically. Times are shown in the zone of `now`. User text is escaped as in the prep sheet, so a note
cannot break the document's structure or add a link, an image or HTML; front-matter values are JSON-quoted
strings on one line (YAML reads them), so a name like `---`, `yes`, `null` or `key: value` stays a string.
A hand-edited time in year 1 or 9999 is left out instead of crashing the export, and described in `problems`.

This module is pure core: no Textual import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from infoview_tui.domain.dates import humanize_delta
from infoview_tui.domain.models import (
    ChosenQuestion,
    Contact,
    Goal,
    Interview,
    Note,
    NoteKind,
    QuestionCategory,
    RecordId,
)
from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.domain.text import slug
from infoview_tui.domain.timing import fmt_clock
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
from infoview_tui.fileio import atomic_write_text, ensure_folder
from infoview_tui.stages.conduct.call import actual_length, is_conducted
from infoview_tui.stages.follow_up.drafts import open_referrals, referral_company, referral_name

__all__ = [
    "FILENAME_LIMIT",
    "INTERVIEW_TAG",
    "export_all",
    "filenames",
    "interview_markdown",
    "is_conducted",
    "render_interview",
    "safe_filename",
]

FILENAME_LIMIT = 80
"""Characters in a file name, `.md` included."""
INTERVIEW_TAG = "informational-interview"
NOT_WRITTEN = "_Not written._"
_KIND_LABELS = {NoteKind.INSIGHT: "Insight", NoteKind.ACTION: "Action", NoteKind.REFERRAL: "Referral"}


def _call_start(interview: Interview) -> datetime | None:
    return interview.call.started_at or interview.scheduled_at or interview.call.ended_at


# File names ----------------------------------------------------------------------------------------------


def _fit(words: str, room: int) -> str:
    """The slug cut to `room` characters, on a hyphen when one is near the end."""
    if len(words) <= room:
        return words
    cut = words[:room]
    if "-" in cut[room // 2 :]:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def safe_filename(
    interview: Interview, contact: Contact | None, *, suffix: str = "", tz: tzinfo | None = None
) -> str:
    """'2026-11-24-aisha-bello-carbonly.md': the call's local date (in `tz`, default the machine's zone),
    the person and the company as an ASCII slug, at most 80 characters. `suffix` (such as the id) is kept
    whole before `.md`. Never contains a path separator; 'undated' and 'unknown' stand in for what is
    missing."""
    start = _call_start(interview)
    day = start.astimezone(tz).strftime("%Y-%m-%d") if start is not None else "undated"
    who = slug(" ".join(p for p in (contact.name, contact.company) if p.strip())) if contact else ""
    tail = f"-{slug(suffix)}" if slug(suffix) else ""
    room = FILENAME_LIMIT - len(day) - 1 - len(tail) - len(".md")
    return f"{day}-{_fit(who, room) or 'unknown'}{tail}.md"


def filenames(records: Snapshot, tz: tzinfo | None = None) -> dict[RecordId, str]:
    """A unique file name for every conducted interview, by interview id.

    The interview with the lowest id keeps the plain name; later ones with the same name (compared
    ignoring case, for case-insensitive file systems) get `-{id}`, so names stay stable as you add more.
    """
    contacts = records.contact_map()
    conducted = sorted((iv for iv in records.interviews if is_conducted(iv)), key=lambda iv: iv.id)
    names: dict[RecordId, str] = {}
    used: set[str] = set()
    for iv in conducted:
        contact = contacts.get(iv.contact_id)
        iv = checked_interview(iv)  # the time names the file: a hand-edited year 9999 must not crash it
        name = safe_filename(iv, contact, tz=tz)
        extra = 1
        while name.casefold() in used:
            suffix = str(iv.id) if extra == 1 else f"{iv.id}-{extra}"
            name = safe_filename(iv, contact, suffix=suffix, tz=tz)
            extra += 1
        used.add(name.casefold())
        names[iv.id] = name
    return names


def export_all(
    records: Snapshot, folder: Path, now: datetime, problems: list[Problem] | None = None
) -> list[Path]:
    """Write one Markdown file per conducted interview into `folder` (created if missing), each atomically.

    Returns the paths written, in interview order. Files already in the folder with other names are left
    alone; a file with the same name is replaced. Values a hand edit made unusable are described in
    `problems`.
    """
    ensure_folder(folder)
    contacts = records.contact_map()
    goals = records.goal_map()
    interviews = {iv.id: iv for iv in records.interviews}
    written = []
    for interview_id, name in filenames(records, now.tzinfo).items():
        interview = interviews[interview_id]
        text = render_interview(
            interview, contacts.get(interview.contact_id), goals, now, contacts=contacts, problems=problems
        )
        path = folder / name
        atomic_write_text(path, text)
        written.append(path)
    return written


# Front matter -------------------------------------------------------------------------------------------

_YAML_UNSAFE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff]")


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, which YAML reads), on one line."""
    quoted = json.dumps(" ".join(strip_controls(text, replacement=" ").split()), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _tag(text: str) -> str:
    """A tag as note tools accept it: no spaces (hyphens instead), letters, digits, '_', '-' and '/'."""
    tag = re.sub(r"[^\w/-]+", "-", "-".join(text.split())).strip("-/")
    return "" if not tag or tag.replace("-", "").replace("_", "").isdigit() else tag


def _front_matter(
    interview: Interview, contact: Contact | None, goals: Mapping[RecordId, Goal], tz: tzinfo | None
) -> list[str]:
    start = _call_start(interview)
    goal_titles = [goals[g].title for g in interview.reflection.goal_ids if g in goals]
    tags: dict[str, str] = {}
    for raw in [*(contact.tags if contact else ()), INTERVIEW_TAG]:
        tag = _tag(raw)
        if tag:
            tags.setdefault(tag.casefold(), tag)
    minutes = round(actual_length(interview).total_seconds() / 60) if is_conducted(interview) else None
    lines = ["---"]
    lines.append(f"date: {start.astimezone(tz):%Y-%m-%d}" if start is not None else "date:")
    lines.append(f"person: {_yaml_str(contact.name if contact else '')}")
    lines.append(f"company: {_yaml_str(contact.company if contact else '')}")
    lines.append("goals:" + ("" if goal_titles else " []"))
    lines += [f"  - {_yaml_str(t)}" for t in goal_titles]
    lines.append("tags:")
    lines += [f"  - {_yaml_str(t)}" for t in tags.values()]
    interest = interview.reflection.interest
    lines.append("interest:" + (f" {interest}" if interest is not None else ""))
    lines.append("duration_minutes:" + (f" {minutes}" if minutes is not None else ""))
    lines.append("---")
    return lines


# Sections -----------------------------------------------------------------------------------------------


def _duration(delta: timedelta) -> str:
    """'28 min 12 s', '45 s', '1 h 2 min'."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _at(when: datetime, tz: tzinfo | None) -> str:
    local = when.astimezone(tz)
    return f"{local:%a %d %b %Y}, {local:%H:%M} {local.tzname() or ''}".rstrip()


def _the_call(interview: Interview, tz: tzinfo | None) -> list[str]:
    rows = []
    call = interview.call
    start, end = call.started_at, call.ended_at
    if start is not None and end is not None:
        a, b = start.astimezone(tz), end.astimezone(tz)
        until = f"{b:%H:%M}" if a.date() == b.date() else f"{b:%a %d %b %Y}, {b:%H:%M}"
        rows.append(f"- Date: {a:%a %d %b %Y}, {a:%H:%M}–{until} {a.tzname() or ''}".rstrip())
    elif interview.scheduled_at is not None:
        rows.append(f"- Date: {_at(interview.scheduled_at, tz)} (scheduled)")
    if end is not None:
        planned = f"{interview.duration_minutes} min planned"
        length = f"- Length: {_duration(actual_length(interview))} on the clock ({planned})"
        pauses = [
            (later.start - earlier.end)
            for earlier, later in zip(call.spans, call.spans[1:], strict=False)
            if earlier.end is not None and later.start > earlier.end
        ]
        if pauses:
            times = "once" if len(pauses) == 1 else f"{len(pauses)} times"
            length += f"; paused {times}, {_duration(sum(pauses, timedelta()))} in all"
        rows.append(length)
    else:
        rows.append(f"- Length: not held yet ({interview.duration_minutes} min planned)")
    rows.append(f"- Medium: {interview.medium.label}")
    if interview.location.strip():
        rows.append(f"- Location: {url_or_text(interview.location)}")
    if interview.their_timezone.strip():
        rows.append(f"- Their time zone: {md_inline(interview.their_timezone)}")
    return rows


def _stamp(note: Note) -> str:
    return f"`{fmt_clock(timedelta(seconds=max(0.0, note.offset_s)))}`"


def _note_line(note: Note) -> str:
    """'- `08:00` **Insight:** text *(TIARA: Trends)*'; a plain note has no label, an untagged one no TIARA,
    an action item ticked off says '(done)'."""
    label = _KIND_LABELS.get(note.kind)
    kind = f" **{label}:**" if label else ""
    extra = [f"TIARA: {note.tiara.label}"] if note.tiara is not None else []
    if note.kind is NoteKind.ACTION and note.done_at is not None:
        extra.append("done")
    tail = f" *({', '.join(extra)})*" if extra else ""
    return f"- {_stamp(note)}{kind} {md_inline(note.text)}{tail}"


def _question_heading(number: int, question: ChosenQuestion) -> list[str]:
    meta = []
    if question.category is not QuestionCategory.OTHER:
        meta.append(question.category.label)
    if question.must_ask:
        meta.append("must ask")
    if question.asked and question.asked_offset_s is not None:
        meta.append(f"asked at {fmt_clock(timedelta(seconds=question.asked_offset_s))}")
    elif not question.asked:
        meta.append("not marked as asked")
    if question.usefulness is not None:
        meta.append(f"usefulness {question.usefulness}/5")
    rows = [f"### {number}. {md_inline(question.text)}"]
    if meta:
        rows += ["", "*" + " · ".join(meta) + "*"]
    return rows


def _questions(interview: Interview) -> list[str]:
    if not interview.questions:
        return ["_No questions were prepared._"]
    by_question: dict[int | None, list[Note]] = {}
    for note in sorted(interview.notes, key=lambda n: (n.offset_s, n.id)):
        index = note.question_index
        if index is not None and not 0 <= index < len(interview.questions):
            index = None
        by_question.setdefault(index, []).append(note)
    rows: list[str] = []
    if by_question.get(None):
        rows += ["### Before the first question", ""]
        rows += [_note_line(n) for n in by_question[None]]
        rows.append("")
    not_asked = []
    for index, question in enumerate(interview.questions):
        notes = by_question.get(index, [])
        if not question.asked and not notes:
            not_asked.append(question)
            continue
        rows += _question_heading(index + 1, question)
        rows.append("")
        rows += [_note_line(n) for n in notes] if notes else ["_No notes._"]
        rows.append("")
    if not_asked:
        rows += ["### Not asked", ""]
        rows += [f"- {md_inline(q.text)}" for q in not_asked]
    return rows if rows[-1:] != [""] else rows[:-1]


def _all_notes(interview: Interview) -> list[str]:
    notes = sorted(interview.notes, key=lambda n: (n.offset_s, n.id))
    return [_note_line(n) for n in notes] if notes else ["_No notes were taken._"]


def _follow_up(interview: Interview, now: datetime, tz: tzinfo | None) -> list[str]:
    follow_up = interview.follow_up
    rows = []
    if follow_up.thank_you_sent_at is not None:
        rows.append(f"- Thank-you: sent {_at(follow_up.thank_you_sent_at, tz)}")
    elif interview.thank_you_due is not None:
        due = interview.thank_you_due
        status = humanize_delta(due - now) if now <= due else f"overdue by {humanize_delta(now - due)[3:]}"
        rows.append(f"- Thank-you: not sent yet, due {_at(due, tz)} ({status})")
    else:
        rows.append("- Thank-you: not sent yet")
    if follow_up.linkedin_connected_at is not None:
        rows.append(f"- LinkedIn: connected {follow_up.linkedin_connected_at.astimezone(tz):%a %d %b %Y}")
    else:
        rows.append("- LinkedIn: not connected yet")
    referrals = [n for n in interview.notes if n.kind is NoteKind.REFERRAL]
    if referrals:
        still_open = {n.id for n in open_referrals(interview)}
        rows.append("- Referrals:")
        for note in referrals:
            name = referral_name(note.text)
            company = referral_company(note.text)
            who = f"{name}, {company}" if company and company not in name else name
            status = "not added yet" if note.id in still_open else "added as a contact"
            rows.append(f"  - {md_inline(who)}: {status}")
    else:
        rows.append("- Referrals: none")
    actions = [n for n in interview.notes if n.kind is NoteKind.ACTION]
    if actions:
        rows.append("- Action items from the call:")
        for note in sorted(actions, key=lambda n: (n.offset_s, n.id)):
            done = f" (done {note.done_at.astimezone(tz):%a %d %b %Y})" if note.done_at is not None else ""
            rows.append(f"  - [{'x' if note.done_at is not None else ' '}] {md_inline(note.text)}{done}")
    if follow_up.next_checkin is not None:
        said = f": {md_inline(follow_up.checkin_note)}" if follow_up.checkin_note.strip() else ""
        rows.append(f"- Next check-in: {follow_up.next_checkin:%a %d %b %Y}{said}")
    else:
        rows.append("- Next check-in: none planned")
    return rows


def _reflection(interview: Interview, goals: Mapping[RecordId, Goal], tz: tzinfo | None = None) -> list[str]:
    reflection = interview.reflection
    titles = [goals[g].title for g in reflection.goal_ids if g in goals]
    if not (reflection.is_written or titles or reflection.interest is not None):
        return ["_Not written yet._"]
    rows = ["### Takeaways", "", md_block(reflection.takeaways) or NOT_WRITTEN, ""]
    rows += ["### Surprises", "", md_block(reflection.surprises) or NOT_WRITTEN, ""]
    rows += ["### Goals", ""]
    rows += [f"- {md_inline(t)}" for t in titles] if titles else ["_None chosen._"]
    changed = {True: "Yes", False: "No", None: "Not sure yet"}[reflection.changed_direction]
    rows += ["", "### Changed my direction", "", changed, ""]
    rows += ["### Next steps", ""]
    if reflection.next_steps:
        for step in reflection.next_steps:
            due = f" (due {step.due:%a %d %b %Y})" if step.due is not None else ""
            if step.done_at is not None:
                due += f" (done {step.done_at.astimezone(tz):%a %d %b %Y})"
            rows.append(f"- [{'x' if step.done else ' '}] {md_inline(step.text)}{due}")
    else:
        rows.append("_None yet._")
    interest = f"{reflection.interest}/5" if reflection.interest is not None else "_Not rated._"
    rows += ["", "### Interest in this path", "", interest]
    return rows


def render_interview(
    interview: Interview,
    contact: Contact | None,
    goals: Mapping[RecordId, Goal] | Iterable[Goal],
    now: datetime,
    *,
    contacts: Mapping[RecordId, Contact] | None = None,
    problems: list[Problem] | None = None,
) -> str:
    """One interview's document from its records (what `interview_markdown` does after the look-ups).

    Values a hand edit made unusable (see `export_guard`) are left out and described in `problems`.
    """
    interview = checked_interview(interview, problems)
    goal_map = goals if isinstance(goals, Mapping) else {g.id: g for g in goals}
    contact_map = contacts if contacts is not None else ({contact.id: contact} if contact else {})
    tz = now.tzinfo
    name = contact.name if contact is not None and contact.name.strip() else "(unknown contact)"
    company = contact.company.strip() if contact is not None else ""
    title = f"{md_inline(name)}, {md_inline(company)}" if company else md_inline(name)

    def section(heading: str, body: list[str] | str) -> list[str]:
        lines = body if isinstance(body, list) else [body]
        return ["", f"## {heading}", "", *lines]

    out = _front_matter(interview, contact, goal_map, tz)
    out += ["", f"# Conversation with {title}"]
    out += section("Person", person_lines(contact, contact_map))
    out += section("The call", _the_call(interview, tz))
    research = ["### What I hoped to learn", "", md_block(interview.hope_to_learn) or NOT_WRITTEN, ""]
    research += ["### The person", "", md_block(interview.research_person) or NOT_WRITTEN, ""]
    research += ["### The company", "", md_block(interview.research_company) or NOT_WRITTEN]
    out += section("Research", research)
    out += section("Questions asked", _questions(interview))
    out += section("All notes", _all_notes(interview))
    out += section("Follow-up", _follow_up(interview, now, tz))
    out += section("Reflection", _reflection(interview, goal_map, tz))
    return "\n".join(out) + "\n"


def interview_markdown(
    records: Snapshot, interview_id: RecordId, now: datetime, problems: list[Problem] | None = None
) -> str:
    """One interview's record as Markdown. Raises UnknownInterviewError (a KeyError) for a bad id.

    Values a hand edit made unusable are left out and described in `problems`.
    """
    interview = records.interview(interview_id)
    if interview is None:
        raise UnknownInterviewError(interview_id)
    contacts = records.contact_map()
    goals = records.goal_map()
    return render_interview(
        interview, contacts.get(interview.contact_id), goals, now, contacts=contacts, problems=problems
    )
