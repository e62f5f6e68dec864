"""Shared fixtures: the real report, a scratch copy of data/raw, and running the ``kslib`` command.

Keep this file small and generic; fixtures for one test module belong in that module.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
REPORT_2020 = RAW_DIR / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
SLUG_2020 = "vaggeryds-kommun-kommunstyrelsen"      # the report's folder under data/processed/2020/ and reports/2020/


def plain(text: str) -> str:
    """Swedish display text with plain spaces and ASCII minus, for readable assertions."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")


@pytest.fixture(scope="session")
def report_path() -> Path:
    """The real 2020 report (text layer) in data/raw: read it, never write it."""
    return REPORT_2020


@pytest.fixture(scope="session")
def report_text(report_path: Path) -> str:
    """The real report's text, as stored (UTF-8)."""
    return report_path.read_text(encoding="utf-8")


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A scratch copy of the repository's ``data/raw`` tree (``<tmp>/data/raw``)."""
    dest = tmp_path / "data" / "raw"
    shutil.copytree(RAW_DIR, dest)
    return dest


def sha256_tree(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (empty dict if it does not exist)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """``{relative path: (sha256, mtime_ns)}`` of every file, hidden ones included."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Run:
    """The result of one ``kslib`` command line."""

    returncode: int
    stdout: str
    stderr: str


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env.pop("PYTHONWARNINGS", None)
    return env


@pytest.fixture(scope="session")
def kslib_cmd():
    """Run ``kslib <args>`` in a fresh interpreter (as a scheduled job would): ``kslib_cmd(*args, cwd=...)``."""
    def run(*args: str | os.PathLike, cwd: str | os.PathLike | None = None, timeout: float = 300) -> Run:
        proc = subprocess.run([sys.executable, "-m", "kslib.cli", *map(str, args)], cwd=cwd, env=_env(),
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)
        return Run(proc.returncode, proc.stdout, proc.stderr)
    return run


@pytest.fixture
def kslib_main(capsys):
    """Run ``kslib <args>`` in this process (fast): returns a :class:`Run`."""
    from kslib.cli import main

    def run(*args: str | os.PathLike) -> Run:
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return Run(code, out.out, out.err)
    return run


def render_args(project: Path, out: Path, *, year: int, params: dict[str, str] | None = None) -> list[str]:
    """``kslib render`` for ``year`` in ``project`` (holding ``data/raw``), writing into ``out/<year>/<slug>``."""
    args = ["render", "--year", str(year), "--root", str(project), "--out", str(out), "--quiet"]
    for name, value in (params or {}).items():
        args += ["-p", f"{name}={value}"]
    return args


@dataclass
class Rendered:
    """One ``kslib render`` of a scratch project: where, what data/raw held before, how it went."""

    project: Path
    out: Path                       # the reports root; pages are in out/<year>/<slug>/
    raw_before: dict[str, str]      # sha256_tree of project/data/raw before the render
    run: Run

    @property
    def pages(self) -> Path:
        """The 2020 report's pages: ``out/2020/<slug>``."""
        return self.out / "2020" / SLUG_2020


@pytest.fixture(scope="session")
def rendered_2020(tmp_path_factory, kslib_cmd) -> Rendered:
    """The 2020 notebooks rendered once per session in a scratch project (a copy of data/raw). Slow."""
    project = tmp_path_factory.mktemp("rendered")
    shutil.copytree(RAW_DIR, project / "data" / "raw")
    before = sha256_tree(project / "data" / "raw")
    out = project / "reports"
    run = kslib_cmd(*render_args(project, out, year=2020), cwd=project, timeout=900)
    assert run.returncode == 0, run.stderr
    return Rendered(project, out, before, run)
