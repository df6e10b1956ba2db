"""Provides the Identify list's own rules: what the filter matches, how a growing filter narrows the previous
result instead of scanning everything again, and the words the list uses about itself (how many contacts it
shows, out of how many).

The filter is the one every record list uses (RecordTable calls these): each whitespace-separated term must
appear, ignoring case, in the row's search text. Pure (no Textual), so the rules are tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["contacts_count", "filter_terms", "narrows", "rows_matching"]

Haystack = tuple[str, int]
"""A row's case-folded search text and the row's index."""


def filter_terms(text: str) -> tuple[str, ...]:
    """The terms a filter text asks for, case-folded; spaces only (or nothing) is no filter at all."""
    return tuple(text.casefold().split())


def rows_matching(source: Sequence[Haystack], terms: tuple[str, ...]) -> list[Haystack]:
    """The pairs of `source` whose text contains every term, in order (all of them when there are no terms).

    The longest term goes first: it lets the fewest rows through, so later terms test the fewest texts.
    """
    result = list(source)
    for term in sorted(terms, key=len, reverse=True):
        result = [pair for pair in result if term in pair[0]]
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
