"""PDF reader: one block per text line in reading order, with the cues the clause segmenter needs.

Text comes from PDFium (pypdfium2) character by character, with each character's font: on the
SEC corpus this page → lines step takes about an eighth of the time of pdfplumber's
``extract_text``. On the pages that have ruling lines, pdfplumber's table finder runs on the
ruling lines and characters PDFium has parsed (``auditor.read.pdf_tables``): pdfminer does not
parse the PDF again. ``page_lines`` is the one function that knows the text backend, so that it
can change alone.

After extraction the reader removes running headers, footers, page numbers and repeated margin
stamps, marks footnotes, joins words hyphenated at line ends, and computes per line: bold, size
ratio, indent and whether the line starts a paragraph.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from auditor.errors import InputError, LimitError
from auditor.limits import DEFAULT_LIMITS, Limits
from auditor.models import Document
from auditor.read.builder import TextBuilder

# pdfminer and pdfplumber (imported for the tables) log oddities as warnings; with no logging
# configured Python prints them on stderr, around the one line the command promises. What the
# reader cannot read it reports itself, as a warning on the Document or an InputError.
for _library in ("pdfminer", "pdfplumber"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

NOT_READABLE = "is not a readable PDF (corrupt or truncated)"
PASSWORD_PROTECTED = "is password-protected: pass its password with --password, or give an unprotected copy"
WRONG_PASSWORD = "is password-protected and the password given is wrong: check the --password value"
UNSUPPORTED_SECURITY = "is protected by an unsupported security handler; give an unprotected copy"
NO_PAGES = "is a PDF without pages"
SCANNED = "has no text layer (scanned image) and OCR is off (--no-ocr): run without --no-ocr, or give a PDF with text"
NO_TEXT = "has no text layer (blank pages or text drawn as shapes); give a PDF with text"
SCANNED_AFTER_OCR = "has no text layer (scanned image) and OCR recognised no text in it; give a PDF with text"
OCR_WARNING = "text of {pages} obtained by OCR: check quotes against the original"
# Below this, tesseract returns noise rather than words (a page rendered at 45 dpi gave "Acide4
# Résiation" for "Article 4 – Résiliation"); at 75 dpi it misses a letter here and there.
MIN_OCR_DPI = 70

# ---------------------------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------------------------

SOFT_HYPHEN = "\u00ad"
# PDFium reports a soft hyphen drawn at a line end as U+0002 (and U+FFFE in its text output).
CHAR_REPLACEMENTS = {
    0x02: SOFT_HYPHEN,
    0xFFFE: SOFT_HYPHEN,
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "ft", 0xFB06: "st",
    0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x200A: " ", 0x2002: " ", 0x2003: " ",
    0x2004: " ", 0x2005: " ", 0x2006: " ", 0x2008: " ", 0x3000: " ", 0x09: " ",
    0x200B: "", 0x200C: "", 0x200D: "", 0x2060: "", 0xFEFF: "", 0xFFFF: "",
    # Bullets drawn with the Symbol and Wingdings fonts arrive in the Private Use Area.
    0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓",
}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
SPACE_RUNS = re.compile(r" {2,}")


def normalise_char(code: int) -> str:
    """The text for one character code: ligatures spelled out, odd spaces made plain, controls dropped."""
    replacement = CHAR_REPLACEMENTS.get(code)
    if replacement is not None:
        return replacement
    char = chr(code)
    return "" if CONTROL_CHARS.match(char) else char


def normalise_text(text: str) -> str:
    """Applies ``normalise_char`` to a whole string (pdfplumber's table cells) and tidies spaces."""
    text = "".join(normalise_char(ord(char)) for char in text)
    return composed(SPACE_RUNS.sub(" ", text).strip())


def composed(text: str) -> str:
    """NFC: some PDFs spell "é" as "e" plus a combining accent, which searches would miss."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# What the backend produces
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    """One line of a page as laid out, in points with y measured down from the page's top edge."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size most of its characters use
    bold: bool
    chars: int  # visible characters: the weight of this line in document statistics
    kind: str = "line"  # or "table_row", "footnote"
    # Set for text that does not run left to right across the page (vertical margin stamps).
    sideways: bool = False
    # The first row of a table that follows another table on its page (see Block.table_start); a
    # page's first table may go on from the previous page, so it is left to join the rows above it.
    table_start: bool = False


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    text_chars: int = 0
    image_cover: float = 0.0  # share of the page area covered by images
    has_rulings: bool = False  # enough ruling lines/rectangles for a table to be worth looking for
    # (dx, dy) to subtract from pdfplumber's coordinates to get ours; None: no table search here.
    plumber_shift: tuple[float, float] | None = (0.0, 0.0)
    scan_dpi: float = 0.0  # resolution of the page's largest image: what OCR would have to read
    warning: str | None = None  # what could not be read on this page (its tables)


# ---------------------------------------------------------------------------------------------
# Backend: PDFium characters → lines
# ---------------------------------------------------------------------------------------------

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
FONT_FLAG_FORCE_BOLD = 1 << 18
BOLD_WEIGHT = 600


class _Style:
    """Size, boldness and direction shared by the characters of one text object.

    Compared by identity: one instance per text object, counted per run.
    """

    __slots__ = ("size", "bold", "angle")

    def __init__(self, size: float, bold: bool, angle: int) -> None:
        self.size = size
        self.bold = bold
        self.angle = angle  # text direction in clockwise quarter turns (0 = left to right)


@dataclass(slots=True)
class _Run:
    """Characters drawn one after another on the same baseline, left to right."""

    parts: list[str]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    styles: Counter = field(default_factory=Counter)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _pointer(value) -> int:
    return ctypes.cast(value, ctypes.c_void_p).value or 0


def _returning_int(function, *argtypes):
    """The same PDFium function with a prototype that returns its handle as a plain int.

    The per-character loop keys a dict by text object; casting each returned ctypes pointer
    to an int would cost more than the call itself.
    """
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *argtypes)(_pointer(function))


_text_object_at = _returning_int(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_int)


def _font_is_bold(font) -> bool:
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    name = buffer.raw[: max(0, length - 1)].decode("latin-1", "replace")
    if BOLD_NAME.search(name):
        return True
    if pdfium_c.FPDFFont_GetWeight(font) >= BOLD_WEIGHT:
        return True
    return bool(pdfium_c.FPDFFont_GetFlags(font) & FONT_FLAG_FORCE_BOLD)


