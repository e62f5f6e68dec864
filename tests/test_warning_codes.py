"""Warnings are diagnostics with a code from one enumeration (kslib.diagnostics.Code)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from kslib.diagnostics import Code, ParseWarning

SRC = Path(__file__).resolve().parents[1] / "src" / "kslib"


def _codes_in_source() -> dict[str, str]:
    """Every code literal given to a ParseWarning (or a ``warn`` helper) in src/, with a file using it."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name != "ParseWarning" and "warn" not in name.lower():
                continue
            for arg in node.args[:1] + [k.value for k in node.keywords if k.arg == "code"]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                        and re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", arg.value):
                    found.setdefault(arg.value, path.name)
    return found


def test_every_code_the_source_gives_is_in_the_enumeration():
    found = _codes_in_source()
    assert len(found) >= 30            # the scan sees the readers' warnings
    missing = {c: f for c, f in found.items() if c not in Code._value2member_map_}
    assert not missing, f"codes not in kslib.diagnostics.Code: {missing}"


def test_a_warning_carries_its_code_as_a_member_and_writes_it_as_text():
    w = ParseWarning("ambiguous-split", "table 'Drift', row 'Bibliotek': …", table="tables", row="Bibliotek")
    assert w.code is Code.AMBIGUOUS_SPLIT and w.code == "ambiguous-split"
    assert w.to_dict()["code"] == "ambiguous-split" and type(w.to_dict()["code"]) is str


def test_a_code_of_an_older_parse_is_kept_as_text():
    w = ParseWarning("table-extended", "read back from an older parse")
    assert w.code == "table-extended" and not isinstance(w.code, Code)
