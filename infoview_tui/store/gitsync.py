"""Provides git as a way to carry the notebook between computers: a merge driver, set-up, and one-step sync.

- `run_git_driver(base, ours, theirs)` is what git runs (`merge --git-driver %O %A %B`) when both sides
  changed the data file: the three copies are read, migrated and merged record by record (`merge.py`), and
  the result replaces OURS atomically (git takes it from there). Only a copy that is not a data file of ours
  makes it fail, so git reports a conflict instead of a broken file.
- `init_sync(data)` sets a git work tree up for that: `.gitattributes` names the driver for the data file,
  the repository's own config says how to run it (this Python, so it works from a virtualenv), and
  `.gitignore` keeps the lock, backups, temp files and unsaved words out of commits.
- `sync(data, ...)` commits the data file, pulls (fetch, then merge: the driver merges the data file) and
  pushes, saying each step's outcome in plain words. It holds the writer lock meanwhile, so the app cannot
  open the file halfway through, and refuses while the app has it open.

The app makes no network connection of its own: only git does, on the user's command, to the remote the
user set up. git runs with argument lists (no shell), never prompts (`GIT_TERMINAL_PROMPT=0`) and is given
`GIT_TIMEOUT` seconds per step.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from infoview_tui.store.errors import StoreError, StoreLockedError, UnusableData
from infoview_tui.store.lock import WriterLock, lock_path
from infoview_tui.store.merge import merge_tables
from infoview_tui.store.storage import Tables, backup_dir, parse_tables, write_atomic

__all__ = ["DRIVER", "SyncError", "driver_command", "init_sync", "run_git_driver", "sync"]

DRIVER = "infoview-tui"
"""The merge driver's name in `.gitattributes` and the repository's config."""
GIT_TIMEOUT = 120.0
"""Seconds one git step may take (a slow remote) before sync gives up on it."""


class SyncError(StoreError):
    """Sync cannot go on; the message says why and what to do (the repository is as git left it)."""


# The merge driver ---------------------------------------------------------------------------------------


def _read_side(path: Path, *, optional: bool) -> Tables:
    """One copy of the data file, migrated; `optional` (the common ancestor) may be missing or empty."""
    from infoview_tui.store.repository import Store  # the one migrate-and-check rule the loader uses

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if optional:
            return {}
        raise UnusableData("missing", "there is no such file") from None
    except OSError as exc:
        raise UnusableData("unreadable", exc.strerror or str(exc)) from None
    if optional and not raw.strip():
        return {}  # git passes an empty file when both sides added the data file (no common ancestor)
    tables, _start = Store._migrate(parse_tables(raw))
    return tables


def run_git_driver(base: Path, ours: Path, theirs: Path) -> int:
    """Merge THEIRS into OURS with BASE as the common ancestor (git's %O %A %B); 0 when merged, 2 (a data file
    problem, as everywhere in the CLI) when a copy cannot be read (one line on stderr, OURS untouched)."""
    sides: list[Tables] = []
    for path, optional in ((base, True), (ours, False), (theirs, False)):
        try:
            sides.append(_read_side(path, optional=optional))
        except UnusableData as exc:
            print(f"infoview-tui: cannot merge {path}: {exc.reason}", file=sys.stderr)
            return 2
    result = merge_tables(*sides)
    try:
        mode = os.stat(ours).st_mode & 0o777
        write_atomic(ours, result.tables)
        os.chmod(ours, mode)  # git checked it out with its own mode; keep it
    except OSError as exc:
        print(f"infoview-tui: cannot write {ours}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    report = result.report
    line = f"infoview-tui: merged both copies of the data file ({report.summary()})"
    if report.conflicts:
        line += (
            f"; changed on both computers (the later change kept, the other noted on the record): "
            f"{', '.join(report.conflicts[:3])}"
        )
    print(line, file=sys.stderr)
    return 0


# Running git ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GitResult:
    """What one git command did."""

    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def last_words(self) -> str:
        """git's last line of complaint, for a message."""
        lines = [line.strip() for line in (self.err or self.out).splitlines() if line.strip()]
        return lines[-1] if lines else f"git exited with {self.code}"


Runner = Callable[[Sequence[str], Path], GitResult]


