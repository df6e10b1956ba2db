"""The Identify list's rules: the count (all contacts, or 'N of M' while a filter is on) and the filter, whose
narrowing of the previous result must give exactly what filtering everything gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.stages.identify.listing import contacts_count, filter_terms, narrows, rows_matching


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


# The filter: a growing filter narrows the previous result, and that must never differ from filtering all ------
KEYS = st.sampled_from(["a", "b", "c", "A", "é", " ", "\b"])
"""Letters that overlap a lot (so terms nest in each other), a capital, an accent, a space, and \\b (delete)."""


@given(
    texts=st.lists(st.text(alphabet="abcABé -", max_size=10), max_size=40),
    keys=st.lists(KEYS, max_size=25),
)
def test_typing_and_deleting_narrow_to_exactly_what_a_full_filter_finds(
    texts: list[str], keys: list[str]
) -> None:
    """Replays what the list does key by key (filter the last result when `narrows`, else everything)."""
    haystacks = [(text.casefold(), index) for index, text in enumerate(texts)]
    typed, terms, shown = "", filter_terms(""), rows_matching(haystacks, ())
    for key in keys:
        typed = typed[:-1] if key == "\b" else typed + key
        new = filter_terms(typed)
        source = shown if narrows(terms, new) else haystacks
        shown, terms = rows_matching(source, new), new
        assert shown == rows_matching(haystacks, new), typed


@given(
    old=st.lists(st.text(alphabet="abc", min_size=1, max_size=3), max_size=3), text=st.text("abc", max_size=8)
)
def test_narrows_only_when_every_old_term_is_inside_a_new_one(old: list[str], text: str) -> None:
    new = filter_terms(text)
    if narrows(tuple(old), new):
        assert all(any(term in longer for longer in new) for term in old)
        assert all(term in text for term in old)


def test_the_filter_ignores_case_and_needs_every_term() -> None:
    rows = [("ada lovelace analytical engines", 0), ("grace hopper cobol", 1), ("ada hopper", 2)]
    assert rows_matching(rows, filter_terms("ADA")) == [rows[0], rows[2]]
    assert rows_matching(rows, filter_terms("  hopper   ada ")) == [rows[2]]
    assert rows_matching(rows, filter_terms("   ")) == rows
    assert narrows(filter_terms("dat"), filter_terms("data sci"))
    assert not narrows(filter_terms("data sci"), filter_terms("data sc"))