def _text_style(textpage, index: int, font_bold: dict[int, bool]) -> _Style:
    """Size, boldness and direction of the text object that drew character ``index``."""
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
    font = pdfium_c.FPDFTextObj_GetFont(text_object)
    font_key = _pointer(font)
    if font_key not in font_bold:
        font_bold[font_key] = bool(font) and _font_is_bold(font)
    # Some producers fake bold by stroking the glyph outline as well as filling it.
    stroked = pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
    # PDFium measures the angle clockwise: 3 quarter turns is text running upwards.
    radians = pdfium_c.FPDFText_GetCharAngle(textpage, index)
    quarter_turns = round(max(radians, 0.0) / (math.pi / 2)) % 4
    # The nominal size ignores the scaling of the text and graphics matrices (a producer may set
    # a 1 pt font and scale it, or shrink a whole page of HTML), so apply their vertical scale.
    matrix = pdfium_c.FS_MATRIX()
    scale = math.hypot(matrix.c, matrix.d) if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix) else 1.0
    size = round(pdfium_c.FPDFText_GetFontSize(textpage, index) * (scale or 1.0), 1)
    return _Style(size=size, bold=font_bold[font_key] or stroked, angle=quarter_turns)


_CHAR_TEXTS: dict[int, str] = {}  # normalise_char memo: the per-character loop is the hot path


def _char_text(code: int) -> str:
    text = _CHAR_TEXTS.get(code)
    if text is None:
        text = _CHAR_TEXTS[code] = normalise_char(code)
    return text


def _char_codes(textpage, count: int) -> list[int]:
    """The Unicode value of every character, fetched in one call rather than one per character.

    PDFium returns UTF-16; a character outside the BMP would take two units and shift the rest,
    so such pages ask character by character.
    """
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = buffer[:count]
    if any(0xD800 <= code <= 0xDFFF for code in codes):
        return [pdfium_c.FPDFText_GetUnicode(textpage, index) for index in range(count)]
    return codes


def _glyphs(textpage, crop_box: tuple[float, float, float, float]) -> list[tuple]:
    """(text, left, bottom, right, top, style, space_before) per drawn character, in stream order,
    in user space (y up) measured from the crop box's lower-left corner.

    Characters outside the crop box are skipped: some producers draw a long canvas on every page
    and clip it to the page.
    """
    origin_x, origin_y, right_edge, top_edge = crop_box
    width, height = right_edge - origin_x, top_edge - origin_y
    count = pdfium_c.FPDFText_CountChars(textpage)
    textpage_address = _pointer(textpage)
    codes = _char_codes(textpage, count)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    box = pdfium_c.FS_RECTF()
    styles: dict[int, _Style] = {}
    font_bold: dict[int, bool] = {}
    glyphs = []
    space_before = False
    for index in range(count):
        text_object = _text_object_at(textpage_address, index)
        if not text_object:  # PDFium generated it: a space or line break inferred from positions
            space_before = True
            continue
        text = _char_text(codes[index])
        if not text or text == " ":
            space_before = space_before or text == " "
            continue
        style = styles.get(text_object)
        if style is None:
            style = styles[text_object] = _text_style(textpage, index, font_bold)
        get_box(textpage, index, box)
        left, right = box.left - origin_x, box.right - origin_x
        bottom, top = box.bottom - origin_y, box.top - origin_y
        if not (0 <= (left + right) / 2 <= width and 0 <= (bottom + top) / 2 <= height):
            continue
        glyphs.append((text, left, bottom, right, top, style, space_before))
        space_before = False
    return glyphs


def _orientation(glyphs) -> int:
    """The page's main text direction in quarter turns: what most characters use."""
    counts = Counter(glyph[5].angle for glyph in glyphs)
    return counts.most_common(1)[0][0] if counts else 0


def _reading_frame(quarter_turns: int, width: float, height: float):
    """Maps a user-space box (y up, page ``width`` × ``height``) to (x0, x1, top, bottom) in the
    frame where text in direction ``quarter_turns`` reads left to right, top to bottom."""

    def transform(left, bottom, right, top):
        if quarter_turns == 0:
            return left, right, height - top, height - bottom
        if quarter_turns == 1:  # text runs downwards; its lines follow one another to the left
            return height - top, height - bottom, width - right, width - left
        if quarter_turns == 2:
            return width - right, width - left, bottom, top
        return bottom, top, left, right  # runs upwards; lines follow one another to the right

    return transform


def _runs(glyphs, quarter_turns: int, width: float, height: float) -> tuple[list[_Run], list[_Run]]:
    """Groups characters into runs in the page's reading frame; characters drawn in another
    direction (vertical margin stamps) go to separate sideways runs."""
    transform = _reading_frame(quarter_turns, width, height)
    runs: list[_Run] = []
    sideways: list[_Run] = []
    run = None
    for text, left, bottom_y, right, top_y, style, space_before in glyphs:
        x0, x1, top, bottom = transform(left, bottom_y, right, top_y)
        if bottom <= top:  # a glyph without a box (some Type 3 fonts): assume a usual one
            top, bottom = top - style.size * 0.8, top + style.size * 0.2
        if style.angle != quarter_turns:
            _add_sideways(sideways, text, x0, x1, top, bottom, style, space_before)
            continue
        if run is not None:
            gap = x0 - run.x1
            overlap = min(run.bottom, bottom) - max(run.top, top)
            same_line = overlap >= 0.5 * min(run.bottom - run.top, bottom - top)
            if same_line and -0.5 * run.size <= gap <= 4 * max(run.size, style.size):
                if space_before or gap > 0.25 * style.size:
                    run.parts.append(" ")
                run.parts.append(text)
                if x1 > run.x1:
                    run.x1 = x1
                if top < run.top:
                    run.top = top
                if bottom > run.bottom:
                    run.bottom = bottom
                run.styles[style] += 1
                continue
        run = _Run(parts=[text], x0=x0, x1=x1, top=top, bottom=bottom, size=style.size)
        run.styles[style] += 1
        runs.append(run)
    return runs, sideways


def _add_sideways(sideways: list[_Run], text, x0, x1, top, bottom, style, space_before) -> None:
    """Text drawn across the reading direction is kept in drawing order, one run per stretch."""
    last = sideways[-1] if sideways else None
    reach = 1.5 * style.size
    near = last and x0 < last.x1 + reach and x1 > last.x0 - reach
    near = near and top < last.bottom + reach and bottom > last.top - reach
    if near:
        if space_before:
            last.parts.append(" ")
        last.parts.append(text)
        last.x0, last.x1 = min(last.x0, x0), max(last.x1, x1)
        last.top, last.bottom = min(last.top, top), max(last.bottom, bottom)
    else:
        last = _Run(parts=[text], x0=x0, x1=x1, top=top, bottom=bottom, size=style.size)
        sideways.append(last)
    last.styles[style] += 1


