"""Provides the words the Identify list uses about itself: how many contacts it shows, out of how many.

Pure (no Textual), so the rule is tested without a screen.
"""

from __future__ import annotations

__all__ = ["contacts_count"]


def contacts_count(matching: int, total: int, filter_text: str) -> str:
    """'12 contacts', or '3 of 12 contacts' while a filter is on, so a filtered list never passes for all.

    `total` is every contact the list could show (archived ones only when shown), `matching` those the filter
    lets through. A filter of only spaces filters nothing, so it counts as off (the table ignores it too).
    """
    noun = "contact" if total == 1 else "contacts"
    if filter_text.split():
        return f"{matching} of {total} {noun}"
    return f"{total} {noun}"
