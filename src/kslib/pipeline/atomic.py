"""Safe outputs: files appear whole or not at all, and one run of a year at a time.

Everything under ``data/processed/`` and ``reports/`` is written through
:func:`atomic_write` (a temp file in the same folder, then ``os.replace``) or
staged in a folder by :class:`Staging` and moved into place only when the whole
run succeeded.  :func:`exclusive` takes a lock file so that two runs of the same
year do not interleave.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from kslib.errors import BusyError, OutputError


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temp path beside ``path``, then rename it into place."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _output_error(path.parent, exc) from None
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
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging.", dir=self.target.parent))
        except OSError as exc:
            raise _output_error(self.target.parent, exc) from None

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> list[Path]:
        """Move every staged file into the target folder (each move atomic).

        Files it replaces are kept aside until all moves succeeded; if one move
        fails, the moves already made are undone, so the target holds either the
        whole new set or the whole old one (never a mix), and :class:`OutputError`
        is raised.
        """
        staged = [p for p in sorted(self.path.rglob("*")) if p.is_file()]
        backup = Path(tempfile.mkdtemp(prefix=".backup.", dir=self.path))
        done: list[tuple[Path, Path | None]] = []   # (dest, its old version kept aside, or None)
        try:
            self.target.mkdir(parents=True, exist_ok=True)
            for item in staged:
                rel = item.relative_to(self.path)
                dest = self.target / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                old: Path | None = None
                if dest.exists():
                    old = backup / rel
                    old.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(dest, old)
                done.append((dest, old))
                os.replace(item, dest)
        except OSError as exc:
            for dest, old in reversed(done):
                with contextlib.suppress(OSError):
                    if old is not None:
                        os.replace(old, dest)
                    else:
                        dest.unlink(missing_ok=True)
            raise _output_error(self.target, exc) from None
        return [dest for dest, _ in done]


@contextlib.contextmanager
def exclusive(folder: str | Path, *, what: str = "run", lock_dir: str | Path | None = None) -> Iterator[Path]:
    """Hold ``<folder>/.kslib.lock`` for the duration; a second holder gets :class:`BusyError` (an OutputError).

    With ``lock_dir`` the lock file lives there instead (``<lock_dir>/<folder name>-<hash of its path>.lock``),
    so that nothing but outputs appears in ``folder`` (the published pages).
    The lock is :mod:`filelock`'s (``fcntl`` on POSIX, ``msvcrt`` on Windows).
    """
    from filelock import FileLock, Timeout

    folder = Path(folder)
    lock_path = folder / ".kslib.lock" if lock_dir is None else Path(lock_dir) / lock_name(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(lock_path, timeout=0)
        lock.acquire()
    except Timeout:
        raise BusyError(f"{folder}: another {what} of this year is in progress (lock {lock_path.name})") from None
    except OSError as exc:
        raise _output_error(folder, exc) from None
    try:
        yield lock_path
    finally:
        lock.release()


def lock_name(folder: str | Path) -> str:
    """``2020-vaggeryds-kommun-kommunstyrelsen-1a2b3c4d5e6f.lock``: one lock file per output folder."""
    import hashlib

    folder = Path(folder).resolve()
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:12]
    return f"{folder.parent.name}-{folder.name}-{digest}.lock"


def _output_error(folder: Path, exc: OSError) -> OutputError:
    """One line naming the output folder and what the OS said."""
    return OutputError(f"{folder}: cannot write outputs there ({exc.strerror or exc})")
