"""The render pipeline without kernels: planning and parameter errors, kernel spec, HTML export, CLI errors."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from kslib.pipeline import render as render_mod
from kslib.errors import ParameterError, RenderError
from kslib.pipeline.render import HISTORY_NOTEBOOK, NOTEBOOKS, check_offline, export_html, plan, venv_kernel

ROOT = Path(__file__).resolve().parents[1]
SLUG = "vaggeryds-kommun-kommunstyrelsen"


@pytest.fixture
def project(tmp_path):
    """A scratch project: a copy of data/raw and the notebooks."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def test_notebooks_are_committed_without_outputs():
    for name in (*NOTEBOOKS, HISTORY_NOTEBOOK):
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code), name
        assert sum("parameters" in c["metadata"].get("tags", []) for c in code) == 1, name
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        nbformat.validate(nbformat.from_dict(nb))


def test_plan_one_job_per_notebook(project):
    jobs = plan([2020], root=project)
    assert [j.name for j in jobs] == list(NOTEBOOKS)
    job = jobs[0]
    assert job.out_dir == (project / "reports" / "2020" / SLUG).resolve()
    assert job.slug == SLUG and job.label == "2020 ekonomi"     # one report in the year: no slug in labels
    assert job.parameters["year"] == 2020
    assert Path(job.parameters["processed_dir"]) == (project / "data" / "processed" / "2020" / SLUG).resolve()
    assert job.title == "Ekonomisk analys – Kommunstyrelsen, Vaggeryds kommun 2020"
    assert not (project / "reports").exists()                 # planning publishes nothing: it parses once
    assert (project / "data" / "processed" / "2020" / SLUG / "report.json").is_file()
    assert json.loads((project / "data" / "processed" / "2020" / SLUG / "report.json")
                      .read_text(encoding="utf-8"))["slug"] == SLUG


def test_plan_parameters(project):
    jobs = plan([2020], root=project, notebooks=["arbetsmarknad", "ekonomi"],
                parameters={"board": "Kommunstyrelsen", "assistance_pattern": "bistånd"})
    by = {j.name: j for j in jobs}
    assert by["arbetsmarknad"].parameters["assistance_pattern"] == "bistånd"
    assert "assistance_pattern" not in by["ekonomi"].parameters  # only where declared
    assert by["ekonomi"].title == "Ekonomisk analys – Kommunstyrelsen, Vaggeryds kommun 2020"


@pytest.mark.parametrize("kwargs, message", [
    ({"years": [2020], "parameters": {"no_such": 1}}, r"unknown parameter 'no_such' \(the notebooks declare: "),
    ({"years": [2020], "parameters": {"audience": "alla"}}, "'audience' must be one of"),
    ({"years": [2020], "parameters": {"year": 2019}}, r"set by the render \(--year"),
    ({"years": [1999]}, "no raw report for 1999"),
    ({"years": [2020, 2020]}, "given twice"),
    ({"years": []}, "no year to render"),
    ({"years": [2019, 2020], "parameters": {"raw_path": "x.txt"}}, "cannot be used with several years"),
    ({"years": [2020], "parameters": {"raw_path": "missing.txt"}}, "raw report not found"),
    ({"years": [2020], "notebooks": ["budget"]}, r"no such notebook \(known: arbetsmarknad, ekonomi, flerar, maluppfyllelse\)"),
])
def test_plan_errors_before_any_kernel(project, kwargs, message):
    years = kwargs.pop("years")
    with pytest.raises(ParameterError, match=message):
        plan(years, root=project, **kwargs)
    assert not (project / "reports").exists()


def test_render_cli_errors_exit_2_without_kernel(project, kslib_main):
    out = project / "reports"
    run = kslib_main("render", "--year", "1999", "--root", project, "--out", out)
    assert run.returncode == 3          # no report yet: nothing to do (README, exit codes)
    assert run.stderr.startswith("kslib: error: ") and run.stderr.count("\n") == 1
    assert "no raw report for 1999" in run.stderr
    run = kslib_main("render", "--year", "2020", "--root", project, "--out", out, "-p", "colour=blue")
    assert run.returncode == 2 and "unknown parameter 'colour'" in run.stderr
    run = kslib_main("render", "--year", "2020", "--root", project, "--out", out, "-p", "colour")
    assert run.returncode == 2 and "expected NAME=VALUE" in run.stderr
    bad = project / "run.yaml"
    bad.write_text("years: [2020]\nparameter:\n  audience: nämnd\n")
    run = kslib_main("render", "-f", bad, "--root", project, "--out", out)
    assert run.returncode == 2 and "unknown key 'parameter'" in run.stderr
    assert not out.exists()


def test_venv_kernel_runs_this_python():
    from jupyter_client.kernelspec import KernelSpecManager

    with venv_kernel():
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert spec.argv[0] == sys.executable
    assert "kslib-kernel-" not in (__import__("os").environ.get("JUPYTER_PATH") or "")


