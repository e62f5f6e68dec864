"""The three notebooks executed on the real report (papermill, into a temp dir) and exported for committees."""
from __future__ import annotations

import hashlib
import html as html_lib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

import kslib
from conftest import SLUG_2020, snapshot
from kslib.errors import RenderError
from kslib.pipeline.layout import report_slug
from kslib.pipeline.render import NOTEBOOKS, check_offline, plan, render

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"
SHA256 = "aa59af44be10694b75375fb1d99c2f77d80b07f097610db538982c9133331962"
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
    """The committee pages and, beside them, the analysts' edition (``audience=analytiker``)."""
    for parameters in ({}, {"audience": "analytiker"}):
        jobs = plan([2020], root=project, notebook_dir=ROOT / "notebooks", parameters=parameters)
        assert all(r.ok for r in render(jobs, stream=None))
    return project / "reports" / "2020" / SLUG_2020


EXPECTED = {
    "ekonomi": ["Ekonomisk analys", "Kommunstyrelsen, Vaggeryds kommun 2020", "Sammanfattning",
                "Kommunstyrelsen redovisar för 2020 ett överskott på 750 tkr mot budget (1,0 % av budgeten).",
                "Rapporten: ”Ekonomiskt bistånd överskrider med 1,5 mnkr, trots budgetförstärkning med 2 000 tkr.”",
                "Budgeten ändrades under året: ”Budgeten har under året förstärkts med 2 000 tkr",
                "Avvikelse mot budget per verksamhet", "+2 830", "Resultaträkning",
                "Utfall mot budget och mot föregående år", "Nettokostnadens fördelning", "4 954 kr",
                "Nyckeltal", "Granskning av tabellernas räkning"],
    "arbetsmarknad": ["Arbetsmarknad", "Arbetslösheten i korthet",
                      "Arbetslösheten i december var 6,6 procent, 1,5 procentenheter högre än ett år tidigare.",
                      "Kommunen december 2020 (%)", "12,0", "Jämfört med länet och riket", "Jämfört med förra året",
                      "Ekonomiskt bistånd", "11 493 tkr", "Uppföljning av handlingsplanen för arbetsmarknadsinsatser"],
    "maluppfyllelse": ["Måluppfyllelse", "Översikt", "Mål och delmål", "Uppfylls delvis", "Följs upp senare",
                       "Rapportens sammanräkning jämförd med målen", "Indikatorer", "Intern kontroll",
                       "Utkast.", "Ej angiven i texten"],
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committee_html(rendered, name):
    page = (rendered / f"{name}.html").read_text(encoding="utf-8")
    seen = text_of(page)
    for expected in EXPECTED[name]:
        assert expected in seen, expected
    assert re.search(r"<title>[^<]+ – Kommunstyrelsen, Vaggeryds kommun 2020</title>", page)
    # no code: neither code cells nor the notebook's source lines
    body = page[page.index("<body"):]
    assert 'class="highlight' not in body and "jp-CodeMirrorEditor" not in body and "jp-InputPrompt" not in body
    assert "open_processed(" not in page and "import " not in seen and "Traceback" not in seen
    check_offline(page)
    # charts are inline SVG (crisp, text searchable), each with an accessible name stating its subject
    assert "<img " not in body
    charts = re.findall(r"<svg [^>]*>", body)
    assert charts and all('role="img"' in svg and re.search(r'aria-label="[^"]{10,}"', svg) for svg in charts)
    # no technical detail for committees: no file name, hash, tool name, line numbers or render date
    assert REPORT.name not in page and SHA256 not in page and "kslib" not in seen.lower()
    assert not re.search(r"\brad \d", seen) and not re.search(r"\d{4}-\d\d-\d\d", seen) and "Underlag:" not in seen
    assert re.search(r"Källa: Kommunstyrelsens verksamhetsberättelse 2020, Vaggeryds kommun\.", seen)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_analyst_edition_beside_the_committee_page(rendered, name):
    """The analysts' page names the file, its sha256, the kslib version and the date under the heading; it
    never overwrites the committee page."""
    assert hashlib.sha256(REPORT.read_bytes()).hexdigest() == SHA256
    seen = text_of((rendered / f"{name}.analytiker.html").read_text(encoding="utf-8"))
    assert re.search(rf"Underlag: vaggeryd_ks_verksamhetsberattelse_2020\.txt ?\(SHA-256 {SHA256} ?\), framtagen "
                     rf"med kslib {re.escape(kslib.__version__)} den \d{{4}}-\d\d-\d\d\.", seen)
    assert seen.index("Underlag:") < seen.index(EXPECTED[name][2])
    assert "Underlag:" not in text_of((rendered / f"{name}.html").read_text(encoding="utf-8"))


def test_same_input_same_bytes(project, rendered):
    """A scheduler can tell an unchanged page: rendering again writes the same committee HTML."""
    before = {p.name: p.read_bytes() for p in rendered.glob("*.html")}
    jobs = plan([2020], root=project, notebook_dir=ROOT / "notebooks")
    assert all(r.ok for r in render(jobs, stream=None))
    assert {p.name: p.read_bytes() for p in rendered.glob("*.html")} == before


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_analyst_notebook_keeps_code_and_outputs(rendered, name):
    nb = json.loads((rendered / f"{name}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    injected = [c for c in code if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and "year = 2020" in "".join(injected[0]["source"])
    assert any("open_processed" in "".join(c["source"]) for c in code)
    assert sum(len(c["outputs"]) for c in code) > 3
    assert not any(o.get("output_type") == "error" for c in code for o in c["outputs"])
    assert not list(rendered.glob("*.failed.ipynb")) and not list(rendered.glob(".*"))[1:]  # only the lock
    meta = nb["metadata"]["kslib"]
    assert meta["source_sha256"] == SHA256 and meta["version"] == kslib.__version__
    assert meta["source_file"] == REPORT.name and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", meta["rendered"])


def write_raw(project: Path, text: str, *, year: int = 2020, name: str = "damaged.txt") -> Path:
    raw = project / "data" / "raw" / str(year)
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.iterdir():
        old.unlink()
    (raw / name).write_text(text, encoding="utf-8")
    return raw / name


def earlier_run(pages: Path) -> dict:
    """``pages`` holding the outputs of an earlier run (made up), and their snapshot."""
    pages.mkdir(parents=True)
    (pages / ".kslib.lock").touch()                          # an earlier render left its lock file
    for name in NOTEBOOKS:
        (pages / f"{name}.html").write_text(f"<html>{name}: an earlier run</html>")
        (pages / f"{name}.ipynb").write_text("{}")
    return snapshot(pages)


def failed_cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert "An Exception was encountered" in "".join(nb["cells"][0]["source"])  # papermill's marker
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]


def test_one_failed_notebook_publishes_nothing_of_the_year(tmp_path):
    """Driftredovisning cut out: ekonomi fails naming the cell and why; the others finish but are not
    published; the earlier outputs stay exactly as they were. Then re-rendering only the others publishes
    them, and re-rendering ekonomi on a repaired report publishes it and removes its failed notebook."""
    text = REPORT.read_text(encoding="utf-8")
    start = text.index("DRIFTREDOVISNING, TKR")
    end = text.index("\n", text.index("TOTALT", start))
    write_raw(tmp_path, text[:start] + text[end:])
    out = tmp_path / "reports"
    pages = out / "2020" / SLUG_2020
    before = earlier_run(pages)
    # ekonomi adapts to a report without a driftredovisning; a project whose own ekonomi requires one fails
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    source = (notebooks / "ekonomi.ipynb").read_text(encoding="utf-8")
    needle = 'ctx.table(\\"driftredovisning\\", required=False)'
    assert needle in source
    (notebooks / "ekonomi.ipynb").write_text(source.replace(needle, needle.replace("False", "True")), encoding="utf-8")
    jobs = plan([2020], root=tmp_path, notebook_dir=notebooks, out_root=out)
    log = io.StringIO()
    with pytest.raises(RenderError, match=r"1 of 3 notebooks failed: 2020 ekonomi: ekonomi\.failed\.ipynb: "
                                          r"cell In \[\d+\] failed: ParseError: damaged\.txt: no readable "
                                          r"driftredovisning table.*; nothing new published for 2020 "
                                          r"\(previous outputs kept\)$"):
        render(jobs, stream=log)
    after = snapshot(pages)
    assert after.pop("ekonomi.failed.ipynb") and after == before            # bytes and mtimes
    errors = failed_cells(pages / "ekonomi.failed.ipynb")
    assert errors and errors[0]["ename"] == "ParseError"
    lines = log.getvalue().splitlines()
    for name in ("arbetsmarknad", "maluppfyllelse"):
        assert any(re.match(rf"ok +2020 {name} .* not published: another notebook of 2020 failed "
                            rf"\(previous outputs kept\)$", line) for line in lines), lines
    assert re.match(r"3 notebook\(s\) in [\d.]+ s: 2 ok, 1 failed; not published: 2020 \(previous outputs kept\)$",
                    lines[-1])
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or ".running." in p.name
                or ".staging." in p.name]

    # -n arbetsmarknad -n maluppfyllelse: the run is only these two, and both succeed
    jobs = plan([2020], root=tmp_path, notebook_dir=ROOT / "notebooks", out_root=out,
                notebooks=["arbetsmarknad", "maluppfyllelse"])
    assert all(r.published for r in render(jobs, stream=None))
    after = snapshot(pages)
    for name in ("arbetsmarknad", "maluppfyllelse"):
        assert "an earlier run" not in (pages / f"{name}.html").read_text(encoding="utf-8")
    assert {k: after[k] for k in ("ekonomi.html", "ekonomi.ipynb")} == \
        {k: before[k] for k in ("ekonomi.html", "ekonomi.ipynb")}
    assert "ekonomi.failed.ipynb" in after                                   # ekonomi was not in this run

    # the report repaired: ekonomi alone publishes and its failed notebook goes
    write_raw(tmp_path, text)
    jobs = plan([2020], root=tmp_path, notebook_dir=ROOT / "notebooks", out_root=out, notebooks=["ekonomi"])
    render(jobs, stream=None)
    assert sorted(p.name for p in pages.iterdir() if not p.name.startswith(".")) == \
        sorted(f"{n}.{ext}" for n in NOTEBOOKS for ext in ("html", "ipynb"))
    assert "Sammanfattning" in (pages / "ekonomi.html").read_text(encoding="utf-8")


def test_cut_off_report_is_not_published_as_complete(tmp_path):
    """The text ends in the middle of the driftredovisning: the notebooks that use it fail, naming the
    file, the table and the last line read, and nothing of the year is published."""
    text = REPORT.read_text(encoding="utf-8")
    start = text.index("DRIFTREDOVISNING, TKR")
    row = text.index("\n131 ", start) + 1                  # the text ends after this row (line 78)
    raw = write_raw(tmp_path, text[:text.index("\n", row) + 1], name="cut.txt")
    meta = kslib.read_report(raw).meta        # the cut text keeps the board, not the municipality's name
    pages = tmp_path / "reports" / "2020" / report_slug(meta.municipality, meta.board, fallback=raw.name)
    out = tmp_path / "reports"
    before = earlier_run(pages)
    jobs = plan([2020], root=tmp_path, notebook_dir=ROOT / "notebooks", out_root=out)
    with pytest.raises(RenderError) as info:
        render(jobs, stream=None)
    message = str(info.value)
    why = "ParseError: cut.txt: driftredovisning ends at line 78 before its total row; the report looks cut off"
    for name in ("ekonomi",):          # arbetsmarknad has nothing to show in the cut text: left out
        assert re.search(rf"2020 {name}: {name}\.failed\.ipynb: cell In \[\d+\] failed: {re.escape(why)}", message)
        errors = failed_cells(pages / f"{name}.failed.ipynb")
        assert errors[0]["ename"] == "ParseError" and "looks cut off" in errors[0]["evalue"]
    after = snapshot(pages)
    assert after.pop("ekonomi.failed.ipynb") and after == before


def test_each_year_is_its_own_unit(tmp_path):
    """2019 fails (its folder holds the 2020 report), 2020 succeeds: 2020 is published, 2019 keeps its pages."""
    write_raw(tmp_path, REPORT.read_text(encoding="utf-8"), year=2019, name="report.txt")
    write_raw(tmp_path, REPORT.read_text(encoding="utf-8"), year=2020, name="report.txt")
    out = tmp_path / "reports"
    before = earlier_run(out / "2019" / SLUG_2020)
    jobs = plan([2019, 2020], root=tmp_path, notebook_dir=ROOT / "notebooks", out_root=out,
                notebooks=["maluppfyllelse"])
    with pytest.raises(RenderError, match=r"1 of 2 notebooks failed: 2019 maluppfyllelse: .*the report is for "
                                          r"2020, but year = 2019; nothing new published for 2019 ") as info:
        render(jobs, stream=None)
    (failure,) = info.value.failures            # the fields a caller (a scheduler) needs
    assert (failure.year, failure.notebook, failure.exception) == (2019, "maluppfyllelse", "ParameterError")
    assert failure.cell is not None and "the report is for 2020, but year = 2019" in failure.message
    after = snapshot(out / "2019" / SLUG_2020)
    assert after.pop("maluppfyllelse.failed.ipynb") and after == before
    assert sorted(p.name for p in (out / "2020" / SLUG_2020).iterdir()) == ["maluppfyllelse.html",
                                                                   "maluppfyllelse.ipynb"]


def test_successful_render_writes_no_traceback(tmp_path, kslib_cmd):
    """A short report (the text ends after the driftredovisning), rendered twice as a scheduled job would:
    exit code 0 and nothing on stderr but the summary lines (no ZMQ traceback from a kernel)."""
    text = REPORT.read_text(encoding="utf-8")
    end = text.index("\n", text.index("TOTALT", text.index("DRIFTREDOVISNING, TKR"))) + 1
    write_raw(tmp_path, text[:end], name="short.txt")
    for _ in range(2):
        run = kslib_cmd("render", "--year", "2020", "--root", tmp_path, "--out", tmp_path / "reports", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr and "ERROR" not in run.stderr, run.stderr
        lines = run.stderr.splitlines()
        # no labour-market figures or goals in the short text: those notebooks are named as skipped
        assert [line.split()[0] for line in lines] == ["skipped", "skipped", "ok", "1"], run.stderr
        assert lines[-1].endswith("1 ok, 0 failed, 2 skipped (nothing to show)"), run.stderr


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
