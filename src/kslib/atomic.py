"""Safe outputs: files appear whole or not at all, and one run of a year at a time.

Everything under ``data/processed/`` and ``reports/`` is written through
:func:`atomic_write` (a temp file in the same folder, then ``os.replace``) or
staged in a folder by :class:`Staging` and moved into place only when the whole
run succeeded.  :func:`exclusive` takes a lock file so that two runs of the same
year do not interleave.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from .errors import OutputError


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temp path beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    return atomic_write(path, lambda p: p.write_bytes(data))


class Staging:
    """A temp folder beside ``target``; :meth:`commit` moves its files into ``target``.

    Nothing in ``target`` changes until commit; an exception inside the ``with``
    block discards the staged files.
    """

    def __init__(self, target: str | Path):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging.", dir=self.target.parent))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> list[Path]:
        """Move every staged file into the target folder (each move atomic)."""
        self.target.mkdir(parents=True, exist_ok=True)
        moved = []
        for item in sorted(self.path.rglob("*")):
            if item.is_file():
                dest = self.target / item.relative_to(self.path)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(item, dest)
                moved.append(dest)
        return moved


@contextlib.contextmanager
def exclusive(folder: str | Path, *, what: str = "run") -> Iterator[Path]:
    """Hold ``<folder>/.kslib.lock`` for the duration; a second holder gets :class:`OutputError`."""
    import fcntl

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / ".kslib.lock"
    handle = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise OutputError(f"{folder}: another {what} of this year is in progress (lock {lock_path.name})") from None
            raise
        yield lock_path
    finally:
        handle.close()
