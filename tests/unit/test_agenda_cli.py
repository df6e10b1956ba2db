"""`infoview-tui agenda`: what is due, for cron and status bars (run in-process through `main`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    FollowUp,
    Interview,
    Outreach,
    OutreachStatus,
    Reflection,
    Stage,
    TimeSpan,
)
from infoview_tui.stages.agenda import build_agenda
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
"""A Wednesday morning; every test here runs at this moment."""
CLOCK = FixedClock(NOW)


def held(contact_id: str, ended: datetime) -> Interview:
    """A conducted interview whose 30-minute call ended at `ended`; reflection written, thank-you unsent."""
    call = CallRecord(spans=(TimeSpan(ended - timedelta(minutes=30), ended),), ended_at=ended)
    return Interview(
        contact_id=contact_id,
        call=call,
        stage=Stage.CONDUCTED,
        follow_up=FollowUp(),
        reflection=Reflection(takeaways="Learned a lot"),
    )


@pytest.fixture
def quiet(tmp_path: Path) -> Path:
    """A data file with nothing due: a contact whose request was answered."""
    path = tmp_path / "quiet.json"
    with Store.open(path, clock=CLOCK) as store:
        ada = store.contacts.add(Contact(name="Ada", company="Engines"))
        store.outreach.add(
            Outreach(contact_id=ada.id, sent_at=NOW - timedelta(days=9), status=OutreachStatus.REPLIED)
        )
    return path


@pytest.fixture
def busy(tmp_path: Path) -> Path:
    """A thank-you owed to Ada (call ended 3 h ago) and Bob's request at its 3B nudge (sent last Thursday)."""
    path = tmp_path / "busy.json"
    with Store.open(path, clock=CLOCK) as store:
        ada = store.contacts.add(Contact(name="Ada", company="Engines"))
        bob = store.contacts.add(Contact(name="Bob"))
        store.interviews.add(held(ada.id, NOW - timedelta(hours=3)))
        store.outreach.add(Outreach(contact_id=bob.id, sent_at=datetime(2026, 11, 19, 9, 0, tzinfo=UTC)))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["agenda", *args], clock=CLOCK)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_no_data_file_yet_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "never.json"
    assert run(capsys, "--data", str(path)) == (0, "", "")
    assert not path.exists(), "agenda must not create the data file"


def test_nothing_due_prints_nothing(quiet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data", str(quiet)) == (0, "", "")
    assert run(capsys, "--json", "--data", str(quiet)) == (0, "", "")


def test_a_due_thank_you_and_a_3b_nudge_show_under_the_dashboard_headings(
    busy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = busy.read_bytes()
    code, out, err = run(capsys, "--data", str(busy))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Waiting for a reply (1)",
        "  ● 1 day ago       Bob  3B: try someone else there · 7B Mon 30 Nov",  # 3B was Tue 24 Nov
        "",
        "Thank-you notes owed (1)",
        "  ● in 21 h         Ada (Engines)  thank-you due Thu 06:00",
    ]
    assert busy.read_bytes() == before, "agenda opens the file read-only"


def test_text_uses_the_dashboards_own_words(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(busy, read_only=True) as store:
        agenda = build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW)
    out = run(capsys, "--data", str(busy))[1]
    for item in [*agenda.waiting, *agenda.thank_yous]:
        assert f"{item.title}  {item.detail}" in out


def test_json_lists_each_item_with_its_fields(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json", "--data", str(busy))
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["section"], r["kind"], r["title"]) for r in rows] == [
        ("Identify", "outreach", "Bob"),
        ("Follow Up", "thank_you", "Ada (Engines)"),
    ]
    thank_you = rows[1]
    assert thank_you["detail"] == "thank-you due Thu 06:00"
    assert thank_you["group"] == "Thank-you notes owed" and thank_you["due"] and not thank_you["overdue"]
    when = datetime.fromisoformat(thank_you["when"])
    assert when.utcoffset() is not None and when == NOW + timedelta(hours=21)
    with Store.open(busy, read_only=True) as store:
        (interview,) = store.interviews.all()
        (outreach,) = store.outreach.all()
    assert thank_you["record_id"] == interview.id
    assert rows[0]["record_id"] == outreach.contact_id  # outreach opens its contact, as on the Dashboard


def test_days_sets_the_window(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.json"
    with Store.open(path, clock=CLOCK) as store:
        ada = store.contacts.add(Contact(name="Ada"))
        store.interviews.add(
            Interview(contact_id=ada.id, scheduled_at=NOW + timedelta(days=10), stage=Stage.SCHEDULED)
        )
        store.outreach.add(Outreach(contact_id=ada.id, sent_at=NOW - timedelta(days=1)))  # 3B on Friday
    assert run(capsys, "--days", "0", "--data", str(path)) == (0, "", "")
    out = run(capsys, "--data", str(path))[1]
    assert out.startswith("Waiting for a reply (1)\n  ○ in 2 days") and "Upcoming" not in out
    out = run(capsys, "--days", "14", "--data", str(path))[1]
    assert out.startswith("Upcoming interviews (1)\n  ○ in 10 days      Ada  join ")


@pytest.mark.parametrize("days", ["-1", "367"])
def test_days_out_of_range_is_a_user_error(days: str, busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--days", days, "--data", str(busy)) == (
        1,
        "",
        "infoview-tui: --days must be between 0 and 366\n",
    )


def test_days_must_be_a_number(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["agenda", "--days", "soon", "--data", str(busy)], clock=CLOCK)
    assert done.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "invalid int value: 'soon'" in captured.err
    assert len(captured.err.splitlines()) == 1


def test_a_damaged_file_is_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.json"
    path.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "--data", str(path))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "damaged" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "{not json"


def test_control_characters_in_a_name_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.json"
    name = "Eve\x1b]2;owned\x07\x9b31m"
    with Store.open(path, clock=CLOCK) as store:
        eve = store.contacts.add(Contact(name=name))
        store.interviews.add(held(eve.id, NOW - timedelta(hours=3)))
    out = run(capsys, "--data", str(path))[1]
    assert "Eve]2;owned31m  thank-you due" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    raw = run(capsys, "--json", "--data", str(path))[1]
    assert raw.isascii() and "\x1b" not in raw  # escaped in the JSON text, faithful once parsed
    assert json.loads(raw)[0]["title"] == name


def test_help_lists_agenda(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "agenda" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["agenda", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--days N" in out and "--json" in out and "nothing is due" in out
