"""The yearly render: execute the notebooks with papermill and export committee HTML.

:func:`plan` checks everything that can be checked without a kernel (the
notebooks exist, every parameter is declared and well typed, each year has a
raw report) and returns one :class:`Job` per notebook and year.
:func:`render` runs the jobs in a small pool of worker processes forked from
this one (papermill and nbconvert are imported once, here).  Each worker
executes its notebooks one after the other, exports the HTML in-process
(:func:`export_html`: no code, embedded PNGs, no script or font from a
network) and starts the kernel for its next notebook while it exports the
current one.

A year's run is all-or-nothing: every notebook of the run executes to its end
(the others finish when one fails), its outputs (``<name>.ipynb`` with code
and outputs, ``<name>.html`` for committees) are staged beside
``reports/<year>/`` and moved in (each move atomic) only when every notebook of
that year's run succeeded; a stale ``<name>.failed.ipynb`` of those notebooks
is then removed.  When any notebook of the year fails, the year's previous
outputs stay exactly as they were, the failing notebook is written as
``reports/<year>/<name>.failed.ipynb`` (the failing cell marked by papermill),
and nothing new of that year is published.  Each year is its own unit.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TextIO

from kslib._version import __version__
from kslib.errors import NotebookFailure, OutputError, ParameterError, RenderError
from kslib.pipeline.atomic import Staging, atomic_write_text, exclusive
from kslib.pipeline.context import document_subtitle
from kslib.pipeline.contract import ProcessedReport, ensure_in_project
from kslib.pipeline.layout import find_project_root, find_raw_reports, raw_reports_in, raw_years, reports_dir
from kslib.pipeline.parameters import check_parameters, declared_parameters
from kslib.pipeline.project import lock_dir   # <root>/.kslib/locks: no lock file among the published pages

NOTEBOOKS = ("ekonomi", "arbetsmarknad", "maluppfyllelse")
HISTORY_NOTEBOOK = "flerar"    # rendered with the others when the project holds earlier reports of the board
HISTORY_PARAMETER = "history_dirs"
PACKAGE = Path(__file__).resolve().parents[1]   # the installed kslib package
RUN_OPTIONS = ("raw_path",)
COMMITTEE = "nämnd"            # the default audience: pages for the committee   # parameters of the run itself, not of a notebook
SUBJECTS = {"ekonomi": "Ekonomisk analys", "arbetsmarknad": "Arbetsmarknad", "maluppfyllelse": "Måluppfyllelse",
            "flerar": "Flerårsöversikt"}
KERNEL_NAME = "python3"
DEFAULT_WORKERS = 2
# Imported by a warm kernel before its notebook arrives (module imports only: no state the notebook sees).
WARM_IMPORTS = "import pandas, kslib, kslib.present.charts, kslib.present.commentary, kslib.present.display, kslib.pipeline.context"

_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{{ output.data['image/svg+xml'] }}
</div>
{%- endblock data_svg -%}
{% block extra_css %}
<style type="text/css">
  body.jp-Notebook { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
  .jp-RenderedHTMLCommon { font-size: 15px; line-height: 1.5; }
  .jp-RenderedHTMLCommon table { font-size: 13px; }
  .jp-RenderedImage img, .jp-RenderedSVG svg { max-width: 100%; height: auto; }
  .jp-OutputArea-output pre { white-space: pre-wrap; }
  .jp-RenderedMarkdown blockquote { border-left: 4px solid #9a6700; background: #fdf6e3; margin: .6em 0;
                                    padding: .4em .9em; color: #1f2933; }
  .jp-RenderedHTMLCommon code { overflow-wrap: anywhere; }  /* the source's SHA-256 */
  @media print {
    body.jp-Notebook { max-width: none; padding: 0; }
    .jp-Cell, table, img { break-inside: avoid; page-break-inside: avoid; }
    h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  }
</style>
{% endblock extra_css %}
"""
_NETWORK = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
_CSS_NETWORK = re.compile(r"""@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?https?://""", re.IGNORECASE)


# --------------------------------------------------------------------------- planning

