"""The layers of the package, read from its import graph.

Each package may import only the packages below it, so that a change to how something is
shown never reaches the rules, and the rules never learn where files live. Every import
counts, those inside functions included; only imports under `if TYPE_CHECKING:` are left out,
as they never run. The table below is the contract; README's "How the code is laid out"
explains it in words.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pmcoach

PACKAGE = Path(pmcoach.__file__).parent

BELOW_APP = {"text", "domain", "storage", "cache", "rubric", "drills", "export"}
# What each package may import, besides itself and the root package's `__version__`.
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "domain": {"text"},
    "storage": {"text", "domain"},
    "cache": {"text", "domain", "storage"},
    "rubric": {"text", "domain", "storage", "cache"},
    "drills": {"text", "domain", "storage", "cache", "rubric"},
    "export": {"text", "domain", "storage", "cache", "rubric", "drills"},
    "app": BELOW_APP,
    # The screens and the command line reach the rules through `app`: of the domain they
    # name only its vocabulary, the dataclasses of `domain.model`, and the numbers the rules
    # are made of, `domain.rules`, which their help texts state.
    "tui": (BELOW_APP - {"domain"}) | {"domain.model", "domain.rules", "app"},
    "cli": (BELOW_APP - {"domain"}) | {"domain.model", "domain.rules", "app", "tui"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def imported(name: str) -> set[str]:
    """The pmcoach modules `name` imports, at any depth of its code."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m == "pmcoach" or m.startswith("pmcoach.")}


GRAPH = {name: imported(name) for name in MODULES}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] not in ("__main__",) else None


def _allows(source: str, target: str) -> bool:
    here, there = layer(source), layer(target)
    if there is None or here is None or here == there:
        return True
    allowed = ALLOWED[here]
    return there in allowed or any(
        target == f"pmcoach.{entry}" or target.startswith(f"pmcoach.{entry}.")
        for entry in allowed
        if "." in entry
    )


def test_the_package_holds_only_packages() -> None:
    """A newcomer reads the tree's first level as the map: packages, nothing loose."""
    loose = sorted(
        p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")
    )
    assert loose == []
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == set(ALLOWED)


def test_layers_import_only_what_is_below_them() -> None:
    crossing = sorted(
        f"{source} imports {target}"
        for source, targets in GRAPH.items()
        for target in targets
        if not _allows(source, target)
    )
    assert crossing == []


def test_the_cache_imports_only_the_domain_and_storage() -> None:
    """What only makes pmcoach faster sits under everything that uses it: it knows the
    rules' data and the files, never a rubric, a report, a screen or a command."""
    assert ALLOWED["cache"] == {"text", "domain", "storage"}
    outside = sorted(
        f"{source} imports {target}"
        for source, targets in GRAPH.items()
        if layer(source) == "cache"
        for target in targets
        if layer(target) not in (None, "text", "domain", "storage", "cache")
    )
    assert outside == []


# The cache folder's files and the staleness rule: the rest of the package reaches them
# through what the cache offers (answers, the document index, the recent weeks, the
# opener), so every cached answer keeps the one rule and the one write.
CACHE_INSIDES = {"pmcoach.cache.cachedir"}


def test_only_the_cache_reads_and_writes_the_cache_folder() -> None:
    reaching = sorted(
        f"{source} imports {target}"
        for source, targets in GRAPH.items()
        if layer(source) != "cache"
        for target in targets & CACHE_INSIDES
    )
    assert reaching == []


def test_layers_have_no_import_cycles() -> None:
    """Tarjan's strongly connected components over every import, in functions too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[tuple[str, ...]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in MODULES or target == node:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(tuple(sorted(component)))

    for name in MODULES:
        if name not in index:
            visit(name)
    assert cycles == []


def test_layers_see_imports_inside_functions() -> None:
    """The reader itself: an import in a function body counts, one under TYPE_CHECKING not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pmcoach.tui.app import PMCoachApp\n"
        "def f() -> None:\n    from pmcoach.app import workspace\n"
    )
    found = {n.module for n in _imports(ast.parse(source)) if isinstance(n, ast.ImportFrom)}
    assert found == {"typing", "pmcoach.app"}


def test_no_module_is_longer_than_a_reader_holds() -> None:
    """About 400 lines: past that a module has grown a second concern."""
    long = sorted(
        f"{name}: {lines}"
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 420
    )
    assert long == []