def executed_notebook():
    """A small executed notebook: markdown, code with a table, an image and stderr output."""
    nb = nbformat.v4.new_notebook()
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    code = nbformat.v4.new_code_cell("secret_code_line = td.financial_table(drift)", execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<table><tr><td>71 994 tkr</td></tr></table>"}),
        nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: noise\n"),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Ekonomisk analys\n\n## Sammanfattning"), code]
    return nb


def test_export_html_for_committees():
    html = export_html(executed_notebook(), title="Ekonomisk analys – Kommunstyrelse, Vaggeryds kommun 2020")
    assert "<title>Ekonomisk analys – Kommunstyrelse, Vaggeryds kommun 2020</title>" in html
    assert "Sammanfattning" in html and "71 994 tkr" in html
    assert "secret_code_line" not in html and "FutureWarning" not in html
    assert 'src="data:image/png;base64,' in html
    assert "<script src" not in html and "require.js" not in html and "mathjax" not in html.lower()
    assert 'lang="sv"' in html
    check_offline(html)


@pytest.mark.parametrize("snippet", [
    '<script src="https://cdnjs.cloudflare.com/require.js"></script>',
    '<link rel="stylesheet" href="//fonts.googleapis.com/css">',
    '<style>@import url("https://fonts.example/x.css");</style>',
    '<img src="http://example.org/x.png">',
])
def test_check_offline_rejects_network(snippet):
    with pytest.raises(RenderError, match="would load from a network"):
        check_offline(f"<html><head>{snippet}</head></html>")


# --------------------------------------------------------------------------- workers and kernels (no kernel started)

class FakeKernel:
    """Stands in for :class:`kslib.pipeline.render.WarmKernel`: records its life."""

    started: list["FakeKernel"] = []

    def __init__(self, cwd):
        self.released = self.shut = False
        FakeKernel.started.append(self)

    def release(self):
        self.released = True
        return self

    def shutdown(self):
        self.shut = True


def fake_jobs(tmp_path, n):
    return [render_mod.Job(name=f"nb{i}", year=2020, notebook=tmp_path / f"nb{i}.ipynb", parameters={},
                           out_dir=tmp_path / "2020", cwd=tmp_path, title=f"nb{i}") for i in range(n)]


class ListQueue(list):
    def put(self, item):
        self.append(item)


@pytest.mark.parametrize("rival_claims", ["before_export", "after_export"])
def test_worker_starts_kernels_only_for_jobs_it_holds(tmp_path, monkeypatch, rival_claims):
    """A warm kernel is started only for a job this worker has claimed, so none is shut down in the middle
    of its warm-up imports (the cause of the ZMQ tracebacks on stderr).  A rival worker tries to claim the
    last job while this one runs, before or after this one starts the next kernel during its export."""
    import multiprocessing as mp

    FakeKernel.started = []
    jobs = fake_jobs(tmp_path, 3)
    counter = mp.get_context("fork").Value("i", 1)        # the rival already holds job 0
    used, rival = [], []

    def fake_run_job(job, *, into=None, km=None, on_cell=None, before_export=None):
        used.append((job.name, km))
        if job.name == "nb1" and rival_claims == "before_export":
            rival.append(render_mod._claim(counter, len(jobs)))
        before_export()
        if job.name == "nb1" and rival_claims == "after_export":
            rival.append(render_mod._claim(counter, len(jobs)))
        return render_mod.JobResult(job, True, 0.0)

    monkeypatch.setattr(render_mod, "WarmKernel", FakeKernel)
    monkeypatch.setattr(render_mod, "run_job", fake_run_job)
    queue = ListQueue()
    render_mod._worker(jobs, counter, queue, True, {})
    done = [label for kind, label, _ in queue if kind == "done"]
    if rival_claims == "before_export":
        assert rival == [2] and done == ["2020 nb1"]
    else:                                                  # nb2 was claimed with its warm kernel
        assert rival == [None] and done == ["2020 nb1", "2020 nb2"]
    assert len(FakeKernel.started) == len(done)            # no kernel without a job
    assert [km for _, km in used] == FakeKernel.started    # each kernel ran the notebook it was started for
    assert all(k.released and k.shut for k in FakeKernel.started)
    assert counter.value == 3