@dataclass(frozen=True)
class Job:
    """One notebook for one year."""

    name: str
    year: int
    notebook: Path
    parameters: dict[str, Any]
    out_dir: Path
    cwd: Path
    title: str
    source_file: str = ""     # the raw report's name and SHA-256 (recorded in the executed notebook's metadata)
    source_sha256: str = ""
    slug: str = ""            # the board's stable name: its pages are in reports/<year>/<slug>/
    shared_year: bool = False # the year holds several reports: labels and messages name the board's slug

    @property
    def label(self) -> str:
        return f"{self.year} {self.slug + ' ' if self.shared_year and self.slug else ''}{self.stem}"

    @property
    def stem(self) -> str:
        """``ekonomi`` for the committee edition, ``ekonomi.analytiker`` for the analysts' (never the same file)."""
        audience = self.parameters.get("audience", COMMITTEE)
        return self.name if audience == COMMITTEE else f"{self.name}.{audience}"

    @property
    def ipynb(self) -> Path:
        return self.out_dir / f"{self.stem}.ipynb"

    @property
    def html(self) -> Path:
        return self.out_dir / f"{self.stem}.html"

    @property
    def failed(self) -> Path:
        return self.out_dir / f"{self.stem}.failed.ipynb"


@dataclass
class JobResult:
    job: Job
    ok: bool
    seconds: float
    written: list[Path] = field(default_factory=list)
    error: str | None = None
    published: bool = False          # its outputs were moved into reports/<year>/
    note: str | None = None          # why a successful notebook was not published
    failure: NotebookFailure | None = None   # a failed notebook: year, notebook, cell, exception
    draft: str | None = None         # what the page says is still missing (its "Utkast" notice)


def notebooks_dir(root: Path) -> Path:
    """``<root>/notebooks`` (a project's own, possibly edited, notebooks); else the copies an installed
    kslib carries (``kslib/notebooks``, package data); else those of the checkout it runs from."""
    for folder in (root / "notebooks", PACKAGE / "notebooks", PACKAGE.parents[1] / "notebooks"):
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder
    return root / "notebooks"


def plan(years: Sequence[int], *, notebooks: Sequence[str] | None = None,
         parameters: dict[str, Any] | None = None, root: str | Path | None = None,
         out_root: str | Path | None = None, notebook_dir: str | Path | None = None) -> list[Job]:
    """Check every input, make sure each report's processed data is current, and return the jobs.

    Raises :class:`ParameterError` before any kernel starts.  Every report under ``data/raw/<year>/``
    (several boards may share a year) is rendered: its processed data is
    ``data/processed/<year>/<slug>/`` (parsed here when missing or stale: the only parse of the run,
    see :func:`kslib.pipeline.contract.ensure_in_project`) and its pages go to
    ``<out_root>/<year>/<slug>/``.  ``raw_path`` (a run option, not a notebook parameter) renders that
    one report instead.  The Flerårsöversikt (``flerar``) joins the default notebooks of a report when
    the project holds earlier reports of the same board (earlier years' raw reports are parsed too,
    once, into their own processed folders).
    """
    root = Path(root).resolve() if root is not None else find_project_root()
    nb_dir = Path(notebook_dir) if notebook_dir is not None else notebooks_dir(root)
    out_root = Path(out_root) if out_root is not None else root / "reports"
    parameters = dict(parameters or {})
    if not years:
        raise ParameterError("no year to render (give --year or --years, or 'years:' in the parameter file)")
    if len(set(years)) != len(years):
        raise ParameterError(f"a year is given twice: {list(years)}")
    for y in years:
        if isinstance(y, bool) or not isinstance(y, int) or not 1900 < y < 2200:
            raise ParameterError(f"not a year: {y!r}")
    for key in ("year", "processed_dir", HISTORY_PARAMETER):
        if key in parameters:
            raise ParameterError(f"parameter {key!r} is set by the render (--year/--years), not as a notebook parameter")
    if "raw_path" in parameters and len(years) > 1:
        raise ParameterError("parameter 'raw_path' names one report; it cannot be used with several years")
    chosen = list(notebooks) if notebooks else None
    names = chosen or list(NOTEBOOKS)
    history_nb = nb_dir / f"{HISTORY_NOTEBOOK}.ipynb"
    declared: dict[str, dict] = {}
    needs: dict[str, tuple[str, ...]] = {}
    for name in (*names, *([HISTORY_NOTEBOOK] if chosen is None and history_nb.is_file() else [])):
        path = nb_dir / f"{name}.ipynb"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in nb_dir.glob("*.ipynb"))) or "none"
            raise ParameterError(f"{path}: no such notebook (known: {known})")
        declared[name] = declared_parameters(path)
        needs[name] = declared_needs(path)
    every = {p for d in declared.values() for p in d} | set(RUN_OPTIONS)
    for key in parameters:
        if key not in every:
            raise ParameterError(f"unknown parameter {key!r} (the notebooks declare: {', '.join(sorted(every))})")
    raw_given = parameters.pop("raw_path", "")
    jobs = Plan()
    for year in years:
        if raw_given:
            raw = Path(raw_given)
            raw = raw if raw.is_absolute() else root / raw
            if not raw.is_file():
                raise ParameterError(f"{raw}: raw report not found (parameter raw_path)")
            raws = [raw]
        else:
            raws = find_raw_reports(year, raw_root=root / "data" / "raw")
        reports = [ensure_in_project(raw, year, root=root) for raw in raws]
        seen: dict[str, ProcessedReport] = {}
        for report in reports:
            if report.slug in seen:
                raise ParameterError(f"{root / 'data' / 'raw' / str(year)}: two reports of one board in {year} "
                                     f"({seen[report.slug].name}, {report.name}); render them one at a time "
                                     f"with -p raw_path=FILE")
            seen[report.slug] = report
        shared = len(reports) > 1
        for report in reports:
            history = earlier_reports(report, year, root=root)
            wanted = list(names)
            if chosen is None and history and HISTORY_NOTEBOOK in declared:
                wanted.append(HISTORY_NOTEBOOK)
            empty = [n for n in wanted if needs.get(n) and not any(_has(report, need) for need in needs[n])]
            jobs.skipped += [f"{year} {report.slug if shared else ''} {n}".replace("  ", " ") for n in empty]
            wanted = [n for n in wanted if n not in empty]
            jobs += _report_jobs(report, year, wanted, declared, parameters, history, nb_dir=nb_dir,
                                 out_dir=reports_dir(year, report.slug, out_root=out_root).resolve(), root=root,
                                 shared_year=shared)
    return jobs