def _merge_runs_into_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs whose vertical extents overlap by half form one line; lines come top to bottom.

    Smaller text (a superscript "th", a footnote call) sits off the baseline, so a quarter of
    its height overlapping is enough for it to join the line beside it.
    """
    lines: list[list[_Run]] = []
    extents: list[list[float]] = []  # top, bottom, largest size
    for run in sorted(runs, key=lambda run: run.top):
        for position in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            top, bottom, size = extents[position]
            overlap = min(bottom, run.bottom) - max(top, run.top)
            needed = 0.5 if 0.85 * size <= run.size <= size / 0.85 else 0.25
            if overlap >= needed * min(bottom - top, run.height):
                lines[position].append(run)
                extents[position] = [min(top, run.top), max(bottom, run.bottom), max(size, run.size)]
                break
        else:
            lines.append([run])
            extents.append([run.top, run.bottom, run.size])
    return lines


def _line_from_runs(runs: list[_Run], sideways: bool = False) -> Line | None:
    runs = sorted(runs, key=lambda run: run.x0)
    parts: list[str] = []
    styles: Counter = Counter()
    seen: list[tuple[str, float]] = []
    overprinted = False
    previous = None
    for run in runs:
        text = "".join(run.parts)
        # Some producers fake bold by drawing the same text twice, a fraction of a point apart.
        if any(text == other and abs(run.x0 - x0) < 1.5 for other, x0 in seen):
            overprinted = True
            continue
        seen.append((text, run.x0))
        if previous is not None and (run.x0 - previous.x1 > 0.1 * run.size):
            parts.append(" ")
        parts.append(text)
        styles.update(run.styles)
        previous = run
    text = composed(SPACE_RUNS.sub(" ", "".join(parts)).strip())
    if not text:
        return None
    sizes: Counter = Counter()
    bold_chars = 0
    for style, count in styles.items():
        sizes[style.size] += count
        bold_chars += count if style.bold else 0
    total = sum(styles.values())
    return Line(
        text=text,
        x0=min(run.x0 for run in runs),
        x1=max(run.x1 for run in runs),
        top=min(run.top for run in runs),
        bottom=max(run.bottom for run in runs),
        size=sizes.most_common(1)[0][0],
        bold=overprinted or bold_chars * 2 > total,
        chars=total,
        sideways=sideways,
    )


def page_lines(textpage, crop_box: tuple[float, float, float, float]) -> tuple[list[Line], int, int]:
    """The page's lines top to bottom (sideways text last), its visible character count and the
    direction its text runs in (quarter turns). The one place that knows the text backend.

    Coordinates are in points from the crop box's top-left corner, in the frame where the
    page's main text reads left to right (a landscape page drawn sideways is turned upright).
    """
    glyphs = _glyphs(textpage, crop_box)
    quarter_turns = _orientation(glyphs)
    width, height = crop_box[2] - crop_box[0], crop_box[3] - crop_box[1]
    runs, sideways = _runs(glyphs, quarter_turns, width, height)
    lines = [_line_from_runs(group) for group in _merge_runs_into_lines(runs)]
    lines += [_line_from_runs([run], sideways=True) for run in sideways]
    return [line for line in lines if line], len(glyphs), quarter_turns


# ---------------------------------------------------------------------------------------------
# Page objects: images (scan detection) and ruling lines (table pre-check)
# ---------------------------------------------------------------------------------------------


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _object_matrix(obj) -> Matrix:
    """The object's own matrix (for a form XObject: from its space to its container's)."""
    own = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, own)
    return own.a, own.b, own.c, own.d, own.e, own.f


def _page_objects(page_handle):
    """(type, object, matrix of its container to page space) for every object in drawing order,
    descending into form XObjects: the bounds PDFium gives for an object inside a form are in the
    form's own space."""

    def walk(count, get, container: Matrix):
        for index in range(count):
            obj = get(index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                yield from walk(pdfium_c.FPDFFormObj_CountObjects(obj),
                                lambda i, form=obj: pdfium_c.FPDFFormObj_GetObject(form, i),
                                _compose(_object_matrix(obj), container))
            else:
                yield kind, obj, container

    yield from walk(pdfium_c.FPDFPage_CountObjects(page_handle),
                    lambda i: pdfium_c.FPDFPage_GetObject(page_handle, i), IDENTITY)


def _visible_size(obj, matrix: Matrix, crop_box) -> tuple[float, float]:
    """Width and height of the object's bounds in page space, clipped to the crop box."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0, 0.0
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x in (left.value, right.value):
        for y in (bottom.value, top.value):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
    crop_left, crop_bottom, crop_right, crop_top = crop_box
    width = min(max(xs), crop_right) - max(min(xs), crop_left)
    height = min(max(ys), crop_top) - max(min(ys), crop_bottom)
    return (width, height) if width >= 0 and height >= 0 else (0.0, 0.0)


def _image_resolution(obj, matrix: Matrix) -> float:
    """Pixels per inch of an image object as drawn (0 when unknown)."""
    pixels_wide, pixels_high = ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(pixels_wide), ctypes.byref(pixels_high)):
        return 0.0
    width, height = _visible_size(obj, matrix, (-math.inf, -math.inf, math.inf, math.inf))
    if width * height <= 0:
        return 0.0
    return math.sqrt(pixels_wide.value * pixels_high.value / (width * height)) * 72


def _graphics(page_handle, crop_box) -> tuple[float, bool, float]:
    """(share of the page covered by images, whether ruling lines could make a table,
    resolution in dpi of the largest image)."""
    area = (crop_box[2] - crop_box[0]) * (crop_box[3] - crop_box[1])
    image_area = largest = resolution = 0.0
    horizontal = vertical = 0
    for kind, obj, matrix in _page_objects(page_handle):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            width, height = _visible_size(obj, matrix, crop_box)
            image_area += width * height
            if width * height > largest:
                largest, resolution = width * height, _image_resolution(obj, matrix)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            width, height = _visible_size(obj, matrix, crop_box)
            if height <= 3 and width >= 15:
                horizontal += 1
            elif width <= 3 and height >= 8:
                vertical += 1
            elif width >= 15 and height >= 8 and width * height < 0.5 * area:
                # A cell border or a whole grid; a page-sized rectangle is only a background.
                horizontal += 2
                vertical += 2
    return (min(1.0, image_area / area) if area else 0.0), horizontal >= 2 and vertical >= 2, resolution


# ---------------------------------------------------------------------------------------------
# Opening the document and reading its pages
# ---------------------------------------------------------------------------------------------


def _open(path: Path, data: bytes, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(str(path), WRONG_PASSWORD if password else PASSWORD_PROTECTED) from None
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(str(path), UNSUPPORTED_SECURITY) from None
        raise InputError(str(path), NOT_READABLE) from None


def _plumber_shift(page: pdfium.PdfPage, crop_box) -> tuple[float, float] | None:
    """How far pdfplumber's coordinates are from ours on this page, or None when the page is
    rotated or its media box is not at the origin (pdfplumber's frame is then not worth the risk,
    and tables are not looked for)."""
    media_left, media_bottom, _, media_top = page.get_mediabox()
    if page.get_rotation() or media_left or media_bottom:
        return None
    return crop_box[0], media_top - crop_box[3]


def _read_page(document: pdfium.PdfDocument, index: int, with_tables: bool = True) -> Page:
    """The page's lines; with ``with_tables``, those inside ruled tables replaced by their rows."""
    page = document[index]
    try:
        crop_box = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            lines, text_chars, quarter_turns = page_lines(textpage.raw, crop_box)
            image_cover, has_rulings, scan_dpi = _graphics(page.raw, crop_box)
            width, height = crop_box[2] - crop_box[0], crop_box[3] - crop_box[1]
            if quarter_turns % 2:
                width, height = height, width
            shift = _plumber_shift(page, crop_box) if quarter_turns == 0 else None
            result = Page(index + 1, width, height, lines, text_chars, image_cover, has_rulings, shift, scan_dpi)
            if with_tables and has_rulings and shift is not None and lines:
                _read_tables(page, textpage.raw, result)
            return result
        finally:
            textpage.close()
    finally:
        page.close()


def _read_pages(path: Path, data: bytes, password: str | None, limits: Limits = DEFAULT_LIMITS) -> list[Page]:
    document = _open(path, data, password)
    try:
        count = len(document)
        if count == 0:
            raise InputError(str(path), NO_PAGES)
        if limits.max_pages and count > limits.max_pages:
            raise LimitError(str(path), f"has {count} pages, over the limit of {limits.max_pages}; if it really "
                                        "is one contract, raise the limit with --max-pages")
        return [_read_page(document, index) for index in range(count)]
    finally:
        document.close()


# ---------------------------------------------------------------------------------------------
# Scanned pages: OCR
# ---------------------------------------------------------------------------------------------


def _page_list(numbers: list[int]) -> str:
    """"page 3", "pages 1, 2 and 5", "pages 1-40 and 42": runs of pages as ranges."""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    names = [name for run in runs for name in ([f"{run[0]}-{run[-1]}"] if len(run) > 2 else map(str, run))]
    return f"pages {', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else f"pages {names[0]}"


def _scanned_pages_only(path: Path, data: bytes, password: str | None, numbers: list[int]) -> bytes:
    """A new PDF of just the scanned pages, unencrypted: OCR is not spent on pages with text,
    and ocrmypdf cannot open an encrypted file."""
    source = _open(path, data, password)
    extract = pdfium.PdfDocument.new()
    try:
        extract.import_pages(source, [number - 1 for number in numbers])
        output = io.BytesIO()
        extract.save(output)
        return output.getvalue()
    finally:
        extract.close()
        source.close()


def _ocr_scanned_pages(path: Path, data: bytes, password: str | None, pages: list[Page], limits: Limits) -> list[int]:
    """Replaces each scanned page by the same page read after OCR; returns the pages OCR gave text to.

    Raises:
        InputError: OCR is not installed (the message says how to install it), or failed.
        LimitError: OCR ran out of time.
    """
    from auditor.read import ocr

    scanned = [page.number for page in pages if _looks_scanned(page)]
    others = "" if len(scanned) == len(pages) else ", or pass --no-ocr to read only the pages with text"
    coarse = [page for page in pages if page.number in scanned and 0 < page.scan_dpi < MIN_OCR_DPI]
    if coarse:
        resolution = f"{min(page.scan_dpi for page in coarse):.0f} dpi"
        raise InputError(str(path), f"has no text layer on {_page_list([page.number for page in coarse])}, scanned too "
                                    f"coarsely for OCR ({resolution}; {MIN_OCR_DPI} dpi at least): rescan at 300 dpi"
                                    f"{others or ', or give a PDF with text'}")
    missing = ocr.unavailable_reason()
    if missing:
        what = "is a scanned image" if len(scanned) == 1 else "are scanned images"
        raise InputError(str(path), f"{_page_list(scanned)} {what} without text and OCR is not available "
                                    f"({missing}); install it (Debian: {ocr.INSTALL}){others}")
    try:
        extract = _scanned_pages_only(path, data, password, scanned)
    except pdfium.PdfiumError:
        raise InputError(str(path), NOT_READABLE) from None
    recognised = _open(path, ocr.ocr_pdf(path, extract, limits.ocr_timeout), None)
    try:
        if len(recognised) != len(scanned):
            raise InputError(str(path), f"OCR of its scanned pages returned {len(recognised)} pages for "
                                        f"{len(scanned)}; give a PDF with text")
        found = []
        for index, number in enumerate(scanned):
            try:
                page = _read_page(recognised, index, with_tables=False)
            except pdfium.PdfiumError:
                raise InputError(str(path), "OCR of its scanned pages gave an unreadable PDF; "
                                            "give a PDF with text") from None
            # Table detection needs the original's ruling lines, which OCR's page image has not.
            page.number, page.has_rulings = number, False
            pages[number - 1] = page
            if page.text_chars:
                found.append(number)
        return found
    finally:
        recognised.close()


# ---------------------------------------------------------------------------------------------
# Tables (pdfplumber's algorithm, only on pages with ruling lines)
# ---------------------------------------------------------------------------------------------


def _cell_text(cell: str | None) -> str:
    """A cell's lines joined by spaces; a word broken at a line end inside a narrow cell keeps its
    hyphen (too little text there to tell a split word from a compound)."""
    if not cell:
        return ""
    cell = re.sub(r"(?<=\w)[-\u00ad]\s*\n\s*(?=\w)", "-", cell)
    return normalise_text(cell.replace("\n", " ").replace(SOFT_HYPHEN, ""))


def _table_lines(table, page: Page) -> tuple[list[Line], set[int]]:
    """The table's rows as lines, and the indexes of the page's lines the table covers."""
    dx, dy = page.plumber_shift
    x0, top, x1, bottom = table.bbox
    x0, top, x1, bottom = x0 - dx, top - dy, x1 - dx, bottom - dy
    page_lines_ = page.lines
    covered = {
        index for index, line in enumerate(page_lines_)
        if not line.sideways and top - 1 <= (line.top + line.bottom) / 2 <= bottom + 1
        and min(x1, line.x1) - max(x0, line.x0) > 0.5 * (line.x1 - line.x0)
    }
    rows = []
    for row, cells in zip(table.rows, table.extract()):
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        row_top, row_bottom = row.bbox[1] - dy, row.bbox[3] - dy
        inside = [page_lines_[i] for i in covered
                  if row_top - 1 <= (page_lines_[i].top + page_lines_[i].bottom) / 2 <= row_bottom + 1]
        chars = sum(line.chars for line in inside)
        rows.append(Line(
            text=" | ".join(texts), x0=x0, x1=x1, top=row_top, bottom=row_bottom,
            size=Counter({line.size: line.chars for line in inside}).most_common(1)[0][0] if inside else 0.0,
            bold=bool(inside) and sum(line.chars for line in inside if line.bold) * 2 > chars,
            chars=chars, kind="table_row",
        ))
    return rows, covered


def _read_tables(page: pdfium.PdfPage, textpage, read: Page) -> None:
    """Replaces the lines inside the page's ruled tables by one line per row.

    The tables are found by pdfplumber's algorithm on the ruling lines and characters PDFium has
    already parsed (``auditor.read.pdf_tables``). A page whose tables cannot be read keeps its
    text as lines, with a warning: tables are only a refinement of what is read already.
    """
    from auditor.read.pdf_tables import RuledPage  # imports pdfplumber: ~70 ms, for ruled pages only

    media_height = page.get_mediabox()[3]
    try:
        ruled = RuledPage(page.raw, textpage, page.get_width(), media_height)
        tables = [table for table in ruled.find_tables() if _is_real_table(table)]
        ruled.keep_chars_in([table.bbox for table in tables])
        _replace_table_lines(read, tables)
    except Exception:  # noqa: BLE001 — an odd page must not cost the document its reading
        read.warning = f"the tables of page {read.number} could not be read; their text is kept as lines"


def _is_real_table(table) -> bool:
    """A framed paragraph is a 1×1 'table'; a table needs two columns."""
    return len(table.columns) >= 2 and len(table.rows) >= 1


def _replace_table_lines(page: Page, tables) -> None:
    """Swaps the lines a table covers for its rows, kept together where the table begins
    (two tables side by side come one after the other, not interleaved)."""
    found = [(rows, covered) for rows, covered in (_table_lines(table, page) for table in tables) if rows]
    covered = set().union(*(table_covered for _, table_covered in found))
    lines = [line for index, line in enumerate(page.lines) if index not in covered]
    for order, (rows, _) in enumerate(sorted(found, key=lambda table: (table[0][0].top, table[0][0].x0))):
        rows[0].table_start = order > 0
        position = next(
            (index for index, line in enumerate(lines)
             if line.kind == "line" and (line.sideways or line.top > rows[0].top)),
            len(lines),
        )
        lines[position:position] = rows
    page.lines = lines


# ---------------------------------------------------------------------------------------------
# Running headers, footers, page numbers and margin stamps
# ---------------------------------------------------------------------------------------------

PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:(?:page|pg\.?|p\.)\s*)?(?:\d{1,4}|(?<=page )[ivxlc]{1,7})"
    r"(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\s\-–—|]*$",
    re.IGNORECASE,
)
# "- 12 -" is a page number wherever it stands: documents converted from plain text (SEC filings)
# carry their original page breaks mid-page.
DASHED_PAGE_NUMBER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
NUMBERS = re.compile(r"\d+")
# A numbered heading is never running, even when one article per page makes its number follow
# the page number.
HEADING_START = re.compile(
    r"^\W*(?:article|art\.|section|chapitre|titre|annexe|clause|exhibit|schedule|appendix)\s*\w", re.IGNORECASE
)
STRICT_BAND = 0.15  # a line within the top or bottom 15 % of the page is where headers are printed
EDGE_LINES = 6  # running blocks (letterheads, multi-line footers) can be this many lines deep


