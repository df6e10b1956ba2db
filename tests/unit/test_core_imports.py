"""The core (model, dates, timing, store) stands alone: no Textual, and TinyDB only inside the store package."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "infoview_tui"

UI_MODULES = {"infoview_tui.app", "infoview_tui.commands", "infoview_tui.cli", "infoview_tui.__main__"}
UI_PACKAGES = ("infoview_tui.screens", "infoview_tui.widgets")


def core_modules() -> list[str]:
    """Every module of the package except the UI (app, commands, cli, screens/, widgets/): found, not listed,
    so a new core module is checked without anyone remembering to add it."""
    found = []
    for path in sorted((ROOT / "infoview_tui").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name in UI_MODULES or name.startswith(UI_PACKAGES):
            continue
        found.append(name)
    return found


def test_the_core_list_is_not_empty() -> None:
    modules = core_modules()
    for expected in ("infoview_tui.models", "infoview_tui.store.repository", "infoview_tui.outreach", "infoview_tui.linkedin"):
        assert expected in modules


def loaded_after(imports: list[str]) -> list[str]:
    """Top-level packages among textual, rich and tinydb that importing `imports` loads, in a fresh Python."""
    code = (
        "import importlib, sys\n"
        f"for name in {imports!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'tinydb'})))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_core_imports_without_textual() -> None:
    loaded = loaded_after(core_modules())
    assert "textual" not in loaded, "textual was imported by the core"
    assert "tinydb" in loaded  # sanity: the store really was imported


@pytest.mark.parametrize(
    "module",
    [
        "models", "dates", "timing", "validation", "call", "outreach", "linkedin", "question_bank", "scheduling",
        "lifecycle",
    ],
)
def test_pure_helpers_pull_in_neither_textual_nor_tinydb(module: str) -> None:
    assert loaded_after([f"infoview_tui.{module}"]) == []


def python_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imports_tinydb(source: str) -> bool:
    """True when the module imports TinyDB, by text or by syntax tree (catches indented imports too)."""
    if "import tinydb" in source or "from tinydb" in source:
        return True
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "tinydb" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tinydb":
            return True
    return False


def test_only_the_store_package_imports_tinydb() -> None:
    sources = python_sources()
    assert PACKAGE / "store" / "storage.py" in sources
    offenders = [
        str(p.relative_to(ROOT))
        for p in sources
        if imports_tinydb(p.read_text(encoding="utf-8")) and (PACKAGE / "store") not in p.parents
    ]
    assert offenders == [], f"TinyDB imported outside infoview_tui/store/: {offenders}"


def test_the_store_package_does_import_tinydb() -> None:
    """Sanity check that the scan above can see an import at all."""
    store_files = [p for p in python_sources() if (PACKAGE / "store") in p.parents]
    assert any(imports_tinydb(p.read_text(encoding="utf-8")) for p in store_files)


@pytest.mark.parametrize("module", ["models.py", "dates.py", "timing.py"])
def test_pure_modules_import_no_ui_or_storage(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"textual", "tinydb", "rich", "filelock"}