class Plan(list):
    """The jobs of a run, and the notebooks left out because the report has nothing for them to show."""

    def __init__(self, *args):
        super().__init__(*args)
        self.skipped: list[str] = []


def _has(report: ProcessedReport, need: str) -> bool:
    """Whether ``report`` holds what ``need`` names: a table with rows (``"goals"``), or catalogued tables of
    some kinds (``"tables:income_statement,operating_by_area"``)."""
    name, _, kinds = need.partition(":")
    if name not in report.schema:
        return False
    frame = report.table(name)
    if kinds and not frame.empty and "kind" in frame.columns:
        return bool(frame["kind"].isin(kinds.split(",")).any())
    return not frame.empty


def declared_needs(notebook: Path) -> tuple[str, ...]:
    """What a notebook shows (its metadata ``kslib.needs``: table names, or ``tables:<kind>,<kind>`` for
    catalogued tables of those kinds): it is left out of a report's run when the report has none of them
    (e.g. Arbetsmarknad for a report without labour-market figures, Ekonomi for a scorecard)."""
    try:
        meta = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return ()
    return tuple(meta.get("kslib", {}).get("needs", ()))


def earlier_reports(report: ProcessedReport, year: int, *, root: Path) -> list[ProcessedReport]:
    """The project's reports of ``report``'s board (same slug) for the years before ``year``, oldest first
    (their raw reports processed here when needed; another board's report of those years is processed too,
    into its own folder)."""
    found: list[ProcessedReport] = []
    for earlier in raw_years(root):
        if earlier >= year:
            continue
        try:
            raws = raw_reports_in(root / "data" / "raw" / str(earlier), year=earlier)
        except ParameterError:
            continue
        for raw in raws:
            other = ensure_in_project(raw, earlier, root=root)
            if other.slug == report.slug:
                found.append(other)
    return found