@dataclass(frozen=True, slots=True)
class _Edges:
    """Where a page's running elements may be: line indexes, outermost first."""

    top: list[int]
    bottom: list[int]
    side: list[int]


def _horizontal_extent(page: Page) -> tuple[float, float]:
    """Where the page's text lines start and end, ignoring a lone outlier (a margin stamp)."""
    upright = [line for line in page.lines if not line.sideways]
    if len(upright) < 3:
        return 0.0, page.width
    return sorted(line.x0 for line in upright)[1], sorted(line.x1 for line in upright)[-2]


def _edges(page: Page) -> _Edges:
    """The outermost lines at the top and bottom, and the lines outside the text's width.

    How far in from the page edge a footer sits varies too much to use a fixed band (HTML
    converters put it mid-page on short pages), so candidates are counted in lines; ``_peel``
    keeps body text safe by requiring contiguity from the edge.
    """
    upright = [index for index, line in enumerate(page.lines) if not line.sideways]
    left, right = _horizontal_extent(page)
    side = [index for index, line in enumerate(page.lines) if line.sideways or line.x1 <= left or line.x0 >= right]
    return _Edges(upright[:EDGE_LINES], upright[::-1][:EDGE_LINES], side)


def _in_strict_band(page: Page, line: Line) -> bool:
    return line.bottom <= STRICT_BAND * page.height or line.top >= (1 - STRICT_BAND) * page.height


