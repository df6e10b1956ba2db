"""The architecture holds: nothing outside `infoview_tui/ui/` imports Textual, only `store/` imports TinyDB, and
the tree names each module once.

The rules are path rules over files found on disk, so a new module is checked without anyone listing it.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "infoview_tui"
UI = PACKAGE / "ui"
STORE = PACKAGE / "store"
LAUNCHERS = {PACKAGE / "cli.py", PACKAGE / "cli_merge.py", PACKAGE / "__main__.py"}
"""The command line: it opens the store (so loads TinyDB) and starts the UI, importing it inside a function
(so `infoview-tui export` never loads Textual)."""


def python_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_sources() -> list[Path]:
    """Every source file outside `ui/`."""
    return [p for p in python_sources() if UI not in p.parents]


def importable_core() -> list[Path]:
    """The core modules a test may import (`__main__` would run the app)."""
    return [p for p in core_sources() if p.name != "__main__.py"]


def top_level_imports(source: str, *, module_level_only: bool = False) -> set[str]:
    """The top-level package of every import in `source` (all of them, or only those run at import time)."""
    tree = ast.parse(source)
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_layout_shows_the_stages_and_the_boundary() -> None:
    for folder in ("domain", "stages", "exchange", "store", "ui", "demo"):
        assert (PACKAGE / folder / "__init__.py").exists(), folder
    for stage in ("identify", "prepare", "conduct", "follow_up", "reflect"):
        assert (PACKAGE / "stages" / stage / "__init__.py").exists(), stage


def test_nothing_outside_ui_imports_textual() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in core_sources()
        if top_level_imports(p.read_text(encoding="utf-8"), module_level_only=p in LAUNCHERS)
        & {"textual", "rich"}
    ]
    assert offenders == [], f"Textual imported outside infoview_tui/ui/: {offenders}"


def test_only_the_store_imports_tinydb() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_sources()
        if "tinydb" in top_level_imports(p.read_text(encoding="utf-8")) and STORE not in p.parents
    ]
    assert offenders == [], f"TinyDB imported outside infoview_tui/store/: {offenders}"
    assert any("tinydb" in top_level_imports(p.read_text(encoding="utf-8")) for p in STORE.glob("*.py"))


def test_no_module_name_appears_twice() -> None:
    names = Counter(p.stem for p in python_sources() if p.stem != "__init__")
    assert [name for name, count in names.items() if count > 1] == []


def loaded_after(imports: list[str], among: tuple[str, ...] = ("textual", "rich", "tinydb")) -> list[str]:
    """Modules in `among` (a top-level package, or a module by its full name) that importing `imports` loads,
    in a fresh Python."""
    code = (
        "import importlib, sys\n"
        f"for name in {imports!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = set(sys.modules) | {m.split('.')[0] for m in sys.modules}\n"
        f"print(','.join(sorted(loaded & {set(among)!r})))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_the_whole_core_imports_without_textual() -> None:
    """The running check behind the path rule: import every module outside ui/ in a fresh Python."""
    loaded = loaded_after([module_name(p) for p in importable_core()])
    assert "textual" not in loaded, "textual was imported by the core"
    assert "tinydb" in loaded  # sanity: the store really was imported


@pytest.mark.parametrize(
    "module",
    sorted(module_name(p) for p in importable_core() if STORE not in p.parents and p not in LAUNCHERS),
)
def test_domain_stages_and_exchange_pull_in_neither_textual_nor_tinydb(module: str) -> None:
    assert loaded_after([module]) == []


START = ["infoview_tui.cli", "infoview_tui.store.dashboard_cache", "infoview_tui.ui.app"]
"""What a start imports before the Dashboard's first frame (`cli._run_app`)."""


def test_starting_the_app_loads_neither_openssl_nor_the_message_checker() -> None:
    """Not needed for the first frame, each a few ms of every start: hashlib loads OpenSSL (the fingerprint is
    Python's own BLAKE2, `fileio.content_digest`), and the Dashboard needs only the 3B7 clock (`nudges`), not
    outreach's templates and checker."""
    among = (
        "hashlib",
        "_hashlib",
        "infoview_tui.stages.identify.outreach",
        "infoview_tui.stages.identify.nudges",
    )
    assert loaded_after(START, among=among) == ["infoview_tui.stages.identify.nudges"]