def _report_jobs(report: ProcessedReport, year: int, names: list[str], declared: dict[str, dict],
                 parameters: dict[str, Any], history: list[ProcessedReport], *, nb_dir: Path, out_dir: Path,
                 root: Path, shared_year: bool = False) -> list[Job]:
    meta = report.meta        # a report of another year fails its notebooks (that year only), see open_processed
    folder = report.folder.resolve()
    jobs = []
    for name in names:
        mine = {k: v for k, v in parameters.items() if k in declared[name]}
        given = {**mine, "year": year, "processed_dir": str(folder)}
        if HISTORY_PARAMETER in declared[name]:
            given[HISTORY_PARAMETER] = [str(h.folder.resolve()) for h in history]
        values = check_parameters(given, declared[name], where=f"{name}.ipynb")
        board = values.get("board") or meta.board
        municipality = values.get("municipality") or meta.municipality
        title = f"{SUBJECTS.get(name, name.capitalize())} – {document_subtitle(board, municipality, year)}"
        jobs.append(Job(name=name, year=year, notebook=(nb_dir / f"{name}.ipynb").resolve(),
                        parameters=values, out_dir=out_dir, cwd=root, title=title,
                        source_file=report.name, source_sha256=report.sha256, slug=report.slug,
                        shared_year=shared_year))
    return jobs


# --------------------------------------------------------------------------- kernel

def write_kernel_spec(folder: Path) -> Path:
    """Write a ``python3`` kernel spec running *this* interpreter under ``folder/kernels/``; return its dir.

    Put ``folder`` first on ``JUPYTER_PATH`` and papermill's ``python3`` kernel is this environment's
    Python, with kslib importable, whatever kernel specs the user has installed elsewhere.
    """
    spec_dir = folder / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=ERROR"],
            "display_name": "Python 3 (ipykernel)", "language": "python",
            "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
            "metadata": {"debugger": False}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return spec_dir


def prepend_jupyter_path(folder: Path) -> str | None:
    """Put ``folder`` first on ``JUPYTER_PATH``; return the previous value (None when unset)."""
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *([old] if old else [])])
    return old


@contextlib.contextmanager
def venv_kernel() -> Iterator[Path]:
    """This interpreter's kernel spec (:func:`write_kernel_spec`) first on ``JUPYTER_PATH`` for the duration.

    Works from a clean clone where only ``pip install -e .[test]`` ran.
    """
    tmp = Path(tempfile.mkdtemp(prefix="kslib-kernel-"))
    spec_dir = write_kernel_spec(tmp)
    old = prepend_jupyter_path(tmp)
    try:
        yield spec_dir
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old
        shutil.rmtree(tmp, ignore_errors=True)


class WarmKernel:
    """A kernel started ahead of its notebook, with the heavy modules already imported.

    Shut down quietly: every client of the kernel (ours and the notebook
    client's, which papermill leaves open when it is given a kernel manager)
    is closed first, the warm-up imports are waited for if the kernel was never
    handed to a notebook (a kernel shut down in the middle of a request logs a
    ZMQ traceback on the terminal), then a shutdown request is sent.
    """

    def __init__(self, cwd: Path):
        from jupyter_core.utils import run_sync

        self.km = _tracking_manager_class()(kernel_name=KERNEL_NAME)
        run_sync(self.km.start_kernel)(cwd=str(cwd))
        kc = self.km.client()
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self._warmup = kc.execute(WARM_IMPORTS, silent=True, store_history=False)
        self._kc = kc
        self._released = False

    def release(self):
        """Hand the kernel manager to a notebook client (our own client is closed)."""
        self._released = True
        with contextlib.suppress(Exception):
            self._kc.stop_channels()
        return self.km

    def _await_warmup(self, timeout: float = 30.0) -> None:
        """Wait for the reply to the warm-up imports (so that no request is in flight at shutdown)."""
        from jupyter_core.utils import run_sync

        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            msg = run_sync(self._kc.get_shell_msg)(timeout=left)
            if msg.get("parent_header", {}).get("msg_id") == self._warmup:
                return

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        if not self._released:
            with contextlib.suppress(Exception):
                self._await_warmup()
        for kc in [self._kc, *self.km.clients]:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        # A shutdown request rather than shutdown_kernel(), which interrupts the kernel first
        # and makes it log a KeyboardInterrupt on the terminal.
        with contextlib.suppress(Exception):
            run_sync(self.km.request_shutdown)()
            run_sync(self.km.finish_shutdown)(waittime=5, pollinterval=0.05)
        with contextlib.suppress(Exception):
            run_sync(self.km.cleanup_resources)()


