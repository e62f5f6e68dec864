"""Whole documents: front matter, prose and tables, drawn by one renderer; the fixed set; strategies."""
from __future__ import annotations

import random
from itertools import combinations

from . import vocab
from .content import FAMILIES, FAMILY_OF_HEADER, FITS, HEADER_CLASSES, UNFIT, build_table
from .layout import grid_of
from .model import GeneratedDoc, TruthTable
from .render_pdf import PdfReport
from .render_text import TextReport

RENDERERS = ("pdf-ruled", "pdf-unruled", "pdf-nospace", "pdf-twocol", "txt-layout", "txt-cells", "txt-single")
TABLE_CLASSES = (
    "note_column",        # (1) a "Not" column filled on some rows
    "label_above",        # (2) the label on one line, its figures on the next
    "hdr_dates",          # (3) "Utfall" over "2023-12-31"
    "hdr_title_years",    # (3) "Fem år i sammandrag 2019 2020 2021 2022 2023"
    "hdr_places",         # (3) "Kommunen Länet Riket"
    "hdr_subcolumns",     # (3) "I K N" / "U B A" under period headers
    "hdr_groups",         # (3) "Period" | "Helår" over their columns
    "hdr_wrapped",        # (4) "Avvik-" / "else"
    "big_figures",        # (5) six- and seven-digit figures, no identity to decide the split
    "nil_dash",           # (6) a lone "-" or "–" (or a blank) meaning nil
    "cell_per_line",      # (7) one cell per line
    "single_spaced",      # (7) a row's cells joined by single spaces
    "transposed",         # (7) years as rows, key figures as columns
    "footer_glued",       # (8) the page footer "7 (24)" on the last row's or the title's line
    "label_glued",        # (8) a long label runs into its first figure
    "parens",             # (9) negatives in parentheses "(29 940)"
    "intro_sentence",     # (9) a sentence between title and header
    "minus_variants",     # minus as "–" or U+2212, maybe followed by a space
    "footnotes",          # "644*" and a footnote line
    "sign_reversed",      # deviation = outcome − budget (default: budget − outcome)
    "costs_negative",     # costs printed negative
)
DOC_CLASSES = ("board_after_kind",)   # front matter "Årsbokslut 2025, Barn- och utbildningsnämnden, X kommun"
CLASSES = TABLE_CLASSES + DOC_CLASSES


def _person(rng: random.Random) -> str:
    return f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.sample(vocab.SENTENCES, rng.randint(2, 4))) for _ in range(n)]


def _families_for(classes: frozenset[str]) -> list[str]:
    """Families that can show every class of ``classes`` (those fitting most of them when none fits all)."""
    pool = [f for f in FAMILIES if f != "transposed"]
    score = {f: sum(1 for c in classes if c in FITS and f in FITS[c]) - sum(1 for c in classes
                                                                             if c in UNFIT.get(f, ()))
             for f in pool}
    best = max(score.values())
    out = []
    for f in pool:
        if score[f] == best:
            weight = max([FITS[c].count(f) for c in classes if c in FITS] + [1])
            out.extend([f] * weight)
    return out


def plan_tables(rng: random.Random, classes: frozenset[str], n_tables: int) -> list[tuple[str, frozenset[str]]]:
    """(family, classes) per table: each header class on a table of its own, the other classes on every table."""
    headers = [c for c in HEADER_CLASSES if c in classes]
    other = frozenset(c for c in classes if c not in HEADER_CLASSES and c not in DOC_CLASSES)
    n = max(n_tables, len(headers), 1)
    out = []
    for i in range(n):
        if i < len(headers):
            out.append((rng.choice(FAMILY_OF_HEADER[headers[i]]), other | {headers[i]}))
        else:
            out.append((rng.choice(_families_for(other)), other))
    rng.shuffle(out)
    return out


