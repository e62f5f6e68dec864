"""An Airflow DAG for a kslib project: one mapped task per report (``pip install 'kslib[airflow]'``).

:func:`kslib_dag` builds a DAG with two steps::

    find_reports  ->  render_report.expand(report=...)      (dynamic task mapping)

``find_reports`` lists the project's raw reports (``data/raw/<year>/*.pdf|*.txt``,
optionally only some years) when the DAG *runs*, so a report put in place in spring
is picked up by the next run without touching the DAG.  Each mapped
``render_report`` runs ``kslib render --year <year> -p raw_path=<file> --root <root>
--if-changed`` in a subprocess (by default the same Python; give ``kslib_command``
to use the project's own pinned virtualenv, e.g. ``["/srv/kslib/.venv/bin/kslib"]``)
and reads its exit code: 0 rendered, 3 unchanged / nothing to do (the task is
*skipped*), 75 busy (the task fails and Airflow retries it), anything else fails the
task with kslib's one-line error.  Nothing of Airflow is imported until
:func:`kslib_dag` is called, so kslib itself does not need Airflow.

See ``examples/kslib_airflow_dag.py`` and the README ("Schemalagda körningar").
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

from kslib.errors import ParameterError
from kslib.pipeline.layout import raw_reports_in, raw_years
from kslib.pipeline.project import ROOT_VARIABLE, project_root

DEFAULT_SCHEDULE = "15 6 * 4-6 1-5"      # weekdays 06:15, April to June: when the annual reports arrive
EXIT_NOTHING_TO_DO = 3
EXIT_BUSY = 75


def find_reports(root: str | Path, years: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Every raw report of the project as ``{"year": 2020, "raw_path": "data/raw/2020/<file>"}`` (paths
    relative to ``root``; JSON-serialisable, as an XCom must be), oldest year first."""
    root = Path(root)
    found = []
    for year in raw_years(root):
        if years and year not in years:
            continue
        try:
            raws = raw_reports_in(root / "data" / "raw" / str(year), year=year)
        except ParameterError:
            continue
        found += [{"year": year, "raw_path": raw.relative_to(root).as_posix()} for raw in raws]
    return found


def render_command(report: dict[str, Any], *, root: str | Path, kslib_command: Sequence[str] | None = None,
                   if_changed: bool = True, extra_args: Sequence[str] = ()) -> list[str]:
    """The ``kslib render`` command line of one report."""
    base = list(kslib_command) if kslib_command else [sys.executable, "-m", "kslib.cli"]
    cmd = [*base, "render", "--year", str(int(report["year"])), "-p", f"raw_path={report['raw_path']}",
           "--root", str(root), "--quiet"]
    return cmd + (["--if-changed"] if if_changed else []) + list(extra_args)


def run_report(report: dict[str, Any], *, root: str | Path, kslib_command: Sequence[str] | None = None,
               if_changed: bool = True, extra_args: Sequence[str] = (), skip_exception: type | None = None) -> str:
    """Render one report; returns what happened.  Exit 3 raises ``skip_exception`` (Airflow's
    ``AirflowSkipException``) when given; any other non-zero exit raises RuntimeError with kslib's message."""
    cmd = render_command(report, root=root, kslib_command=kslib_command, if_changed=if_changed,
                         extra_args=extra_args)
    env = {**os.environ, ROOT_VARIABLE: str(root)}
    proc = subprocess.run(cmd, cwd=str(root), env=env, capture_output=True, text=True)
    label = f"{report['year']} {report['raw_path']}"
    message = (proc.stderr.strip().splitlines() or [""])[-1]
    if proc.returncode == 0:
        return f"rendered {label}"
    if proc.returncode == EXIT_NOTHING_TO_DO:
        if skip_exception is not None:
            raise skip_exception(f"{label}: nothing to do ({message})")
        return f"unchanged {label}"
    what = "busy (another run holds the lock; retried)" if proc.returncode == EXIT_BUSY else "failed"
    raise RuntimeError(f"{label}: kslib render {what}, exit {proc.returncode}: {message}")


def _airflow():
    """``dag``, ``task`` and ``AirflowSkipException`` from Airflow 3 (``airflow.sdk``) or 2 (``airflow.decorators``)."""
    try:
        from airflow.sdk import dag, task
    except ImportError:
        try:
            from airflow.decorators import dag, task
        except ImportError:
            raise ParameterError("the Airflow DAG needs Apache Airflow: pip install 'kslib[airflow]'") from None
    try:
        from airflow.exceptions import AirflowSkipException
    except ImportError:  # pragma: no cover - every Airflow has it
        AirflowSkipException = None
    return dag, task, AirflowSkipException


def kslib_dag(dag_id: str = "kslib_reports", *, root: str | Path | None = None, years: Sequence[int] | None = None,
              schedule: str | None = DEFAULT_SCHEDULE, start_date: dt.datetime | None = None,
              kslib_command: Sequence[str] | None = None, if_changed: bool = True, extra_args: Sequence[str] = (),
              retries: int = 2, retry_delay: dt.timedelta = dt.timedelta(minutes=10),
              max_parallel: int = 2, tags: Sequence[str] = ("kslib",)):
    """The DAG: ``find_reports`` then one ``render_report`` per report (dynamic task mapping).

    ``root`` is the project folder (default ``$KSLIB_ROOT``); ``max_parallel`` bounds how many
    reports render at once (each starts one kernel per notebook in turn).
    """
    dag, task, skip = _airflow()
    root_path = str(project_root(root))
    chosen = [int(y) for y in years] if years else None

    @dag(dag_id=dag_id, schedule=schedule, start_date=start_date or dt.datetime(2024, 1, 1),
         catchup=False, max_active_runs=1, tags=list(tags),
         doc_md=f"kslib: render every board's report of the project `{root_path}` (one task per report).")
    def _kslib():
        @task(task_id="find_reports")
        def find() -> list[dict[str, Any]]:
            return find_reports(root_path, chosen)

        @task(task_id="render_report", retries=retries, retry_delay=retry_delay,
              max_active_tis_per_dag=max_parallel)
        def render_report(report: dict[str, Any]) -> str:
            return run_report(report, root=root_path, kslib_command=kslib_command, if_changed=if_changed,
                              extra_args=extra_args, skip_exception=skip)

        render_report.expand(report=find())

    return _kslib()