@functools.lru_cache(maxsize=1)
def _tracking_manager_class():
    """An ``AsyncKernelManager`` that remembers the clients it made (to close them at shutdown)."""
    from jupyter_client.manager import AsyncKernelManager

    class TrackingKernelManager(AsyncKernelManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.clients: list = []

        def client(self, *args, **kwargs):
            kc = super().client(*args, **kwargs)
            self.clients.append(kc)
            return kc

    return TrackingKernelManager


# --------------------------------------------------------------------------- one notebook

def export_html(nb, *, title: str) -> str:
    """Committee HTML: no code cells or prompts, images embedded, nothing loaded from a network."""
    import copy

    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    alts = []
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            alts += [_alt(o) for o in cell.outputs if "image/png" in o.get("data", {})]
    html, _ = _exporter().from_notebook_node(nb)
    for alt in alts:  # nbconvert writes a placeholder alt on every image, in document order
        html = html.replace(f'alt="{_NO_ALT}"', f'alt="{_html_escape(alt)}"', 1)
    check_offline(html, where=title)
    return html


_NO_ALT = "No description has been provided for this image"


def _alt(output) -> str:
    meta = output.get("metadata", {}).get("image/png", {})
    return str(meta.get("alt") or "Diagram") if isinstance(meta, dict) else "Diagram"


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


@functools.lru_cache(maxsize=1)
def _exporter():
    """One HTMLExporter per process (its templates and CSS load once; warmed before the workers fork)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="kslib_index.html.j2",
                        extra_loaders=[DictLoader({"kslib_index.html.j2": _TEMPLATE})],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        exclude_anchor_links=True, embed_images=True, language_code="sv")


def _warm_exporter() -> None:
    """Export a one-cell notebook so that templates and CSS are loaded before forking."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Uppvärmning")])
    export_html(nb, title="Uppvärmning")


def check_offline(html: str, *, where: str = "HTML") -> None:
    """RenderError if the HTML would load a script, style, font or image from a network."""
    for rx in (_NETWORK, _CSS_NETWORK):
        m = rx.search(html)
        if m:
            raise RenderError(f"{where}: the HTML would load from a network: {m.group(0)[:80]!r}")


def _failure(job: Job, exc: BaseException) -> NotebookFailure:
    """What failed: the cell (papermill's execution count), the exception's name and last line."""
    evalue = str(getattr(exc, "evalue", exc)).strip().splitlines()
    return NotebookFailure(job.year, job.name, getattr(exc, "exec_count", None),
                           getattr(exc, "ename", type(exc).__name__), evalue[-1] if evalue else "")


def _cell_error(failure: NotebookFailure) -> str:
    what = f"{failure.exception}: {failure.message}"
    return f"cell In [{failure.cell}] failed: {what}" if failure.cell is not None else what


def run_job(job: Job, *, into: Path | None = None, km=None, on_cell: Callable[[int, int], None] | None = None,
            before_export: Callable[[], None] | None = None) -> JobResult:
    """Execute one notebook (in this process); write ``<name>.ipynb`` and ``<name>.html`` into ``into``.

    ``into`` is the year's staging folder during :func:`render` (default: the
    year's folder itself).  A failing notebook is written as
    ``<out_dir>/<name>.failed.ipynb`` and nothing goes into ``into``.
    """
    import nbformat
    import papermill as pm

    start = time.perf_counter()
    into = Path(into) if into is not None else job.out_dir
    into.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{job.stem}.", suffix=".running.ipynb", dir=into)
    os.close(fd)
    tmp = Path(tmp_name)
    extra: dict[str, Any] = {}
    if km is not None:
        extra["km"] = km
    if on_cell is not None:
        counts = {"total": 0, "done": 0}

        def _start(notebook, **_):
            counts["total"] = sum(1 for c in notebook.cells if c.cell_type == "code")

        def _done(cell, **_):
            if cell.cell_type == "code":
                on_cell(counts["done"], counts["total"])
                counts["done"] += 1

        extra.update(on_notebook_start=_start, on_cell_executed=_done)
    try:
        try:
            nb = pm.execute_notebook(str(job.notebook), str(tmp), parameters=job.parameters,
                                     kernel_name=KERNEL_NAME, cwd=str(job.cwd), progress_bar=False,
                                     log_output=False, request_save_on_cell_execute=False, **extra)
        except Exception as exc:  # papermill wrote the notebook with the failing cell marked
            failure = _failure(job, exc)
            return _fail(job, tmp, start, _cell_error(failure), failure)
        _stable_cell_ids(nb)
        if before_export is not None:
            before_export()
        try:
            html = export_html(nb, title=job.title)
        except Exception as exc:
            failure = NotebookFailure(job.year, job.name, None, type(exc).__name__, f"HTML export failed: {exc}")
            return _fail(job, tmp, start, f"HTML export failed: {type(exc).__name__}: {exc}", failure)
        nb.metadata["title"] = job.title
        nb.metadata["kslib"] = provenance(job)
        written = [_replace(tmp, into / job.ipynb.name, lambda p: nbformat.write(nb, str(p))),
                   atomic_write_text(into / job.html.name, html)]
        return JobResult(job, True, time.perf_counter() - start, written, draft=draft_of(nb))
    finally:
        tmp.unlink(missing_ok=True)