def generate(classes=frozenset(), renderer: str = "pdf-unruled", seed: int = 0, *, year: int | None = None,
             n_tables: int | None = None, name: str | None = None) -> GeneratedDoc:
    """One report with tables showing ``classes``, drawn by ``renderer``; deterministic in its arguments."""
    classes = frozenset(classes)
    unknown = classes - set(CLASSES)
    if unknown or renderer not in RENDERERS:
        raise ValueError(f"unknown classes {sorted(unknown)} or renderer {renderer!r}")
    rng = random.Random(f"{seed}|{renderer}|{','.join(sorted(classes))}|{year}|{n_tables}")
    year = year or rng.randint(2017, 2026)
    board = rng.choice(sorted(vocab.BOARDS))
    muni = rng.choice(vocab.MUNICIPALITIES)
    kind = rng.choice(vocab.REPORT_KINDS)
    tables: list[TruthTable] = []
    titles: set[str] = set()
    for family, tclasses in plan_tables(rng, classes, n_tables or rng.choice([1, 1, 2, 2, 3])):
        for _ in range(8):
            t = build_table(rng, family, year, tclasses, board)
            if t.title not in titles:
                break
        else:
            t.title = f"{t.title} ({len(tables) + 1})"
        titles.add(t.title)
        tables.append(t)
    doc_classes = frozenset(c for c in DOC_CLASSES if c in classes)
    shown = frozenset().union(*(t.classes for t in tables)) | doc_classes

    chair = f"{_person(rng)} ({rng.choice(vocab.PARTIES)})"
    head = _person(rng)
    if "board_after_kind" in classes:
        front = [(f"{kind} {year}, {board}, {muni} kommun", True), ("", False), (f"Ordförande: {chair}", False),
                 (f"Förvaltningschef: {head}", False)]
    else:
        front = [(board, True), (f"{kind} {year}", False), (f"{muni} kommun", False), ("", False),
                 (f"Ordförande: {chair}", False), (f"Förvaltningschef: {head}", False)]
    first_page = rng.randint(2, 20)
    total = first_page + rng.randint(6, 30)
    section = rng.choice(["Ekonomi", "Ekonomisk analys", "Verksamhetens ekonomi", "Ekonomisk uppföljning"])

    if renderer.startswith("pdf"):
        size = rng.choice([8.0, 8.5, 9.0, 9.5, 10.0])
        doc = PdfReport(rng, size=size, ruled=renderer == "pdf-ruled", spaces=renderer != "pdf-nospace",
                        twocol=renderer == "pdf-twocol", first_page=first_page, total_pages=total,
                        running_header=f"{kind} {year} – {board}" if rng.random() < 0.5 else None)
        for text, bold in front:
            if text:
                doc.line(text, bold=bold, size=16 if bold else 11)
            else:
                doc.y += 10
        doc.heading(section)
        doc.prose(_paragraphs(rng, 2))
        for t in tables:
            if rng.random() < 0.4 and not doc.twocol:
                doc.heading(rng.choice(["Ekonomiskt utfall", "Analys", "Uppföljning", "Budgetavvikelser"]), size=11)
            doc.table(grid_of(t, rng))
            doc.prose(_paragraphs(rng, 2 if doc.twocol else rng.randint(1, 2)))
        data: bytes | str = doc.to_bytes()
        fmt = "pdf"
    else:
        mode = {"txt-layout": "layout", "txt-cells": "cells", "txt-single": "single"}[renderer]
        doc = TextReport(rng, mode, first_page=first_page, total_pages=total,
                         running_footer=f"{kind} {year} {board}" if rng.random() < 0.4 else "")
        for text, _ in front:
            if text:
                doc.line(text)
            elif mode != "single":
                doc.cur.append("")
        doc.heading(section)
        doc.prose(_paragraphs(rng, 2))
        for t in tables:
            if rng.random() < 0.4:
                doc.heading(rng.choice(["Ekonomiskt utfall", "Analys", "Uppföljning", "Budgetavvikelser"]))
            doc.table(grid_of(t, rng, wrap=rng.choice([36, 40, 48])))
            doc.prose(_paragraphs(rng, rng.randint(1, 2)))
        data = doc.to_text()
        fmt = "txt"
    name = name or f"h{seed % 10 ** 8:08d}-{renderer}-{year}"
    return GeneratedDoc(name, fmt, data, tables, shown, year, renderer=renderer, seed=seed, doc_classes=doc_classes)


def fixed_set(n: int = 200, seed: int = 2025) -> list[GeneratedDoc]:
    """A deterministic set: every class alone with every renderer (round by round), combinations of classes,
    and a plain baseline per round; any prefix of it covers the classes broadly."""
    rng = random.Random(seed)
    combos_pool = [c for c in combinations(CLASSES, 2)] + [c for c in combinations(CLASSES, 3)]
    plan: list[tuple[frozenset[str], str]] = []
    r = 0
    while len(plan) < n:
        plan.append((frozenset(), RENDERERS[r % len(RENDERERS)]))
        for i, c in enumerate(CLASSES):
            plan.append((frozenset({c}), RENDERERS[(i + r) % len(RENDERERS)]))
        for j in range(5):
            k = rng.choice([2, 3, 3, 4])
            combo = frozenset(rng.choice(combos_pool)) if k < 4 else frozenset(rng.sample(CLASSES, 4))
            plan.append((combo, RENDERERS[(5 * r + j) % len(RENDERERS)]))
        r += 1
    docs = []
    for k, (classes, renderer) in enumerate(plan[:n]):
        doc_seed = random.Random(f"{seed}/{k}").randrange(2 ** 31)     # a prefix of the set is the smaller set
        docs.append(generate(classes, renderer, doc_seed, name=f"g{k:03d}-{renderer}-{_tag(classes)}"))
    for d in docs:      # the year belongs in the name, where kslib looks for it as a fallback
        d.name = f"{d.name}-{d.year}"
    return docs


def _tag(classes: frozenset[str]) -> str:
    return "+".join(sorted(classes)) if classes else "plain"


def documents(*, renderers=RENDERERS, classes=CLASSES, max_classes: int = 4):
    """Hypothesis strategy for generated documents over the same space as :func:`fixed_set`."""
    from hypothesis import strategies as st

    return st.builds(generate, classes=st.frozensets(st.sampled_from(tuple(classes)), max_size=max_classes),
                     renderer=st.sampled_from(tuple(renderers)), seed=st.integers(0, 2 ** 31 - 1),
                     year=st.integers(2016, 2026), n_tables=st.integers(1, 3))
