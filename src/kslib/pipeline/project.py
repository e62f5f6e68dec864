"""Which project a run works on, wherever it is started from.

A scheduler (cron, systemd, Airflow, a Dask worker, ``papermill`` started in
another folder) rarely runs in the project folder.  :func:`project_root` answers
in this order: the folder given (``kslib render --root``), the environment
variable :data:`ROOT_VARIABLE` (``KSLIB_ROOT``), else the nearest folder at or
above the current one holding ``data/raw``
(:func:`kslib.pipeline.layout.find_project_root`).
"""
from __future__ import annotations

import os
from pathlib import Path

from kslib.errors import ParameterError
from kslib.pipeline.layout import find_project_root

ROOT_VARIABLE = "KSLIB_ROOT"
STATE_DIR = ".kslib"            # <root>/.kslib/: locks and run records, never published


def project_root(root: str | Path | None = None) -> Path:
    """``root`` if given, else ``$KSLIB_ROOT``, else the project around the current folder (resolved)."""
    given = root if root not in (None, "") else os.environ.get(ROOT_VARIABLE, "")
    if given:
        folder = Path(given).expanduser().resolve()
        if not folder.is_dir():
            source = "--root" if root not in (None, "") else f"${ROOT_VARIABLE}"
            raise ParameterError(f"{folder}: project folder not found ({source})")
        return folder
    return find_project_root()


def state_dir(root: str | Path) -> Path:
    """``<root>/.kslib``: the run's locks (``locks/``) and records; outside every published folder."""
    return Path(root) / STATE_DIR


def lock_dir(root: str | Path) -> Path:
    return state_dir(root) / "locks"
