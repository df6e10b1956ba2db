"""Bad files through the store: a read-only file or folder and a full disk (simulated, since tests may run
as root) get a clear message, keep the data in memory, and leave the file on disk untouched."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from infoview_tui.domain.models import Contact
from infoview_tui.store import Store, storage


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
        (OSError(errno.ENOSPC, "No space left on device"), "No space left"),
    ],
)
def test_a_failing_disk_is_reported_and_the_file_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, words: str
) -> None:
    path = tmp_path / "infoview.json"
    with Store.open(path) as store:
        store.contacts.add(Contact(name="Saved Before"))
    before = path.read_bytes()
    heard: list[BaseException] = []

    def failing(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(storage, "write_atomic", failing)
    store = Store.open(path, on_error=heard.append)
    store.contacts.add(Contact(name="Typed During The Outage"))
    assert not store.flush(timeout=5)
    assert heard and words in str(heard[0])
    assert path.read_bytes() == before  # nothing half-written
    assert [c.name for c in store.contacts.all()] == [
        "Saved Before",
        "Typed During The Outage",
    ]  # kept in memory
    monkeypatch.undo()
    assert store.flush(timeout=5)  # the disk is back: the retry lands
    assert store.close()
    with Store.open(path, read_only=True) as reopened:
        assert [c.name for c in reopened.contacts.all()] == ["Saved Before", "Typed During The Outage"]


def test_a_file_made_read_only_while_open_is_not_made_writable_again(tmp_path: Path) -> None:
    """chmod 0444 while the app runs: the next save put a new 0600 file in its place, with no message. The
    save now fails saying why (the changes stay in memory and the save is retried), until it is writable."""
    import stat

    path = tmp_path / "infoview.json"
    heard: list[BaseException] = []
    store = Store.open(path, on_error=heard.append)
    try:
        store.contacts.add(Contact(name="Saved Before"))
        assert store.flush()
        path.chmod(0o444)
        before = path.read_bytes()
        store.contacts.add(Contact(name="Typed After The Chmod"))
        assert not store.flush(timeout=3)
        assert heard and "read-only" in str(heard[0]) and "chmod u+w" in str(heard[0])
        assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
        path.chmod(0o600)
        assert store.flush(timeout=10)
    finally:
        store.close()
    assert "Typed After The Chmod" in path.read_text(encoding="utf-8")
