"""Exports of a hand-edited or hostile data file: never a traceback, never a broken or injected line.

Each case edits the JSON file the way a person (or a sync conflict, or an attacker) could, then runs the real
command line in-process (`main([...])`) and checks the exit code and every stderr line. The policy (see
`cli.py`): the calendar, Markdown and CSV exports leave out a value they cannot use, print one `warning:` line
naming the record, and exit 0; the JSON backup keeps everything as stored, so it refuses with exit 2 and one
line naming the record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from infoview_tui.cli import main
from infoview_tui.demo import populate_demo
from infoview_tui.store import Store

Doc = dict[str, Any]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach an export meant for people or other programs (tab, LF and CR are checked apart)."""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "d.json"
    with Store.open(path) as store:
        populate_demo(store, store.clock.now())
    return path


def edit(path: Path, change: Callable[[Doc], None]) -> None:
    """Change the data file by hand, as an editor would (Python's json writes Infinity for inf)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def edit_upcoming(path: Path, **fields: Any) -> str:
    """Set `fields` on the first interview not yet held, by hand; returns its id."""
    ids: list[str] = []

    def change(doc: Doc) -> None:
        key, interview = upcoming(doc)
        interview.update(fields)
        ids.append(key)

    edit(path, change)
    return ids[0]


def upcoming(doc: Doc) -> tuple[str, Doc]:
    """The first interview not yet held (its id and document)."""
    return next((k, v) for k, v in doc["interviews"].items() if not v.get("call", {}).get("ended_at"))


def conducted(doc: Doc) -> tuple[str, Doc]:
    """The first interview whose call has ended (its id and document)."""
    return next((k, v) for k, v in doc["interviews"].items() if v.get("call", {}).get("ended_at"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout and the stderr lines of one command; stderr must be one-line messages only."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert "Traceback" not in err
    assert all(line.startswith(("infoview-tui: ", "Exported ", "No conducted")) for line in lines), err
    return code, out, lines


# Times a hand edit made unusable ----------------------------------------------------------------------------

FAR_TIMES = ["0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:00-05:00"]


@pytest.mark.parametrize("stored", FAR_TIMES)
def test_ics_leaves_out_a_scheduled_time_in_year_1_or_9999_and_names_it(
    data: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    ids = [edit_upcoming(data, scheduled_at=stored)]
    code, out, err = run(capsys, "export", "--format", "ics", "--data", str(data))
    assert code == 0
    assert err == [
        f"infoview-tui: warning: interview {ids[0]}: scheduled_at {stored} is out of range; left out"
    ]
    uids = {str(c["UID"]) for c in Calendar.from_ical(out).walk() if c.name == "VEVENT"}
    assert f"interview-{ids[0]}@infoview-tui" not in uids and uids  # the others are still there


@pytest.mark.parametrize("stored", FAR_TIMES)
def test_markdown_prep_sheet_with_a_time_in_year_1_or_9999(
    data: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    ids = [edit_upcoming(data, scheduled_at=stored)]
    code, out, err = run(capsys, "export", "--format", "markdown", "--interview", ids[0], "--data", str(data))
    assert code == 0
    assert err == [
        f"infoview-tui: warning: interview {ids[0]}: scheduled_at {stored} is out of range; left out"
    ]
    assert out.startswith("# Prep: ") and "- Not scheduled yet" in out


def test_a_call_that_ended_in_year_9999_is_left_out_of_every_export_but_json(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids: list[str] = []

    def change(doc: Doc) -> None:
        key, interview = conducted(doc)
        ids.append(key)
        interview["call"]["ended_at"] = "9999-12-31T23:00:00+00:00"

    edit(data, change)
    warning = (
        f"infoview-tui: warning: interview {ids[0]}: call.ended_at 9999-12-31T23:00:00+00:00 is out of range"
    )
    code, out, err = run(capsys, "export", "--format", "ics", "--data", str(data))
    assert code == 0 and err == [warning + "; left out"]
    assert f"thank-you-{ids[0]}@" not in out.replace("\r\n ", "")  # no thank-you due in year 10000
    code, _, err = run(
        capsys, "export", "--format", "markdown", "-o", str(tmp_path / "md"), "--data", str(data)
    )
    assert code == 0 and err[0] == warning + "; left out" and err[-1].startswith("Exported ")
    assert run(capsys, "export", "--format", "json", "--data", str(data))[0] == 0  # UTC year 9999 converts


@pytest.mark.parametrize("stored", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:00-05:00"])
def test_json_backup_refuses_a_time_it_cannot_write_with_exit_2_naming_the_record(
    data: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    ids = [edit_upcoming(data, scheduled_at=stored)]
    code, out, err = run(capsys, "export", "--format", "json", "--data", str(data))
    assert (code, out) == (2, "")
    expected = (
        f"infoview-tui: cannot export {data}: interview {ids[0]}: scheduled_at {stored} is out of range; "
        "correct it in the file or restore a backup."
    )
    assert err == [expected]


def test_an_outreach_sent_in_year_9999_is_left_out_of_the_calendar(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids: list[str] = []

    def change(doc: Doc) -> None:
        waiting = ((k, v) for k, v in doc["outreach"].items() if v.get("status", "sent") == "sent")
        key, item = next(waiting)  # "sent" is the default, so the file leaves it out
        ids.append(key)
        item["sent_at"] = "9999-12-31T00:00:00+00:00"

    edit(data, change)
    code, out, err = run(capsys, "export", "--format", "ics", "--data", str(data))
    assert code == 0
    expected = (
        f"infoview-tui: warning: outreach {ids[0]}: sent_at 9999-12-31T00:00:00+00:00 is out of range; "
        "the record is left out"
    )
    assert err == [expected]
    assert f"outreach-{ids[0]}-3b@" not in out
    assert run(capsys, "export", "--format", "csv", "--data", str(data))[0] == 0


def test_infinite_and_huge_numbers_are_replaced_and_named(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids: list[str] = []

    def change(doc: Doc) -> None:
        key, interview = conducted(doc)
        ids.append(key)
        interview["notes"][0]["offset_s"] = float("inf")
        interview["notes"][1]["offset_s"] = float("nan")
        interview["duration_minutes"] = 10**12

    edit(data, change)
    assert "Infinity" in data.read_text(encoding="utf-8")
    code, out, err = run(capsys, "export", "--format", "markdown", "--interview", ids[0], "--data", str(data))
    assert code == 0
    assert err == [
        f"infoview-tui: warning: interview {ids[0]}: duration_minutes 1000000000000 is out of range; 1440 used",
        f"infoview-tui: warning: interview {ids[0]}: notes[0].offset_s inf is out of range; 0 used",
        f"infoview-tui: warning: interview {ids[0]}: notes[1].offset_s nan is out of range; 0 used",
    ]
    assert "(1440 min planned)" in out and "- `00:00`" in out
    assert run(capsys, "export", "--format", "ics", "--data", str(data))[0] == 0


# Time zone names -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["A" * 300, "../../etc/passwd", "Europe/\u0000Berlin", "Europe"])
def test_a_bad_time_zone_name_in_the_file_does_not_break_an_export(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str
) -> None:
    ids = [edit_upcoming(data, their_timezone=zone)]
    code, out, err = run(capsys, "export", "--format", "markdown", "--interview", ids[0], "--data", str(data))
    assert (code, err) == (0, [])
    zone_line = next(line for line in out.splitlines() if line.startswith("- Their time zone: "))
    assert "\x00" not in zone_line and "there)" not in zone_line  # shown as text, no times computed from it
    code, out, err = run(capsys, "export", "--format", "ics", "--data", str(data))
    assert (code, err) == (0, [])
    Calendar.from_ical(out)


# Text that tries to end a line -----------------------------------------------------------------------------

INJECTION = "\r\nATTENDEE:mailto:evil@example.com\r\nX-INJECTED:1\n"


def test_ics_never_has_an_injected_or_broken_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids: list[str] = []

    def change(doc: Doc) -> None:
        key, interview = upcoming(doc)
        ids.append(key)
        interview["location"] = "https://meet.example.com/abc" + INJECTION
        interview["hope_to_learn"] = "Learn" + INJECTION + "\x1b]52;c;QUJD\x07\rBEGIN:VEVENT\x00\u202e"
        interview["their_timezone"] = "Europe/Berlin" + INJECTION
        interview["questions"] = [{"text": "Why?" + INJECTION, "must_ask": True}]
        contact = doc["contacts"][str(interview["contact_id"])]
        contact["name"] = "Eve\x1b[2J" + INJECTION + "\x85\u009b31m"
        contact["company"] = "Acme;Corp," + INJECTION

    edit(data, change)
    code, out, err = run(capsys, "export", "--format", "ics", "--data", str(data))
    assert (code, err) == (0, [])
    raw = out.encode("utf-8") if isinstance(out, str) else out
    body = raw.decode("utf-8")
    assert not CONTROL.search(body.replace("\r\n", "").replace("\t", ""))
    assert "\r" not in body.replace("\r\n", "") and "\n" not in body.replace("\r\n", "")
    for line in body.split("\r\n")[
        :-1
    ]:  # every line is a property (NAME:… / NAME;…) or a folded continuation
        assert line.startswith(" ") or re.match(r"[A-Z][A-Z0-9-]*[:;]", line), line
    cal = Calendar.from_ical(body)
    names = {prop for comp in cal.walk() for prop in comp}
    assert not names & {"ATTENDEE", "X-INJECTED"}
    assert sum(1 for comp in cal.walk() if comp.name == "VEVENT") == body.count("BEGIN:VEVENT\r\n")
    event = next(c for c in cal.walk("VEVENT") if str(c["UID"]) == f"interview-{ids[0]}@infoview-tui")
    assert "URL" not in event  # a location with a line break is no link
    assert (
        str(event["LOCATION"]) == "https://meet.example.com/abc ATTENDEE:mailto:evil@example.com X-INJECTED:1"
    )
    assert str(event["SUMMARY"]).startswith(
        "Informational interview: Eve [2J ATTENDEE:mailto:evil@example.com"
    )
    description = str(event["DESCRIPTION"])
    assert "Learn\nATTENDEE:mailto:evil@example.com\nX-INJECTED:1" in description  # lines kept, escaped as \n
    assert "Their time zone: Europe/Berlin ATTENDEE" in description


def test_csv_and_markdown_of_the_same_file_hold_no_control_characters(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids: list[str] = []

    def change(doc: Doc) -> None:
        key, interview = conducted(doc)
        ids.append(key)
        interview["notes"][0]["text"] = "note\x1b]2;title\x07 [x](javascript:alert(1))"
        contact = doc["contacts"][str(interview["contact_id"])]
        contact["name"] = "Eve\x1b[2J\u202e Mallory"
        contact["notes"] = "=cmd|' /C calc'!A0\x00"

    edit(data, change)
    code, out, _ = run(capsys, "export", "--format", "csv", "--data", str(data))
    assert code == 0 and not CONTROL.search(out.replace("\r\n", "")) and "'=cmd|' /C calc'!A0" in out
    code, out, _ = run(capsys, "export", "--format", "markdown", "--interview", ids[0], "--data", str(data))
    assert code == 0 and not CONTROL.search(out)
    assert "note \\]2;title \\[x\\](javascript:alert(1))" in out  # ESC gone, the link syntax escaped
