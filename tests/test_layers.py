"""The package's layers: imports go one way (read → parse → audit → present → pipeline → cli), no cycles.

Static imports are read from the source with :mod:`ast` (module level and inside functions), so a
cycle through a function-level import or a registry of import strings would show too: the
package must not import by string at all (no ``importlib``).
"""
from __future__ import annotations

import ast
from pathlib import Path

import kslib

PACKAGE = Path(kslib.__file__).resolve().parent
# lower number = lower layer; a module may import its own layer and those below
LAYERS = {"ground": 0, "read": 1, "parse": 2, "audit": 3, "present": 4, "pipeline": 5, "cli": 6}
GROUND = {"errors", "diagnostics", "fmt", "statuses", "text", "_version", "vocab"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "kslib" or len(parts) == 1:
        return None        # the package root (public API) re-exports; it is no layer
    return "ground" if parts[1] in GROUND else parts[1]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("kslib"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names
                       if (PACKAGE.parent / f"{node.module}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                       or (PACKAGE.parent / f"{node.module}.{a.name}".replace(".", "/")).is_dir())
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("kslib"))
    return out


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {m: {i for i in imports_of(p) if i in modules and i != m} for m, p in modules.items()}


def test_every_module_is_in_a_layer():
    for module in graph():
        assert module == "kslib" or layer(module) in LAYERS, module


def test_no_layer_imports_a_layer_above_it():
    bad = [(m, i) for m, deps in graph().items() for i in deps
           if layer(m) and layer(i) and LAYERS[layer(i)] > LAYERS[layer(m)]]
    assert bad == []


def test_no_import_cycles():
    g = graph()
    # a package's __init__ importing its own submodules is no cycle of behaviour; count module edges only
    edges = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in g.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_no_import_by_string():
    users = [p.name for p in PACKAGE.rglob("*.py")
             if "importlib" in p.read_text(encoding="utf-8") and "import_module" in p.read_text(encoding="utf-8")]
    assert users == []


def test_the_graph_sees_imports_inside_functions():
    """A check that cannot fail is no check: the audit imports parse, the cli imports pipeline in functions."""
    g = graph()
    assert "kslib.parse.report" in g["kslib.pipeline.contract"]
    assert "kslib.pipeline.scheduling" in g["kslib.cli.render"]   # a function-level import
    assert layer("kslib.present.charts") == "present" and layer("kslib.fmt") == "ground"


def test_public_api():
    assert {"read_report", "load", "run_checks", "KslibError", "format_tkr"} <= set(kslib.__all__)
    assert all(hasattr(kslib, name) for name in kslib.__all__)
    assert (PACKAGE / "py.typed").is_file()
