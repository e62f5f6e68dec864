"""Results computed once per source (several record readers read the same scorecards and furniture)."""
from __future__ import annotations

from typing import Callable, TypeVar

from kslib.read.source import Source

T = TypeVar("T")
_CACHE: dict[tuple[int, str], tuple[Source, object]] = {}
_LIMIT = 64


def once(source: Source, name: str, compute: Callable[[Source], T]) -> T:
    """``compute(source)``, remembered for this source object under ``name``."""
    key = (id(source), name)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not source:
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        hit = _CACHE[key] = (source, compute(source))
    return hit[1]  # type: ignore[return-value]
