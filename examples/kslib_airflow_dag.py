"""Example Airflow DAG for a kslib project: copy into Airflow's dags/ folder and adjust the paths.

Needs kslib importable by Airflow (``pip install 'kslib[airflow]'``, or kslib installed beside Airflow).
The renders themselves run with the project's own pinned virtualenv (``kslib_command``), so Airflow's
environment and the project's never have to agree on versions.

    find_reports ──> render_report[0] (2019 …/KS verksamhetsberättelse 2019.pdf)
                 ──> render_report[1] (2020 …/vaggeryd_ks_verksamhetsberattelse_2020.txt)

A report whose pages are current (same source, kslib version and parameters) is *skipped*;
one that is busy (another run holds its lock, exit 75) is retried.
"""
import os

from kslib.pipeline.airflow_dag import kslib_dag

PROJECT = os.environ.get("KSLIB_ROOT", "/srv/kslib")            # the clone: data/raw/<year>/…, reports/…

dag = kslib_dag(
    "kslib_reports",
    root=PROJECT,
    schedule="15 6 * 4-6 1-5",                                   # weekdays 06:15, April–June
    kslib_command=[os.path.join(PROJECT, ".venv", "bin", "kslib")]
    if os.path.exists(os.path.join(PROJECT, ".venv", "bin", "kslib")) else None,
    max_parallel=2,
)
