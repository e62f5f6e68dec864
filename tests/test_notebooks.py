"""The three notebooks executed on the real report (papermill, into a temp dir) and exported for committees."""
from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

import pytest

from kslib.errors import RenderError
from kslib.render import NOTEBOOKS, check_offline, plan, render

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def text_of(page: str) -> str:
    """What a reader sees: tags, styles and Swedish spacing removed."""
    body = page[page.index("<body"):]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    body = html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
    body = body.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")
    return re.sub(r"\s+", " ", body)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    return root


@pytest.fixture(scope="module")
def rendered(project):
    jobs = plan([2020], root=project, notebook_dir=ROOT / "notebooks")
    results = render(jobs, stream=None)
    assert all(r.ok for r in results)
    return project / "reports" / "2020"


EXPECTED = {
    "ekonomi": ["Ekonomisk analys", "Kommunstyrelse, Vaggeryds kommun 2020", "Sammanfattning",
                "Nettokostnaden 2020 blev 71 994 tkr mot en budget på 72 744 tkr, ett överskott på 750 tkr",
                "Resultaträkning", "Avvikelse mot budget per programområde", "71 994 tkr", "+2 830 tkr",
                "Utfall mot budget och mot föregående år", "Nettokostnadens fördelning och kostnad per invånare",
                "4 954 kr", "Nyckeltal över fem år", "Från pappersfakturor till e-fakturor",
                "Granskning av de finansiella tabellerna"],
    "arbetsmarknad": ["Arbetsmarknad", "Arbetslösheten i korthet",
                      "Arbetslösheten i december var 6,6 procent, 1,5 procentenheter högre än ett år tidigare.",
                      "6,6 %", "12,0 %", "Jämfört med länet och riket", "Jämfört med förra året",
                      "Ekonomiskt bistånd", "11 493 tkr", "Uppföljning av handlingsplanen för arbetsmarknadsinsatser"],
    "maluppfyllelse": ["Måluppfyllelse", "Översikt", "Mål och delmål", "Uppfylls delvis", "Följs upp senare",
                       "Rapportens sammanräkning jämförd med målen", "Indikatorer", "Intern kontroll",
                       "Att komplettera", "Okänd"],
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committee_html(rendered, name):
    page = (rendered / f"{name}.html").read_text(encoding="utf-8")
    seen = text_of(page)
    for expected in EXPECTED[name]:
        assert expected in seen, expected
    assert re.search(r"<title>[^<]+ – Kommunstyrelse, Vaggeryds kommun 2020</title>", page)
    # no code: neither code cells nor the notebook's source lines
    body = page[page.index("<body"):]
    assert 'class="highlight' not in body and "jp-CodeMirrorEditor" not in body and "jp-InputPrompt" not in body
    assert "open_report(" not in page and "import " not in seen and "Traceback" not in seen
    check_offline(page)
    images = re.findall(r"<img [^>]*>", page)
    assert images and all('src="data:image/png;base64,' in img for img in images)
    assert "No description has been provided" not in page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_analyst_notebook_keeps_code_and_outputs(rendered, name):
    nb = json.loads((rendered / f"{name}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    injected = [c for c in code if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and "year = 2020" in "".join(injected[0]["source"])
    assert any("open_report" in "".join(c["source"]) for c in code)
    assert sum(len(c["outputs"]) for c in code) > 3
    assert not any(o.get("output_type") == "error" for c in code for o in c["outputs"])
    assert not list(rendered.glob("*.failed.ipynb")) and not list(rendered.glob(".*"))[1:]  # only the lock


def test_broken_input_fails_its_notebook_and_others_finish(tmp_path):
    """A report whose driftredovisning was cut out: ekonomi fails naming the cell and why; the others finish."""
    text = (ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt").read_text(encoding="utf-8")
    start = text.index("DRIFTREDOVISNING, TKR")
    end = text.index("\n", text.index("TOTALT", start))
    raw = tmp_path / "data" / "raw" / "2020"
    raw.mkdir(parents=True)
    (raw / "damaged.txt").write_text(text[:start] + text[end:], encoding="utf-8")
    out = tmp_path / "reports"
    stale = out / "2020" / "ekonomi.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<html>an earlier run</html>")
    jobs = plan([2020], root=tmp_path, notebook_dir=ROOT / "notebooks", out_root=out)
    with pytest.raises(RenderError, match=r"1 of 3 notebooks failed: 2020 ekonomi: ekonomi\.failed\.ipynb: "
                                          r"cell In \[\d+\] failed: ParseError: damaged\.txt: no readable "
                                          r"driftredovisning table"):
        render(jobs, stream=None)
    pages = out / "2020"
    for name in ("arbetsmarknad", "maluppfyllelse"):
        assert (pages / f"{name}.html").is_file() and (pages / f"{name}.ipynb").is_file()
    assert not (pages / "ekonomi.html").exists() and not (pages / "ekonomi.ipynb").exists()
    failed = json.loads((pages / "ekonomi.failed.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in failed["cells"] if c["cell_type"] == "code" for o in c["outputs"]
              if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "ParseError"
    assert "An Exception was encountered" in "".join(failed["cells"][0]["source"])  # papermill's marker
    assert not [p for p in pages.iterdir() if p.name.endswith(".tmp") or ".running." in p.name]


def test_broken_input_fails_clearly_before_any_kernel(tmp_path, kslib_cmd):
    raw = tmp_path / "data" / "raw" / "2020"
    raw.mkdir(parents=True)
    (raw / "report.txt").write_text("Protokoll från sammanträdet\nInget här är en verksamhetsberättelse.\n",
                                    encoding="utf-8")
    out = tmp_path / "reports"
    run = kslib_cmd("render", "--year", "2020", "--root", tmp_path, "--out", out, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("kslib: error: report.txt: no board annual report found")
    assert run.stderr.count("\n") == 1
    assert not out.exists()
