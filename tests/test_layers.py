"""Imports flow one way between the subpackages: vocab < documents < claims < figures < checks < run
< report < cli.  A module may import from its own subpackage and from lower ones, never from a higher
one (that would be an upward import, and with the downward import already there, a cycle).

Imports are read with ``ast`` from the source, module-level and function-level alike (a deferred
import is still a dependency), relative imports resolved."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factlib"
LAYERS = ("vocab", "documents", "claims", "figures", "checks", "run", "report", "cli")
RANK = {name: i for i, name in enumerate(LAYERS)}
#: upward imports tolerated for now, (module, imported) -> why; none are left, keep it that way
KNOWN_UPWARD: dict[tuple[str, str], str] = {}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in RANK)


def _imported(path: Path) -> list[tuple[int, str]]:
    """``(line, dotted module)`` of every import in ``path`` (names of ``from x import a`` count as
    ``x.a``: ``from factlib import checks`` imports the checks subpackage)."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1])  # a module's package (an __init__'s is its own)
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return out


def _layer(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "factlib" and parts[1] in RANK else None


def _edges(known: bool = False) -> dict[tuple[str, str], list[str]]:
    """(from layer, to layer) -> where, for every import between two different subpackages
    (``known``: only the known upward ones; else all but those)."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in _modules():
        own = path.relative_to(PACKAGE).parts[0]
        name = path.relative_to(PACKAGE.parent).as_posix()
        for line, dotted in _imported(path):
            target = _layer(dotted)
            if target is not None and target != own and ((name, dotted) in KNOWN_UPWARD) == known:
                edges.setdefault((own, target), []).append(f"{name}:{line} {dotted}")
    return edges


def test_the_layers_are_the_subpackages():
    found = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert found == set(LAYERS), "a new subpackage needs its place in LAYERS (and in README's layout)"


def test_no_upward_import():
    upward = [where for (src, dst), places in _edges().items() if RANK[dst] > RANK[src] for where in places]
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_no_known_upward_imports_left():
    assert not _edges(known=True)


def test_no_cycle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for src, dst in _edges():
        graph.setdefault(src, set()).add(dst)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("source, expected", [
    ("from factlib.checks.intervals import bounds\n", "factlib.checks.intervals.bounds"),
    ("def f():\n    import factlib.report.context\n", "factlib.report.context"),
    ("from ..checks import verdicts\n", "factlib.checks.verdicts"),
    ("from . import scan\n", "factlib.claims.scan"),
], ids=["from-import", "function-level", "relative-parent", "relative-sibling"])
def test_imports_are_read(tmp_path, monkeypatch, source, expected):
    # the reader itself: a module of factlib/claims/ with this source
    fake = PACKAGE / "claims" / "_layers_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source if self == fake else "")
    assert [d for _, d in _imported(fake)] == [expected]