def staged_results(tmp_path, oks):
    """Jobs whose outputs were staged; reports/2020 holds an earlier set and a stale failed notebook."""
    from kslib.pipeline.atomic import Staging

    out = tmp_path / "reports" / "2020"
    out.mkdir(parents=True)
    jobs = [render_mod.Job(name=f"nb{i}", year=2020, notebook=tmp_path / "x.ipynb", parameters={},
                           out_dir=out, cwd=tmp_path, title="t") for i in range(len(oks))]
    for job in jobs:
        job.html.write_text("old html")
        job.ipynb.write_text("old ipynb")
    jobs[0].failed.write_text("an earlier failure")
    staging = Staging(out)
    results = []
    for job, ok in zip(jobs, oks):
        if ok:
            (staging.path / job.html.name).write_text("new html")
            (staging.path / job.ipynb.name).write_text("new ipynb")
        results.append(render_mod.JobResult(job, ok, 1.0, error=None if ok else f"{job.name}.failed.ipynb: boom"))
    return out, staging, results


def test_publish_moves_a_year_only_when_every_notebook_succeeded(tmp_path):
    from conftest import snapshot

    out, staging, results = staged_results(tmp_path, [True, False, True])
    before = snapshot(out)
    with staging:
        settled = render_mod.publish(results, staging)
    assert snapshot(out) == before                       # bytes and mtimes of the earlier outputs
    assert not any(r.published for r in settled)
    assert settled[0].note == "not published: another notebook of 2020 failed (previous outputs kept)"
    line = render_mod.summary_line(settled[0])
    assert line.startswith("ok      2020 nb0") and line.endswith("not published: another notebook of 2020 "
                                                                 "failed (previous outputs kept)")
    assert render_mod.summary_line(settled[1]).startswith("FAILED  2020 nb1")

    out, staging, results = staged_results(tmp_path / "again", [True, True])
    with staging:
        settled = render_mod.publish(results, staging)
    assert all(r.published for r in settled)
    assert sorted(p.name for p in out.iterdir()) == ["nb0.html", "nb0.ipynb", "nb1.html", "nb1.ipynb"]
    assert {p.read_text() for p in out.iterdir()} == {"new html", "new ipynb"}   # stale failed one removed
    assert render_mod.summary_line(settled[0]).endswith(str(out / "nb0.html"))


def test_a_notebook_with_nothing_to_show_is_left_out_and_named(tmp_path):
    """Nacka's årsbokslut 2019 has financial tables and goals (p. 2) but no labour-market figures:
    Arbetsmarknad is named as skipped, not failed."""
    raw = tmp_path / "data" / "raw" / "2019"
    raw.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "corpus" / "nacka_valfard-skola_arsbokslut_2019.pdf", raw)
    jobs = plan([2019], root=tmp_path)
    assert [j.name for j in jobs] == ["ekonomi", "maluppfyllelse"]
    assert [s.split()[-1] for s in jobs.skipped] == ["arbetsmarknad"]


def test_a_scorecard_beside_its_report_is_its_own_series_without_an_economy_page(tmp_path):
    """Nacka's årsbokslut 2017 and its styrkort appendix, one board and one year: kept apart (the appendix is
    named by its kind); the styrkort has indicators but no financial table, so no Ekonomi page."""
    raw = tmp_path / "data" / "raw" / "2017"
    raw.mkdir(parents=True)
    for name in ("nacka_valfard-skola_arsbokslut_2017.pdf", "nacka_valfard-skola_arsbokslut_2017_bilaga1-styrkort.pdf"):
        shutil.copy(Path(__file__).parent / "corpus" / name, raw)
    jobs = plan([2017], root=tmp_path)
    assert sorted((j.slug, j.name) for j in jobs) == [
        ("nacka-kommun-valfard-skola", "ekonomi"), ("nacka-kommun-valfard-skola", "maluppfyllelse"),
        ("nacka-kommun-valfard-skola-styrkort", "maluppfyllelse")]
    assert "2017 nacka-kommun-valfard-skola-styrkort ekonomi" in jobs.skipped


def test_a_scorecard_series_gets_no_empty_multi_year_page(tmp_path):
    """Nacka's årsbokslut and styrkort of 2017 and 2019: the årsbokslut gets its Flerårsöversikt (results of
    two years); the styrkort has no financial figure to follow over the years, so its overview is skipped."""
    for year in (2017, 2019):
        raw = tmp_path / "data" / "raw" / str(year)
        raw.mkdir(parents=True)
        for name in (f"nacka_valfard-skola_arsbokslut_{year}.pdf", f"nacka_valfard-skola_arsbokslut_{year}_bilaga1-styrkort.pdf"):
            shutil.copy(Path(__file__).parent / "corpus" / name, raw)
    jobs = plan([2019], root=tmp_path)
    assert sorted((j.slug, j.name) for j in jobs) == [
        ("nacka-kommun-valfard-skola", "ekonomi"), ("nacka-kommun-valfard-skola", "flerar"),
        ("nacka-kommun-valfard-skola", "maluppfyllelse"), ("nacka-kommun-valfard-skola-styrkort", "maluppfyllelse")]
    assert "2019 nacka-kommun-valfard-skola-styrkort flerar" in jobs.skipped
