"""The truth a generated document is scored against: tables, their columns, rows and cells."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TruthColumn:
    """A value column: its header words as printed (one entry per printed line), what it measures."""

    header: tuple[str, ...]
    measure: str                     # outcome, budget, deviation, forecast, previous_forecast, income, cost, net,
    year: int | None                 # change, target, value ("value": no measure word printed)
    group: str | None = None         # the group heading printed over it ("Helår", "2023", "Kommunen")
    name: str = ""                   # the header unwrapped, when a word was broken over lines

    @property
    def label(self) -> str:
        """The header joined, hyphenation undone ("Avvik-" / "else" -> "Avvikelse")."""
        return self.name or " ".join(self.header)


@dataclass
class TruthRow:
    """A row as printed: code, label, kind, per-column value (None: blank or nil) and printed text."""

    code: str | None
    label: str
    kind: str                        # row, category, subtotal, total
    values: list[float | None]
    printed: list[str]               # "" blank, "-" / "–" nil, "(29 940)", "644*" ...
    note: str = ""                   # the note column's entry ("Not"), "" when none
    indent: int = 0                  # 1 for a category's children

    @property
    def text(self) -> str:
        return f"{self.code} {self.label}" if self.code else self.label


@dataclass(frozen=True)
class TruthCell:
    """One figure a correct reader must report (row kinds row/subtotal/total; category rows hold none)."""

    table_title: str
    row_code: str | None
    row_label: str
    measure: str
    year: int | None
    group: str | None
    value: float | None              # None: blank or nil
    printed: str
    column: str = ""                 # the column's header joined
    row_kind: str = "row"
    table: int = 0                   # index of the table in its document
    classes: frozenset[str] = frozenset()   # the layout classes of its table (and document)
    alt_row: str | None = None       # transposed tables: the row and column as printed
    alt_column: str | None = None


@dataclass
class TruthTable:
    """A table's content and how it is printed (classes decide the layout; renderers draw it)."""

    title: str
    unit: str | None                 # tkr, mnkr, %, or None
    columns: list[TruthColumn]
    rows: list[TruthRow]
    family: str = "operating"
    classes: frozenset[str] = frozenset()
    transposed: bool = False         # rows are years, columns are key figures
    label_header: str = ""           # printed over the label column ("Verksamhet", "Tkr")
    caption: str = ""                # unit line under the title ("Belopp i tkr")
    intro: str = ""                  # a sentence between title and header
    footnote: str = ""               # a line under the table
    legend: str = ""                 # explanation of abbreviated sub-columns ("I = intäkter ...")
    title_years: bool = False        # the header's cells printed on the title's line
    decimals: int = 0

    @property
    def note_column(self) -> bool:
        return any(r.note for r in self.rows)

    def cells(self, *, table: int = 0, extra_classes: frozenset[str] = frozenset()) -> list[TruthCell]:
        """Every figure cell of the table (category rows hold none)."""
        out = []
        classes = self.classes | extra_classes
        for r in self.rows:
            if r.kind == "category":
                continue
            for c, v, p in zip(self.columns, r.values, r.printed):
                if self.transposed:
                    out.append(TruthCell(self.title, None, c.label, c.measure, int(r.label), c.group, v, p,
                                         column=c.label, row_kind=r.kind, table=table, classes=classes,
                                         alt_row=r.label, alt_column=c.label))
                else:
                    out.append(TruthCell(self.title, r.code, r.label, c.measure, c.year, c.group, v, p,
                                         column=c.label, row_kind=r.kind, table=table, classes=classes))
        return out


@dataclass
class GeneratedDoc:
    """A generated report: its bytes (PDF) or text (text layer), its tables and layout classes."""

    name: str
    fmt: str                          # "pdf" | "txt"
    data: bytes | str
    tables: list[TruthTable]
    classes: frozenset[str]
    year: int
    renderer: str = ""
    seed: int = 0
    doc_classes: frozenset[str] = field(default_factory=frozenset)   # classes of the document as a whole

    def cells(self) -> list[TruthCell]:
        out: list[TruthCell] = []
        for k, t in enumerate(self.tables):
            out.extend(t.cells(table=k, extra_classes=self.doc_classes))
        return out

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.fmt}"

    def write(self, folder: str | Path) -> Path:
        """Write the document into ``folder`` (created) and return its path."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.filename
        if isinstance(self.data, bytes):
            path.write_bytes(self.data)
        else:
            path.write_text(self.data, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return (f"<GeneratedDoc {self.name} {self.renderer} classes={sorted(self.classes)} "
                f"tables={[t.title for t in self.tables]}>")
