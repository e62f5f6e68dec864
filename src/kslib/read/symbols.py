"""Coloured status symbols of a PDF page: small filled shapes and symbol glyphs, with their colour names.

Many reports mark goal fulfilment only with coloured symbols (filled circles, squares, traffic lights,
arrows) that the text layer loses, or with a "●" whose colour it loses.  A :class:`Symbol` is one of
them: its colour's Swedish name (:func:`kslib.vocab.colours.colour_name`) and its box in points from the
page's top left, as words and lines are placed.

A drawn symbol is a filled path of symbol size (``SIZE_MIN`` to ``SIZE_MAX`` points each way, at most
``ASPECT_MAX`` times as wide as tall or the reverse) that stands free: a shape abutting another drawn
shape along an edge is a table's cell fill (cells tile, their fills meet each other and the rules),
and rules, lines, backgrounds and images are no filled paths of symbol size at all.  Shapes drawn one
inside the other (a check mark on a disc, a disc in a ring) are one symbol, coloured by the largest
chromatic shape among them (else the outer one).  Lettering drawn as outlines (a logo's word mark:
a row of shapes of unlike sizes, close together) is no symbol either; hollow shapes (a stroked ring,
no fill) are not read.  A glyph symbol is a character of :data:`kslib.vocab.colours.SYMBOL_GLYPH`
("●", "■", "▲", "✔", "🟢", symbol-font glyphs) with its fill colour (an emoji's own colour); a glyph
drawn on a shape is the shape's.

:func:`attach` gives each symbol to the line its vertical centre falls in (the nearest line within half
a line height where none; farther symbols are kept on the page only).  Both PDF backends read symbols:
:func:`pdfium_symbols` and :func:`plumber_symbols`.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from kslib.vocab.colours import COLOURS, SYMBOL_GLYPH, colour_name, glyph_colour

SIZE_MIN = 3.0          # points: a drawn symbol is at least this wide and tall ...
SIZE_MAX = 20.0         # ... and at most this
ASPECT_MAX = 2.0        # width / height (or height / width) at most this
TOUCH = 0.5             # points: shapes closer than this along an edge abut (a cell fill meets its neighbours)
LETTERING_MIN = 3       # shapes in a row, less than LETTERING_GAP of their height apart and of unlike sizes,
LETTERING_GAP = 0.6     # are letters drawn as outlines (a logo), no symbols
_ACHROMATIC = ("grå", "svart", "vit")
_CHROMATIC = tuple(c for c in COLOURS if c not in _ACHROMATIC)


@dataclass(frozen=True, slots=True)
class Symbol:
    """A coloured status symbol on a page: colour name, box (points from the page's top left), and
    for a symbol printed as a character its ``glyph`` (empty for a drawn shape)."""

    colour: str
    x0: float
    x1: float
    top: float
    bottom: float
    glyph: str = ""
    rgb: tuple[int, int, int] | None = field(default=None, compare=False)

    @property
    def centre(self) -> tuple[float, float]:
        """(x, y) of the box's centre."""
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


class Shape(NamedTuple):
    """A filled path of symbol size: box (points from the page top) and fill colour (0-255)."""

    x0: float
    x1: float
    top: float
    bottom: float
    rgb: tuple[int, int, int]


Box = tuple[float, float, float, float]     # x0, x1, top, bottom


def symbol_sized(width: float, height: float) -> bool:
    """Is a shape of this size (points) a symbol's, not a rule's, cell's or background's?"""
    return (SIZE_MIN <= width <= SIZE_MAX and SIZE_MIN <= height <= SIZE_MAX
            and width <= ASPECT_MAX * height and height <= ASPECT_MAX * width)


def symbols_from_shapes(shapes: Sequence[Shape], boxes: Sequence[Box],
                        glyphs: Sequence[Symbol] = ()) -> tuple[Symbol, ...]:
    """The page's symbols from its symbol-sized filled ``shapes``, the boxes of all its paths
    (``boxes``: rules, fills, the shapes themselves) and its symbol ``glyphs``, top to bottom,
    left to right."""
    free = [s for s in shapes if not any(_abut(s, b) for b in boxes)]
    groups: list[list[Shape]] = []
    for s in sorted(free, key=lambda s: -(s.x1 - s.x0) * (s.bottom - s.top)):
        cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
        host = next((g for g in groups if g[0].x0 - TOUCH <= cx <= g[0].x1 + TOUCH
                     and g[0].top - TOUCH <= cy <= g[0].bottom + TOUCH), None)
        if host is None:
            groups.append([s])
        else:
            host.append(s)
    out = _not_lettering([_group_symbol(g) for g in groups])
    out += [g for g in glyphs if not any(s.x0 <= g.centre[0] <= s.x1 and s.top <= g.centre[1] <= s.bottom
                                         for s in out)]
    out.sort(key=lambda s: (round(s.top), s.x0))
    return tuple(out)


def _not_lettering(symbols: list[Symbol]) -> list[Symbol]:
    """``symbols`` without lettering drawn as outlines (a logo's word mark): a row of at least
    ``LETTERING_MIN`` shapes side by side, each less than ``LETTERING_GAP`` of its height from the
    next, whose sizes differ as letters' do (a row of alike dots or stars is a rating, kept)."""
    rows: list[list[Symbol]] = []
    for s in sorted(symbols, key=lambda s: s.x0):
        row = next((r for r in rows if _next_letter(r[-1], s)), None)
        if row is None:
            rows.append([s])
        else:
            row.append(s)
    drop: set[int] = set()
    for row in rows:
        heights = [s.bottom - s.top for s in row]
        widths = [s.x1 - s.x0 for s in row]
        unlike = max(heights) > 1.15 * min(heights) or max(widths) > 1.3 * min(widths)
        if len(row) >= LETTERING_MIN and unlike:
            drop.update(id(s) for s in row)
    return [s for s in symbols if id(s) not in drop]


def _next_letter(a: Symbol, b: Symbol) -> bool:
    """Does ``b`` follow ``a`` as the next letter of a word drawn in outlines?"""
    height = max(a.bottom - a.top, b.bottom - b.top)
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return (-TOUCH <= b.x0 - a.x1 < LETTERING_GAP * height
            and overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top))


