"""The unsafe way to show text is hard to write: user text reaches a markup sink only through the helpers.

Textual parses markup in strings given to `Static`, `Label`, `update`, `notify`, options, buttons and palette
hits; `Content(...)` does not parse markup but lets ESC and C1 controls through. This test reads the UI
modules' syntax trees and fails when such a call gets anything other than a literal string of ours (markup
allowed), a call to `infoview_tui.ui.widgets.plain` (`plain`, `styled`, `assemble`, ...), a function of the same
module annotated to return `Content`, or a local name only ever bound to one of those. A deliberate exception
carries a `# markup-ok: <reason>` comment on the call's line.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

import infoview_tui

PACKAGE = Path(infoview_tui.__file__).parent
UI_MODULES = sorted(p for p in (PACKAGE / "ui").rglob("*.py") if p.name != "plain.py")
"""Every module of the UI package (found, not listed, so a new screen is checked too)."""
assert len(UI_MODULES) > 20, "the UI modules were not found: did the package move?"

HELPERS = frozenset({"plain", "styled", "assemble", "palette_help", "highlight_substring"})
"""Functions in `infoview_tui.ui.widgets.plain` whose result is safe to show."""

FIRST_ARG_SINKS = frozenset(
    {
        "Static",
        "Label",
        "Button",
        "Checkbox",
        "RadioButton",
        "Option",
        "Selection",
        "Markdown",
        "DiscoveryHit",
        "Text",
    }
)
"""Constructors that parse a string first argument as markup (or, for `Text`, pass controls through)."""
TEXT_ATTRIBUTES = frozenset({"border_title", "border_subtitle", "title", "sub_title", "tooltip"})
"""Attributes whose string value Textual parses as markup or writes to the terminal."""
NOT_WIDGET_UPDATES = ("store", "index", "stylesheet")
"""`.update(...)` on these is the store's, the search index's or the stylesheet's, not `Static.update`."""


