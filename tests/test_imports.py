"""The import graph of ``src/silkroad_news``: no cycle, no import against the flow.

The flow, earlier to later: raw text → clean corpus → Label Studio → gold → built dataset →
baselines → scored submissions → leaderboard → the annotation loop that uses all of them (model
pre-annotations, pull-import-rebuild). A module may import the shared base modules and
modules of its own or an earlier stage, never a later one; the command line comes last.

One deliberate reading: the scorer (``evaluate``) is a library that turns submissions into
scores. The baselines call it to tune on validation and to score their own submission files
exactly as the leaderboard will, so in the import order it sits before the baselines (it never
imports them); the leaderboard, which reads submitted and scored results, comes last.

Every import counts, also those inside functions (lazy imports still run). Importing
``a.b.c`` from outside ``a.b`` imports the package ``a.b`` first, so that edge counts too.

Run as a script to print the graph and the check: ``python tests/test_imports.py``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "silkroad_news"

#: Stages in flow order; a module's stage is that of its longest matching name prefix.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "silkroad_news",  # the package itself: its version
            "silkroad_news.schema",
            "silkroad_news.records",
            "silkroad_news.files",
            "silkroad_news.text",
            "silkroad_news.tags",
            "silkroad_news.numbers",
            "silkroad_news.units",
            "silkroad_news.bootstrap",
            "silkroad_news.console",
        ),
    ),
    ("clean", ("silkroad_news.corpus",)),
    (
        "labelstudio",
        ("silkroad_news.prelabel", "silkroad_news.worksheet", "silkroad_news.labelstudio"),
    ),
    ("gold", ("silkroad_news.annotations", "silkroad_news.agreement")),
    (
        "dataset",
        (
            "silkroad_news.splits",
            "silkroad_news.build",
            "silkroad_news.card",
            "silkroad_news.explore",
        ),
    ),
    ("scorer", ("silkroad_news.evaluate",)),
    ("baselines", ("silkroad_news.baselines",)),
    ("leaderboard", ("silkroad_news.leaderboard",)),
    # the annotation loop as a whole: pre-annotation by the baselines, pull-import-rebuild
    (
        "workflow",
        (
            "silkroad_news.labelstudio.models",
            "silkroad_news.labelstudio.effort",
            "silkroad_news.labelstudio.sync",
            "silkroad_news.labelstudio.cli",
            "silkroad_news.labelstudio.__main__",
        ),
    ),
    ("cli", ("silkroad_news.cli",)),
)
RANK = {name: i for i, (name, _) in enumerate(STAGES)}


def module_files() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def _imports(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """Project modules ``name`` imports (anywhere in the file), with their parent packages."""
    package = name if _is_package(name, modules) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:  # ``from pkg import module`` imports the module
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in modules else base)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            targets = [node.args[0].value]
        for target in targets:
            while target and target not in modules:  # ``a.b.name`` where name is no module
                target = target.rpartition(".")[0]
            if not target.startswith(PACKAGE) or target == name:
                continue
            yield target
            parent = target.rpartition(".")[0]
            while parent and not name.startswith(parent + ".") and parent != name:
                yield parent  # importing a.b.c imports a.b first
                parent = parent.rpartition(".")[0]


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: set(_imports(name, path, modules)) for name, path in modules.items()}


def stage_of(module: str) -> str:
    best, length = None, -1
    for stage, prefixes in STAGES:
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > length and not (prefix == PACKAGE and module != PACKAGE):
                best, length = stage, len(prefix)
    if best is None:
        raise AssertionError(f"{module}: no stage; add it to STAGES in tests/test_imports.py")
    return best


def backward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{a} ({stage_of(a)}) imports {b} ({stage_of(b)})"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if RANK[stage_of(b)] > RANK[stage_of(a)]
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle found by a depth-first search (one per back edge)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


# ---- the tests ------------------------------------------------------------------------------


def test_every_module_has_a_stage() -> None:
    for module in import_graph():
        stage_of(module)


def test_there_is_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_no_module_imports_a_later_stage() -> None:
    assert backward_imports(import_graph()) == []


def test_the_named_separations_hold() -> None:
    graph = import_graph()

    def imports(prefix: str) -> set[str]:
        return {
            t for m, ts in graph.items() if m == prefix or m.startswith(prefix + ".") for t in ts
        }

    baselines = imports("silkroad_news.baselines")
    for module in ("leaderboard", "build", "splits", "cli"):
        assert f"silkroad_news.{module}" not in baselines, module
    scorer = imports("silkroad_news.evaluate")
    assert "silkroad_news.corpus" not in scorer and "silkroad_news.leaderboard" not in scorer


def test_the_checker_sees_a_backward_import() -> None:
    graph = import_graph()
    graph["silkroad_news.corpus"] = {*graph["silkroad_news.corpus"], "silkroad_news.build"}
    assert backward_imports(graph) == [
        "silkroad_news.corpus (clean) imports silkroad_news.build (dataset)"
    ]
    graph["silkroad_news.build"] = {*graph["silkroad_news.build"], "silkroad_news.corpus"}
    found = cycles(graph)
    assert found and all({"silkroad_news.build", "silkroad_news.corpus"} <= set(c) for c in found)


def test_lazy_and_relative_imports_are_seen() -> None:
    graph = import_graph()
    # evaluate/inputs.py: ``from .. import files, records``; prelabel: import_module(numbers)
    assert {"silkroad_news.files", "silkroad_news.records"} <= graph[
        "silkroad_news.evaluate.inputs"
    ]
    assert "silkroad_news.numbers" in graph["silkroad_news.prelabel"]
    # importing evaluate.formats from outside imports the evaluate package first
    assert "silkroad_news.evaluate" in graph["silkroad_news.leaderboard"]


def main() -> int:
    graph = import_graph()
    for stage, _ in STAGES:
        print(f"[{stage}]")
        for module in sorted(m for m in graph if stage_of(m) == stage):
            short = sorted(t.removeprefix(PACKAGE + ".") for t in graph[module])
            print(f"  {module.removeprefix(PACKAGE + '.') or PACKAGE} -> {', '.join(short)}")
    found_cycles, backward = cycles(graph), backward_imports(graph)
    print(f"cycles: {len(found_cycles)}")
    for c in found_cycles:
        print("  " + " -> ".join(c))
    print(f"imports against the flow: {len(backward)}")
    for line in backward:
        print("  " + line)
    return 1 if found_cycles or backward else 0


if __name__ == "__main__":
    sys.exit(main())
