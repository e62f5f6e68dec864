"""``kslib render --dask``: the parse and the notebooks as Dask tasks, each report published all-or-nothing.

Runs on a LocalCluster inside the test process (``processes=False``: two thread workers), so the normal test
run covers it; the command line with ``--dask local`` (worker processes) is marked slow.
"""
from __future__ import annotations

import io
import json
import shutil

import pytest

pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'kslib[dask]')")

from conftest import ROOT, snapshot  # noqa: E402
from kslib.errors import RenderError  # noqa: E402
from kslib.pipeline.distributed import cluster_client, parse_on_cluster, render_on_cluster  # noqa: E402
from kslib.pipeline.project import lock_dir  # noqa: E402
from kslib.pipeline.render import plan  # noqa: E402

SLUG = "vaggeryds-kommun-kommunstyrelsen"


def _broken_notebook(path):
    """A notebook that declares the usual parameters and fails in its second cell."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('year = 2020  # the year\nprocessed_dir = ""  # processed data\n')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("raise ValueError('trasig med flit')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    _broken_notebook(tmp_path / "notebooks" / "trasig.ipynb")
    return tmp_path


def test_dask_renders_and_publishes_per_report_all_or_nothing(project):
    pages = project / "reports" / "2020" / SLUG
    with cluster_client("local", workers=2, processes=False) as client:
        (folder,) = parse_on_cluster(client, [2020], root=project)
        assert folder == str(project / "data" / "processed" / "2020" / SLUG)
        assert json.loads((project / "data" / "processed" / "2020" / SLUG / "report.json")
                          .read_text(encoding="utf-8"))["year"] == 2020

        # one notebook of the report fails: nothing of the report is published, the failure is written
        jobs = plan([2020], notebooks=["maluppfyllelse", "trasig"], root=project)
        log = io.StringIO()
        with pytest.raises(RenderError, match=r"1 of 2 notebooks failed: 2020 trasig: trasig\.failed\.ipynb: "
                                              r"cell In \[\d\] failed: ValueError: trasig med flit") as info:
            render_on_cluster(client, jobs, stream=log)
        assert info.value.exit_code == 4
        assert [(f.notebook, f.exception) for f in info.value.failures] == [("trasig", "ValueError")]
        assert sorted(p.name for p in pages.iterdir()) == ["trasig.failed.ipynb"]
        assert "not published: another notebook of 2020 failed" in log.getvalue()

        # then the two committee notebooks: published together, the same summary as a local run
        jobs = plan([2020], notebooks=["ekonomi", "maluppfyllelse"], root=project)
        log = io.StringIO()
        results = render_on_cluster(client, jobs, stream=log)
    assert [(r.job.name, r.ok, r.published) for r in results] == [("ekonomi", True, True),
                                                                   ("maluppfyllelse", True, True)]
    assert sorted(p.name for p in pages.iterdir()) == ["ekonomi.html", "ekonomi.ipynb", "maluppfyllelse.html",
                                                       "maluppfyllelse.ipynb", "trasig.failed.ipynb"]
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("ok      2020 ekonomi") and lines[0].endswith(str(pages / "ekonomi.html"))
    assert lines[-1].startswith("2 notebook(s) in ") and lines[-1].endswith(" s on Dask: 2 ok, 0 failed")
    html = (pages / "ekonomi.html").read_text(encoding="utf-8")
    assert "<title>Ekonomisk analys – Kommunstyrelsen, Vaggeryds kommun 2020</title>" in html
    nb = json.loads((pages / "ekonomi.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["kslib"]["source_file"] == "vaggeryd_ks_verksamhetsberattelse_2020.txt"
    assert [p.name for p in lock_dir(project).iterdir()][0].startswith(f"2020-{SLUG}-")
    assert not [p for p in pages.parent.iterdir() if ".staging." in p.name]


@pytest.mark.slow
def test_cli_dask_local_from_another_folder(project, tmp_path_factory, kslib_cmd):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    run = kslib_cmd("render", "--year", "2020", "--root", project, "--dask", "local", "-j", "2", cwd=elsewhere,
                    timeout=900)
    assert run.returncode == 0, run.stderr
    pages = project / "reports" / "2020" / SLUG
    assert sorted(p.name for p in pages.glob("*.html")) == ["arbetsmarknad.html", "ekonomi.html",
                                                            "maluppfyllelse.html"]
    assert run.stderr.splitlines()[-1].endswith(" s on Dask: 3 ok, 0 failed")
    before = snapshot(pages)
    again = kslib_cmd("render", "--year", "2020", "--root", project, "--dask", "local", "--if-changed",
                      cwd=elsewhere, timeout=900)
    assert again.returncode == 3 and snapshot(pages) == before