def run_git(args: Sequence[str], cwd: Path) -> GitResult:
    """`git ARGS` in `cwd`: no shell, no prompt, a timeout; a missing git or a timeout is a SyncError."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_MERGE_AUTOEDIT": "no", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError("git is not installed (or not on PATH); install git to sync with it.") from None
    except subprocess.TimeoutExpired:
        raise SyncError(
            f"git {args[0]} did not finish within {GIT_TIMEOUT:.0f} seconds (is the remote reachable?); "
            "nothing was lost: run sync again later."
        ) from None
    return GitResult(done.returncode, done.stdout, done.stderr)


def work_tree(folder: Path, git: Runner = run_git) -> Path:
    """The top of the git work tree `folder` is in; SyncError saying how to make one when there is none."""
    found = git(["rev-parse", "--show-toplevel"], folder) if folder.is_dir() else None
    if found is None or not found.ok or not found.out.strip():
        raise SyncError(
            f"{folder} is not in a git repository. Make it one first: git -C {shlex.quote(str(folder))} init"
        )
    return Path(found.out.strip())


# Set-up ---------------------------------------------------------------------------------------------------


def driver_command() -> str:
    """How git runs the driver on this computer: this Python, so a virtualenv's install is the one used."""
    return f"{shlex.quote(sys.executable)} -m infoview_tui merge --git-driver %O %A %B"


def _pattern(name: str) -> str:
    """A file name as a gitattributes pattern (whitespace would end the pattern: match it with `?`)."""
    return "".join("?" if ch.isspace() else ch for ch in name)


def ignored_names(data: Path) -> list[str]:
    """What stays out of commits: backups, the lock, unsaved words, temp files, this app's conflict copies."""
    return [
        f"{backup_dir(data).name}/",
        _pattern(lock_path(data).name),
        _pattern(f"{data.name}.unsaved-*"),
        _pattern(f".{data.name}.*.tmp"),
        ".infoview-probe-*.tmp",
    ]


