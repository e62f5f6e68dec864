"""Scheduled runs: exit codes, a project root from anywhere, --skip-missing, --if-changed, locks outside
the published pages, papermill's text parameters, and the Airflow DAG factory against a small fake."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import ROOT, _env, snapshot
from kslib import errors
from kslib.errors import BusyError, KslibError, NoReportError, OutputError, ParameterError, RenderError
from kslib.pipeline.parameters import Parameter, check_parameters
from kslib.pipeline.project import ROOT_VARIABLE, lock_dir, project_root

SLUG = "vaggeryds-kommun-kommunstyrelsen"


@pytest.fixture
def project(tmp_path):
    """A scratch project (a copy of data/raw and the notebooks) and another folder to run from."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "proj" / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", tmp_path / "proj" / "notebooks")
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "proj"


def test_exit_codes_are_distinct_and_documented():
    assert (KslibError.exit_code, NoReportError.exit_code, RenderError.exit_code, BusyError.exit_code) == (2, 3, 4, 75)
    assert issubclass(NoReportError, ParameterError) and issubclass(BusyError, OutputError)
    assert errors.ParseError.exit_code == errors.InputFileError.exit_code == 2
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Schemalagda körningar", 1)[1].split("\n## ", 1)[0]
    for code in ("`0`", "`2`", "`3`", "`4`", "`75`"):
        assert code in section, code


def test_text_parameters_are_read_by_their_declared_type():
    declared = {"year": Parameter("year", 2020), "share": Parameter("share", 0.5), "show": Parameter("show", True),
                "dirs": Parameter("dirs", []), "board": Parameter("board", "")}
    got = check_parameters({"year": " 2021", "share": "0,25", "show": "false", "dirs": "[a, b]", "board": "2020"},
                           declared)
    assert got == {"year": 2021, "share": 0.25, "show": False, "dirs": ["a", "b"], "board": "2020"}
    for name, bad in (("year", "20x0"), ("year", "2020.5"), ("share", "mycket"), ("show", "kanske"),
                      ("dirs", "{a: 1}")):
        with pytest.raises(ParameterError, match=f"parameter '{name}' must be"):
            check_parameters({name: bad}, declared, where="ekonomi.ipynb")


def test_project_root_from_argument_environment_or_cwd(project, monkeypatch):
    monkeypatch.chdir(project.parent / "elsewhere")
    monkeypatch.delenv(ROOT_VARIABLE, raising=False)
    assert project_root() == (project.parent / "elsewhere").resolve()
    monkeypatch.setenv(ROOT_VARIABLE, str(project))
    assert project_root() == project.resolve()
    assert project_root(project / "data") == (project / "data").resolve()     # --root wins
    monkeypatch.setenv(ROOT_VARIABLE, str(project / "missing"))
    with pytest.raises(ParameterError, match=r"missing: project folder not found \(\$KSLIB_ROOT\)"):
        project_root()


def test_missing_year_is_exit_3_and_skip_missing_notes_it(project, kslib_main, monkeypatch):
    monkeypatch.chdir(project.parent / "elsewhere")
    run = kslib_main("render", "--years", "2019", "2020", "--root", project)
    assert run.returncode == 3
    assert run.stderr == (f"kslib: error: {project / 'data' / 'raw' / '2019'}: no raw report for 2019 yet "
                          f"(put it in data/raw/<year>/; --skip-missing skips such years)\n")
    monkeypatch.setenv(ROOT_VARIABLE, str(project))
    run = kslib_main("render", "--year", "2021", "--skip-missing")                 # the root from $KSLIB_ROOT
    assert run.returncode == 3
    assert run.stderr == f"kslib: skipped 2021: no report yet in {project / 'data' / 'raw' / '2021'}\n"
    assert not (project / "reports").exists() and not (project / "data" / "processed").exists()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """``kslib render --year 2020 -n ekonomi`` of a scratch project, run from another folder with KSLIB_ROOT."""
    base = tmp_path_factory.mktemp("scheduled")
    project = base / "proj"
    shutil.copytree(ROOT / "data" / "raw", project / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", project / "notebooks")
    (base / "elsewhere").mkdir()
    env = {**_env(), ROOT_VARIABLE: str(project)}
    proc = subprocess.run([sys.executable, "-m", "kslib.cli", "render", "--year", "2020", "-n", "ekonomi",
                           "--quiet"], cwd=base / "elsewhere", env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return project


def test_lock_is_outside_the_published_pages(rendered):
    pages = rendered / "reports" / "2020" / SLUG
    assert sorted(p.name for p in pages.iterdir()) == ["ekonomi.html", "ekonomi.ipynb"]
    (lock,) = lock_dir(rendered).iterdir()
    assert lock.name.startswith(f"2020-{SLUG}-") and lock.suffix == ".lock"


def test_if_changed_skips_a_report_published_from_the_same_source(rendered, kslib_main, monkeypatch):
    from kslib.pipeline.render import plan
    from kslib.pipeline.scheduling import is_current, unchanged_units

    pages = rendered / "reports" / "2020" / SLUG
    before = snapshot(pages)
    run = kslib_main("render", "--year", "2020", "-n", "ekonomi", "--root", rendered, "--if-changed")
    assert run.returncode == 3
    assert run.stderr == (f"kslib: unchanged {pages}: same report, kslib {__import__('kslib').__version__} "
                          f"and parameters as published\n")
    assert snapshot(pages) == before
    (job,) = plan([2020], notebooks=["ekonomi"], root=rendered)
    assert is_current(job)
    other = plan([2020], notebooks=["ekonomi"], root=rendered, parameters={"board": "Tekniska nämnden"})
    assert unchanged_units(other) == (other, [])                     # other parameters: rendered again
    nb = json.loads(job.ipynb.read_text(encoding="utf-8"))
    nb["metadata"]["kslib"]["source_sha256"] = "0" * 64                # published from another version of the report
    moved = rendered / "moved.ipynb"
    shutil.copy2(job.ipynb, moved)
    try:
        job.ipynb.write_text(json.dumps(nb), encoding="utf-8")
        assert not is_current(job)
        nb["metadata"]["kslib"]["source_sha256"] = job.source_sha256
        nb["metadata"]["kslib"]["version"] = "0.0.1"                      # an older kslib
        job.ipynb.write_text(json.dumps(nb), encoding="utf-8")
        assert not is_current(job)
    finally:
        shutil.move(moved, job.ipynb)


def test_papermill_with_text_year_from_another_folder(rendered, tmp_path):
    """What Airflow's templated parameters send: ``-r year 2020`` (text), run outside the project."""
    papermill = Path(sys.executable).with_name("papermill")
    env = {**_env(), ROOT_VARIABLE: str(rendered)}
    out = tmp_path / "ekonomi.ipynb"
    cmd = [str(papermill), str(rendered / "notebooks" / "ekonomi.ipynb"), str(out), "-r", "year", "2020",
           "--no-progress-bar", "--log-level", "ERROR"]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    assert not any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))
    text = "".join(o.get("text", "") if isinstance(o.get("text"), str) else "".join(o.get("text", []))
                   for c in nb["cells"] for o in c.get("outputs", []))
    html = json.dumps(nb, ensure_ascii=False)
    assert "Utfall 2020" in html and "Utfall 2019" in html and "Traceback" not in text
    bad = subprocess.run(cmd[:3] + ["-r", "year", "20x0"] + cmd[6:], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=300)
    assert bad.returncode != 0 and "ParameterError: notebook: parameter 'year' must be int, got str '20x0'" in bad.stderr


