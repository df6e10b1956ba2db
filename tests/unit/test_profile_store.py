"""The profile: its rules, where the store keeps it (old files load), the backup, and `infoview-tui profile`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.models import Profile
from infoview_tui.domain.profile import edit_profile
from infoview_tui.store import SCHEMA_VERSION, DataFileError, Store

ANA = Profile(
    name="Ana Lee",
    intro="I'm a third-year economics student exploring product design.",
    email="ana@example.com",
    linkedin_url="https://www.linkedin.com/in/ana-lee",
    school_or_field="Economics, University of Leeds",
)


def test_edit_profile_cleans_keeps_the_rest_and_refuses_bad_addresses() -> None:
    edited, problems = edit_profile(ANA, name="  Ana\tB.  Lee ", email="")
    assert problems == {}
    assert edited.name == "Ana B. Lee" and edited.email == "" and edited.intro == ANA.intro
    linked, _ = edit_profile(Profile(), linkedin_url="linkedin.com/in/ana")
    assert linked.linkedin_url == "https://linkedin.com/in/ana"
    kept, problems = edit_profile(ANA, name="Bo", email="not an address", linkedin_url="ftp://x")
    assert kept == ANA  # nothing half-checked is taken
    assert set(problems) == {"email", "linkedin_url"}
    _, problems = edit_profile(ANA, intro="word " * 60)
    assert "one line" in problems["intro"]


def test_profile_round_trips_through_the_file_and_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    with Store.open(path) as store:
        assert store.profile == Profile()
        store.save_profile(ANA)
    with Store.open(path) as store:
        assert store.profile == ANA
        exported = store.export_dict()
    assert exported["profile"]["name"] == "Ana Lee"
    assert exported["profile"]["school_or_field"] == "Economics, University of Leeds"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert (
        on_disk["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    )  # the profile needed no schema change of its own
    with Store.open(path) as store:
        store.save_profile(Profile())
    assert "profile" not in json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]


def test_a_file_from_before_profiles_loads_with_an_empty_one(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps({"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ana"}}}),
        encoding="utf-8",
    )
    with Store.open(path) as store:
        assert store.profile == Profile()
        assert store.contacts.all()[0].name == "Ana"
        store.save_profile(Profile(name="Bo"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"] == {"schema_version": 2, "profile": {"name": "Bo"}}  # migrated on the first save
    assert [doc["name"] for doc in data["contacts"].values()] == ["Ana"]


def test_a_profile_of_the_wrong_shape_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    raw = json.dumps({"meta": {"1": {"schema_version": 1, "profile": {"name": 42}}}})
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(DataFileError, match="profile that does not fit"):
        Store.open(path)
    assert path.read_text(encoding="utf-8") == raw


def test_cli_profile_prints_sets_and_keeps_other_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.json"
    assert main(["profile", "--data", str(data)]) == 0
    assert "No profile yet" in capsys.readouterr().out
    assert not data.exists()  # printing never creates the file
    assert main(["profile", "--data", str(data), "--name", "Ana Lee", "--intro", "I'm a student."]) == 0
    out = capsys.readouterr().out
    assert "Name:" in out and "Ana Lee" in out
    assert main(["profile", "--data", str(data), "--email", "ana@example.com", "--field", "Economics"]) == 0
    capsys.readouterr()
    with Store.open(data, read_only=True) as store:
        assert store.profile == Profile(
            name="Ana Lee", intro="I'm a student.", email="ana@example.com", school_or_field="Economics"
        )
    assert main(["profile", "--data", str(data)]) == 0
    printed = capsys.readouterr().out
    assert "I'm a student." in printed and "ana@example.com" in printed and "(not set)" in printed


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [("--email", "ana at example", "--email:"), ("--linkedin", "javascript:alert(1)", "--linkedin:")],
)
def test_cli_profile_refuses_a_bad_address_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    data = tmp_path / "d.json"
    assert main(["profile", "--data", str(data), "--name", "Ana", option, value]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "Traceback" not in err
    assert not data.exists()  # checked before the file is opened


def test_cli_profile_on_a_file_that_is_not_ours_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.json"
    data.write_text('{"something": "else"}', encoding="utf-8")
    assert main(["profile", "--data", str(data)]) == 2
    assert main(["profile", "--data", str(data), "--name", "Ana"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "not an infoview-tui data file" in err
    assert data.read_text(encoding="utf-8") == '{"something": "else"}'


def test_a_profile_saved_after_other_writes_reaches_the_disk(tmp_path: Path) -> None:
    """The header was changed in place, so the writer kept the header's text from the write before and the
    profile never reached the file (the demo's profile vanished on reopening)."""
    from infoview_tui.domain.models import Contact

    path = tmp_path / "infoview.json"
    with Store.open(path) as store:
        store.contacts.add(Contact(name="Ada Lovelace"))
        assert store.flush(10)
        store.save_profile(Profile(name="Ana Lee", intro="a student"))
        assert store.flush(10)
        store.save_profile(Profile(name="Ana Lee", intro="a student", email="ana@example.com"))
    with Store.open(path) as reopened:
        assert reopened.profile == Profile(name="Ana Lee", intro="a student", email="ana@example.com")
        assert [c.name for c in reopened.contacts.all()] == ["Ada Lovelace"]