def _recurrence_key(text: str) -> str:
    return NUMBERS.sub("#", re.sub(r"\s+", "", text.casefold()))


def _numbers_look_running(members: list[tuple[int, str]]) -> bool:
    """The varying numbers of a recurring line follow the page number (page counters, 'Page 3 of 9')
    or stay fixed (dates, references) — unlike headings such as 'Article 4' that happen to recur."""
    numbers = [(page, [int(n) for n in NUMBERS.findall(text)]) for page, text in members]
    width = Counter(len(values) for _, values in numbers).most_common(1)[0][0]
    rows = [(page, values) for page, values in numbers if len(values) == width]
    if len(rows) < 0.75 * len(numbers):
        return False
    for position in range(width):
        constant = Counter(values[position] for _, values in rows).most_common(1)[0][1]
        tracking = Counter(values[position] - page for page, values in rows).most_common(1)[0][1]
        if max(constant, tracking) < 0.75 * len(rows):
            return False
    return True


def _recurrence_threshold(page_count: int) -> int:
    """On how many pages a line must recur to be running: 40 % and at least 3, or both of 2."""
    if page_count <= 2:
        return 2
    return max(3, math.ceil(0.4 * page_count))


def _running_keys(pages: list[Page], edges: list[_Edges]) -> set[tuple[str, str]]:
    """(band, text key) of the lines that recur in the same band on enough pages."""
    members: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for page, page_edges in zip(pages, edges):
        for band in ("top", "bottom", "side"):
            for index in getattr(page_edges, band):
                text = page.lines[index].text
                members[(band, _recurrence_key(text))].append((page.number, text))
    # Pages without text (scans, blank pages) cannot carry a running header.
    threshold = _recurrence_threshold(sum(1 for page in pages if page.lines))
    running = set()
    for (band, key), found in members.items():
        if len({page for page, _ in found}) < threshold:
            continue
        if "#" in key and (HEADING_START.match(found[0][1]) or not _numbers_look_running(found)):
            continue
        running.add((band, key))
    return running


