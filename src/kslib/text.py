"""Text helpers shared by the readers: whitespace squeezing and lines joined with their provenance."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

_SPACES = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Runs of whitespace as one space, ends stripped."""
    return _SPACES.sub(" ", text).strip()


def joins_without_space(previous: str, following: str) -> bool:
    """A line ending in a hyphen before a lower-case word continues the word ("Corona-" / "krisen")."""
    return previous.endswith("-") and following[:1].islower()


@dataclass(frozen=True)
class Joined:
    """Lines joined into one text, remembering which line each character came from."""

    text: str
    starts: tuple[int, ...]     # offset in text where each joined line starts
    numbers: tuple[int, ...]    # the line number of each joined line

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect_right(self.starts, offset) - 1)]


def join_texts(texts: Iterable[str], numbers: Iterable[int] = ()) -> Joined:
    """Join stripped texts with spaces (see :func:`joins_without_space`)."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for text in texts:
        text = text.strip()
        if parts:
            sep = "" if joins_without_space(parts[-1], text) else " "
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(text)
        pos += len(text)
    return Joined("".join(parts), tuple(starts), tuple(numbers))


def join_lines(lines) -> Joined:
    """Join objects with ``.text`` and ``.number`` (report lines)."""
    lines = list(lines)
    return join_texts((line.text for line in lines), (line.number for line in lines))