def _abut(s: Shape, b: Box) -> bool:
    """Does box ``b`` meet shape ``s`` along an edge (touching or overlapping by at most ``TOUCH``
    across it, and along most of it)?"""
    over_x = min(s.x1, b[1]) - max(s.x0, b[0])
    over_y = min(s.bottom, b[3]) - max(s.top, b[2])
    if -TOUCH <= over_x <= TOUCH:
        return over_y > 0.5 * min(s.bottom - s.top, b[3] - b[2])
    if -TOUCH <= over_y <= TOUCH:
        return over_x > 0.5 * min(s.x1 - s.x0, b[1] - b[0])
    return False


def _group_symbol(group: list[Shape]) -> Symbol:
    """One symbol of shapes drawn one inside the other (largest first)."""
    outer = group[0]
    names = [colour_name(*s.rgb) for s in group]
    k = next((k for k, name in enumerate(names) if name in _CHROMATIC), 0)
    return Symbol(names[k], round(outer.x0, 2), round(outer.x1, 2), round(outer.top, 2), round(outer.bottom, 2),
                  rgb=group[k].rgb)


def attach(lines: Sequence, symbols: Sequence[Symbol]) -> list[tuple[Symbol, ...]]:
    """For each of a page's ``lines`` (with ``top``, ``bottom`` and ``words``), the symbols it holds,
    left to right.

    A symbol belongs to the line whose vertical extent holds its centre; where none does, to the
    nearest line within half that line's height; where two lines qualify (two text columns), to the
    one horizontally nearest.  A symbol farther from every line belongs to none.
    """
    out: list[list[Symbol]] = [[] for _ in lines]
    for s in symbols:
        cx, cy = s.centre
        best, best_key = -1, None
        for k, ln in enumerate(lines):
            top, bottom = ln.top, ln.bottom
            dy = 0.0 if top <= cy <= bottom else min(abs(cy - top), abs(cy - bottom))
            if dy > 0.5 * (bottom - top):
                continue
            x0, x1 = ln.words[0].x0, ln.words[-1].x1
            dx = 0.0 if x0 <= cx <= x1 else min(abs(cx - x0), abs(cx - x1))
            if best_key is None or (dy, dx) < best_key:
                best, best_key = k, (dy, dx)
        if best >= 0:
            out[best].append(s)
    return [tuple(sorted(found, key=lambda s: s.x0)) for found in out]


# --------------------------------------------------------------------------- pypdfium2

def pdfium_symbols(page, textpage, height: float) -> tuple[Symbol, ...]:
    """The symbols of a pypdfium2 page (with its text page), ``height`` its height in points."""
    import pypdfium2.raw as raw

    shapes: list[Shape] = []
    boxes: list[Box] = []
    _pdfium_paths(raw, _Out(raw), page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, None, height,
                  shapes, boxes, 0)
    return symbols_from_shapes(shapes, boxes, _pdfium_glyphs(raw, textpage, height))


class _Out:
    """ctypes out-parameters, made once per page."""

    def __init__(self, raw) -> None:
        self.l, self.b, self.r, self.t = (ctypes.c_float() for _ in range(4))
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.matrix = raw.FS_MATRIX()


