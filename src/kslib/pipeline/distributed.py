"""Many reports on a Dask cluster: ``kslib render --dask SCHEDULER_ADDRESS`` (or ``--dask local``).

The same jobs as the local worker pool (:func:`kslib.pipeline.render.plan`), run
as Dask tasks: first the parse of each raw report (:func:`parse_on_cluster`, one
task per report, into ``data/processed/<year>/<slug>/``), then one task per
notebook (:func:`render_on_cluster`).  Publishing stays per report and
all-or-nothing, as in :func:`kslib.pipeline.render.render`: the client takes each
report's lock and makes its staging folder beside ``reports/<year>/<slug>/``; the
workers execute the notebooks and write into that staging folder; when every
notebook of a report has come back, the client publishes it (or keeps the
previous pages) and prints the same summary lines.

The workers must see the project at the same path as the client (a shared
filesystem: NFS, a mounted volume, or this machine for ``--dask local``) and have
kslib installed in an environment like the client's.  ``dask[distributed]`` is
the optional extra ``kslib[dask]``.
"""
from __future__ import annotations

import atexit
import contextlib
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from kslib.errors import ParameterError
from kslib.pipeline.atomic import Staging, exclusive
from kslib.pipeline.layout import find_raw_reports, raw_reports_in, raw_years
from kslib.pipeline.project import lock_dir

LOCAL = "local"
_KERNEL_LOCK = threading.Lock()
_KERNEL_DIR: list[Path] = []


def _require_distributed():
    try:
        import distributed
    except ImportError:
        raise ParameterError("--dask needs dask.distributed: pip install 'kslib[dask]'") from None
    return distributed


@contextlib.contextmanager
def cluster_client(address: str, *, workers: int = 2, processes: bool = True) -> Iterator[object]:
    """A :class:`distributed.Client` for ``address`` (``tcp://host:8786``), or for a LocalCluster of
    ``workers`` single-threaded workers on this machine when ``address`` is ``"local"``."""
    distributed = _require_distributed()
    if address == LOCAL:
        with distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=processes,
                                      dashboard_address=":0", silence_logs=40) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise ParameterError(f"--dask {address}: no Dask scheduler answers there ({exc})") from None
    with client:
        yield client


# --------------------------------------------------------------------------- parse

def _parse_one(raw: str, year: int, root: str) -> str:
    from kslib.pipeline.contract import ensure_in_project

    return str(ensure_in_project(Path(raw), year, root=Path(root)).folder)


def parse_on_cluster(client, years: Sequence[int], *, root: Path) -> list[str]:
    """Parse (when missing or stale) every raw report of ``years`` and of the earlier years the notebooks
    read, one task per report; returns the processed folders.  Parse errors surface as the KslibError
    the parse raised (the same one line as a local run)."""
    wanted: list[tuple[Path, int]] = []
    for year in years:
        wanted += [(raw, year) for raw in find_raw_reports(year, raw_root=root / "data" / "raw")]
    for earlier in raw_years(root):
        if earlier < max(years) and earlier not in years:
            with contextlib.suppress(ParameterError):
                wanted += [(raw, earlier) for raw in raw_reports_in(root / "data" / "raw" / str(earlier),
                                                                    year=earlier)]
    futures = [client.submit(_parse_one, str(raw), year, str(root), pure=False, key=f"parse-{year}-{raw.name}")
               for raw, year in wanted]
    return client.gather(futures)


# --------------------------------------------------------------------------- notebooks

def _kernel_spec() -> None:
    """Once per worker process: a ``python3`` kernel spec running this interpreter, first on JUPYTER_PATH."""
    with _KERNEL_LOCK:
        if _KERNEL_DIR:
            return
        from kslib.pipeline.render import prepend_jupyter_path, write_kernel_spec

        tmp = Path(tempfile.mkdtemp(prefix="kslib-dask-kernel-"))
        write_kernel_spec(tmp)
        prepend_jupyter_path(tmp)
        _KERNEL_DIR.append(tmp)
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)


def run_on_worker(job, into: str):
    """One notebook on a Dask worker: executed into the report's staging folder ``into``; its JobResult."""
    import traceback

    from kslib.pipeline.render import JobResult, WarmKernel, run_job

    _kernel_spec()
    kernel = None
    with contextlib.suppress(Exception):
        kernel = WarmKernel(job.cwd)
    try:
        return run_job(job, into=Path(into), km=kernel.release() if kernel is not None else None)
    except Exception as exc:  # a bug in the pipeline itself: report it as this job's failure
        return JobResult(job, False, 0.0, [], f"internal error: {type(exc).__name__}: {exc}\n"
                                              + traceback.format_exc(limit=3))
    finally:
        if kernel is not None:
            kernel.shutdown()


def render_on_cluster(client, jobs: list, *, stream: TextIO | None = sys.stderr) -> list:
    """Run ``jobs`` as Dask tasks; publish each report all-or-nothing on this (the client's) side.

    Returns the results in the jobs' order; raises :class:`RenderError` as
    :func:`kslib.pipeline.render.render` does (after every report was settled).
    """
    from distributed import as_completed

    from kslib.pipeline.render import JobResult, Progress, publish, settle_run

    if not jobs:
        return []
    start = time.perf_counter()
    progress = Progress(jobs, stream)
    units: dict[Path, list] = {}
    for job in jobs:
        units.setdefault(job.out_dir, []).append(job)
    results: dict[str, JobResult] = {}
    with contextlib.ExitStack() as stack:
        for out_dir in sorted(units):
            stack.enter_context(exclusive(out_dir, what="render", lock_dir=lock_dir(units[out_dir][0].cwd)))
        staging = {out_dir: stack.enter_context(Staging(out_dir)) for out_dir in sorted(units)}
        futures = {client.submit(run_on_worker, job, str(staging[job.out_dir].path), pure=False,
                                 key=f"notebook-{job.year}-{job.slug}-{job.stem}-{i}"): job
                   for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as exc:   # the worker died or the task could not run
                result = JobResult(job, False, time.perf_counter() - start, [],
                                   f"Dask task failed: {type(exc).__name__}: {exc}")
            results[job.label] = result
            progress.event("done", job.label, result)
            unit = units[job.out_dir]
            if all(j.label in results for j in unit):
                progress.settled(publish([results[j.label] for j in unit], staging[job.out_dir]))
        progress.close()
    return settle_run([results[j.label] for j in jobs], stream=stream, seconds=time.perf_counter() - start,
                      where=" on Dask")
