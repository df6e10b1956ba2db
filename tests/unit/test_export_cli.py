"""`infoview-tui export --format ics|markdown`: run in-process through `main`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar

from infoview_tui.cli import main
from infoview_tui.demo import populate_demo
from infoview_tui.domain.models import Contact, Stage
from infoview_tui.store import Store


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "d.json"
    with Store.open(path) as store:  # not `main(["demo"])`: it prints, and ics tests capture bytes
        populate_demo(store, store.clock.now())
    return path


def upcoming_id(path: Path) -> tuple[str, str]:
    with Store.open(path, read_only=True) as store:
        names = {c.id: c.name for c in store.contacts.all()}
        iv = next(i for i in store.interviews.all() if i.stage is Stage.PREPARED)
        return iv.id, names[iv.contact_id]


def test_export_ics_to_stdout_parses(data: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "--format", "ics", "--data", str(data)]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    cal = Calendar.from_ical(raw)
    uids = {str(c["UID"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO")}
    iv_id, _ = upcoming_id(data)
    assert f"interview-{iv_id}@infoview-tui" in uids
    assert any(uid.startswith("thank-you-") for uid in uids)
    assert any(uid.endswith("-3b-reminder@infoview-tui") for uid in uids)  # reminders are events by default
    assert not list(cal.walk("VTODO"))


def test_export_ics_reminders_todos_gives_vtodos(
    data: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", "--format", "ics", "--reminders", "todos", "--data", str(data)]) == 0
    cal = Calendar.from_ical(capsysbinary.readouterr().out)
    todos = {str(c["UID"]) for c in cal.walk("VTODO")}
    assert any(uid.endswith("-3b@infoview-tui") for uid in todos)
    assert not any(str(e["UID"]).endswith("-reminder@infoview-tui") for e in cal.walk("VEVENT"))


def test_reminders_is_only_for_the_calendar(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--reminders", "todos", "--data", str(data)]) == 1
    assert "--reminders works with --format ics" in capsys.readouterr().err


def test_export_ics_to_a_file_is_byte_exact(
    data: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = tmp_path / "cal" / "interviews.ics"
    assert main(["export", "--format", "ics", "-o", str(out), "--data", str(data)]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == b"" and b"Exported" in captured.err
    raw = out.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 10  # CRLF kept, not doubled or translated
    assert "Zoë".encode() in raw.replace(b"\r\n ", b"")
    Calendar.from_ical(raw)


def test_export_markdown_prep_sheet(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    iv_id, name = upcoming_id(data)
    assert main(["export", "--format", "markdown", "--interview", str(iv_id), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Prep: {name}\n")
    for heading in ("## Person", "## When", "## Questions", "## Time plan"):
        assert f"\n{heading}\n" in out


def test_export_markdown_to_a_file(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    iv_id, name = upcoming_id(data)
    out = tmp_path / "prep.md"
    assert (
        main(
            ["export", "--format", "markdown", "--interview", str(iv_id), "-o", str(out), "--data", str(data)]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8").startswith(f"# Prep: {name}\n")
    assert capsys.readouterr().out == ""


def conducted_id(path: Path) -> tuple[str, str]:
    with Store.open(path, read_only=True) as store:
        names = {c.id: c.name for c in store.contacts.all()}
        iv = next(i for i in store.interviews.all() if i.stage is Stage.REFLECTED)
        return iv.id, names[iv.contact_id]


def test_markdown_without_interview_needs_a_folder(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "markdown", "--data", str(data)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "infoview-tui: --format markdown without --interview writes one file per conducted interview: "
        "add -o DIR for the folder (see `infoview-tui export --help`)\n"
    )
    assert captured.out == ""


def test_markdown_without_interview_refuses_a_file_as_the_folder(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "notes.md"
    existing.write_text("mine", encoding="utf-8")
    assert main(["export", "--format", "markdown", "-o", str(existing), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"infoview-tui: {existing} is a file;") and "give a folder for -o" in err
    assert existing.read_text(encoding="utf-8") == "mine"


def test_markdown_exports_every_conducted_interview_to_a_folder(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault" / "interviews"
    assert main(["export", "--format", "markdown", "-o", str(folder), "--data", str(data)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"Exported 6 conducted interviews from {data} to {folder}\n"
    files = sorted(folder.iterdir())
    assert len(files) == 6 and all(re.fullmatch(r"\d{4}-\d\d-\d\d-[a-z0-9-]+\.md", f.name) for f in files)
    _iv_id, name = conducted_id(data)
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert sum(f'person: "{name}"' in t for t in texts) == 1
    assert all(t.startswith("---\ndate: ") and "\n## Questions asked\n" in t for t in texts)


def test_markdown_folder_export_with_nothing_conducted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    with Store.open(path) as store:
        store.contacts.add(Contact(name="Ada"))
    folder = tmp_path / "out"
    assert main(["export", "--format", "markdown", "-o", str(folder), "--data", str(path)]) == 0
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert "No conducted interviews" in capsys.readouterr().err


def test_markdown_for_a_conducted_interview_is_its_record(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    iv_id, name = conducted_id(data)
    assert main(["export", "--format", "markdown", "--interview", str(iv_id), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\ndate: ")
    assert f"\n# Conversation with {name}, " in out
    for heading in ("## Questions asked", "## All notes", "## Follow-up", "## Reflection"):
        assert f"\n{heading}\n" in out
    assert "# Prep:" not in out


def test_unknown_interview_is_a_user_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "export",
                "--format",
                "markdown",
                "--interview",
                "01KZZZZZZZZZZZZZZZZZZZZZZZ",
                "--data",
                str(data),
            ]
        )
        == 1
    )
    captured = capsys.readouterr()
    assert (
        "there is no interview with id 01KZZZZZZZZZZZZZZZZZZZZZZZ" in captured.err
        and "Traceback" not in captured.err
    )
    assert captured.out == ""


def test_interview_with_another_format_is_a_user_error(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", "--format", "ics", "--interview", "01KZZZZZZZZZZZZZZZZZZZZZZZ", "--data", str(data)])
        == 1
    )
    assert "--interview works with --format markdown" in capsys.readouterr().err


def test_interview_must_be_a_record_id(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", "--format", "markdown", "--interview", "kenji", "--data", str(data)])
    assert done.value.code == 1
    assert "'kenji' is not a record id" in capsys.readouterr().err


def test_export_help_lists_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "{json,csv,ics,markdown}" in out
    assert "ics: a calendar file" in out and "--interview ID" in out
    assert "the prep sheet for an interview not yet held, the full record" in out
    assert (
        "without --interview, every conducted interview, one file each, into the folder given with -o DIR"
        in out
    )