def _pdfium_paths(raw, o: _Out, parent, count, get, matrix, height: float, shapes: list[Shape],
                  boxes: list[Box], depth: int) -> None:
    """Every path of ``parent`` (a page or a form XObject, whose objects stand in its own space:
    ``matrix`` maps it to the page's) as a box, and the filled symbol-sized ones as shapes."""
    path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    for k in range(count(parent)):
        obj = get(parent, k)
        kind = get_type(obj)
        if kind == path:
            if not get_bounds(obj, o.l, o.b, o.r, o.t):
                continue
            x0, y0, x1, y1 = o.l.value, o.b.value, o.r.value, o.t.value
            if matrix is not None:
                x0, y0, x1, y1 = _transform(matrix, x0, y0, x1, y1)
            boxes.append((x0, x1, height - y1, height - y0))
            if (symbol_sized(x1 - x0, y1 - y0) and raw.FPDFPath_GetDrawMode(obj, o.fill, o.stroke)
                    and o.fill.value and raw.FPDFPageObj_GetFillColor(obj, *o.rgba) and o.rgba[3].value):
                shapes.append(Shape(x0, x1, height - y1, height - y0, tuple(c.value for c in o.rgba[:3])))
        elif kind == form and depth < 8 and raw.FPDFPageObj_GetMatrix(obj, o.matrix):
            m = o.matrix
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
            _pdfium_paths(raw, o, obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                          own if matrix is None else _compose(own, matrix), height, shapes, boxes, depth + 1)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix applying ``inner`` then ``outer`` (PDF matrices ``a b c d e f``)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform(m: tuple, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """The box of rectangle ``x0 y0 x1 y1`` mapped by matrix ``m``."""
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _pdfium_glyphs(raw, textpage, height: float) -> list[Symbol]:
    """The page's symbol glyphs with their ink boxes and fill colours."""
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) == count:
        found = [(m.start(), m.group()) for m in SYMBOL_GLYPH.finditer(text)]
    else:                       # a character beyond the BMP shifted the indices: ask each one
        found = []
        units = [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]
        for i, u in enumerate(units):
            if 0xD800 <= u < 0xDC00 and i + 1 < count and 0xDC00 <= units[i + 1] < 0xE000:
                u = 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00)
            if 0xDC00 <= u < 0xE000 or u > 0x10FFFF:
                continue
            if SYMBOL_GLYPH.fullmatch(chr(u)):
                found.append((i, chr(u)))
    out: list[Symbol] = []
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    rgba = tuple(ctypes.c_uint() for _ in range(4))
    for i, char in found:
        if not raw.FPDFText_GetCharBox(tp, i, l, r, b, t) or r.value <= l.value:
            continue
        rgb = (rgba[0].value, rgba[1].value, rgba[2].value) if raw.FPDFText_GetFillColor(tp, i, *rgba) else (0, 0, 0)
        out.append(Symbol(glyph_colour(char, rgb), round(l.value, 2), round(r.value, 2),
                          round(height - t.value, 2), round(height - b.value, 2), char, rgb))
    return out


# --------------------------------------------------------------------------- pdfplumber

def plumber_symbols(page) -> tuple[Symbol, ...]:
    """The symbols of a pdfplumber page."""
    shapes: list[Shape] = []
    boxes: list[Box] = []
    for kind in ("rects", "curves", "lines"):
        for obj in getattr(page, kind):
            x0, x1, top, bottom = float(obj["x0"]), float(obj["x1"]), float(obj["top"]), float(obj["bottom"])
            boxes.append((x0, x1, top, bottom))
            if kind != "lines" and obj.get("fill") and symbol_sized(x1 - x0, bottom - top):
                rgb = _plumber_rgb(obj.get("non_stroking_color"))
                if rgb is not None:
                    shapes.append(Shape(x0, x1, top, bottom, rgb))
    glyphs = []
    for c in page.chars:
        if SYMBOL_GLYPH.fullmatch(c["text"]):
            rgb = _plumber_rgb(c.get("non_stroking_color")) or (0, 0, 0)
            glyphs.append(Symbol(glyph_colour(c["text"], rgb), round(float(c["x0"]), 2), round(float(c["x1"]), 2),
                                 round(float(c["top"]), 2), round(float(c["bottom"]), 2), c["text"], rgb))
    return symbols_from_shapes(shapes, boxes, glyphs)


def _plumber_rgb(colour) -> tuple[int, int, int] | None:
    """pdfminer's colour (grey, RGB or CMYK components 0-1) as RGB 0-255; None for a pattern."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    if len(colour) == 1:
        v = colour[0]
        return (round(v * 255),) * 3
    if len(colour) == 3:
        return tuple(round(v * 255) for v in colour)
    if len(colour) == 4:
        c, m, y, k = colour
        return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))
    return None
