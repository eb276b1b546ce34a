"""Ruled tables found with pdfplumber's table algorithm, on what PDFium has already parsed.

pdfplumber finds tables on the objects pdfminer makes of a page: it needs the page's ruling
lines (edges) to find them and its characters to read their cells. Having pdfminer parse the
page again for that cost more than all the rest of the reading (tokenising the whole content
stream, one object per character). PDFium has parsed the page already: its path objects give
the same ruling lines and its text page the same characters, so ``RuledPage`` builds, from them,
the edges and character dicts pdfplumber would have made, and pdfplumber's own ``TableFinder``
and ``Table.extract`` run on it unchanged.

Which paths become which edges follows pdfminer (``PDFLayoutAnalyzer.paint_path``) and
pdfplumber (``utils.rect_to_edges``, ``line_to_edge``, ``curve_to_edges``); the characters'
boxes follow pdfminer's ``LTChar``. Coordinates are pdfplumber's: x from the media box's left
edge, y down from its top edge (the reader only looks for tables on unrotated pages whose media
box starts at the origin).

Imported only when a page has ruling lines: pdfplumber takes a while to import.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from auditor.read.pdf import Matrix, _compose, _object_matrix, _page_objects

Point = tuple[float, float]
Segment = tuple[str, Point]  # a path operator ("m", "l", "c", "h") and the point it ends at

# ``Table.extract`` takes a character whose middle lies in a cell, testing every character it is
# given against every row: it is handed only those near the tables. A first test on the origin
# (one call to PDFium) keeps a margin as wide as a large character's middle is from its origin.
ORIGIN_MARGIN = 24.0
MIDDLE_MARGIN = 1.0
LINE_END_HYPHEN = 0x02


# ---------------------------------------------------------------------------------------------
# Paths → edges
# ---------------------------------------------------------------------------------------------


def _transform(matrix: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def objects_of_kind(page_handle, wanted: int) -> Iterator[tuple[object, Matrix]]:
    """(object, its matrix to page space) for every object of type ``wanted``, in drawing order,
    inside form XObjects too: pdfminer's order, which pdfplumber's edge lists keep."""
    for kind, obj, container in _page_objects(page_handle):
        if kind == wanted:
            yield obj, _compose(_object_matrix(obj), container)


def painted_paths(page_handle) -> Iterator[tuple[object, Matrix]]:
    return ((path, matrix) for path, matrix in objects_of_kind(page_handle, pdfium_c.FPDF_PAGEOBJ_PATH)
            if _is_painted(path))


def _is_painted(path) -> bool:
    """Stroked or filled: a path that only clips ("W n") draws nothing, and pdfminer skips it."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False
    return fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE or bool(stroke.value)