@dataclass(frozen=True)
class Finding:
    """One unsafe call: where, and what was passed."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


class _Checker(ast.NodeVisitor):
    """Walks one module and records every sink fed with something that is not known to be safe."""

    def __init__(self, source: str, path: str) -> None:
        self.lines = source.splitlines()
        self.path = path
        self.findings: list[Finding] = []
        tree = ast.parse(source)
        self.constants = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign) and self._is_literal(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        self.content_functions = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.returns is not None
            and ast.unparse(node.returns).strip("'\"") in ("Content", "Content | None")
        }
        self.helpers = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "infoview_tui.ui.widgets.plain"
            for alias in node.names
            if alias.name in HELPERS
        }
        self.function: ast.FunctionDef | ast.AsyncFunctionDef | None = None
        self.visit(tree)

    # What counts as safe ------------------------------------------------------------------------------------
    @staticmethod
    def _is_literal(node: ast.expr) -> bool:
        """A string of ours: a literal, an f-string without values, or literals joined with +."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str | int | float) or node.value is None
        if isinstance(node, ast.JoinedStr):
            return all(isinstance(value, ast.Constant) for value in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _Checker._is_literal(node.left) and _Checker._is_literal(node.right)
        return False

    def _is_safe(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
        if self._is_literal(node):
            return True
        if isinstance(node, ast.Name):
            return node.id in self.constants or self._local_is_safe(node.id, seen)
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if isinstance(func, ast.Name) and name in self.helpers:
                return True
            return name in self.content_functions
        if isinstance(node, ast.IfExp):
            return self._is_safe(node.body, seen) and self._is_safe(node.orelse, seen)
        if isinstance(node, ast.BoolOp):
            return all(self._is_safe(value, seen) for value in node.values)
        return False

    def _local_is_safe(self, name: str, seen: frozenset[str]) -> bool:
        """A local variable is safe when every value bound to it in the enclosing function is."""
        if self.function is None or name in seen:
            return False
        values = [
            value for node in ast.walk(self.function) if (value := _bound_value(node, name)) is not None
        ]
        return bool(values) and all(self._is_safe(value, seen | {name}) for value in values)

    def _part_is_safe(self, node: ast.expr) -> bool:
        """A `Content.assemble` part: safe text, or a (text, style) pair whose text is safe."""
        if isinstance(node, ast.Tuple) and node.elts:
            return self._is_safe(node.elts[0])
        return self._is_safe(node)

    # Recording ----------------------------------------------------------------------------------------------
    def _allowed_by_comment(self, node: ast.AST) -> bool:
        start = getattr(node, "lineno", 1)
        end = getattr(node, "end_lineno", start) or start
        return any("markup-ok:" in line for line in self.lines[start - 1 : end])

    def _check(self, call: ast.AST, value: ast.expr, what: str, *, part: bool = False) -> None:
        safe = self._part_is_safe(value) if part else self._is_safe(value)
        if not safe and not self._allowed_by_comment(call):
            self.findings.append(Finding(self.path, value.lineno, f"{what} gets {ast.unparse(value)[:70]!r}"))

    # Visiting -----------------------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in TEXT_ATTRIBUTES:
                self._check(node, node.value, f".{target.attr} =")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        receiver = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        args = [arg for arg in node.args if not isinstance(arg, ast.Starred)]
        keywords = {kw.arg: kw.value for kw in node.keywords if kw.arg}

        if name in FIRST_ARG_SINKS and args:
            self._check(node, args[0], f"{name}()")
        if name == "Hit" and len(args) > 1:
            self._check(node, args[1], "Hit() display")
        if name in ("Hit", "DiscoveryHit") and "help" in keywords:
            self._check(node, keywords["help"], f"{name}(help=)")
        if "tooltip" in keywords:
            self._check(node, keywords["tooltip"], f"{name}(tooltip=)")
        if receiver in ("Content", "Text") and name in ("styled", "from_markup") and args:
            self._check(node, args[0], f"Content.{name}()")
        if name == "Content" and isinstance(func, ast.Name) and args:
            self._check(node, args[0], "Content()")
        if receiver == "Content" and name == "assemble":
            for arg in node.args:
                if isinstance(arg, ast.Starred):
                    self._check(node, arg.value, "Content.assemble(*)")
                else:
                    self._check(node, arg, "Content.assemble()", part=True)
        if name == "update" and args and not any(word in receiver for word in NOT_WIDGET_UPDATES):
            self._check(node, args[0], f"{receiver}.update()")
        if name == "notify" and isinstance(func, ast.Attribute):
            if args:
                self._check(node, args[0], f"{receiver}.notify()")
            if "title" in keywords:
                self._check(node, keywords["title"], f"{receiver}.notify(title=)")
        if name == "call_from_thread" and len(args) > 1:
            callback = args[0]
            if isinstance(callback, ast.Attribute) and callback.attr == "notify":
                self._check(node, args[1], "call_from_thread(notify)")
        if name in ("add_option", "add_options") and args and isinstance(args[0], ast.Tuple):
            self._check(node, args[0].elts[0], f"{name}() prompt")
        self.generic_visit(node)


def _bound_value(node: ast.AST, name: str) -> ast.expr | None:
    """The value `node` binds to the local `name` (`name = ...` or `name: T = ...`), else None."""
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
        return node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
        return node.value
    return None


def unsafe_calls(source: str, path: str = "<test>") -> list[Finding]:
    """Every markup sink in `source` fed with something not known to be safe."""
    return _Checker(source, path).findings


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_ui_module_passes_user_text_only_through_the_plain_helpers(path: Path) -> None:
    findings = unsafe_calls(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    assert not findings, "Show user text with infoview_tui.ui.widgets.plain:\n" + "\n".join(
        map(str, findings)
    )


UNSAFE_EXAMPLES = {
    "f-string into Static": 'Static(f"Hello {contact.name}")',
    "variable into Label": "Label(question.text)",
    "concatenation into update": 'self.query_one("#x", Static).update("Hi " + name)',
    "join into update": 'box.update("\\n".join(lines))',
    "str() into update": "preview.update(str(exc))",
    "f-string notify": 'self.notify(f"Saved {contact.name}.", markup=False)',
    "notify title": 'self.notify("Saved", title=contact.name)',
    "notify from a thread": 'self.app.call_from_thread(self.app.notify, f"Could not write {target}")',
    "palette hit display": "Hit(1.0, matcher.highlight(title), callback)",
    "palette hit help": "Hit(1.0, plain(title), callback, help=contact.company)",
    "discovery hit": "DiscoveryHit(title, callback)",
    "option prompt": "Option(question.text)",
    "button label": 'Button(f"{yes} (y)")',
    "raw Content": "Content(contact.name)",
    "raw Content.styled": 'Content.styled(contact.name, "bold")',
    "raw Content.assemble": 'Content.assemble(("Name: ", "bold"), contact.name)',
    "Content.assemble of a list": "Content.assemble(*parts)",
    "from_markup": "Content.from_markup(note.text)",
    "border title": "self.border_title = contact.name",
    "sub title": 'self.sub_title = f"{contact.name}"',
    "tooltip": 'Static("x", tooltip=contact.notes)',
    "selection list option": "goals.add_option((goal.title, goal.id, True))",
    "local bound to data": "def f(self):\n    text = contact.name\n    self.notify(text)",
}

SAFE_EXAMPLES = {
    "literal with our markup": 'Static("[b]Welcome[/b]")',
    "module constant": 'WELCOME = "[b]Hi[/b]"\nStatic(WELCOME)',
    "implicit concatenation": 'Label("one " "two")',
    "plain helper": "Static(plain(contact.name))",
    "styled helper": 'Label(styled(contact.name, "bold"))',
    "assemble helper": 'box.update(assemble(("Name: ", "bold"), contact.name))',
    "literal notify": 'self.notify("Saved.", severity="warning")',
    "notify helper": 'notify(self, f"Saved {contact.name}.")',
    "thread notify helper": 'self.app.call_from_thread(notify, self.app, f"Could not write {target}")',
    "palette helpers": "Hit(1.0, highlight_substring(title, query), callback, help=palette_help(role))",
    "content function": "def _line(self) -> Content:\n    return assemble('x')\nOption(self._line())",
    "local bound to helper": (
        "def f(self):\n    text = plain(contact.name) if contact else plain('?')\n    box.update(text)"
    ),
    "store update": "self.store.contacts.update(edited)",
    "explicit exception": "Static(WELCOME_FROM_ELSEWHERE)  # markup-ok: a constant of ours in another module",
    "literal Content": 'Content.styled("nothing here", "$text-muted")',
}


@pytest.mark.parametrize("code", UNSAFE_EXAMPLES.values(), ids=UNSAFE_EXAMPLES.keys())
def test_the_checker_catches_each_unsafe_shape(code: str) -> None:
    source = "from infoview_tui.ui.widgets.plain import plain, styled, assemble, palette_help, highlight_substring\n"
    assert unsafe_calls(source + textwrap.dedent(code)), code


@pytest.mark.parametrize("code", SAFE_EXAMPLES.values(), ids=SAFE_EXAMPLES.keys())
def test_the_checker_allows_the_safe_ways(code: str) -> None:
    source = "from infoview_tui.ui.widgets.plain import plain, styled, assemble, palette_help, highlight_substring\n"
    assert unsafe_calls(source + textwrap.dedent(code)) == [], code


def test_a_helper_of_the_same_name_from_elsewhere_does_not_count() -> None:
    assert unsafe_calls("from somewhere import plain\nStatic(plain(contact.name))")
