"""What a numeric cell may print besides a figure: a text ("Ej aktuellt", "Stängt"), an approximate figure
("ung. 116 000"), a lone dash for nil, footnote marks.  A text cell is a value of its own (NA), never part of
the row's label."""
from __future__ import annotations

import re

NOTE_PHRASE = re.compile(
    r"^(?:ej\s+aktuellt|ej\s+aktuell|ej\s+tillämpligt|ej\s+tillgängligt|uppgift\s+saknas|ingen\s+uppgift|saknas"
    r"|stängt|stängd|pausad|vilande|ej\s+startad?|ej\s+beslutad|ej\s+mätt|n/a|e/a|\.\.|x)$", re.IGNORECASE)
APPROX = {"ung", "ung.", "ungefär", "ca", "ca.", "cirka", "drygt", "knappt", "c:a"}
NIL = {"-", "–", "—", "−", "--", "––"}
LONGEST_NOTE = 3        # words


def note_words(words: list[str]) -> int:
    """How many of ``words`` (read from the end) form a note phrase: 0 if they form none."""
    for n in range(min(LONGEST_NOTE, len(words)), 0, -1):
        if NOTE_PHRASE.match(" ".join(words[-n:])):
            return n
    return 0


def is_approx(word: str) -> bool:
    return word.lower() in APPROX
