"""Runs started by a scheduler (cron, a systemd timer, Airflow, Dask): skip what is missing or unchanged.

:func:`scheduled_render` is what ``kslib render`` runs: it resolves the project
(``--root``, ``$KSLIB_ROOT`` or the current folder, :mod:`kslib.pipeline.project`),
leaves out the years that have no report yet (``--skip-missing``; without it such a
year is a :class:`~kslib.errors.NoReportError`, exit code 3), plans the jobs
(:func:`kslib.pipeline.render.plan`), leaves out the reports whose pages were
published from the same source and the same kslib version with the same parameters
(``--if-changed``, read from the published notebooks' metadata, :func:`unchanged_units`),
and renders the rest with the local worker pool or on a Dask cluster
(``--dask``, :mod:`kslib.pipeline.distributed`).

Exit codes (README, "Schemalagda körningar"): 0 done (or, with ``--skip-missing`` /
``--if-changed``, something was skipped but anything left was rendered), 3 nothing to
do at all (every year missing or unchanged), 2 bad input, 4 a notebook failed,
75 another run holds the lock.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Sequence, TextIO

from kslib._version import __version__
from kslib.errors import NoReportError, ParameterError
from kslib.pipeline.layout import find_raw_reports
from kslib.pipeline.project import project_root

NOTHING_TO_DO = 3


def missing_years(years: Sequence[int], *, root: Path) -> list[int]:
    """The years among ``years`` with no raw report under ``<root>/data/raw/<year>/``."""
    missing = []
    for year in years:
        try:
            find_raw_reports(year, raw_root=root / "data" / "raw")
        except ParameterError:
            missing.append(year)
    return missing


def check_years(years: Sequence[int], *, root: Path, skip_missing: bool = False,
                stream: TextIO | None = None) -> list[int]:
    """``years`` less those without a report: noted on ``stream`` with ``skip_missing``, else NoReportError."""
    missing = missing_years(years, root=root)
    if missing and not skip_missing:
        names = ", ".join(map(str, missing))
        where = root / "data" / "raw" / (str(missing[0]) if len(missing) == 1 else "")
        raise NoReportError(f"{where}: no raw report for {names} yet "
                            f"(put it in data/raw/<year>/; --skip-missing skips such years)")
    for year in missing:
        _note(stream, f"skipped {year}: no report yet in {root / 'data' / 'raw' / str(year)}")
    return [y for y in years if y not in missing]


def published_record(job) -> dict[str, Any] | None:
    """What the published ``<name>.ipynb`` of ``job`` records: kslib version, source sha256, parameters."""
    try:
        meta = json.loads(job.ipynb.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return None
    record = meta.get("kslib") or {}
    return {"version": record.get("version"), "source_sha256": record.get("source_sha256"),
            "parameters": (meta.get("papermill") or {}).get("parameters")}


def is_current(job) -> bool:
    """The job's pages exist and were rendered from the same source, kslib version and parameters."""
    record = published_record(job)
    if record is None or not job.html.is_file():
        return False
    same_parameters = _plain(record["parameters"]) == _plain(job.parameters)
    return (record["version"] == __version__ and bool(job.source_sha256)
            and record["source_sha256"] == job.source_sha256 and same_parameters)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True, default=str)) if value is not None else None


def unchanged_units(jobs: list) -> tuple[list, list[Path]]:
    """Split ``jobs`` into those to run and the report folders left out because every page is current.

    A report (one ``reports/<year>/<slug>/`` folder) is the unit: it is rendered whole or left out whole.
    """
    units: dict[Path, list] = {}
    for job in jobs:
        units.setdefault(job.out_dir, []).append(job)
    todo, skipped = [], []
    for out_dir, unit in units.items():
        if all(is_current(j) for j in unit):
            skipped.append(out_dir)
        else:
            todo += unit
    return todo, skipped


def scheduled_render(years: Sequence[int], *, notebooks: Sequence[str] | None = None,
                     parameters: dict[str, Any] | None = None, root: str | Path | None = None,
                     out_root: str | Path | None = None, workers: int = 2, stream: TextIO | None = sys.stderr,
                     skip_missing: bool = False, if_changed: bool = False, dask: str | None = None) -> int:
    """Plan and render as ``kslib render`` does; returns the exit code (0 done, 3 nothing to do).

    Raises :class:`~kslib.errors.NoReportError` (3), :class:`~kslib.errors.ParameterError` (2),
    :class:`~kslib.errors.RenderError` (4) or :class:`~kslib.errors.BusyError` (75).
    """
    from kslib.pipeline.render import plan, render

    root = project_root(root)
    parameters = dict(parameters or {})
    if not years:
        raise ParameterError("no year to render (give --year or --years, or 'years:' in the parameter file)")
    plain = all(isinstance(y, int) and not isinstance(y, bool) and 1900 < y < 2200 for y in years)
    if "raw_path" not in parameters and plain and len(set(years)) == len(years):  # else plan() names the problem
        years = check_years(years, root=root, skip_missing=skip_missing, stream=stream)
        if not years:
            return NOTHING_TO_DO
    if dask:
        from kslib.pipeline.distributed import parse_on_cluster, render_on_cluster, cluster_client

        with cluster_client(dask, workers=workers) as client:
            if "raw_path" not in parameters:
                parse_on_cluster(client, years, root=root)
            jobs = plan(years, notebooks=notebooks, parameters=parameters, root=root, out_root=out_root)
            jobs = _if_changed(jobs, if_changed, stream)
            if not jobs:
                return NOTHING_TO_DO
            render_on_cluster(client, jobs, stream=stream)
        return 0
    jobs = plan(years, notebooks=notebooks, parameters=parameters, root=root, out_root=out_root)
    jobs = _if_changed(jobs, if_changed, stream)
    if not jobs:
        return NOTHING_TO_DO
    render(jobs, workers=workers, stream=stream)
    return 0


def _if_changed(jobs: list, if_changed: bool, stream: TextIO | None) -> list:
    if not if_changed:
        return jobs
    todo, skipped = unchanged_units(jobs)
    for out_dir in skipped:
        _note(stream, f"unchanged {out_dir}: same report, kslib {__version__} and parameters as published")
    return todo


def _note(stream: TextIO | None, line: str) -> None:
    if stream is not None:
        stream.write(f"kslib: {line}\n")
        stream.flush()
