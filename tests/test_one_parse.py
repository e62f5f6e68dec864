"""One parse per run (render parses the raw report once into data/processed; the kernels read that), and the
render pool on every platform."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

import kslib.parse.report as report_module
from conftest import RAW_DIR, SLUG_2020
from kslib.pipeline.render import plan, render


@pytest.fixture
def project(tmp_path):
    shutil.copytree(RAW_DIR, tmp_path / "data" / "raw")
    return tmp_path


@pytest.fixture
def parses(monkeypatch):
    """Counts the raw files read into lines (the first step of every parse)."""
    seen: Counter = Counter()
    real = report_module.read_source

    def counting(path):
        seen[path.name] += 1
        return real(path)

    monkeypatch.setattr(report_module, "read_source", counting)
    return seen


@pytest.fixture
def splits(monkeypatch):
    """Counts the reads of the report's tables (every table is found in one pass over the text)."""
    seen: Counter = Counter()
    real = report_module.discover

    def counting(source, **kw):
        seen[source.name] += 1
        return real(source, **kw)

    monkeypatch.setattr(report_module, "discover", counting)
    return seen


@pytest.mark.slow
def test_render_parses_once_and_kernels_never_open_the_raw_report(project, parses):
    jobs = plan([2020], root=project, notebooks=["ekonomi", "maluppfyllelse"])
    assert sum(parses.values()) == 1
    raw = next((project / "data" / "raw" / "2020").glob("*.txt"))
    hidden = raw.with_name(raw.name + ".hidden")
    raw.rename(hidden)            # the kernels cannot open it now
    try:
        results = render(jobs, workers=1, stream=None)
    finally:
        hidden.rename(raw)
    assert all(r.ok and r.published for r in results)
    assert "71 994 tkr" in (project / "reports" / "2020" / SLUG_2020 / "ekonomi.html").read_text(encoding="utf-8") \
        .replace("\u202f", " ").replace("\u00a0", " ")
    assert sum(parses.values()) == 1


def test_processed_data_is_reused_until_the_raw_report_changes(project, parses):
    plan([2020], root=project, notebooks=["ekonomi"])
    plan([2020], root=project, notebooks=["ekonomi"])
    assert sum(parses.values()) == 1                     # the second plan reads the processed folder
    raw = next((project / "data" / "raw" / "2020").glob("*.txt"))
    raw.write_text(raw.read_text(encoding="utf-8").replace("TOTALT 71 994", "TOTALT 71 995"), encoding="utf-8")
    plan([2020], root=project, notebooks=["ekonomi"])
    assert sum(parses.values()) == 2                     # another file: parsed again


def test_check_splits_each_table_once(report_path, kslib_main, splits):
    run = kslib_main("check", report_path)
    assert run.returncode == 0
    assert dict(splits) == {report_path.name: 1}


def test_parse_splits_each_table_once(report_path, kslib_main, splits, tmp_path):
    assert kslib_main("parse", report_path, "--out", tmp_path / "out").returncode == 0
    assert dict(splits) == {report_path.name: 1}


@pytest.mark.slow
def test_render_pool_with_spawned_workers(project):
    """Windows has no fork: the pool works with the spawn start method (workers import kslib afresh)."""
    jobs = plan([2020], root=project, notebooks=["maluppfyllelse"])
    results = render(jobs, workers=1, stream=None, start_method="spawn")
    assert [r.ok and r.published for r in results] == [True]
    page = (project / "reports" / "2020" / SLUG_2020 / "maluppfyllelse.html").read_text(encoding="utf-8")
    assert "Måluppfyllelse" in page and "Mål och delmål" in page
