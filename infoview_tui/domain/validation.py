"""Provides checks of what people type into forms, with messages that say how to fix it.

Pure functions: forms call them on save and show each message under its field; nothing typed is lost.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from infoview_tui.domain.safe_text import strip_controls

MAX_NAME = 200
MAX_FIELD = 500
MAX_NOTES = 100_000

_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


def clean_line(text: str, limit: int = MAX_FIELD) -> str:
    """One line of user text: control characters and bidi overrides dropped, whitespace collapsed, capped.

    Emoji joiners and right-to-left marks stay (see `safe_text.strip_controls`).
    """
    cleaned = strip_controls(text[: limit * 4], replacement=" ")
    return " ".join(cleaned.split())[:limit]


def clean_block(text: str, limit: int = MAX_NOTES) -> str:
    """Multi-line user text: control characters other than newlines and tabs dropped, capped."""
    return strip_controls(text[:limit], multiline=True).strip()


def check_name(name: str) -> str | None:
    """A contact needs a name."""
    if not clean_line(name):
        return "A name is required."
    if len(name.strip()) > MAX_NAME:
        return f"That name is over {MAX_NAME} characters; shorten it."
    return None


def check_email(email: str) -> str | None:
    """Empty is fine; otherwise it must look like name@example.com."""
    value = email.strip()
    if not value:
        return None
    if not _EMAIL_RE.match(value):
        return "That doesn't look like an email address (name@example.com)."
    return None


def normalise_url(url: str) -> str:
    """Add https:// to a bare 'linkedin.com/in/…' so people can paste either form."""
    value = url.strip()
    if value and "://" not in value and "." in value.split("/")[0]:
        value = "https://" + value
    return value


def check_url(url: str) -> str | None:
    """Empty is fine; otherwise an http(s) address with a host."""
    value = normalise_url(url)
    if not value:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value:
        return "That doesn't look like a web address (https://www.linkedin.com/in/…)."
    return None


def parse_tags(text: str) -> tuple[str, ...]:
    """'a, b;  c' → ('a', 'b', 'c'), without duplicates, in order."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;]", text):
        tag = clean_line(part, 60)
        if tag and tag.casefold() not in {t.casefold() for t in seen}:
            seen[tag] = None
    return tuple(seen)


def check_minutes(text: str) -> tuple[int | None, str | None]:
    """Allotted minutes: a whole number from 5 to 240; returns (value, error)."""
    value = text.strip()
    if not value.isdigit():
        return None, "Type the minutes as a number, e.g. 30."
    minutes = int(value)
    if not 5 <= minutes <= 240:
        return None, "Between 5 and 240 minutes."
    return minutes, None
