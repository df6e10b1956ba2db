"""Introduction chains from a fixed history: the tree, counts, depth, loops, removed and archived people, the
thank-you each first contact is owed, and the draft that says so."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    FollowUp,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Note,
    NoteKind,
    Stage,
)
from infoview_tui.stages.identify.chains import (
    REMOVED,
    Chain,
    LineKind,
    build_chains,
    chain_index,
    mark_thanked,
    thank_you_message,
)
from infoview_tui.stages.identify.outreach import check

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def person(key: str, by: str | None = None, **kw: object) -> Contact:
    how = HowKnown.INTRODUCTION if by else HowKnown.MENTOR
    return Contact(name=key.capitalize(), id=key, how_known=how, introduced_by_id=by, **kw)  # type: ignore[arg-type]


def call(
    key: str,
    who: str,
    stage: Stage = Stage.REFLECTED,
    notes: tuple[Note, ...] = (),
    done: tuple[str, ...] = (),
) -> Interview:
    return Interview(
        contact_id=who,
        id=key,
        stage=stage,
        call=CallRecord(ended_at=NOW),
        notes=notes,
        follow_up=FollowUp(referral_note_ids=done),
    )


def texts(chain: Chain) -> list[str]:
    return [line.text for line in chain.lines]


def by_root(chains: list[Chain]) -> dict[str, Chain]:
    return {chain.root.name: chain for chain in chains}


def test_a_chain_three_deep_counts_the_conversations_down_it() -> None:
    contacts = [
        person("ann"),
        person("bob", "ann"),
        person("cat", "bob"),
        person("dan", "cat"),
        person("eve", "ann"),
    ]
    interviews = [
        call("i1", "bob"),
        call("i2", "dan", Stage.CONDUCTED),
        call("i3", "dan", Stage.FOLLOWED_UP),
        call("i4", "eve", Stage.SCHEDULED),
        call("i5", "ann"),  # the first contact's own call is not something they led to
        call("i6", "cat", Stage.CANCELLED),
    ]
    [chain] = build_chains(contacts, interviews, [])
    assert texts(chain) == [
        "Ann (1 conversation)",
        "├─ Bob (1 conversation)",
        "│  └─ Cat (no call yet)",
        "│     └─ Dan (2 conversations)",
        "└─ Eve (call planned)",
    ]
    assert (chain.led_to, chain.people, chain.depth) == (3, 4, 3)
    assert chain.summary == "led to 3 conversations · 4 people"
    assert [line.parent for line in chain.lines] == [-1, 0, 1, 2, 0]


def test_chains_are_ordered_by_what_they_led_to() -> None:
    contacts = [person("ann"), person("bob", "ann"), person("zed"), person("yan", "zed"), person("lone")]
    chains = build_chains(contacts, [call("i1", "yan")], [])
    assert [c.root.name for c in chains] == ["Zed", "Ann"]  # Lone introduced nobody: not a chain


def test_a_loop_is_drawn_once_and_cut_where_it_closes() -> None:
    contacts = [person("ann", "bob"), person("bob", "ann"), person("cat", "bob")]
    [chain] = build_chains(contacts, [call("i1", "cat")], [])
    assert texts(chain) == [
        "Ann",
        "└─ Bob (no call yet)",
        "   ├─ ↺ Ann (shown above: the introductions loop)",
        "   └─ Cat (1 conversation)",
    ]
    assert chain.led_to == 1 and chain.people == 2
    assert [t.starter_name for t in chain.thank_yous] == ["Ann"]


def test_a_contact_who_introduced_themselves_is_not_a_chain() -> None:
    assert build_chains([person("ann", "ann")], [], []) == []


def test_a_removed_introducer_shows_as_removed_and_keeps_their_people_together() -> None:
    contacts = [person("bob", "gone"), person("cat", "gone"), person("dan", "bob")]
    intros = [
        IntroRequest(
            via_contact_id="ann", target="x", status=IntroStatus.INTRODUCED, result_contact_id="lost"
        )
    ]
    chains = build_chains([*contacts, person("ann")], [call("i1", "dan")], intros)
    removed = next(c for c in chains if c.root.kind is LineKind.REMOVED)
    assert texts(removed) == [
        REMOVED,
        "├─ Bob (no call yet)",
        "│  └─ Dan (1 conversation)",
        "└─ Cat (no call yet)",
    ]
    assert removed.thank_yous == ()  # nobody to thank
    ann = by_root(chains)["Ann"]
    assert texts(ann) == ["Ann", f"└─ {REMOVED}"]


def test_archived_people_stay_in_their_chain_and_an_archived_first_contact_is_not_thanked() -> None:
    contacts = [person("ann", archived=True), person("bob", "ann", archived=True)]
    [chain] = build_chains(contacts, [call("i1", "bob")], [])
    assert texts(chain) == ["Ann (archived)", "└─ Bob (1 conversation, archived)"]
    assert chain.led_to == 1 and chain.thank_yous == ()


def test_pending_introductions_and_referrals_hang_under_who_gave_them() -> None:
    referral = Note(text="@ Talk to Maya Okafor at Northwind", offset_s=10, id="n1", kind=NoteKind.REFERRAL)
    added = Note(text="@ Sam Lee", offset_s=20, id="n2", kind=NoteKind.REFERRAL)
    intros = [
        IntroRequest(via_contact_id="ann", target="Someone in policy", status=IntroStatus.ASKED),
        IntroRequest(via_contact_id="ann", target="Declined one", status=IntroStatus.DECLINED),
        IntroRequest(via_contact_id="ann", target="Made one", status=IntroStatus.INTRODUCED),
        IntroRequest(
            via_contact_id="ann", target="Bob", status=IntroStatus.INTRODUCED, result_contact_id="bob"
        ),
    ]
    contacts = [
        person("ann"),
        person("bob"),
        person("sam", "bob"),
    ]  # Bob's own record forgot who introduced him
    chains = build_chains(contacts, [call("i1", "bob", notes=(referral, added), done=("n2",))], intros)
    [chain] = chains
    assert texts(chain) == [
        "Ann",
        "├─ Bob (1 conversation)",
        "│  ├─ Sam (no call yet)",
        "│  └─ @ Talk to Maya Okafor at Northwind (referral, not added yet)",
        "├─ ? Made one (introduced, not added yet)",
        "└─ ? Someone in policy (asked)",
    ]
    assert chain.pending == 3 and chain.summary == "led to 1 conversation · 2 people · 3 pending"


def test_thank_you_owed_to_the_first_contact_until_marked_sent() -> None:
    contacts = [person("ann"), person("bob", "ann"), person("cat", "bob")]
    interviews = [call("i1", "cat"), call("i2", "bob", Stage.SCHEDULED)]
    [chain] = build_chains(contacts, interviews, [])
    [owed] = chain.thank_yous
    assert (owed.starter_name, owed.person_name, owed.through) == ("Ann", "Cat", ("Bob",))
    assert owed.label == "Tell Ann their introduction to Bob (and on to Cat) led to a conversation"
    thanked = mark_thanked(contacts[2], NOW)
    assert thanked.chain_thanked_at == NOW
    [again] = build_chains([contacts[0], contacts[1], thanked], interviews, [])
    assert again.thank_yous == ()


def test_the_thank_you_draft_passes_the_checker() -> None:
    contacts = [person("ann"), person("bob", "ann"), person("cat", "bob")]
    [chain] = build_chains(contacts, [call("i1", "bob"), call("i2", "cat")], [])
    direct, onward = chain.thank_yous
    for owed in (direct, onward):
        message = thank_you_message(owed, sender_name="Sam Student")
        assert message.startswith("Hi Ann,") and message.endswith("Sam Student")
        assert check(message).ok, check(message).problems
    assert "Your introduction to Bob led to a conversation" in thank_you_message(direct)
    assert "Bob → Cat" in thank_you_message(onward)
    assert "[your name]" in thank_you_message(direct)


def test_chain_index_finds_where_each_person_is_drawn() -> None:
    contacts = [person("ann"), person("bob", "ann"), person("zed"), person("yan", "zed")]
    chains = build_chains(contacts, [call("i1", "yan")], [])
    where = chain_index(chains)
    assert where["zed"] == (0, 0) and where["yan"] == (0, 1) and where["bob"] == (1, 1)


def test_a_very_long_chain_stops_indenting_and_builds_without_recursion() -> None:
    contacts = [person("p0")] + [person(f"p{i}", f"p{i - 1}") for i in range(1, 3000)]
    [chain] = build_chains(contacts, [], [])
    assert chain.depth == 2999 and chain.people == 2999
    assert max(len(line.prefix) for line in chain.lines) <= 3 * 13
    assert "level 2999" in chain.lines[-1].text


def test_ten_thousand_contacts_build_quickly() -> None:
    contacts = [person(f"r{i}") for i in range(2000)]
    contacts += [person(f"c{i}", f"r{i % 2000}") for i in range(8000)]
    interviews = [call(f"i{i}", f"c{i}") for i in range(0, 8000, 4)]
    start = time.perf_counter()
    chains = build_chains(contacts, interviews, [])
    elapsed = time.perf_counter() - start
    assert len(chains) == 2000 and sum(c.led_to for c in chains) == 2000
    assert (
        elapsed < 2.0
    )  # generous for a loaded CI machine; scripts/chains_timing.py measures the real figure


def test_the_demo_shows_a_chain_three_levels_deep_and_the_thank_you_it_earned(tmp_path: Path) -> None:
    from infoview_tui.demo import populate_demo
    from infoview_tui.domain.dates import FixedClock
    from infoview_tui.store import Store

    store = Store.open(tmp_path / "demo.json", clock=FixedClock(NOW))
    try:
        populate_demo(store, NOW)
        chains = by_root(build_chains(store.contacts.all(), store.interviews.all(), store.intros.all()))
    finally:
        store.close()
    henrik = chains["Prof. Henrik Sørensen"]
    assert henrik.depth == 2 and henrik.led_to == 1
    assert [t.person_name for t in henrik.thank_yous] == ["Siobhán O'Connor"]
    assert chains["Dr. Amara Okafor"].pending == 1  # an introduction asked for, not made yet
