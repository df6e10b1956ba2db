"""The contacts CSV export: columns, labels, quoting, the byte-order mark, and `export --format csv`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    CallRecord,
    Channel,
    Contact,
    HowKnown,
    Interview,
    Outreach,
    OutreachStatus,
    Stage,
    TimeSpan,
)
from infoview_tui.exchange.contacts_csv import BOM, COLUMNS, contacts_csv
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.store import Store

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
EXPECTED_COLUMNS = [
    "id",
    "name",
    "title",
    "company",
    "industry",
    "email",
    "linkedin_url",
    "how_known",
    "route",
    "introduced_by",
    "tags",
    "priority",
    "archived",
    "connected_on",
    "outreach_status",
    "last_contact",
    "notes",
]


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "infoview.json"


@pytest.fixture
def store(data_path: Path) -> Iterator[Store]:
    opened = Store.open(data_path, clock=FixedClock(T0))
    yield opened
    opened.close()


def fill(store: Store) -> None:
    """Four contacts that exercise every column."""
    mentor = store.contacts.add(
        Contact(name="Grace Hopper", how_known=HowKnown.MENTOR, tags=("navy", "cobol"))
    )
    luis = store.contacts.add(
        Contact(
            name="Luis Fernández",
            title='Senior Engineer "Platform"',
            company="Contoso, Ltd.",
            industry="Software",
            email="luis@example.org",
            linkedin_url="https://www.linkedin.com/in/luis",
            how_known=HowKnown.COLD,
            channel=Channel.LINKEDIN,
            connected_on=date(2024, 11, 17),
            notes="Two lines:\nfirst, then second",
            priority=1,
        )
    )
    store.contacts.add(
        Contact(
            name="Zoë Ødegaard", how_known=HowKnown.INTRODUCTION, introduced_by_id=mentor.id, archived=True
        )
    )
    store.contacts.add(Contact(name="Søren", how_known=HowKnown.INTRODUCTION, introduced_by_name="Prof. Kim"))
    store.outreach.add(
        Outreach(contact_id=luis.id, sent_at=T0 - timedelta(days=20), status=OutreachStatus.SENT)
    )
    store.outreach.add(
        Outreach(contact_id=luis.id, sent_at=T0 - timedelta(days=3), status=OutreachStatus.NO_REPLY)
    )
    store.outreach.add(
        Outreach(contact_id=luis.id, sent_at=T0 - timedelta(days=9), status=OutreachStatus.DECLINED)
    )


def read(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


def test_every_column_in_order(store: Store) -> None:
    fill(store)
    text = contacts_csv(Snapshot.of(store))
    assert list(COLUMNS) == EXPECTED_COLUMNS
    assert text.startswith(BOM + ",".join(EXPECTED_COLUMNS) + "\r\n")
    rows = read(text)
    assert [r["name"] for r in rows] == ["Grace Hopper", "Luis Fernández", "Zoë Ødegaard", "Søren"]
    grace, luis, zoe, soren = rows
    assert luis == {
        "id": store.contacts.all()[1].id,
        "name": "Luis Fernández",
        "title": 'Senior Engineer "Platform"',
        "company": "Contoso, Ltd.",
        "industry": "Software",
        "email": "luis@example.org",
        "linkedin_url": "https://www.linkedin.com/in/luis",
        "how_known": "Cold via LinkedIn",
        "route": "cold",
        "introduced_by": "",
        "tags": "",
        "priority": "1",
        "archived": "no",
        "connected_on": "2024-11-17",
        "outreach_status": "No reply",  # the latest by sent_at, not the last added
        "last_contact": "2026-03-01",
        "notes": "Two lines:\nfirst, then second",
    }
    assert (grace["how_known"], grace["route"], grace["tags"]) == ("Mentor", "known", "navy; cobol")
    assert (grace["outreach_status"], grace["last_contact"], grace["connected_on"]) == (
        "not contacted",
        "",
        "",
    )
    assert (zoe["introduced_by"], zoe["route"], zoe["archived"]) == ("Grace Hopper", "introduction", "yes")
    assert (soren["introduced_by"], soren["how_known"]) == ("Prof. Kim", "Intro by Prof. Kim")


def test_rows_end_in_crlf_and_line_breaks_inside_cells_are_quoted(store: Store) -> None:
    fill(store)
    text = contacts_csv(Snapshot.of(store))
    assert text.endswith("\r\n")
    assert '"Two lines:\nfirst, then second"' in text
    assert text.count("\r\n") == 5  # header and four rows; the note's own \n is inside quotes


def test_an_empty_store_exports_the_header_only(store: Store) -> None:
    assert contacts_csv(Snapshot.of(store)) == BOM + ",".join(EXPECTED_COLUMNS) + "\r\n"


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1 555", "-2+3", "@SUM(A1)", "\tx"])
def test_cells_that_a_spreadsheet_would_run_are_made_text(store: Store, dangerous: str) -> None:
    store.contacts.add(Contact(name=dangerous, company=dangerous, notes=dangerous))
    (only,) = read(contacts_csv(Snapshot.of(store)))
    assert only["name"] == only["company"] == only["notes"] == "'" + dangerous
    assert only["id"] == store.contacts.all()[0].id and only["priority"] == "2"


# The command line ------------------------------------------------------------------------------------------


def test_cli_export_csv_to_standard_output(
    store: Store, data_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    assert store.flush()
    assert main(["export", "--format", "csv", "--data", str(data_path)]) == 0  # works while the file is open
    out = capsys.readouterr().out
    rows = read(out)
    assert [r["name"] for r in rows] == ["Grace Hopper", "Luis Fernández", "Zoë Ødegaard", "Søren"]
    assert rows[1]["company"] == "Contoso, Ltd." and rows[1]["title"] == 'Senior Engineer "Platform"'


def test_cli_export_csv_to_a_file(store: Store, data_path: Path, tmp_path: Path) -> None:
    fill(store)
    store.close()
    target = tmp_path / "out" / "contacts.csv"
    assert main(["--data", str(data_path), "export", "--format", "csv", "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name,")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1]["name"] == "Luis Fernández" and rows[1]["company"] == "Contoso, Ltd."
    assert rows[2]["name"] == "Zoë Ødegaard"


def test_cli_export_rejects_an_unknown_format(data_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", "--format", "xml", "--data", str(data_path)])
    assert done.value.code == 1
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    "hostile",
    ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\r=1+1", "\n=1+1", "\t=1+1", "  =1+1", " -2+3"],
    ids=repr,
)
def test_hostile_formulas_from_an_import_are_text(store: Store, hostile: str) -> None:
    store.contacts.add(Contact(name=hostile, title=hostile, notes=hostile, tags=(hostile,)))
    (only,) = read(contacts_csv(Snapshot.of(store)))
    for column in ("name", "title", "notes", "tags"):
        assert only[column].startswith("'"), (column, only[column])


def test_control_characters_are_removed_but_line_breaks_stay(store: Store) -> None:
    store.contacts.add(
        Contact(name="Eve\x1b]52;c;QUJD\x07 Mallory\u202e", company="Acme\x00\x85", notes="one\r\ntwo\x1b[2J")
    )
    text = contacts_csv(Snapshot.of(store))
    (only,) = read(text)
    assert (only["name"], only["company"], only["notes"]) == ("Eve]52;c;QUJD Mallory", "Acme", "one\ntwo[2J")
    assert not any(ch in text for ch in "\x1b\x00\x07\x85\u202e")


def test_the_status_says_conducted_once_the_call_is_held() -> None:
    """A request that led to a held call no longer reads "Scheduled" (the same rule as the Identify table)."""
    ada = Contact(name="Ada", id="1")
    bob = Contact(name="Bob", id="2")
    start = T0 - timedelta(days=2)
    held = Interview(
        contact_id="1",
        id="5",
        stage=Stage.CONDUCTED,
        call=CallRecord(spans=(TimeSpan(start, start + timedelta(minutes=30)),), ended_at=start),
    )
    upcoming = Interview(contact_id="2", id="6", stage=Stage.SCHEDULED, scheduled_at=T0 + timedelta(days=1))
    requests = (
        Outreach(
            contact_id="1",
            id="1",
            sent_at=T0 - timedelta(days=9),
            status=OutreachStatus.SCHEDULED,
            interview_id="5",
        ),
        Outreach(
            contact_id="2",
            id="2",
            sent_at=T0 - timedelta(days=9),
            status=OutreachStatus.SCHEDULED,
            interview_id="6",
        ),
    )
    rows = read(contacts_csv(Snapshot(contacts=(ada, bob), outreach=requests, interviews=(held, upcoming))))
    assert [r["outreach_status"] for r in rows] == ["Conducted", "Scheduled"]
