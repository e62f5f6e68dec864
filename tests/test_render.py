"""The render pipeline without kernels: planning and parameter errors, kernel spec, HTML export, CLI errors."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from kslib.errors import ParameterError, RenderError
from kslib.render import NOTEBOOKS, check_offline, export_html, plan, venv_kernel

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path):
    """A scratch project: a copy of data/raw and the notebooks."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def test_notebooks_are_committed_without_outputs():
    for name in NOTEBOOKS:
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
    assert job.out_dir == (project / "reports" / "2020").resolve()
    assert job.parameters["year"] == 2020
    assert Path(job.parameters["raw_path"]).is_absolute()
    assert job.title == "Ekonomisk analys – Kommunstyrelse, Vaggeryds kommun 2020"
    assert not (project / "reports").exists()                 # planning writes nothing


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
    ({"years": [2020], "parameters": {"year": 2019}}, "set by --year"),
    ({"years": [1999]}, "no raw report for 1999"),
    ({"years": [2020, 2020]}, "given twice"),
    ({"years": []}, "no year to render"),
    ({"years": [2019, 2020], "parameters": {"raw_path": "x.txt"}}, "cannot be used with several years"),
    ({"years": [2020], "parameters": {"raw_path": "missing.txt"}}, "raw report not found"),
    ({"years": [2020], "notebooks": ["budget"]}, r"no such notebook \(known: arbetsmarknad, ekonomi, maluppfyllelse\)"),
])
def test_plan_errors_before_any_kernel(project, kwargs, message):
    years = kwargs.pop("years")
    with pytest.raises(ParameterError, match=message):
        plan(years, root=project, **kwargs)
    assert not (project / "reports").exists()


def test_render_cli_errors_exit_2_without_kernel(project, kslib_main):
    out = project / "reports"
    run = kslib_main("render", "--year", "1999", "--root", project, "--out", out)
    assert run.returncode == 2
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