def _add_lines(path: Path, lines: list[str]) -> list[str]:
    """Append the lines `path` does not have yet; returns those added (none: nothing is written)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in have]
    if missing:
        prefix = "" if not text or text.endswith("\n") else "\n"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(prefix + "\n".join(missing) + "\n")
    return missing


def init_sync(data: Path, git: Runner = run_git) -> list[str]:
    """Set up the data file's folder (inside a git work tree) for `sync`; returns what was done, in words.

    Running it again changes nothing and says so.
    """
    folder = data.parent
    work_tree(folder, git)
    done: list[str] = []
    attribute = f"{_pattern(data.name)} merge={DRIVER}"
    if _add_lines(folder / ".gitattributes", [attribute]):
        done.append(f"Added '{attribute}' to {folder / '.gitattributes'}.")
    added = _add_lines(folder / ".gitignore", ignored_names(data))
    if added:
        done.append(f"Added {', '.join(added)} to {folder / '.gitignore'}.")
    wanted = {f"merge.{DRIVER}.name": "infoview-tui data file", f"merge.{DRIVER}.driver": driver_command()}
    for key, value in wanted.items():
        current = git(["config", "--local", "--get", key], folder)
        if current.ok and current.out.strip() == value:
            continue
        set_it = git(["config", "--local", key, value], folder)
        if not set_it.ok:
            raise SyncError(f"could not set {key} in the repository's config: {set_it.last_words()}")
        done.append(f"Set {key} = {value} in the repository's config.")
    if not done:
        done.append("Already set up: nothing to change.")
    return done


# Sync -----------------------------------------------------------------------------------------------------


def _head(folder: Path, git: Runner) -> str | None:
    found = git(["rev-parse", "--verify", "--quiet", "HEAD"], folder)
    return found.out.strip() if found.ok else None


def _conflicted(folder: Path, git: Runner) -> list[str]:
    found = git(["diff", "--name-only", "--diff-filter=U"], folder)
    return [line for line in found.out.splitlines() if line.strip()] if found.ok else []


def _commit(data: Path, label: str, git: Runner, say: Callable[[str], None]) -> None:
    """Commit the data file and the set-up files if they changed (nothing else the user has staged)."""
    folder = data.parent
    paths = [p.name for p in (data, folder / ".gitattributes", folder / ".gitignore") if p.exists()]
    if not paths:
        say("No data file yet: nothing to commit.")
        return
    added = git(["add", "--", *paths], folder)
    if not added.ok:
        raise SyncError(f"git add failed: {added.last_words()}")
    staged = git(["diff", "--cached", "--quiet", "--", *paths], folder)
    if staged.ok:
        say("Nothing new to commit.")
        return
    committed = git(["commit", "--quiet", "-m", f"infoview-tui sync from {label}", "--", *paths], folder)
    if not committed.ok:
        raise SyncError(f"could not commit {data.name}: {committed.last_words()}")
    say(f"Committed your changes to {data.name}.")


def _upstream(folder: Path, git: Runner) -> tuple[str, str] | None:
    """(remote, remote branch) to sync with, or None (said why) when there is none."""
    branch = git(["symbolic-ref", "--quiet", "--short", "HEAD"], folder)
    if not branch.ok:
        raise SyncError("the repository is not on a branch (a detached HEAD): check one out, then sync.")
    local = branch.out.strip()
    remote = git(["config", "--get", f"branch.{local}.remote"], folder)
    merge = git(["config", "--get", f"branch.{local}.merge"], folder)
    if remote.ok and remote.out.strip():
        target = merge.out.strip().removeprefix("refs/heads/") if merge.ok and merge.out.strip() else local
        return remote.out.strip(), target
    remotes = [r for r in git(["remote"], folder).out.split() if r]
    if len(remotes) == 1:
        return remotes[0], local
    return None


def sync(data: Path, label: str, git: Runner = run_git, say: Callable[[str], None] = print) -> None:
    """Commit the data file, bring in the remote's changes (the driver merges the data file), push.

    `label` goes in the commit message ("<host> <time>"). Raises SyncError with what to do when a step
    cannot be done; a stopped merge or a refused push is left as git explains it (`git status`).
    """
    folder = data.parent
    work_tree(folder, git)
    configured = git(["config", "--get", f"merge.{DRIVER}.driver"], folder)
    if not configured.ok:
        raise SyncError(
            "this repository is not set up for infoview-tui yet: run infoview-tui sync --init first."
        )
    if _conflicted(folder, git):
        raise SyncError(
            "a merge is waiting to be finished in this repository: see git status, then sync again."
        )
    lock = WriterLock(data)
    try:
        lock.acquire()
    except StoreLockedError:
        raise SyncError(
            f"{data.name} is open in infoview-tui: quit the app first (its last changes must be saved), then sync."
        ) from None
    try:
        _sync_locked(data, label, git, say)
    finally:
        lock.release()


def _sync_locked(data: Path, label: str, git: Runner, say: Callable[[str], None]) -> None:
    folder = data.parent
    _commit(data, label, git, say)
    upstream = _upstream(folder, git)
    if upstream is None:
        say(
            "No remote to sync with: your changes are committed here only. Add one with: git remote add origin URL"
        )
        return
    remote, branch = upstream
    fetched = git(["fetch", "--quiet", remote], folder)
    if not fetched.ok:
        raise SyncError(f"could not fetch from {remote}: {fetched.last_words()} (your commit is safe here).")
    theirs = f"refs/remotes/{remote}/{branch}"
    has_theirs = git(["rev-parse", "--verify", "--quiet", theirs], folder).ok
    if has_theirs:
        before = _head(folder, git)
        merged = git(["merge", "--no-edit", "--quiet", theirs], folder)
        if not merged.ok:
            stuck = _conflicted(folder, git)
            if stuck:
                raise SyncError(
                    f"the changes from {remote} could not be merged in {', '.join(stuck)}. Your commit is "
                    "safe; git status says what is left, git merge --abort undoes the attempt."
                )
            raise SyncError(f"could not merge the changes from {remote}: {merged.last_words()}")
        after = _head(folder, git)
        say(
            "Brought in the other computer's changes."
            if after != before
            else f"Already up to date with {remote}."
        )
    else:
        say(f"{remote} has no {branch} branch yet: this is the first sync.")
    ahead = git(["rev-list", "--count", f"{theirs}..HEAD"], folder) if has_theirs else None
    if ahead is not None and ahead.ok and ahead.out.strip() == "0":
        say("Nothing to push.")
        return
    if _head(folder, git) is None:
        say("Nothing to push yet.")
        return
    pushed = git(
        ["push", "--quiet", *([] if has_theirs else ["-u"]), remote, f"HEAD:refs/heads/{branch}"], folder
    )
    if not pushed.ok:
        raise SyncError(
            f"{remote} refused the push ({pushed.last_words()}): it has changes this copy has not merged yet. "
            "Your commit is safe here; run infoview-tui sync again."
        )
    say(f"Pushed to {remote}/{branch}.")