def draft_of(nb) -> str | None:
    """What an executed notebook's "Utkast" notice says is missing (its output metadata ``kslib_draft``)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for meta in (output.get("metadata", {}), *output.get("metadata", {}).values()):
                if isinstance(meta, dict) and meta.get("kslib_draft"):
                    return str(meta["kslib_draft"])
    return None


def _stable_cell_ids(nb) -> None:
    """papermill gives the injected-parameters cell a random id; make it stable (same input, same page)."""
    for k, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = f"injected-parameters-{k}"


def provenance(job: Job) -> dict[str, str]:
    """What the executed notebook's metadata records about its source (``metadata.kslib``)."""
    return {"version": __version__, "source_file": job.source_file,
            "source_sha256": job.source_sha256, "rendered": time.strftime("%Y-%m-%d %H:%M:%S")}


def _replace(tmp: Path, target: Path, write: Callable[[Path], None]) -> Path:
    write(tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target


def _fail(job: Job, tmp: Path, start: float, message: str, failure: NotebookFailure) -> JobResult:
    """Write the executed notebook as ``<out_dir>/<name>.failed.ipynb`` (atomically); nothing else changes."""
    written = []
    if tmp.exists() and tmp.stat().st_size:
        job.out_dir.mkdir(parents=True, exist_ok=True)
        written.append(_replace(tmp, job.failed, lambda p: None))
    where = job.failed.name if written else f"{job.stem}.ipynb (nothing executed)"
    return JobResult(job, False, time.perf_counter() - start, written, f"{where}: {message}", failure=failure)


# --------------------------------------------------------------------------- workers

def _claim(counter, total: int) -> int | None:
    """The index of the next unclaimed job, or None."""
    with counter.get_lock():
        if counter.value >= total:
            return None
        counter.value += 1
        return counter.value - 1


def _worker(jobs: list[Job], counter, queue, warm: bool, stages: dict[Path, Path] | None = None) -> None:
    """Take jobs from the shared counter until none is left; report on ``queue``.

    Each notebook runs in a kernel of its own, started here (not by papermill)
    so that it is shut down without an interrupt.  While a notebook's HTML is
    exported, the next job is claimed (if one is left) and its kernel started
    (and its imports run): a kernel is only ever started for a job this worker
    holds, so none is shut down in the middle of its warm-up.  Outputs go to
    ``stages[job.out_dir]`` (the year's staging folder).
    """
    stages = stages or {}
    kernel: WarmKernel | None = None
    index = _claim(counter, len(jobs))
    try:
        while index is not None:
            job = jobs[index]
            queue.put(("start", job.label, None))
            ahead: dict[str, Any] = {"index": None, "kernel": None}

            def warm_next(ahead=ahead, cwd=job.cwd):
                if warm and ahead["index"] is None:
                    ahead["index"] = _claim(counter, len(jobs))
                    if ahead["index"] is not None:
                        with contextlib.suppress(Exception):
                            ahead["kernel"] = WarmKernel(cwd)

            if kernel is None:  # our own kernel even when cold: started and shut down quietly
                with contextlib.suppress(Exception):
                    kernel = WarmKernel(job.cwd)
            current, km = kernel, (kernel.release() if kernel is not None else None)
            try:
                result = run_job(job, into=stages.get(job.out_dir), km=km, before_export=warm_next,
                                 on_cell=lambda idx, n, label=job.label: queue.put(("cell", label, (idx, n))))
            except Exception as exc:  # a bug in the pipeline itself: report it, keep going
                result = JobResult(job, False, 0.0, [], f"internal error: {type(exc).__name__}: {exc}\n"
                                                        + traceback.format_exc(limit=3))
            finally:
                if current is not None:
                    current.shutdown()
            queue.put(("done", job.label, result))
            kernel = ahead["kernel"]
            index = ahead["index"] if ahead["index"] is not None else _claim(counter, len(jobs))
    finally:
        if kernel is not None:
            kernel.shutdown()


class Progress:
    """A live status line on a terminal; one summary line per notebook once its year is settled."""

    def __init__(self, jobs: list[Job], stream: TextIO | None):
        self.stream = stream
        self.live = bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())
        self.state = {j.label: "waiting" for j in jobs}
        self.total = len(jobs)
        self.finished = 0

    def _line(self) -> str:
        parts = [f"{label}: {st}" for label, st in self.state.items() if st != "done"]
        return f"[{self.finished}/{self.total}] " + " · ".join(parts)

    def _draw(self) -> None:
        if self.live:
            line = self._line()
            width = shutil.get_terminal_size((100, 20)).columns - 1
            self.stream.write("\r\x1b[K" + line[:width])
            self.stream.flush()

    def event(self, kind: str, label: str, payload) -> None:
        if self.stream is None:
            return
        if kind == "start":
            self.state[label] = "starting kernel"
        elif kind == "cell":
            idx, n = payload
            self.state[label] = f"cell {idx + 1}/{n}" if n else f"cell {idx + 1}"
        elif kind == "done":
            self.state[label] = "done"
            self.finished += 1
        self._draw()

    def settled(self, results: list[JobResult]) -> None:
        """Print the summary lines of one year's notebooks (after its outputs were published or not)."""
        if self.stream is None:
            return
        if self.live:
            self.stream.write("\r\x1b[K")
        for result in results:
            self.stream.write(summary_line(result) + "\n")
        self.stream.flush()
        self._draw()

    def close(self) -> None:
        if self.live and self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def summary_line(result: JobResult) -> str:
    job = result.job
    draft = f"  (utkast: {result.draft})" if result.draft else ""
    if result.ok and result.published:
        return f"ok      {job.label:<24} {result.seconds:6.1f} s  {job.html}{draft}"
    if result.ok:
        return f"ok      {job.label:<24} {result.seconds:6.1f} s  {result.note or 'not published'}"
    return f"FAILED  {job.label:<24} {result.seconds:6.1f} s  {result.error}"


