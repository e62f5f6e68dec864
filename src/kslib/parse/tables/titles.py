"""A table's title (the heading above it, a sentence between skipped) and its label column's header."""
from __future__ import annotations

from kslib.vocab.furniture import page_at_end

import re
from typing import Sequence

from kslib.parse.tables.lines import Ln
from kslib.parse.tables.model import Column
from kslib.parse.tables.rows import join
from kslib.vocab import measures as vm
from kslib.vocab.units import unit_of

_TITLE_PREFIX = re.compile(r"^(?:tabell|table|diagram)\s*\d+[:.]?\s*|^\d+(?:\.\d+)*\.?\s+", re.IGNORECASE)
LABEL_HEAD = {"namn", "enhet", "verksamhet", "belopp", "avdelning", "område", "nämnd", "verksamhetsområde", "mått",
              "indikator", "projekt"}


# --------------------------------------------------------------------------- title and unit

_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")


def find_title(lns: Sequence[Ln], top: int) -> tuple[str, int]:
    for k in range(top - 1, max(-1, top - 9), -1):
        t = lns[k].line.text.strip()
        t = re.sub(r"\s{2,}", " ", t)
        below = re.sub(r"\s{2,}", " ", lns[k + 1].line.text.strip()) if k + 1 < len(lns) else ""
        if k + 1 < top and below[:1].islower() and _heading_wraps(t, below):
            return join(t, below), k          # "2.3.1 Mått/nyckeltal … ur ett HR-" / "perspektiv (nämnder)"
        if (not t or t.endswith((".", ",", ";")) or len(t.split()) > 12 or "_" in t or t[:1].islower()
                or (k + 1 < top and below[:1].islower()) or (t.endswith(":") and len(t.split()) <= 3)):
            continue            # a sentence, a subtitle or a caption ("Antaluppgifter:") is no title
        glued = page_at_end(t)          # a heading with the page footer glued to it ("… per år  13 (33)")
        if glued and glued[0] and lns[k].label:
            return glued[0], k
        if lns[k].kind in ("data", "nums") and not all(vm.YEAR.match(w.text) for w in lns[k].nums):
            break
        return t, k
    return "", top


def _heading_wraps(text: str, below: str) -> bool:
    """A numbered heading (or one broken at a hyphen) whose last words stand on the next line: that line is
    short and ends no sentence."""
    return ((bool(_NUMBERED.match(text)) or text.endswith("-")) and not text.endswith((".", ":"))
            and 0 < len(below.split()) <= 6 and not below.endswith((".", ":", ",")))


def label_head_measure(cols: list[Column], label_head: str) -> None:
    """Year columns whose words name no measure take a change the label column's header states for every
    figure ("Utfall perioden jämfört med samma period föregående år", "Förändring")."""
    if cols and all(c.measure == "value" for c in cols) and vm.measure_of(label_head or "") == "change":
        for c in cols:
            c.measure = "change"


def is_label_head(text: str) -> bool:
    """A line naming only the label column ("Verksamhet", "Belopp i tkr"; a note column's "Not" beside it)."""
    ws = [w.lower().strip(",.:()") for w in text.split()]
    return bool(ws) and len(ws) <= 4 and any(w in LABEL_HEAD for w in ws) and all(
        w in LABEL_HEAD or unit_of(w) or w in ("i", "per", "not") for w in ws)


def head_title(header: Ln, label_head: str) -> str:
    """The words over the label column of a header ("Investeringar  Utfall 2024 …"), unless they are only
    the label column's generic name ("Verksamhet") or a unit: the title of a table with no heading above."""
    head = label_head.split()
    if not head:
        for w in header.words:
            if vm.is_measure_word(w.text) or vm.YEAR.match(w.text.strip(",.")):
                break
            head.append(w.text)
    generic = all(w.lower().strip(",.:") in LABEL_HEAD or unit_of(w) or vm.is_vocab(w) for w in head)
    return "" if not head or generic else " ".join(head)


def clean_title(title: str) -> str:
    """``"Tabell 1Utfall per 2023-12-31"`` → ``"Utfall per 2023-12-31"``; ``"3.2 Resultaträkning"`` → ``"Resultaträkning"``."""
    glued = page_at_end(title)           # a page footer glued to the title ("Verksamheten per år  13 (33)")
    title = glued[0] if glued else title
    return re.sub(r"\s*\*+$", "", _TITLE_PREFIX.sub("", title)).strip()

