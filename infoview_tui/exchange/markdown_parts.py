"""Provides the Markdown pieces the prep sheet and the interview record share.

Escaping user text (`md_inline` for one line inside our formatting, `md_block` for paragraphs), links
(`url_or_text`), the person block (`person_lines`), the unknown-id error and the guard pass over an interview
(`checked_interview`). One home, so the two exports cannot drift apart. Pure core: no Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from infoview_tui.domain.models import Contact, HowKnown, Interview, RecordId
from infoview_tui.domain.safe_text import openable_url, strip_controls
from infoview_tui.exchange.guard import Problem, usable

__all__ = [
    "UnknownInterviewError",
    "checked_interview",
    "md_block",
    "md_inline",
    "person_lines",
    "url_or_text",
]


class UnknownInterviewError(KeyError):
    """There is no interview with that id in the data file."""

    def __init__(self, interview_id: RecordId) -> None:
        super().__init__(interview_id)
        self.interview_id = interview_id

    def __str__(self) -> str:  # KeyError would print the repr of its argument
        return f"there is no interview with id {self.interview_id}"


# Markdown escaping ---------------------------------------------------------------------------------------

_PUNCT_AFTER_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # not between two letters/digits (snake_case stays)
_RULE_LINE = re.compile(r"([-=_*])(?:\s*\1)*\s*")
_BRACKET = re.compile(r"[\[\]]")
_BACKSLASHES_BEFORE_ESCAPED = re.compile(r"\\+(?=[\[\]]|<[A-Za-z/!?])")
_TASK_BOX = re.compile(r"([-*+]\s+)\[([ xX])\](?=\s)")


def md_inline(text: str) -> str:
    """User text for a spot inside the sheet's own formatting (a heading, a list item, after a bold label).

    One line; `*`, backticks, `[`, `]`, `_` (except inside words), HTML tags and autolinks, and a backslash
    before punctuation are escaped, as is anything that would start a block at the beginning or close a
    heading at the end.
    """
    s = " ".join(strip_controls(text, replacement=" ").split())
    s = _PUNCT_AFTER_BACKSLASH.sub(r"\\\\", s)
    s = re.sub(r"[*`\[\]]", lambda m: "\\" + m.group(0), s)
    s = _UNDERSCORE.sub(r"\\_", s)
    s = _TAG_START.sub(r"\\<", s)
    s = re.sub(r"^([#>]|[-+](?=\s|$))", r"\\\1", s)
    s = re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", s)
    s = re.sub(r"(?<=\s)(#+)$", lambda m: "\\#" * len(m.group(1)), s)
    return s


def md_block(text: str) -> str:
    """Multi-line user text as paragraphs: lists and emphasis kept, structure-breaking lines escaped."""
    lines = []
    for raw in strip_controls(text, multiline=True).strip().splitlines():
        line = raw.strip()  # leading spaces would start an indented code block
        line = _BACKSLASHES_BEFORE_ESCAPED.sub(lambda m: m.group(0) * 2, line)  # '\[' cannot undo the escape
        line = _TAG_START.sub(r"\\<", line)
        box = _TASK_BOX.match(line)
        head, tail = (box.group(0), line[box.end() :]) if box else ("", line)
        line = head + _BRACKET.sub(lambda m: "\\" + m.group(0), tail)
        if re.match(r"#|>|```|~~~", line) or _RULE_LINE.fullmatch(line):
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def url_or_text(text: str) -> str:
    """A bare http(s) address as a Markdown autolink; anything else (`javascript:`, `file:`) escaped text."""
    value = " ".join(text.split())
    if openable_url(value) is not None and re.fullmatch(r"https?://[^\s<>]+", value, re.IGNORECASE):
        return f"<{value}>"
    return md_inline(value)


# The person ---------------------------------------------------------------------------------------------


def _how_known(contact: Contact, contacts: Mapping[RecordId, Contact]) -> str:
    introducer = contacts.get(contact.introduced_by_id) if contact.introduced_by_id is not None else None
    if (
        contact.how_known is HowKnown.INTRODUCTION
        and not contact.introduced_by_name
        and introducer is not None
    ):
        return f"Intro by {introducer.name}"
    return contact.how_known_label


def person_lines(contact: Contact | None, contacts: Mapping[RecordId, Contact]) -> list[str]:
    """The person as Markdown list lines (shared by the prep sheet and the interview record)."""
    if contact is None:
        return ["_This interview's contact is missing from the data file._"]
    rows = []
    if contact.title.strip():
        rows.append(f"- Title: {md_inline(contact.title)}")
    if contact.company.strip():
        industry = f" ({md_inline(contact.industry)})" if contact.industry.strip() else ""
        rows.append(f"- Company: {md_inline(contact.company)}{industry}")
    if contact.email.strip():
        rows.append(f"- Email: {md_inline(contact.email)}")
    if contact.linkedin_url.strip():
        rows.append(f"- LinkedIn: {url_or_text(contact.linkedin_url)}")
    rows.append(f"- How you know them: {md_inline(_how_known(contact, contacts))}")
    return rows


def checked_interview(interview: Interview, problems: list[Problem] | None = None) -> Interview:
    """`interview` without hand-edited values an export cannot use (see `export_guard.usable`)."""
    checked = usable(interview, problems)
    assert checked is not None  # an interview's own required fields hold no time: it is never left out
    return checked
