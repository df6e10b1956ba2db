"""The Identify list's count: all contacts, or 'N of M' while a filter is on."""

from __future__ import annotations

from infoview_tui.stages.identify.listing import contacts_count


def test_without_a_filter_the_count_is_every_contact() -> None:
    assert contacts_count(12, 12, "") == "12 contacts"
    assert contacts_count(1, 1, "") == "1 contact"
    assert contacts_count(0, 0, "") == "0 contacts"


def test_a_filter_shows_how_many_match_out_of_all() -> None:
    assert contacts_count(3, 12, "ada") == "3 of 12 contacts"
    assert contacts_count(0, 12, "zzz") == "0 of 12 contacts"
    assert contacts_count(12, 12, "a") == "12 of 12 contacts"  # on, even when everything matches
    assert contacts_count(1, 1, "ada") == "1 of 1 contact"


def test_a_filter_of_spaces_is_no_filter() -> None:
    assert contacts_count(12, 12, "   ") == "12 contacts"
