"""Provides the rules for who you are: cleaning and checking a profile as typed, and how it reads back.

The profile form and `infoview-tui profile` both call `edit_profile`, so the two can never disagree about
what a good email or LinkedIn address is.
"""

from __future__ import annotations

from infoview_tui.domain.models import Profile, replace
from infoview_tui.domain.validation import (
    MAX_NAME,
    check_email,
    check_url,
    clean_line,
    normalise_url,
)

__all__ = ["INTRO_LIMIT", "LABELS", "describe", "edit_profile"]

INTRO_LIMIT = 200
"""A one-line introduction: long enough for a sentence, short enough for a 100-word request."""

LABELS = {
    "name": "Name",
    "intro": "One-line introduction",
    "email": "Email",
    "linkedin_url": "LinkedIn",
    "school_or_field": "School or field",
}
"""Each field as a person reads it (the form's labels, the CLI's printout)."""


def edit_profile(
    current: Profile,
    *,
    name: str | None = None,
    intro: str | None = None,
    email: str | None = None,
    linkedin_url: str | None = None,
    school_or_field: str | None = None,
) -> tuple[Profile, dict[str, str]]:
    """`current` with the given fields changed (None leaves one as it is; "" clears it), cleaned.

    Returns the new profile and, per field name, what is wrong with it; with any problem, the profile
    returned is `current` unchanged, so nothing half-checked is stored.
    """
    changes: dict[str, str] = {}
    problems: dict[str, str] = {}
    if name is not None:
        changes["name"] = clean_line(name, MAX_NAME)
        if len(name.strip()) > MAX_NAME:
            problems["name"] = f"That name is over {MAX_NAME} characters; shorten it."
    if intro is not None:
        changes["intro"] = clean_line(intro, INTRO_LIMIT * 2)
        if len(changes["intro"]) > INTRO_LIMIT:
            problems["intro"] = f"Keep the introduction to one line of {INTRO_LIMIT} characters or fewer."
    if email is not None:
        changes["email"] = clean_line(email, 254)
        error = check_email(changes["email"])
        if error:
            problems["email"] = error
    if linkedin_url is not None:
        changes["linkedin_url"] = normalise_url(clean_line(linkedin_url))
        error = check_url(changes["linkedin_url"])
        if error:
            problems["linkedin_url"] = error
    if school_or_field is not None:
        changes["school_or_field"] = clean_line(school_or_field, MAX_NAME)
    if problems:
        return current, problems
    return replace(current, **changes), {}


def describe(profile: Profile) -> list[str]:
    """One `Label: value` line per field, blanks shown as '(not set)'."""
    width = max(len(label) for label in LABELS.values()) + 1
    return [f"{label + ':':<{width}} {getattr(profile, key) or '(not set)'}" for key, label in LABELS.items()]


FIRST_PERSON = ("i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "my", "as", "currently")
"""Words an introduction that already speaks as "I" starts with."""


def intro_sentence(intro: str) -> str:
    """Your one-line introduction as a sentence in a message: "a student exploring data" reads "I'm a student
    exploring data."; one that already speaks as "I" ("I study economics") is kept, capitalised and ended."""
    text = " ".join(intro.split()).rstrip(".")
    if not text:
        return ""
    first = text.split(" ", 1)[0].lower().rstrip(",")
    if first not in FIRST_PERSON:
        lower_first = len(text) > 1 and text[1].islower()  # "Student" → "student", "MBA" stays
        text = "I'm " + (text[0].lower() + text[1:] if lower_first else text)
    text = text[0].upper() + text[1:]
    return text if text[-1] in "!?…" else text + "."