# --------------------------------------------------------------------------- Airflow DAG factory (a small fake)

class _FakeTask:
    def __init__(self, fn, options, registry):
        self.fn, self.options, self.registry = fn, options, registry

    def __call__(self, *args, **kwargs):
        self.registry.append(("call", self.options["task_id"], args, kwargs))
        return ("xcom", self.options["task_id"])

    def expand(self, **kwargs):
        self.registry.append(("expand", self.options["task_id"], kwargs))
        return ("mapped", self.options["task_id"])


@pytest.fixture
def fake_airflow(monkeypatch):
    """``airflow.sdk.dag``/``task`` and ``airflow.exceptions.AirflowSkipException``, recording what the DAG does."""
    registry: list = []

    class AirflowSkipException(Exception):
        pass

    def dag(**options):
        def wrap(fn):
            def build():
                registry.append(("dag", options))
                fn()
                return types.SimpleNamespace(dag_id=options["dag_id"], options=options, registry=registry)
            return build
        return wrap

    def task(**options):
        return lambda fn: _FakeTask(fn, options, registry)

    airflow = types.ModuleType("airflow")
    sdk = types.ModuleType("airflow.sdk")
    sdk.dag, sdk.task = dag, task
    exceptions = types.ModuleType("airflow.exceptions")
    exceptions.AirflowSkipException = AirflowSkipException
    for name, module in (("airflow", airflow), ("airflow.sdk", sdk), ("airflow.exceptions", exceptions)):
        monkeypatch.setitem(sys.modules, name, module)
    return types.SimpleNamespace(registry=registry, Skip=AirflowSkipException)


def test_dag_factory_maps_one_render_per_report(project, fake_airflow):
    from kslib.pipeline.airflow_dag import find_reports, kslib_dag

    other = project / "data" / "raw" / "2019"
    other.mkdir()
    shutil.copy2(project / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt",
                 other / "KS 2019.txt")
    assert find_reports(project) == [
        {"year": 2019, "raw_path": "data/raw/2019/KS 2019.txt"},
        {"year": 2020, "raw_path": "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"}]
    assert find_reports(project, [2020]) == [find_reports(project)[1]]
    dag = kslib_dag("kslib_test", root=project, max_parallel=3)
    (_, options), *steps = fake_airflow.registry
    assert options["dag_id"] == "kslib_test" and options["catchup"] is False and options["max_active_runs"] == 1
    assert steps == [("call", "find_reports", (), {}),
                     ("expand", "render_report", {"report": ("xcom", "find_reports")})]
    assert dag.dag_id == "kslib_test"


def test_dag_task_reads_kslib_exit_codes(project, fake_airflow):
    from kslib.pipeline.airflow_dag import render_command, run_report

    report = {"year": 2020, "raw_path": "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"}
    assert render_command(report, root=project, kslib_command=["kslib"]) == [
        "kslib", "render", "--year", "2020", "-p", f"raw_path={report['raw_path']}", "--root", str(project),
        "--quiet", "--if-changed"]

    def fake(code: int, message: str = "") -> list[str]:   # a "kslib" that prints one line and exits with code
        return [sys.executable, "-c", f"import sys; sys.stderr.write({message!r}); sys.exit({code})"]

    assert run_report(report, root=project, kslib_command=fake(0)).startswith("rendered 2020 ")
    with pytest.raises(fake_airflow.Skip, match="nothing to do"):
        run_report(report, root=project, kslib_command=fake(3, "kslib: unchanged …"), skip_exception=fake_airflow.Skip)
    with pytest.raises(RuntimeError, match="busy .*exit 75: kslib: error: .* in progress"):
        run_report(report, root=project, kslib_command=fake(75, "kslib: error: x: another render … in progress"))
    with pytest.raises(RuntimeError, match="failed, exit 4: kslib: error: 1 of 3 notebooks failed"):
        run_report(report, root=project, kslib_command=fake(4, "kslib: error: 1 of 3 notebooks failed"))
