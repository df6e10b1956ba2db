"""Provides the Identify list's own rules: what the filter matches, how a growing filter narrows the previous
result instead of scanning everything again, and the words the list uses about itself (how many contacts it
shows, out of how many).

The filter is the one every record list uses (RecordTable calls these): each whitespace-separated term must
appear, ignoring case, in the row's search text. Pure (no Textual), so the rules are tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from infoview_tui.domain.models import Contact, Interview, Outreach, RecordId, Route
from infoview_tui.stages.identify.outreach import response_rate

__all__ = [
    "ContactListing",
    "SortBy",
    "contact_listing",
    "contacts_count",
    "filter_terms",
    "known_search_text",
    "narrows",
    "rows_matching",
    "search_text",
]


def filter_terms(text: str) -> tuple[str, ...]:
    """The terms a filter text asks for, case-folded; spaces only (or nothing) is no filter at all."""
    return tuple(text.casefold().split())


def rows_matching(searches: Sequence[str], source: Sequence[int], terms: tuple[str, ...]) -> Sequence[int]:
    """The row indexes of `source` whose search text (`searches[index]`, case-folded) contains every term, in
    order; `source` itself when there are no terms (a `range` for every row costs no memory: as a list of
    `(text, index)` pairs it was ~1 MiB per list of 10,000).

    The longest term goes first: it lets the fewest rows through, so later terms test the fewest texts.
    """
    result = source
    for term in sorted(terms, key=len, reverse=True):
        result = [index for index in result if term in searches[index]]
    return result


def narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """True when every row `new` lets through was let through by `old`, so filtering `old`'s result is enough.

    That holds when each old term is part of some new term (typing on: "dat" → "data", "data" → "data sci"):
    a text containing the new term contains the old one.
    """
    return all(any(term in longer for longer in new) for term in old)


def contacts_count(matching: int, total: int, filter_text: str) -> str:
    """'12 contacts', or '3 of 12 contacts' while a filter is on, so a filtered list never passes for all.

    `total` is every contact the list could show (archived ones only when shown), `matching` those the filter
    lets through. A filter of only spaces filters nothing, so it counts as off (the table ignores it too).
    """
    noun = "contact" if total == 1 else "contacts"
    if filter_text.split():
        return f"{matching} of {total} {noun}"
    return f"{total} {noun}"


class SortBy(str, Enum):
    """The orders the list cycles through (`o`)."""

    NAME = "name"
    COMPANY = "company"
    LAST_CONTACT = "last contact"
    PRIORITY = "priority"


_NEVER = datetime.min.replace(tzinfo=UTC)


def search_text(contact: Contact) -> str:
    """What the filter matches for one contact: name, company, title, industry and tags, case-folded."""
    return " ".join(
        (contact.name, contact.company, contact.title, contact.industry, *contact.tags)
    ).casefold()


def known_search_text(known: MutableMapping[RecordId, tuple[Contact, str]], contact: Contact) -> str:
    """`search_text(contact)`, kept in `known` with the record it was made from: records change by
    replacement, so the text is reused while the contact is the same object."""
    cached = known.get(contact.id)
    if cached is None or cached[0] is not contact:
        cached = (contact, search_text(contact))
        known[contact.id] = cached
    return cached[1]


@dataclass(frozen=True, slots=True)
class ContactListing:
    """Everything the list shows that does not depend on the time of day, built once per change of the data
    (the rows' outreach statuses, which do, are made from it when drawn)."""

    shown: list[Contact]
    """The contacts listed, in order (archived ones only when asked for)."""
    keys: list[str]
    """Each listed contact's id, in order."""
    searches: list[str]
    """Each listed contact's search text (`search_text`), in order."""
    latest: dict[RecordId, Outreach]
    """Each contact's latest outreach (the one sent last)."""
    names: dict[RecordId, str]
    """Every contact's name by id (for "Intro by …")."""
    interviews: dict[RecordId, Interview]
    """Every interview by id (an outreach's call decides "Scheduled" or "Conducted")."""
    rate_message: str
    """The response rate, in words."""
    archived: int
    """How many contacts are archived."""
    total: int
    """How many contacts there are, archived or not."""


def contact_listing(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    interviews: Iterable[Interview],
    sort_by: SortBy,
    show_archived: bool,
    known: MutableMapping[RecordId, tuple[Contact, str]] | None = None,
) -> ContactListing:
    """The list in `sort_by` order. `known` keeps search texts between calls (records change by replacement,
    so a text is reused while its record is the same object)."""
    everyone = list(contacts)
    sent = list(outreach)
    latest: dict[RecordId, Outreach] = {}
    for item in sent:
        if item.contact_id not in latest or item.sent_at >= latest[item.contact_id].sent_at:
            latest[item.contact_id] = item
    shown = everyone if show_archived else [c for c in everyone if not c.archived]
    shown = sorted(shown, key=_sort_key(sort_by, latest))
    memo: MutableMapping[RecordId, tuple[Contact, str]] = known if known is not None else {}
    searches = [known_search_text(memo, contact) for contact in shown]
    cold = {c.id for c in everyone if c.route is Route.COLD}
    return ContactListing(
        shown=shown,
        keys=[c.id for c in shown],
        searches=searches,
        latest=latest,
        names={c.id: c.name for c in everyone},
        interviews={iv.id: iv for iv in interviews},
        rate_message=response_rate(sent, cold).message,
        archived=sum(c.archived for c in everyone),
        total=len(everyone),
    )


def _sort_key(sort_by: SortBy, latest: dict[RecordId, Outreach]) -> Callable[[Contact], Any]:
    if sort_by is SortBy.COMPANY:
        return lambda c: (c.company.casefold() or "\uffff", c.name.casefold())
    if sort_by is SortBy.LAST_CONTACT:
        return lambda c: (
            -(latest[c.id].sent_at - _NEVER).total_seconds() if c.id in latest else 0,
            c.name.casefold(),
        )
    if sort_by is SortBy.PRIORITY:
        return lambda c: (c.priority, c.name.casefold())
    return lambda c: c.name.casefold()