def path_segments(path, matrix: Matrix) -> list[Segment]:
    """The path as pdfminer's interpreter records it (in page space): "m", "l", "c" per drawing
    operator and "h" where a subpath is closed.

    PDFium stores a Bézier curve as three points, and closes a subpath by a flag on its last
    point, after adding a line back to the start unless the path is already there; pdfminer
    keeps the "h" and then drops such a redundant line itself, so the flagged line is the "h".
    """
    segments: list[Segment] = []
    start = None
    bezier_points = 0
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = _transform(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        closes = bool(pdfium_c.FPDFPathSegment_GetClose(segment))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
            segments.append(("m", point))
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier_points += 1
            if bezier_points % 3 == 0:  # the curve's two control points come first
                segments.append(("c", point))
        elif closes and point == start:
            segments.append(("h", start))
            continue
        else:
            segments.append(("l", point))
        if closes and start is not None:
            segments.append(("h", start))
    return segments


def _subpaths(segments: list[Segment]) -> Iterator[list[Segment]]:
    """Each subpath from its "m"; pdfminer ignores a path that does not begin with one, and a
    subpath that is only an "m"."""
    if not segments or segments[0][0] != "m":
        return
    current: list[Segment] = []
    for segment in segments:
        if segment[0] == "m" and current:
            if len(current) > 1:
                yield current
            current = []
        current.append(segment)
    if len(current) > 1:
        yield current


def _shape(subpath: list[Segment]) -> tuple[str, list[Point]]:
    """Operators and points as ``paint_path`` classifies them (a redundant line before "h" dropped)."""
    shape = "".join(operator for operator, _ in subpath)
    points = [point for _, point in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop(-2)
    return shape, points


def _bound(points: list[Point], page_height: float, object_type: str) -> dict:
    """The object dict fields pdfplumber's edge functions read, in its frame."""
    x0, x1 = min(x for x, _ in points), max(x for x, _ in points)
    y0, y1 = min(y for _, y in points), max(y for _, y in points)
    top, bottom = page_height - y1, page_height - y0
    return {"object_type": object_type, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": y1 - y0}


def _is_rectangle(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    return square and last == points[0]


@dataclass
class Edges:
    """A page's edges by the kind of object they come from: pdfplumber lists lines first, then
    rectangles, then curves."""

    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)

    def add(self, subpath: list[Segment], page_height: float) -> None:
        shape, points = _shape(subpath)
        if shape in ("mlh", "ml"):
            self.lines.append(line_to_edge(_bound(points[:2], page_height, "line")))
        elif shape in ("mlllh", "mllll") and _is_rectangle(points):
            self.rects.extend(rect_to_edges(_bound([points[0], points[2]], page_height, "rect")))
        else:
            curve = _bound(points, page_height, "curve")
            curve["pts"] = [(x, page_height - y) for x, y in points]
            self.curves.extend(curve_to_edges(curve))

    def in_order(self) -> list[dict]:
        return self.lines + self.rects + self.curves


def page_edges(page_handle, page_height: float) -> list[dict]:
    """The edges pdfplumber would make of the page's painted paths."""
    edges = Edges()
    for path, matrix in painted_paths(page_handle):
        for subpath in _subpaths(path_segments(path, matrix)):
            edges.add(subpath, page_height)
    return edges.in_order()


# ---------------------------------------------------------------------------------------------
# Text page → characters
# ---------------------------------------------------------------------------------------------


def _char_box(textpage, index: int, descents: dict[int, float]) -> tuple[float, float, float, float, bool]:
    """(x0, y0, x1, y1, upright) of a character, in page space, as pdfminer's ``LTChar`` boxes it:
    from the font's descent to a font size above it, whatever the glyph's own shape."""
    loose = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, loose)
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    upright = a * d > 0 and b * c <= 0
    if b or c:  # turned text: PDFium's loose box is as near as it gets
        return min(loose.left, loose.right), loose.bottom, max(loose.left, loose.right), loose.top, upright
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
    key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
    if key not in descents:
        descents[key] = _font_descent(pdfium_c.FPDFTextObj_GetFont(text_object))
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    bottom = y.value + d * descents[key] * size
    top = bottom + d * size
    return min(loose.left, loose.right), min(bottom, top), max(loose.left, loose.right), max(bottom, top), upright


def _near(x: float, y: float, bboxes, margin: float = ORIGIN_MARGIN) -> bool:
    return any(left - margin <= x <= right + margin and upper - margin <= y <= lower + margin
               for left, upper, right, lower in bboxes)


def _middle_in(x: float, y: float, bboxes) -> bool:
    """Whether a character's middle may be in a table: ``Table.extract``'s own test, with a margin
    against rounding (it tests each character again)."""
    return _near(x, y, bboxes, MIDDLE_MARGIN)


def _char_text(code: int) -> str:
    """The character as the PDF maps it: PDFium reports a hyphen it found at a line end as U+0002."""
    return "-" if code == LINE_END_HYPHEN else chr(code)


def page_chars(page_handle, textpage, page_height: float, bboxes: list[tuple[float, float, float, float]]) -> list[dict]:
    """The characters pdfplumber would give for the page, those near ``bboxes`` only, in drawing
    order: the glyphs the page draws, spaces included, without the spaces and line breaks PDFium
    infers from positions."""
    chars = []
    descents: dict[int, float] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):  # a space or line break inferred by PDFium
            continue
        # The origin, not PDFium's box: a space's box may be empty.
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        if not _near(x.value, page_height - y.value, bboxes):
            continue
        x0, y0, x1, y1, upright = _char_box(textpage, index, descents)
        top, bottom = page_height - y1, page_height - y0
        if not _middle_in((x0 + x1) / 2, (top + bottom) / 2, bboxes):
            continue
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        chars.append({"object_type": "char", "text": _char_text(pdfium_c.FPDFText_GetUnicode(textpage, index)),
                      "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "y0": y0, "y1": y1,
                      "width": x1 - x0, "height": y1 - y0, "size": size, "upright": upright})
    return chars + _lone_spaces(page_handle, page_height, bboxes)


def _font_descent(font) -> float:
    """The font's descent per point of size (negative below the baseline), as pdfminer reads it."""
    descent = ctypes.c_float()
    found = font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
    return descent.value if found else 0.0


def _lone_spaces(page_handle, page_height: float, bboxes) -> list[dict]:
    """A space for each text object that draws a single space by itself.

    PDFium's text page leaves out a text object whose glyphs have no width (a space has no
    outline), and at most infers a space from the gap it leaves; pdfminer keeps the space, and
    it separates the words on either side of it even where the gap is narrow.
    """
    spaces = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for text_object, matrix in objects_of_kind(page_handle, pdfium_c.FPDF_PAGEOBJ_TEXT):
        if not pdfium_c.FPDFPageObj_GetBounds(text_object, left, bottom, right, top):
            continue
        if abs(right.value - left.value) >= 0.01:  # drawn, so in the text page
            continue
        a, b, c, d, x, y = matrix
        if b or c or a * d <= 0 or not _near(x, page_height - y, bboxes):
            continue
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
        y0 = y + d * _font_descent(pdfium_c.FPDFTextObj_GetFont(text_object)) * size.value
        y1 = y0 + d * size.value
        if not _middle_in(x, page_height - (y0 + y1) / 2, bboxes):
            continue
        spaces.append({"object_type": "char", "text": " ", "x0": x, "x1": x, "top": page_height - y1,
                       "bottom": page_height - y0, "doctop": page_height - y1, "y0": y0, "y1": y1,
                       "width": 0.0, "height": y1 - y0, "size": size.value, "upright": True})
    return spaces


# ---------------------------------------------------------------------------------------------
# The page pdfplumber's table finder reads
# ---------------------------------------------------------------------------------------------


class RuledPage:
    """What ``TableFinder`` and ``Table.extract`` read of a pdfplumber page (``edges``, ``bbox``,
    ``chars``), made from PDFium's parse of the page."""

    def __init__(self, page_handle, textpage, width: float, height: float) -> None:
        self.page_handle, self.textpage = page_handle, textpage
        self.width, self.height = width, height
        self.bbox = (0.0, 0.0, width, height)
        self.edges = page_edges(page_handle, height)
        self.chars: list[dict] = []

    def find_tables(self) -> list[Table]:
        """pdfplumber's ``Page.find_tables()`` with its default settings, as the reader used it."""
        return TableFinder(self, TableSettings.resolve(None)).tables

    def keep_chars_in(self, bboxes: list[tuple[float, float, float, float]]) -> None:
        """Reads the characters that may fall in ``bboxes`` (the tables), for ``Table.extract``."""
        self.chars = page_chars(self.page_handle, self.textpage, self.height, bboxes) if bboxes else []