def _peel(page: Page, indexes: list[int], band: str, running: set[tuple[str, str]]) -> set[int]:
    """Running lines and page numbers, from the page edge inwards. Beyond the strict band a line
    goes only if everything between it and the edge went too, so body text that happens to
    recur near the top of pages stays."""
    removed = set()
    for index in indexes:
        line = page.lines[index]
        if (band, _recurrence_key(line.text)) in running or (line.kind == "line" and PAGE_NUMBER.match(line.text)):
            removed.add(index)
        elif not _in_strict_band(page, line):
            break
    return removed


def remove_running_elements(pages: list[Page]) -> None:
    """Drops headers, footers, page numbers and repeated margin stamps (the pages stay)."""
    edges = [_edges(page) for page in pages]
    running = _running_keys(pages, edges)
    for page, page_edges in zip(pages, edges):
        removed = _peel(page, page_edges.top, "top", running) | _peel(page, page_edges.bottom, "bottom", running)
        removed |= {i for i in page_edges.side if ("side", _recurrence_key(page.lines[i].text)) in running}
        removed |= {i for i, line in enumerate(page.lines) if line.kind == "line" and DASHED_PAGE_NUMBER.match(line.text)}
        page.lines = [line for index, line in enumerate(page.lines) if index not in removed]


# ---------------------------------------------------------------------------------------------
# Hyphenation at line ends
# ---------------------------------------------------------------------------------------------

WORDS = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
# A hyphen right after a word (letters or digits, itself maybe hyphenated: "Francfort-sur-")
# at the line end: "résilia-", "sous-", "L. 1234-" — not a dash standing alone (" -").
LINE_END_HYPHEN = re.compile(r"([^\W_]+(?:[-‐][^\W_]+)*)[-‐\u00ad]$")
FIRST_WORD = re.compile(r"^(\S+)\s*")
# First halves written with a hyphen in French compounds. Left out on purpose although they are
# prefixes too: auto, anti, contre, co, extra, inter, pré, pro, re, multi, mi, plate, porte —
# each is also an ordinary hyphenation point of common contract words (auto-risation,
# anti-cipée, contre-partie, co-pie, inter-vention, pré-sente, pro-cédure, plate-forme), so only
# the document itself can tell for them.
COMPOUND_PREFIXES = {
    "sous", "non", "demi", "semi", "quasi", "vice", "après", "avant", "arrière", "plus", "moins",
    "post", "hors", "nu", "ci", "e", "au", "peut", "vis", "procès", "coffre", "quote", "dommages",
    "pare", "mot", "mots", "back", "front",
}
# Second halves hyphenated to the word before: celui-ci, lui-même, a-t-il, procès-verbal, set-up.
COMPOUND_SUFFIXES = {
    "ci", "là", "même", "mêmes", "dire", "après", "dessus", "dessous", "joint", "jointe", "joints",
    "jointes", "delà", "être", "il", "ils", "elle", "elles", "on", "t", "verbal", "verbaux", "fort",
    "forts", "part", "parts", "intérêts", "feu", "clé", "clés", "up", "end", "office",
}


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """(plain words, hyphenated compounds) of the document, lower-cased."""
    plain, compounds = set(), set()
    for line in lines:
        for word in WORDS.findall(line.text.casefold()):
            (compounds if "-" in word or "‐" in word else plain).add(word.replace("‐", "-"))
    return plain, compounds


def keeps_hyphen(prefix: str, suffix: str, plain: set[str], compounds: set[str]) -> bool:
    """Whether "prefix-" at a line end and "suffix" on the next line form a hyphenated compound:
    yes for names and references, for chains (Francfort-sur-le-Main), for compounds the document
    writes elsewhere; no for words it writes elsewhere unbroken; else by the lists above."""
    if not suffix[:1].isalpha() or suffix[:1].isupper() or not prefix[-1:].isalpha():
        return True  # "Saint-" "Étienne", "L. 1234-" "5": a name or a reference, not a split word
    tail_match = WORDS.match(suffix.casefold())
    tail = tail_match.group(0) if tail_match else suffix.casefold()
    if "-" in prefix or "‐" in prefix or "-" in tail:
        return True
    head = prefix.casefold()
    if f"{head}-{tail}" in compounds:
        return True
    if f"{head}{tail}" in plain:
        return False
    return head in COMPOUND_PREFIXES or tail in COMPOUND_SUFFIXES


