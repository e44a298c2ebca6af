"""The layout of game/: one package per part, imports pointing down only, no circles, and no pygame, yaml,
matplotlib or rich in the engine. Every module's imports are read with ast, including those inside
functions (they run too); only `if TYPE_CHECKING:` imports are left out, since they never run.

The parts, highest first (README, "How the code is laid out"):
    cli -> ui, net -> report -> play, analysis -> agents -> engine -> scenario
files and i18n sit beside the chain: any part may import them (files: not scenario, engine or agents,
which write nothing) and they import no other part. `game` itself holds only the version.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"

RANK = {"scenario": 1, "engine": 2, "agents": 3, "play": 4, "analysis": 4, "report": 5, "ui": 6, "net": 6, "cli": 7}
LEAVES = {"files", "i18n"}                 # beside the chain: imported by many, import no other part
WRITE_NOTHING = {"scenario", "engine", "agents"}   # may not import files
CAN_IMPORT_PEER = {("cli", "ui"), ("cli", "net")}  # the command line opens the window and the classroom server
ENGINE_FORBIDDEN = {"pygame", "pygame_gui", "yaml", "matplotlib", "rich"}
MAX_LINES = 800
LONG_LINES = 600   # over this a module says in its docstring why it is one piece


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(GAME.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(GAME.rglob("*.py"))}


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import that runs, resolved to a module of game/ where it names one
    (`from . import x` imports the module x when there is one, else the package) or to the top-level name
    of a library."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def resolve(base: str, names: list[str], line: int) -> None:
        submodules = [f"{base}.{name}" for name in names if f"{base}.{name}" in MODULES]
        found.extend((line, name) for name in submodules)
        if len(submodules) < len(names):
            found.append((line, base))

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if _is_type_checking(node.test):
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            for alias in node.names:
                found.append((node.lineno, alias.name))

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "game" or target.startswith("game."):
                resolve(target, [alias.name for alias in node.names], node.lineno)
            else:
                found.append((node.lineno, target))

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def part_of(module: str) -> str | None:
    """The part a module of game/ belongs to (None for game's own __init__ and __main__)."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 and pieces[1] != "__main__" else None


def allowed(importer: str, imported: str) -> bool:
    if importer == imported or imported is None:
        return True
    if imported in LEAVES:
        return importer not in LEAVES and not (imported == "files" and importer in WRITE_NOTHING)
    if importer in LEAVES:
        return False
    if (importer, imported) in CAN_IMPORT_PEER:
        return True
    return RANK[importer] > RANK[imported]


def test_every_folder_is_a_known_part_and_nothing_else_sits_in_game():
    loose = sorted(path.name for path in GAME.glob("*.py") if path.name not in {"__init__.py", "__main__.py"})
    assert loose == [], f"modules directly in game/ (each belongs in a part): {loose}"
    packages = {path.parent.name for path in GAME.glob("*/__init__.py")}
    unknown = packages - set(RANK) - LEAVES
    assert not unknown, f"packages that are no part of the layout (add them to RANK and the README): {unknown}"


def test_imports_point_down_only():
    wrong = []
    for module in MODULES:
        importer = part_of(module)
        for line, target in imports_of(module):
            if not target.startswith("game"):
                continue
            imported = part_of(target)
            if importer is not None and not allowed(importer, imported):
                wrong.append(f"{MODULES[module].relative_to(GAME.parent)}:{line}: {importer} imports {target} "
                             f"({imported})")
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(wrong)


def test_no_module_imports_itself_through_a_circle():
    graph = {module: sorted({target for _, target in imports_of(module) if target in MODULES and target != module})
             for module in MODULES}
    # A package's __init__ importing its own submodules, which import names from the package, is how a
    # package shows its public names; the circle that matters runs through other modules. So a submodule
    # importing its own package (or a package above it) does not count as an edge back.
    for module, targets in graph.items():
        graph[module] = [target for target in targets if not module.startswith(target + ".")]
    circles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in graph[node]:
            if state.get(target) == "open":
                circles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not circles, "modules that import each other in a circle:\n" + "\n".join(" -> ".join(c) for c in circles)


@pytest.mark.parametrize("part", ["scenario", "engine"])
def test_the_engine_and_the_scenario_need_no_window_or_report_library(part):
    forbidden = ENGINE_FORBIDDEN - ({"yaml"} if part == "scenario" else set())
    found = [f"{MODULES[module].relative_to(GAME.parent)}:{line}: {target}"
             for module in MODULES if part_of(module) == part
             for line, target in imports_of(module) if target.split(".")[0] in forbidden]
    assert not found, f"the {part} part imports what it must not:\n" + "\n".join(found)


def test_agents_never_touch_the_window():
    found = [f"{module}: {target}" for module in MODULES if part_of(module) == "agents"
             for _, target in imports_of(module) if target.split(".")[0] in {"pygame", "pygame_gui", "matplotlib"}]
    assert not found


def test_every_package_says_what_it_holds_and_may_import():
    silent = []
    for path in sorted(GAME.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if path.parent != GAME and "may import" not in docstring.lower():
            silent.append(str(path.relative_to(GAME.parent)))
    assert not silent, f"packages whose __init__ docstring does not say what they may import: {silent}"


def test_modules_are_short_enough_to_read():
    too_long = []
    for module, path in MODULES.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > MAX_LINES or (lines > LONG_LINES and "one piece" not in docstring):
            too_long.append(f"{path.relative_to(GAME.parent)}: {lines} lines")
    assert not too_long, ("modules too long (split them, or say in the docstring why the module is one piece "
                          f"when it is under {MAX_LINES} lines):\n" + "\n".join(too_long))


def test_the_checker_sees_an_upward_import_a_circle_and_a_hidden_one(tmp_path, monkeypatch):
    """The rules above would pass on anything if the reader missed imports: check it on a small tree."""
    fake = tmp_path / "game"
    for part in ("engine", "ui"):
        (fake / part).mkdir(parents=True)
        (fake / part / "__init__.py").write_text('"""x. May import: y."""\n')
    (fake / "__init__.py").write_text("")
    (fake / "engine" / "rules.py").write_text("def f():\n    from ..ui import window\n")
    (fake / "ui" / "window.py").write_text("import pygame\nfrom ..engine import rules\n")
    (fake / "engine" / "hint.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                             "    from ..ui import window\n")
    monkeypatch.setattr(__import__(__name__), "GAME", fake)
    monkeypatch.setattr(__import__(__name__), "MODULES", _modules())
    assert ("game.ui.window" in [target for _, target in imports_of("game.engine.rules")])
    assert [target for _, target in imports_of("game.engine.hint") if target.startswith("game")] == []
    with pytest.raises(AssertionError, match="engine imports game.ui.window"):
        test_imports_point_down_only()
    with pytest.raises(AssertionError, match="circle"):
        test_no_module_imports_itself_through_a_circle()
