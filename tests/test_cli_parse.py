"""``kslib parse``: writes the contract; bad input is one line and exit code 2."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kslib.cli import main

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"


def test_parse_writes_the_contract(tmp_path, capsys):
    out = tmp_path / "2020"
    assert main(["parse", str(RAW), "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert {"report.json", "resultatrakning.csv", "driftredovisning.csv", "nyckeltal.csv",
            "vaggeryd_ks_verksamhetsberattelse_2020.xlsx"} <= names
    meta = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert meta["net_cost_tkr"] == 71994 and meta["fte"] == 78 and meta["cost_per_inhabitant_kr"] == 4954
    assert meta["source_file"] == RAW.name and len(meta["source_sha256"]) == 64
    assert any(w["row"] == "Bokföringsorder" for w in meta["warnings"])
    drift = pd.read_csv(out / "driftredovisning.csv", dtype={"row_code": str})
    total = drift.query("kind == 'total' and measure == 'outcome' and year == 2020")
    assert total["value"].item() == 71994
    assert "71994" in (out / "driftredovisning.csv").read_text()        # no "71994.0"
    sheets = pd.read_excel(out / "vaggeryd_ks_verksamhetsberattelse_2020.xlsx", sheet_name=None)
    assert {"report", "resultatrakning", "driftredovisning", "nyckeltal"} <= set(sheets)
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("make, fragment", [
    (lambda d: d / "missing.txt", "missing.txt: no such file"),
    (lambda d: _write(d / "notes.txt", "Inköpslista\nmjölk\nbröd\n"), "notes.txt: no board annual report found"),
    (lambda d: _write(d / "empty.txt", ""), "empty.txt: the file is empty"),
])
def test_parse_bad_input_one_line_exit_2(tmp_path, make, fragment):
    path = make(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kslib.cli", "parse", str(path), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in proc.stderr
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_is_light():
    code = ("import sys, kslib; heavy = [m for m in ('matplotlib', 'papermill', 'pdfplumber', 'nbconvert', "
            "'seaborn', 'openpyxl') if m in sys.modules]; print(','.join(heavy))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


def test_parse_lists_split_warnings_only_when_verbose(tmp_path, capsys):
    assert main(["parse", str(RAW), "--out", str(tmp_path / "a")]) == 0
    quiet = capsys.readouterr()
    assert "-v prints them" in quiet.out and "Bokföringsorder" not in quiet.err
    assert main(["parse", str(RAW), "--out", str(tmp_path / "b"), "-v"]) == 0
    assert "Bokföringsorder" in capsys.readouterr().err