def _flow_pairs(lines: list[Line]):
    """(line, next line of the same flow): body text runs on past footnotes (not past a table),
    footnotes run on from one page's foot to the next."""
    last: dict[str, Line] = {}
    for line in lines:
        if line.kind == "table_row":
            last.pop("line", None)
            continue
        if line.kind in last:
            yield last[line.kind], line
        last[line.kind] = line


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Moves the second half of a word hyphenated at a line end up to the first half, keeping
    the hyphen only for compounds.

    A soft hyphen at the line end gets the same judgement as a plain one: LibreOffice writes
    U+00AD for the hyphen it draws when it breaks "ci-après" at its real hyphen, too.
    Returns the lines that remain (a line that held only the second half disappears).
    """
    plain, compounds = _vocabulary(lines)
    for current, following in _flow_pairs(lines):
        hyphen = LINE_END_HYPHEN.search(current.text)
        first = FIRST_WORD.match(following.text)
        if not hyphen or not first or not first.group(1)[:1].isalnum():
            continue
        word = first.group(1)
        joiner = "-" if keeps_hyphen(hyphen.group(1), word, plain, compounds) else ""
        current.text = current.text[:-1] + joiner + word
        following.text = following.text[first.end():]
    for line in lines:
        line.text = line.text.replace(SOFT_HYPHEN, "")
    return [line for line in lines if line.text]


# ---------------------------------------------------------------------------------------------
# Layout statistics and paragraph cues
# ---------------------------------------------------------------------------------------------

TERMINAL = re.compile(r"[.:;!?…]\W*$")
ENUMERATOR = re.compile(
    r"^(?:(?:article|art\.|section|chapitre|titre|annexe|exhibit|schedule|appendix)\b"
    r"|\d+(?:\.\d+)*\.?(?:\s|$)|\(?[a-z]{1,3}\)\s|\(\d+\)\s|[-–—•▪●◦➢❖✓]\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Layout:
    body_size: float  # the most common font size, by characters
    pitch: float  # usual distance between consecutive baselines of body text
    margins: dict[int, tuple[float, float]]  # page number → (left, right) edges of the body text


@dataclass(frozen=True, slots=True)
class _Placed:
    """A line with what its page tells about it."""

    line: Line
    page: int
    indent: float  # from the page's left margin
    right: float  # the page's right margin


def _body_lines(page: Page) -> list[Line]:
    return [line for line in page.lines if line.kind == "line" and not line.sideways]


def _supported_edge(values: list[float]) -> float:
    """The leftmost edge that at least two lines share (within 1.5 pt), else the leftmost one:
    an odd outdented line does not move the margin."""
    ordered = sorted(values)
    for value, other in zip(ordered, ordered[1:]):
        if other - value <= 1.5:
            return value
    return ordered[0]


def _margins(pages: list[Page]) -> dict[int, tuple[float, float]]:
    """Left and right edges of the body text per page; a page whose own edges are far from the
    document's (a cover page, a table of contents) gets the document's."""
    edges = {}
    for page in pages:
        body = _body_lines(page)
        if body:
            left, right = _supported_edge([line.x0 for line in body]), max(line.x1 for line in body)
            edges[page.number] = (left, right, len(body))
    if not edges:
        return {}
    typical = [edge for edge in edges.values() if edge[2] >= 5] or list(edges.values())
    document_left = statistics.median(left for left, _, _ in typical)
    document_right = statistics.median(right for _, right, _ in typical)
    return {
        number: (
            left if abs(left - document_left) <= 36 else document_left,
            right if abs(right - document_right) <= 36 else document_right,
        )
        for number, (left, right, _) in edges.items()
    }


def measure_layout(pages: list[Page]) -> Layout:
    sizes: Counter = Counter()
    for page in pages:
        for line in _body_lines(page):
            sizes[line.size] += line.chars
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    pitches: Counter = Counter()
    for page in pages:
        body = _body_lines(page)
        for above, below in zip(body, body[1:]):
            distance = below.bottom - above.bottom
            both_body = abs(above.size - body_size) < 0.6 and abs(below.size - body_size) < 0.6
            if both_body and 0.8 * body_size < distance < 3 * body_size:
                pitches[round(distance * 2) / 2] += 1
    pitch = pitches.most_common(1)[0][0] if pitches else 1.2 * body_size
    return Layout(body_size=body_size or 10.0, pitch=pitch, margins=_margins(pages))


def _ends_short(previous: _Placed, following: Line) -> bool:
    """The previous line stopped before the right margin although the next line's first word
    would have fitted there: its author ended it (true of ragged and justified text alike)."""
    room = previous.right - previous.line.x1
    first_word = following.text.split(" ", 1)[0]
    char_width = (following.x1 - following.x0) / max(1, len(following.text))
    return room > (len(first_word) + 1.5) * char_width


def _closes(previous: _Placed, following: Line) -> bool:
    """The previous line ends its paragraph, as far as its shape and punctuation tell."""
    return bool(TERMINAL.search(previous.line.text)) or _ends_short(previous, following)


# a line ending with a word that calls for a number (« l'article », « au point », "clause", "Section")
DANGLING_REFERENCE = re.compile(
    r"\b(?:articles?|art\.|clauses?|sections?|points?|paragraphes?|paragraphs?|alinéas?|annexes?|schedules?|n°)\s*$",
    re.IGNORECASE)


def _number_called_for(before: Line, line: Line) -> bool:
    """« … au sens de l'article » then « 11 : les attaques … »: the line starts with the number a reference word
    waits for, not with a clause number opening a paragraph (also across a page break)."""
    # (a sentence, not a heading: "ANNEXES" over "1. Description technique" opens a paragraph)
    words = before.text.split()
    return (bool(DANGLING_REFERENCE.search(before.text)) and line.text[:1].isdigit() and len(words) >= 4
            and not before.text.isupper())


def _continues_across_page(previous: _Placed, current: _Placed) -> bool:
    """The first line of a page carries on the paragraph the previous page ended with."""
    before, line = previous.line, current.line
    if before.bold == line.bold and abs(before.size - line.size) <= 0.6 and _number_called_for(before, line):
        return True
    if before.bold != line.bold or abs(before.size - line.size) > 0.6 or ENUMERATOR.match(line.text):
        return False
    if TERMINAL.search(before.text):
        return False
    return line.text[:1].islower() or not _ends_short(previous, line)


def starts_paragraph(previous: _Placed | None, current: _Placed, layout: Layout) -> bool:
    """Whether a line begins a paragraph: after a clear vertical gap, on a new page unless the
    paragraph carries on, or after a line that closed its paragraph when indentation, weight,
    size or an enumerator (1.1, a), Article) says something new begins."""
    if previous is None or current.line.kind == "table_row" or current.line.kind != previous.line.kind:
        return True
    before, line = previous.line, current.line
    if current.page != previous.page:
        return not _continues_across_page(previous, current)
    expected = layout.pitch * max(line.size, before.size) / layout.body_size
    distance = line.bottom - before.bottom
    if distance > 1.3 * expected + 1 or distance < 0:
        return True
    if _number_called_for(before, line):
        return False
    if not _closes(previous, line):
        return False
    changed = (
        abs(current.indent - previous.indent) > 2 or line.bold != before.bold or abs(line.size - before.size) > 0.6
    )
    return changed or bool(ENUMERATOR.match(line.text))


# ---------------------------------------------------------------------------------------------
# Footnotes
# ---------------------------------------------------------------------------------------------

FOOTNOTE_CALL = re.compile(r"^(?:\d{1,3}|\*{1,3}|[†‡])\s*\S")
FOOTNOTE_SIZE = 0.92  # footnotes are set smaller than the body (10 pt under 11 pt at most)


def mark_footnotes(pages: list[Page], layout: Layout) -> None:
    """Marks as footnotes the small lines that close a page from the first one starting with a
    call number ("1 Loi n° 78-17..."), and the small lines closing the next page when the last
    footnote ran over onto it."""
    running_over = False
    for page in pages:
        upright = [line for line in page.lines if not line.sideways]
        tail: list[Line] = []
        for line in reversed(upright):
            if line.kind != "line" or line.size > FOOTNOTE_SIZE * layout.body_size:
                break
            tail.insert(0, line)
        calls = [index for index, line in enumerate(tail) if FOOTNOTE_CALL.match(line.text)]
        first = 0 if running_over and tail else (calls[0] if calls else None)
        if first is None or len(tail) == len(upright):  # nothing, or a page all in small print
            running_over = False
            continue
        for line in tail[first:]:
            line.kind = "footnote"
        running_over = not TERMINAL.search(tail[-1].text)


# A row of a table typed with pipes and printed as text ("| Objet | Fréquence | Rétention |"): a
# PDF made from a plain-text or Markdown file has no ruled table for the table reader to find.
TYPED_ROW = re.compile(r"^\s*\|(.*\|.*)\|\s*$")
TYPED_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")


def mark_typed_table_rows(pages: list[Page]) -> None:
    """Lines of two or more pipe-typed rows in a row become table rows, their cells joined as the
    other readers join them; the rule under a header row ("|---|---|") goes."""
    for page in pages:
        rows = [index for index, line in enumerate(page.lines)
                if line.kind == "line" and not line.sideways and TYPED_ROW.match(line.text)]
        in_table = {index for index in rows if index - 1 in rows or index + 1 in rows}
        ruled = set()
        for index in rows:
            after = index + 1
            if after < len(page.lines) and TYPED_RULE.match(page.lines[after].text):
                in_table.add(index)
                ruled.add(after)
        for index in in_table:
            line = page.lines[index]
            cells = TYPED_ROW.match(line.text).group(1).split("|")
            line.text = " | ".join(cell.strip() for cell in cells)
            line.kind = "table_row"
        if ruled:
            page.lines = [line for index, line in enumerate(page.lines) if index not in ruled]


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------


def _scan_warning(pages: list[Page]) -> str | None:
    scanned = [page.number for page in pages if _looks_scanned(page)]
    if not scanned:
        return None
    if len(scanned) == 1:
        return f"page {scanned[0]} has no text layer (scanned?)"
    return f"pages {', '.join(map(str, scanned))} have no text layer (scanned?)"


def _looks_scanned(page: Page) -> bool:
    return page.text_chars < 10 and page.image_cover >= 0.5


def _build(pages: list[Page], layout: Layout) -> TextBuilder:
    builder = TextBuilder()
    remaining = {id(line) for line in join_hyphenated([line for page in pages for line in page.lines])}
    # The line before, in the same flow: body lines skip the footnotes between them, a table
    # interrupts the body, footnotes follow on from the previous footnote.
    previous_in_flow: dict[str, _Placed] = {}
    for page in pages:
        builder.start_page()
        left, right = layout.margins.get(page.number, (0.0, page.width))
        for line in page.lines:
            if id(line) not in remaining:
                continue
            current = _Placed(line, page.number, round(line.x0 - left, 1) + 0.0, right)
            builder.add(
                line.text, kind=line.kind, page=page.number, bold=line.bold,
                size_ratio=round(line.size / layout.body_size, 2) if line.size else None,
                indent=current.indent, table_start=line.table_start,
                starts_paragraph=starts_paragraph(previous_in_flow.get(line.kind), current, layout),
            )
            if line.kind == "table_row":
                previous_in_flow.pop("line", None)
            else:
                previous_in_flow[line.kind] = current
    return builder


def read_pdf(path: Path, data: bytes, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
             ocr: bool = False) -> Document:
    """Reads a PDF's text layer line by line (see the module docstring).

    With ``ocr``, pages that are only an image (scans) are read by OCR (``auditor.read.ocr``)
    and listed in ``Document.ocr_pages``; without it, a PDF of scans only is refused and scans
    among pages with text are left out with a warning. OCR is the caller's choice because it
    runs other programs, for seconds per page.

    Raises:
        InputError: encrypted without the right password, corrupt or truncated, without any
            text layer (a scan, when ``ocr`` is off or OCR found no text), or OCR is needed but
            not installed.
        LimitError: more pages than ``limits.max_pages`` (before any page is read), or OCR ran
            out of time.
    """
    ocr_pages: list[int] = []
    try:
        pages = _read_pages(path, data, password, limits)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 — last resort: a damaged file must not end in a traceback
        raise InputError(str(path), NOT_READABLE) from error
    if ocr and any(_looks_scanned(page) for page in pages):
        # Outside the catch-all: OCR takes long, and what interrupts it (Ctrl-C, a batch's time
        # limit) must reach the caller as itself, not as a damaged file.
        ocr_pages = _ocr_scanned_pages(path, data, password, pages, limits)
    try:
        if not any(page.text_chars for page in pages):
            scanned = any(page.image_cover > 0 for page in pages)
            raise InputError(str(path), (SCANNED_AFTER_OCR if ocr else SCANNED) if scanned else NO_TEXT)
        warnings = [page.warning for page in pages if page.warning]
        remove_running_elements(pages)
        layout = measure_layout(pages)
        mark_footnotes(pages, layout)
        mark_typed_table_rows(pages)
        builder = _build(pages, layout)
    except InputError:
        raise
    except pdfium.PdfiumError as error:
        raise InputError(str(path), NOT_READABLE) from error
    except Exception as error:  # noqa: BLE001 — last resort: a damaged file must not end in a traceback
        raise InputError(str(path), NOT_READABLE) from error
    scan_warning = _scan_warning(pages)
    if ocr_pages:
        warnings.insert(0, OCR_WARNING.format(pages=_page_list(ocr_pages)))
    return Document(
        path=str(path),
        format="pdf",
        sha256="",
        text=builder.text,
        blocks=tuple(builder.blocks),
        page_starts=tuple(builder.page_starts),
        page_source="layout",
        warnings=tuple(([scan_warning] if scan_warning else []) + warnings),
        ocr_pages=tuple(ocr_pages),
    )