def publish(results: list[JobResult], staging) -> list[JobResult]:
    """Settle one year: move its staged outputs into ``reports/<year>/`` only if every notebook succeeded.

    On success each staged file is moved in atomically (:meth:`kslib.pipeline.atomic.Staging.commit`: the old
    set is restored if a move fails) and a stale ``<name>.failed.ipynb`` of these notebooks is removed.
    Otherwise nothing is moved and the successful notebooks carry a note saying why.
    """
    year = results[0].job.year
    failed = [r for r in results if not r.ok]
    if failed:
        which = "another notebook" if len(failed) == 1 else f"{len(failed)} other notebooks"
        for r in results:
            if r.ok:
                r.note = f"not published: {which} of {year} failed (previous outputs kept)"
        return results
    try:
        staging.commit()
    except OutputError as exc:
        for r in results:
            r.note = f"not published: {exc}"
        return results
    for r in results:
        r.published = True
        r.written = [r.job.ipynb, r.job.html]
        r.job.failed.unlink(missing_ok=True)
    return results


def default_start_method() -> str:
    """``fork`` on Linux (workers share the imported papermill and nbconvert), else ``spawn``
    (Windows has no fork; macOS's is unsafe with its system libraries)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def render(jobs: list[Job], *, workers: int = DEFAULT_WORKERS, stream: TextIO | None = sys.stderr,
           warm: bool = True, start_method: str | None = None) -> list[JobResult]:
    """Run ``jobs`` in ``workers`` worker processes; returns one result per job, in the jobs' order.

    ``start_method`` is the :mod:`multiprocessing` start method (default :func:`default_start_method`).

    Each year is one unit: its outputs are staged and published (see :func:`publish`) only when every
    notebook of that year succeeded.  Raises :class:`RenderError` (after every notebook has finished
    and every other year was settled) when any notebook failed or a year could not be published.
    """
    import multiprocessing as mp

    _skip_slow_optional_imports()
    # Imported here, once, so that the forked workers share them.
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401
    skipped = list(getattr(jobs, "skipped", []))
    if stream is not None:
        for label in skipped:
            stream.write(f"skipped {label:<24}            nothing to show: the report has no tables for it\n")
    if not jobs:
        return []
    _warm_exporter()
    start = time.perf_counter()
    progress = Progress(jobs, stream)
    results: dict[str, JobResult] = {}
    units: dict[Path, list[Job]] = {}
    for job in jobs:
        units.setdefault(job.out_dir, []).append(job)
    ctx = mp.get_context(start_method or default_start_method())
    with contextlib.ExitStack() as stack:
        for out_dir in sorted(units):
            stack.enter_context(exclusive(out_dir, what="render", lock_dir=lock_dir(units[out_dir][0].cwd)))
        staging = {out_dir: stack.enter_context(Staging(out_dir)) for out_dir in sorted(units)}
        stack.enter_context(venv_kernel())
        queue = ctx.Queue()
        counter = ctx.Value("i", 0)
        stages = {out_dir: st.path for out_dir, st in staging.items()}
        procs = [ctx.Process(target=_worker, args=(jobs, counter, queue, warm, stages), daemon=False)
                 for _ in range(max(1, min(workers, len(jobs))))]
        for p in procs:
            p.start()

        def done(result: JobResult) -> None:
            results[result.job.label] = result
            progress.event("done", result.job.label, result)
            unit = units[result.job.out_dir]
            if all(j.label in results for j in unit):
                progress.settled(publish([results[j.label] for j in unit], staging[result.job.out_dir]))

        try:
            while len(results) < len(jobs):
                try:
                    kind, label, payload = queue.get(timeout=0.5)
                except Exception:  # queue.Empty: are the workers still there?
                    if not any(p.is_alive() for p in procs):
                        codes = ", ".join(str(p.exitcode) for p in procs)
                        for job in jobs:
                            if job.label not in results:
                                done(JobResult(job, False, time.perf_counter() - start, [],
                                               f"worker process ended without finishing it (exit codes {codes})"))
                    continue
                if kind == "done":
                    done(payload)
                else:
                    progress.event(kind, label, payload)
        finally:
            for p in procs:
                p.join(timeout=30)
                if p.is_alive():
                    p.terminate()
            progress.close()
    return settle_run([results[j.label] for j in jobs], stream=stream, seconds=time.perf_counter() - start,
                      skipped=skipped)


def settle_run(ordered: list[JobResult], *, stream: TextIO | None, seconds: float, skipped: Sequence[str] = (),
               where: str = "") -> list[JobResult]:
    """The run's summary line; :class:`RenderError` (with each failure) when a notebook failed or a
    report's outputs were not published.  ``where``: e.g. " on Dask"."""
    failed = [r for r in ordered if not r.ok]
    held = sorted({_unit_name(r.job) for r in ordered if not r.published})
    if stream is not None:
        kept = f"; not published: {', '.join(map(str, held))} (previous outputs kept)" if held else ""
        left_out = f", {len(skipped)} skipped (nothing to show)" if skipped else ""
        stream.write(f"{len(ordered)} notebook(s) in {seconds:.1f} s{where}: "
                     f"{len(ordered) - len(failed)} ok, {len(failed)} failed{left_out}{kept}\n")
    if failed or held:
        problems = [f"{r.job.label}: {(r.error or 'failed').splitlines()[0]}" for r in failed]
        problems += [f"{r.job.label}: {r.note}" for r in ordered if r.ok and not r.published
                     and not any(f.job.out_dir == r.job.out_dir for f in failed)]
        head = f"{len(failed)} of {len(ordered)} notebooks failed: " if failed else "outputs not published: "
        failures = tuple(r.failure or NotebookFailure(r.job.year, r.job.name, None, "Error", r.error or "")
                         for r in failed)
        raise RenderError(head + "; ".join(problems)
                          + f"; nothing new published for {', '.join(map(str, held))} (previous outputs kept)",
                          failures=failures)
    return ordered


def _unit_name(job: Job) -> str:
    """``2020`` or, for one board's pages of a year, ``2020 vaggeryds-kommun-kommunstyrelsen``."""
    return f"{job.year} {job.slug}" if job.slug and job.shared_year else str(job.year)


def _skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` (about 1.4 s building a grammar at import).

    nbformat validates notebooks with jsonschema, which uses that optional
    package only for the ``iri``/``uri`` string formats; the notebook schema
    uses neither.  Only done in the render process, before nbformat loads.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
