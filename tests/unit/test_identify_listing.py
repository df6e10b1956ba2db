"""The Identify list's rules: the count (all contacts, or 'N of M' while a filter is on) and the filter, whose
narrowing of the previous result must give exactly what filtering everything gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.domain.models import Contact, Outreach, OutreachStatus, replace
from infoview_tui.stages.identify.listing import (
    ContactListing,
    SortBy,
    contact_listing,
    contacts_count,
    filter_terms,
    narrows,
    rows_matching,
    search_text,
)
from infoview_tui.stages.identify.outreach import response_rate


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
    searches = [text.casefold() for text in texts]
    every = range(len(texts))
    typed, terms, shown = "", filter_terms(""), rows_matching(searches, every, ())
    for key in keys:
        typed = typed[:-1] if key == "\b" else typed + key
        new = filter_terms(typed)
        source = shown if narrows(terms, new) else every
        shown, terms = rows_matching(searches, source, new), new
        full = rows_matching(searches, every, new)
        assert list(shown) == list(full), typed
        assert list(full) == [i for i, text in enumerate(searches) if all(t in text for t in new)], typed


@given(
    old=st.lists(st.text(alphabet="abc", min_size=1, max_size=3), max_size=3), text=st.text("abc", max_size=8)
)
def test_narrows_only_when_every_old_term_is_inside_a_new_one(old: list[str], text: str) -> None:
    new = filter_terms(text)
    if narrows(tuple(old), new):
        assert all(any(term in longer for longer in new) for term in old)
        assert all(term in text for term in old)


def test_the_filter_ignores_case_and_needs_every_term() -> None:
    rows = ["ada lovelace analytical engines", "grace hopper cobol", "ada hopper"]
    every = range(3)
    assert rows_matching(rows, every, filter_terms("ADA")) == [0, 2]
    assert rows_matching(rows, every, filter_terms("  hopper   ada ")) == [2]
    assert (
        rows_matching(rows, every, filter_terms("   ")) is every
    )  # no filter: the rows as they are, not a copy
    assert rows_matching(rows, [1, 2], filter_terms("hopper")) == [1, 2]
    assert narrows(filter_terms("dat"), filter_terms("data sci"))
    assert not narrows(filter_terms("data sci"), filter_terms("data sc"))


# The list itself: order, archived contacts, the latest outreach, and search texts kept while records stay ------
def _people() -> tuple[list[Contact], list[Outreach]]:
    ada = Contact("Ada Lovelace", id="01A", company="Analytical", tags=("Maths",), priority=3)
    bea = Contact("bea Zhou", id="01B", company="", title="Data Lead", priority=1)
    cem = Contact("Cem Arslan", id="01C", company="Brightline", archived=True)
    dev = Contact("Dev Patel", id="01D", company="analytical", industry="Energy")
    sent = [
        Outreach("01A", datetime(2026, 11, 2, 9, tzinfo=UTC), id="01O1"),
        Outreach("01A", datetime(2026, 11, 20, 9, tzinfo=UTC), id="01O2", status=OutreachStatus.REPLIED),
        Outreach("01D", datetime(2026, 11, 10, 9, tzinfo=timezone(timedelta(hours=-5))), id="01O3"),
    ]
    return [ada, bea, cem, dev], sent


def names(listing: ContactListing) -> list[str]:
    return [c.name for c in listing.shown]


def test_the_list_in_each_order_leaves_archived_out_unless_asked() -> None:
    people, sent = _people()
    assert names(contact_listing(people, sent, [], SortBy.NAME, False)) == [
        "Ada Lovelace",
        "bea Zhou",
        "Dev Patel",
    ]
    assert names(contact_listing(people, sent, [], SortBy.NAME, True)) == [
        "Ada Lovelace",
        "bea Zhou",
        "Cem Arslan",
        "Dev Patel",
    ]
    # Companies ignore case; a contact without one comes last.
    assert names(contact_listing(people, sent, [], SortBy.COMPANY, False)) == [
        "Ada Lovelace",
        "Dev Patel",
        "bea Zhou",
    ]
    # Last contact: the latest request first (zones compared as instants), never-contacted after, by name.
    assert names(contact_listing(people, sent, [], SortBy.LAST_CONTACT, False)) == [
        "Ada Lovelace",
        "Dev Patel",
        "bea Zhou",
    ]
    assert names(contact_listing(people, sent, [], SortBy.PRIORITY, False)) == [
        "bea Zhou",
        "Dev Patel",
        "Ada Lovelace",
    ]


def test_the_list_knows_each_latest_request_names_counts_and_search_texts() -> None:
    people, sent = _people()
    listing = contact_listing(people, sent, [], SortBy.NAME, False)
    assert listing.keys == ["01A", "01B", "01D"]
    assert (
        listing.latest["01A"].id == "01O2"
        and listing.latest["01D"].id == "01O3"
        and "01B" not in listing.latest
    )
    assert listing.names["01C"] == "Cem Arslan"  # archived people still name who introduced whom
    assert (listing.archived, listing.total) == (1, 4)
    assert listing.searches[0] == "ada lovelace analytical   maths"
    assert listing.searches[1] == "bea zhou  data lead "
    assert listing.rate_message == response_rate(sent, {c.id for c in people}).message


def test_search_texts_are_kept_while_the_record_is_the_same_object() -> None:
    people, sent = _people()
    known: dict[str, tuple[Contact, str]] = {}
    contact_listing(people, sent, [], SortBy.NAME, False, known)
    first = known["01A"]
    contact_listing(people, sent, [], SortBy.COMPANY, False, known)
    assert known["01A"] is first  # reused, not made again
    renamed = replace(people[0], name="Ada King")
    listing = contact_listing([renamed, *people[1:]], sent, [], SortBy.NAME, False, known)
    assert listing.searches[0].startswith("ada king ") and known["01A"][0] is renamed
    assert search_text(renamed) == listing.searches[0]
