"""The example Airflow DAG, loaded with Airflow's DagBag and run once with ``dag.test()`` on the 2020 report.

Airflow 3 pins its own dependencies and does not share kslib's pinned virtualenv, so it lives in its own
(.ci/run makes ``.venv-airflow`` and sets ``KSLIB_AIRFLOW_PYTHON`` to its Python).  The test runs there in a
subprocess; it is skipped when neither this Python nor ``$KSLIB_AIRFLOW_PYTHON`` has Airflow.  The DAG
factory itself is tested against a small fake of Airflow in tests/test_scheduling.py.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, _env

SLUG = "vaggeryds-kommun-kommunstyrelsen"
SCRIPT = """
import sys
from airflow.models.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
assert not bag.import_errors, bag.import_errors
dag = bag.get_dag("kslib_reports")
print("tasks", sorted(t.task_id for t in dag.tasks))
run = dag.test()
print("state", run.state)
"""


def _airflow_python() -> str | None:
    given = os.environ.get("KSLIB_AIRFLOW_PYTHON")
    if given and Path(given).is_file():
        return given
    return sys.executable if importlib.util.find_spec("airflow") is not None else None


@pytest.mark.slow
def test_example_dag_renders_the_2020_report(tmp_path):
    python = _airflow_python()
    if python is None:
        pytest.skip("Apache Airflow is not installed (set KSLIB_AIRFLOW_PYTHON to a Python that has it)")
    project = tmp_path / "proj"
    shutil.copytree(ROOT / "data" / "raw", project / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    (project / ".venv").symlink_to(Path(sys.executable).parents[1])     # the project's own pinned kslib
    dags = tmp_path / "dags"
    dags.mkdir()
    shutil.copy2(ROOT / "examples" / "kslib_airflow_dag.py", dags)
    env = {**_env(), "AIRFLOW_HOME": str(tmp_path / "airflow"), "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "KSLIB_ROOT": str(project)}
    env.pop("PYTHONPATH", None)
    migrate = subprocess.run([python, "-m", "airflow", "db", "migrate"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=600)
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    run = subprocess.run([python, "-c", SCRIPT, str(dags)], env=env, cwd=tmp_path, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert "tasks ['find_reports', 'render_report']" in run.stdout and "state success" in run.stdout
    pages = project / "reports" / "2020" / SLUG
    assert sorted(p.name for p in pages.glob("*.html")) == ["arbetsmarknad.html", "ekonomi.html",
                                                            "maluppfyllelse.html"]
    assert "<title>Ekonomisk analys – Kommunstyrelsen, Vaggeryds kommun 2020</title>" in \
        (pages / "ekonomi.html").read_text(encoding="utf-8")
