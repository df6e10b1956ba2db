"""The command line: options, subcommands, exit codes and messages (run in-process through `main`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from infoview_tui import __version__
from infoview_tui.cli import main
from infoview_tui.config import default_data_path
from infoview_tui.store import Store


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"infoview-tui {__version__}"


def test_help_shows_the_resolved_data_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert str(default_data_path()) in out.replace(" ", "") or str(default_data_path()) in out
    custom = tmp_path / "elsewhere.json"
    monkeypatch.setenv("INFOVIEW_DATA", str(custom))
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert str(custom) in capsys.readouterr().out.replace("\n", "").replace(" ", "")


def test_default_path_is_under_the_platform_data_folder(tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME into tmp_path
    assert default_data_path() == tmp_path / "xdg-data" / "infoview-tui" / "infoview.json"


def test_unknown_option_is_a_user_error_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--bogus"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err and "Traceback" not in err


def test_demo_writes_a_sample_set_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.json"
    assert main(["demo", "--data", str(data)]) == 0
    assert "Wrote a demo data set" in capsys.readouterr().out
    with Store.open(data, read_only=True) as store:
        contacts = len(store.contacts)
    assert 10 <= contacts <= 30
    assert main(["--data", str(data), "demo"]) == 1  # --data before the subcommand works too
    assert "--force" in capsys.readouterr().err
    assert main(["demo", "--size", "50", "--force", "--data", str(data)]) == 0
    with Store.open(data, read_only=True) as store:
        assert len(store.contacts) == 50
    assert list((tmp_path / "backups").glob("d-*.json")), "the replaced data was backed up"


def test_demo_size_must_be_sensible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--size", "0", "--data", str(tmp_path / "d.json")]) == 1
    assert "--size" in capsys.readouterr().err


def test_environment_variable_chooses_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "from-env.json"
    monkeypatch.setenv("INFOVIEW_DATA", str(data))
    assert main(["demo"]) == 0
    assert data.exists()


def test_export_json_is_complete_and_documented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d.json"
    assert main(["demo", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json", "--data", str(data)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert isinstance(exported["schema_version"], int)
    for kind in ("contacts", "outreach", "interviews", "questions", "goals"):
        assert isinstance(exported[kind], list) and exported[kind], kind
    contact = exported["contacts"][0]
    for key in ("id", "name", "company", "title", "email", "linkedin_url"):
        assert key in contact
    interview = next(iv for iv in exported["interviews"] if iv["notes"])
    for key in ("id", "contact_id", "scheduled_at", "duration_minutes", "stage", "notes"):
        assert key in interview
    note = interview["notes"][0]
    assert isinstance(note["text"], str) and isinstance(note["offset_s"], (int, float))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d", interview["scheduled_at"])


def test_export_to_a_file_keeps_unicode(tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    out = tmp_path / "backup.json"
    assert main(["demo", "--data", str(data)]) == 0
    assert main(["export", "-o", str(out), "--data", str(data)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "José" in raw or "Zoë" in raw  # written as UTF-8, not \u escapes
    assert json.loads(raw)["contacts"]


def test_export_of_a_missing_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data", str(tmp_path / "nope.json")]) == 1
    assert "no data file" in capsys.readouterr().err


def test_export_works_while_the_file_is_open_for_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.json"
    assert main(["demo", "--data", str(data)]) == 0
    with Store.open(data):
        capsys.readouterr()
        assert main(["export", "--data", str(data)]) == 0
        assert json.loads(capsys.readouterr().out)["contacts"]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "empty"),
        (b"{not json", "damaged"),
        (b"\x00\xff\xfe binary", "not a text file"),
        (b'{"people": {"1": {"a": 1}}}', "not an infoview-tui data file"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer"),
    ],
)
def test_a_bad_data_file_exits_2_with_a_message_and_is_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, phrase: str
) -> None:
    data = tmp_path / "d.json"
    data.write_bytes(content)
    assert main(["demo", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert phrase in err and str(data) in err and "Traceback" not in err
    assert data.read_bytes() == content


def test_a_second_writer_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d.json"
    with Store.open(data):
        assert main(["demo", "--data", str(data)]) == 2
    assert "already open" in capsys.readouterr().err
