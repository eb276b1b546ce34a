"""DOCX reader: the body in reading order, with Word's list labels, tracked changes and pages.

python-docx opens the package (its XML parser does not resolve entities) but its high-level
text API is not used: ``paragraph.text`` drops inserted text, knows no list labels and reading
``paragraph.style`` per paragraph is slow. The body is walked directly on the lxml tree.

The text is read once with all tracked changes accepted (``Document.text``) and, when the file
has revisions, once more with all of them rejected (``Document.original_text``).
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Literal

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.package import Package
from lxml import etree

from auditor.errors import InputError, LimitError
from auditor.limits import DEFAULT_LIMITS, RATIO_CHECK_FROM, Limits, format_size
from auditor.models import Block, Document, Revisions
from auditor.read.builder import TextBuilder
from auditor.read.numbering import PRIVATE_USE_BULLETS, ListCounters, NumberingDefinitions, format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NOT_A_DOCX = "is not a valid DOCX file (corrupt or not a Word document)"
HOSTILE_XML = ("declares XML entities or a document type (DOCTYPE), which Word documents never contain and "
               "which serve to attack XML readers; it is refused: open and re-save it in Word or LibreOffice")
APP_PROPERTIES = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# Parts python-docx does not model are parsed here with the guards python-docx's own parser has:
# entities are kept as references, never expanded nor fetched (no_network also covers an external
# DTD), no DTD is loaded, and lxml's limits on text-node size and depth stay on (huge_tree=False).
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                              remove_blank_text=True)
WORD_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
View = Literal["accepted", "original"]

# Element names, spelled once.
P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
PPR, RPR, TRPR = W + "pPr", W + "rPr", W + "trPr"
SDT, SDT_CONTENT, SDT_PR, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "sdtPr", W + "customXml"
INS, DEL, MOVE_TO, MOVE_FROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
DEL_TEXT, INSTR_TEXT, FLD_CHAR, FLD_SIMPLE = W + "delText", W + "instrText", W + "fldChar", W + "fldSimple"
TAB, PTAB, BR, CR = W + "tab", W + "ptab", W + "br", W + "cr"
NO_BREAK_HYPHEN, SOFT_HYPHEN, SYM = W + "noBreakHyphen", W + "softHyphen", W + "sym"
RENDERED_BREAK = W + "lastRenderedPageBreak"
R_STYLE, BOLD, VANISH, SIZE = W + "rStyle", W + "b", W + "vanish", W + "sz"
FOOTNOTE_REF, ENDNOTE_REF = W + "footnoteReference", W + "endnoteReference"
SECT_PR = W + "sectPr"
# Wrappers whose children are read as if they were the paragraph's own.
INLINE_WRAPPERS = {W + "hyperlink", W + "smartTag", CUSTOM_XML, W + "dir", W + "bdo"}
INSERTED = {"accepted": (INS, MOVE_TO), "original": (DEL, MOVE_FROM)}
REMOVED = {"accepted": (DEL, MOVE_FROM), "original": (INS, MOVE_TO)}
# Marks that sit between runs and carry no text: they do not split a stretch of revisions.
SILENT_MARKS = {W + name for name in (
    "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "pPr")}

OFF_VALUES = {"0", "false", "off"}
HEADING_STYLE_ID = re.compile(r"^(?:heading|titre|berschrift|kop|titolo|t[ií]tulo)\s*([1-9])$", re.IGNORECASE)
TOC_STYLE = re.compile(r"^(?:toc|contents|table des mati[eè]res|tm|index|inhalt|verzeichnis)\s*[1-9]$"
                       r"|^(?:toc|contents) ?heading$", re.IGNORECASE)
# Symbol-font code points (after removing the U+F000 private-use offset) that have a Unicode twin.
SYMBOL_FONT_CHARS = {0xB7: "•", 0xB0: "°", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xA3: "≤", 0xB3: "≥", 0xB9: "≠",
                     0xAE: "→", 0xAC: "←", 0xDE: "⇒", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0x2D: "−", 0xA5: "∞"}
SYMBOL_FONT_RANGE = re.compile("[\uf000-\uf0ff]")  # where Word stores symbol-font characters
TWIPS_PER_POINT = 20
DEFAULT_FONT_SIZE = 10.0  # points: Word's size when neither the styles nor the defaults give one


# --- opening the package ----------------------------------------------------------------------

@dataclass(frozen=True)
class DocxParts:
    """The XML parts the reader needs (None when the package has no such part)."""

    body: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    footnotes: etree._Element | None
    endnotes: etree._Element | None
    settings: etree._Element | None
    theme: etree._Element | None = None


def check_archive(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The package's parts, inflated, once the zip's directory has shown a Word document within
    ``limits``: the sizes are checked before any part is inflated, and each part is then inflated
    chunk by chunk, never beyond the size the directory declares for it (a zip may lie).

    Raises:
        InputError: not a Word document (another zip, an OpenDocument file, a damaged archive).
        LimitError: too many entries, too large once inflated, or a part compressed like a zip bomb.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names or not any(name.startswith("word/") for name in names):
                raise InputError(str(path), _not_word_reason(archive, names))
            _check_sizes(path, entries, limits)
            # The last entry of a name wins, as in zipfile's own lookup (and so in python-docx).
            return {entry.filename: _inflate(archive, entry) for entry in entries}
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError, RuntimeError):
        raise InputError(str(path), NOT_A_DOCX) from None


def _check_sizes(path: Path, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if limits.max_zip_entries and len(entries) > limits.max_zip_entries:
        raise LimitError(str(path), f"holds {len(entries)} parts where Word writes a few dozen (limit "
                                    f"{limits.max_zip_entries}); it is not an ordinary Word document")
    total = sum(entry.file_size for entry in entries)
    if limits.max_unpacked_size and total > limits.max_unpacked_size:
        raise LimitError(str(path), f"unpacks to {format_size(total)}, over the "
                                    f"{format_size(limits.max_unpacked_size)} limit (a zip bomb, or large embedded "
                                    "files); if it really is one contract, raise the limit with --max-unpacked-size")
    for entry in entries:
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word never writes them, and Python inflates a bzip2 or LZMA part in one piece.
            raise InputError(str(path), f"{NOT_A_DOCX}: its part {entry.filename} uses a compression "
                                        "method Word never writes")
        if limits.max_part_size and entry.file_size > limits.max_part_size:
            raise LimitError(str(path), f"its part {entry.filename} unpacks to {format_size(entry.file_size)}, over "
                                        f"the {format_size(limits.max_part_size)} limit for one part; it is not an "
                                        "ordinary Word document")
        ratio = entry.file_size / max(1, entry.compress_size)
        if limits.max_compression_ratio and entry.file_size > RATIO_CHECK_FROM and ratio > limits.max_compression_ratio:
            raise LimitError(str(path), f"its part {entry.filename} inflates {ratio:.0f} times "
                                        f"({format_size(entry.compress_size)} to {format_size(entry.file_size)}), "
                                        "the mark of a zip bomb; it is refused")


INFLATE_CHUNK = 1 << 20


def _inflate(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """A part's bytes, at most the size the directory declares for it.

    zipfile's ``read`` inflates all of a part's compressed data in one call and only then cuts it
    to the declared size: a part declaring 3 KB could fill the memory first. Reading in chunks
    bounds every step; zipfile then stops at the declared size and checks the CRC there.
    """
    chunks = []
    with archive.open(entry) as stream:
        while chunk := stream.read(INFLATE_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


def _not_word_reason(archive: zipfile.ZipFile, names: set[str]) -> str:
    """Why a zip is not a Word document, in terms of what it is."""
    mimetype = ""
    if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
        mimetype = _inflate(archive, archive.getinfo("mimetype")).decode("ascii", "replace").strip()
    if mimetype == "application/vnd.oasis.opendocument.text":
        return "is an OpenDocument text (.odt), which is not read; save it as DOCX or PDF"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return ("is an OpenDocument file that is not a text (a spreadsheet or a presentation?); "
                "give the contract as DOCX or PDF")
    if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
        return "is an Excel workbook, not a Word document; give the contract as DOCX or PDF"
    if "[Content_Types].xml" in names and any(name.startswith("ppt/") for name in names):
        return "is a PowerPoint presentation, not a Word document; give the contract as DOCX or PDF"
    return NOT_A_DOCX


def stored_package(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip without compression, for python-docx: whatever it reads of it, it
    cannot inflate more than was checked."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return output.getvalue()


def word_page_count(parts: dict[str, bytes]) -> int | None:
    """The page count Word (or LibreOffice) stored in docProps/app.xml when it last saved, if any."""
    try:
        root = etree.fromstring(parts["docProps/app.xml"], SAFE_PARSER)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return None
    pages = root.find(APP_PROPERTIES + "Pages")
    text = (pages.text or "").strip() if pages is not None else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def _xml_of(part) -> etree._Element:
    """The parsed XML of a package part (python-docx parses only the part types it models)."""
    element = getattr(part, "element", None)
    return element if element is not None else etree.fromstring(part.blob, SAFE_PARSER)


def _declares_dtd(element: etree._Element | None) -> bool:
    return element is not None and bool(element.getroottree().docinfo.doctype)


def open_docx(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> DocxParts:
    package = check_archive(path, data, limits)
    pages = word_page_count(package) if limits.max_pages else None
    if pages is not None and pages > limits.max_pages:
        raise LimitError(str(path), f"has {pages} pages (as counted when it was last saved), over the limit "
                                    f"of {limits.max_pages}; if it really is one contract, raise the limit with "
                                    "--max-pages")
    try:
        document_part = Package.open(io.BytesIO(stored_package(package))).main_document_part
        if document_part.content_type not in WORD_CONTENT_TYPES:
            raise InputError(str(path), NOT_A_DOCX)
        root = _xml_of(document_part)
        related = {}
        for relationship in document_part.rels.values():
            if not relationship.is_external and relationship.reltype not in related:
                related[relationship.reltype] = relationship.target_part

        def part_xml(reltype: str) -> etree._Element | None:
            return _xml_of(related[reltype]) if reltype in related else None

        parts = DocxParts(
            body=root.find(W + "body"),
            styles=part_xml(RT.STYLES),
            numbering=part_xml(RT.NUMBERING),
            footnotes=part_xml(RT.FOOTNOTES),
            endnotes=part_xml(RT.ENDNOTES),
            settings=part_xml(RT.SETTINGS),
            theme=part_xml(RT.THEME),
        )
    except etree.XMLSyntaxError as error:
        if any(sign in (error.msg or "").lower() for sign in ("amplification", "entity reference loop")):
            raise InputError(str(path), HOSTILE_XML) from None
        detail = " ".join((error.msg or "").split())  # libxml2's messages may end in a newline
        raise InputError(str(path), f"contains malformed XML ({detail}); the file is damaged, "
                                    "open and re-save it in Word or LibreOffice") from None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            NotImplementedError, RuntimeError, OSError, AttributeError):
        raise InputError(str(path), NOT_A_DOCX) from None
    if parts.body is None:
        raise InputError(str(path), NOT_A_DOCX)
    # Entities are never expanded nor fetched (see SAFE_PARSER), but a document type declaration
    # has no business in a Word part: the file was made to attack XML readers.
    if any(_declares_dtd(element) for element in (root, parts.styles, parts.numbering, parts.footnotes,
                                                   parts.endnotes, parts.settings, parts.theme)):
        raise InputError(str(path), HOSTILE_XML)
    return parts


# --- small XML helpers ------------------------------------------------------------------------

def val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(W + "val", default)


def int_attribute(element: etree._Element | None, name: str, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(float(element.get(W + name)))
    except (TypeError, ValueError):
        return default


def is_on(element: etree._Element | None) -> bool | None:
    """An on/off property (w:b, w:vanish...): None when absent, False for val="0"/"false"/"off"."""
    if element is None:
        return None
    return (val(element, "1") or "1").lower() not in OFF_VALUES


def first_found(containers: list[etree._Element], name: str) -> etree._Element | None:
    """The first container's child named ``name`` (containers go from most to least specific)."""
    for container in containers:
        found = container.find(W + name)
        if found is not None:
            return found
    return None


def first_attribute(containers: list[etree._Element], name: str, attributes: tuple[str, ...]) -> int | None:
    """An integer attribute of the child ``name``, taken from the first container that sets it:
    Word merges w:spacing and w:ind attribute by attribute along the style chain."""
    for container in containers:
        child = container.find(W + name)
        if child is None:
            continue
        for attribute in attributes:
            value = int_attribute(child, attribute)
            if value is not None:
                return value
    return None


# --- styles -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunFormat:
    bold: bool = False
    size: float = DEFAULT_FONT_SIZE
    hidden: bool = False


@dataclass(frozen=True)
class ParagraphFormat:
    """What a paragraph style (through its basedOn chain) and the document defaults give."""

    style_id: str = ""
    num_id: int | None = None
    level: int | None = None
    outline_level: int | None = None  # 1-based; None for body text
    is_toc: bool = False
    page_break_before: bool = False
    keep_next: bool = False
    contextual_spacing: bool = False
    space_before: int = 0  # twips
    space_after: int = 0
    line: int = 240  # twips, or 240ths of a line when line_rule is "auto"
    line_rule: str = "auto"
    indent_left: int = 0
    indent_right: int = 0
    run: RunFormat = RunFormat()


class StyleSheet:
    """styles.xml, resolved through basedOn chains once per style and cached."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default_paragraph_style = ""
        self._paragraph_formats: dict[str, ParagraphFormat] = {}
        self._run_formats: dict[tuple[str, str], RunFormat] = {}
        if root is None:
            root = etree.Element(W + "styles")
        self._default_rpr = present(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        self._default_ppr = present(root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        for style in root.iterfind(W + "style"):
            style_id = style.get(W + "styleId", "")
            self._styles[style_id] = style  # a repeated id: the last definition wins, as in LibreOffice
            if style.get(W + "type") == "paragraph" and is_on_attribute(style.get(W + "default")):
                self._default_paragraph_style = self._default_paragraph_style or style_id
        self.body_size = self.paragraph_format("").run.size
        body_rpr = self._chain_parts(self._default_paragraph_style, "rPr") + self._default_rpr
        language = first_found(body_rpr, "lang")
        self.language = "fr" if (val(language, "fr") or "fr").lower().startswith("fr") else "en"
        self._body_fonts = first_found(body_rpr, "rFonts")

    def body_font(self, theme: etree._Element | None) -> str:
        """The body text's font family, a theme font ("minorHAnsi") looked up in the theme."""
        fonts = self._body_fonts
        if fonts is None:
            return ""
        name = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
        if name:
            return name
        theme_slot = fonts.get(W + "asciiTheme") or fonts.get(W + "hAnsiTheme") or ""
        if theme is None or not theme_slot:
            return ""
        drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        slot = "majorFont" if theme_slot.startswith("major") else "minorFont"
        latin = next(theme.iter(drawing + slot), None)
        latin = latin.find(drawing + "latin") if latin is not None else None
        return latin.get("typeface", "") if latin is not None else ""

    def _chain(self, style_id: str) -> list[etree._Element]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        chain, seen = [], set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            style_id = val(style.find(W + "basedOn"), "")
        return chain

    def _chain_parts(self, style_id: str, path: str) -> list[etree._Element]:
        """The element at ``path`` (e.g. "pPr") of each style of the chain that has one."""
        return [found for style in self._chain(style_id) if (found := style.find(W + path)) is not None]

    def list_style_num_ids(self) -> dict[str, int]:
        """Numbering styles → the numId in their pPr, for w:numStyleLink."""
        result = {}
        for style_id, style in self._styles.items():
            if style.get(W + "type") == "numbering":
                num_id = int_attribute(style.find(f"{W}pPr/{W}numPr/{W}numId"), "val")
                if num_id is not None:
                    result[style_id] = num_id
        return result

    def paragraph_format(self, style_id: str) -> ParagraphFormat:
        style_id = style_id if style_id in self._styles else self._default_paragraph_style
        if style_id not in self._paragraph_formats:
            self._paragraph_formats[style_id] = self._resolve_paragraph(style_id)
        return self._paragraph_formats[style_id]

    def _resolve_paragraph(self, style_id: str) -> ParagraphFormat:
        pprs = self._chain_parts(style_id, "pPr")
        num_prs = self._chain_parts(style_id, f"pPr/{W}numPr")
        with_defaults = pprs + self._default_ppr
        style = self._styles.get(style_id)
        name = (val(style.find(W + "name"), "") if style is not None else "") or ""
        return ParagraphFormat(
            style_id=style_id,
            num_id=int_attribute(first_found(num_prs, "numId"), "val"),
            level=int_attribute(first_found(num_prs, "ilvl"), "val"),
            outline_level=outline_level(first_found(pprs, "outlineLvl"), style_id, name),
            is_toc=bool(TOC_STYLE.match(name) or TOC_STYLE.match(style_id)),
            page_break_before=bool(is_on(first_found(with_defaults, "pageBreakBefore"))),
            keep_next=bool(is_on(first_found(with_defaults, "keepNext"))),
            contextual_spacing=bool(is_on(first_found(with_defaults, "contextualSpacing"))),
            space_before=first_attribute(with_defaults, "spacing", ("before",)) or 0,
            space_after=first_attribute(with_defaults, "spacing", ("after",)) or 0,
            line=first_attribute(with_defaults, "spacing", ("line",)) or 240,
            line_rule=line_rule(with_defaults) or "auto",
            indent_left=first_attribute(with_defaults, "ind", ("left", "start")) or 0,
            indent_right=first_attribute(with_defaults, "ind", ("right", "end")) or 0,
            run=self._run_format(self._chain_parts(style_id, "rPr") + self._default_rpr),
        )

    def run_format(self, paragraph: ParagraphFormat, character_style: str) -> RunFormat:
        """A run's format before its direct w:rPr: character style over paragraph style."""
        key = (paragraph.style_id, character_style)
        if key not in self._run_formats:
            rprs = self._chain_parts(character_style, "rPr") if character_style else []
            self._run_formats[key] = self._run_format(rprs, paragraph.run)
        return self._run_formats[key]

    @staticmethod
    def _run_format(rprs: list[etree._Element], base: RunFormat | None = None) -> RunFormat:
        base = base or RunFormat()
        bold = is_on(first_found(rprs, "b"))
        hidden = is_on(first_found(rprs, "vanish"))
        size = int_attribute(first_found(rprs, "sz"), "val")
        return RunFormat(
            bold=base.bold if bold is None else bold,
            size=base.size if size is None else size / 2,
            hidden=base.hidden if hidden is None else hidden,
        )


def present(element: etree._Element | None) -> list[etree._Element]:
    return [] if element is None else [element]


def line_rule(pprs: list[etree._Element]) -> str | None:
    """w:spacing/@w:lineRule from the first pPr that sets it."""
    for ppr in pprs:
        spacing = ppr.find(W + "spacing")
        if spacing is not None and spacing.get(W + "lineRule"):
            return spacing.get(W + "lineRule")
    return None


def is_on_attribute(value: str | None) -> bool:
    return value is not None and value.lower() not in OFF_VALUES


def outline_level(element: etree._Element | None, style_id: str, name: str) -> int | None:
    """1-based heading level from w:outlineLvl (0 → 1; 9 is body text) or a "heading N" style."""
    if element is not None:
        level = int_attribute(element, "val")
        return level + 1 if level is not None and 0 <= level < 9 else None
    match = HEADING_STYLE_ID.match(name) or HEADING_STYLE_ID.match(style_id)
    return int(match.group(1)) if match else None


# --- paragraph content ------------------------------------------------------------------------

@dataclass
class Content:
    """Text gathered from runs, with what the cues and the page model need."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    visible: int = 0  # non-space characters
    bold: int = 0
    sizes: Counter = field(default_factory=Counter)
    page_breaks: list[int] = field(default_factory=list)  # text offsets where a new page begins
    notes: list[str] = field(default_factory=list)  # texts of the notes referenced, "[n] ..."
    in_toc_field: bool = False
    # (text, layout) of each paragraph of a table cell, for the row's height
    paragraph_layouts: list[tuple[str, Layout]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add(self, text: str, run: RunFormat | None = None) -> None:
        self.parts.append(text)
        self.length += len(text)
        if run is not None:
            visible = len(text) - text.count(" ") - text.count("\t") - text.count("\n")
            self.visible += visible
            self.bold += visible if run.bold else 0
            self.sizes[run.size] += visible

    def prepend(self, text: str) -> None:
        self.parts.insert(0, text)
        self.length += len(text)
        self.page_breaks = [offset + len(text) for offset in self.page_breaks]

    def extend(self, other: Content, separator: str = "") -> None:
        if separator and self.length:
            self.add(separator)
        self.page_breaks.extend(offset + self.length for offset in other.page_breaks)
        self.parts.extend(other.parts)
        self.length += other.length
        self.visible += other.visible
        self.bold += other.bold
        self.sizes.update(other.sizes)
        self.notes.extend(other.notes)
        self.in_toc_field |= other.in_toc_field
        self.paragraph_layouts.extend(other.paragraph_layouts)

    def main_size(self) -> float | None:
        return self.sizes.most_common(1)[0][0] if self.sizes else None


@dataclass
class Field:
    """A complex field being read: its instruction, then its result (the text Word shows)."""

    instruction: list[str] = field(default_factory=list)
    showing_result: bool = False
    is_toc: bool = False


@dataclass(frozen=True)
class Layout:
    """What the page estimate needs of a block."""

    size: float
    line: int
    line_rule: str
    space_before: int
    space_after: int
    indent: int  # left + right indentation, twips
    keep_next: bool = False
    style_id: str = ""
    contextual_spacing: bool = False
    # table row: per cell, its width in twips and the (text, layout) of its paragraphs
    cells: tuple[tuple[int, tuple[tuple[str, Layout], ...]], ...] = ()
    section: etree._Element | None = None  # the w:sectPr that ends here


@dataclass
class Draft:
    """One block before it is placed in the text."""

    content: Content
    kind: str = "paragraph"
    cues: dict = field(default_factory=dict)
    page_break_before: bool = False
    page_break_after: bool = False  # a section break that starts a new page
    layout: Layout | None = None


@dataclass
class Paragraph:
    """A paragraph as read: its content (label included) and what decides its cues."""

    content: Content
    format: ParagraphFormat
    label: str
    list_level: int | None
    indent: int  # left indentation in twips: the paragraph's own, its list level's or its style's


class BodyReader:
    """Reads the body (and referenced notes) in one view: changes accepted or rejected."""

    def __init__(self, parts: DocxParts, styles: StyleSheet, numbering: NumberingDefinitions, view: View,
                 with_layout: bool = True) -> None:
        self.parts = parts
        self.styles = styles
        self.view = view
        self.with_layout = with_layout  # gather what the page estimate needs
        self.counters = ListCounters(numbering)
        self.numbering = numbering
        self.fields: list[Field] = []
        self.drafts: list[Draft] = []
        self._carried: tuple[Content, etree._Element] | None = None
        self._notes = {"footnote": note_index(parts.footnotes, "footnote"),
                       "endnote": note_index(parts.endnotes, "endnote")}
        self._note_formats = note_formats(parts.settings, parts.body)
        self._note_counts = {"footnote": 0, "endnote": 0}

    # block level

    def read(self) -> list[Draft]:
        self.read_blocks(self.parts.body, toc=False)
        self.flush_carried()
        return self.drafts

    def read_blocks(self, container: etree._Element, toc: bool) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.read_paragraph(child, toc)
            elif tag == TBL:
                self.flush_carried()
                self.read_table(child, toc)
            elif tag == SDT:
                self.read_blocks_of_sdt(child, toc)
            elif tag == CUSTOM_XML:
                self.read_blocks(child, toc)

    def read_blocks_of_sdt(self, sdt: etree._Element, toc: bool) -> None:
        content = sdt.find(SDT_CONTENT)
        if content is not None:
            self.read_blocks(content, toc or is_toc_sdt(sdt))

    def read_paragraph(self, p: etree._Element, toc: bool) -> None:
        paragraph = self.paragraph(p)
        if paragraph is None:
            return
        content, paragraph_format = paragraph.content, paragraph.format
        ppr = p.find(PPR)
        own_outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        size = content.main_size()
        cues = {
            "label": paragraph.label.strip(),
            "heading_level": paragraph_format.outline_level if own_outline is None else
            outline_level(own_outline, "", ""),
            "list_level": paragraph.list_level,
            "bold": content.visible > 0 and content.bold * 2 > content.visible,
            "size_ratio": round(size / self.styles.body_size, 3) if size and self.styles.body_size else None,
            "toc": toc or paragraph_format.is_toc or content.in_toc_field,
            "indent": paragraph.indent / TWIPS_PER_POINT,
        }
        section = ppr.find(SECT_PR) if ppr is not None else None
        self.drafts.append(Draft(
            content=content,
            cues=cues,
            page_break_before=paragraph_format_page_break(ppr, paragraph_format),
            page_break_after=section is not None and starts_new_page(section),
            layout=self.layout_of(ppr, paragraph_format, size, section, paragraph.indent) if self.with_layout
            else None,
        ))

    def paragraph(self, p: etree._Element) -> Paragraph | None:
        """The paragraph's labelled content, or None when its mark is removed in this view (its
        text then joins the next paragraph, whose properties the merged paragraph takes)."""
        content = self.content_of(p)
        if self.mark_removed(p):
            if self._carried is not None:
                self._carried[0].extend(content)
                content = self._carried[0]
            self._carried = (content, p)
            return None
        if self._carried is not None:
            carried, _ = self._carried
            self._carried = None
            carried.extend(content)
            content = carried
        return self.labelled(p, content)

    def labelled(self, p: etree._Element, content: Content) -> Paragraph:
        ppr = p.find(PPR)
        paragraph_format = self.styles.paragraph_format(val(ppr.find(W + "pStyle"), "") if ppr is not None else "")
        num_id, level = self.numbering_of(ppr, paragraph_format)
        label = self.counters.next_label(num_id, level) if num_id else None
        prefix = label.prefix if label is not None else ""
        if label is not None and label.is_bullet and not content.text.strip():
            prefix = ""  # an empty bullet line shows nothing worth reading
        content.prepend(prefix)
        indent = own_indent(ppr)
        if indent is None and label is not None:
            indent = label.indent
        return Paragraph(content, paragraph_format, prefix, label.level if label is not None else None,
                         paragraph_format.indent_left if indent is None else indent)

    def flush_carried(self) -> None:
        """A paragraph whose mark is removed but that nothing follows stays a paragraph."""
        if self._carried is None:
            return
        content, p = self._carried
        self._carried = None
        content_format = self.styles.paragraph_format(val(p.find(f"{PPR}/{W}pStyle"), "") or "")
        layout = self.layout_of(p.find(PPR), content_format, content.main_size(), None,
                                content_format.indent_left) if self.with_layout else None
        self.drafts.append(Draft(content=content, cues={"bold": content.bold * 2 > content.visible > 0},
                                 layout=layout))

    def numbering_of(self, ppr: etree._Element | None, paragraph_format: ParagraphFormat) -> tuple[int | None, int]:
        """(numId, ilvl) from the paragraph's numPr, else from its style chain; numId 0 = none."""
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = int_attribute(num_pr.find(W + "numId"), "val") if num_pr is not None else None
        level = int_attribute(num_pr.find(W + "ilvl"), "val") if num_pr is not None else None
        if num_id is None:
            num_id = paragraph_format.num_id
        if not num_id:
            return None, 0
        if level is None:
            level = paragraph_format.level
        if level is None:
            level = self.numbering.level_for_style(num_id, paragraph_format.style_id) or 0
        return num_id, level

    def mark_removed(self, p: etree._Element) -> bool:
        mark = p.find(f"{PPR}/{RPR}")
        return mark is not None and any(mark.find(tag) is not None for tag in REMOVED[self.view])

    def layout_of(self, ppr: etree._Element | None, paragraph_format: ParagraphFormat, size: float | None,
                  section: etree._Element | None, indent_left: int) -> Layout:
        """The paragraph's own spacing and indentation over its style's."""
        own = present(ppr)

        def own_or_style(child: str, attribute: str, style_value: int) -> int:
            value = first_attribute(own, child, (attribute,))
            return style_value if value is None else value

        keep_next = is_on(ppr.find(W + "keepNext")) if ppr is not None else None
        own_line = first_attribute(own, "spacing", ("line",))
        return Layout(
            size=size or paragraph_format.run.size,
            line=paragraph_format.line if own_line is None else own_line,
            line_rule=line_rule(own) or (paragraph_format.line_rule if own_line is None else "auto"),
            space_before=own_or_style("spacing", "before", paragraph_format.space_before),
            space_after=own_or_style("spacing", "after", paragraph_format.space_after),
            indent=max(0, indent_left) + max(0, own_or_style("ind", "right", paragraph_format.indent_right)),
            keep_next=paragraph_format.keep_next if keep_next is None else keep_next,
            style_id=paragraph_format.style_id,
            contextual_spacing=paragraph_format.contextual_spacing,
            section=section,
        )

    # tables

    def read_table(self, tbl: etree._Element, toc: bool) -> None:
        grid = [int_attribute(column, "w", 0) or 0 for column in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
        first = True
        for row in table_rows(tbl):
            if self.row_removed(row):
                continue
            cells, widths = [], []
            column = 0
            for cell in row_cells(row):
                span = int_attribute(cell.find(f"{W}tcPr/{W}gridSpan"), "val", 1) or 1
                widths.append(cell_width(cell, grid[column:column + span]))
                column += span
                cells.append(self.cell_content(cell))
            row_content = joined(cells, " | ")
            row_content.paragraph_layouts = []
            size = row_content.main_size()
            self.drafts.append(Draft(
                content=row_content,
                kind="table_row",
                cues={"bold": row_content.visible > 0 and row_content.bold * 2 > row_content.visible,
                      "size_ratio": round(size / self.styles.body_size, 3) if size else None,
                      "toc": toc or row_content.in_toc_field, "table_start": first},
                layout=Layout(size=size or self.styles.body_size, line=240, line_rule="auto", space_before=0,
                              space_after=0, indent=0,
                              cells=tuple((width, tuple(cell.paragraph_layouts)) for cell, width in zip(cells, widths)))
                if self.with_layout else None,
            ))
            first = False

    def cell_content(self, cell: etree._Element) -> Content:
        """A cell's paragraphs joined with a space; nested tables flattened into the cell."""
        content = Content()
        for block in cell_blocks(cell):
            if block.tag == P:
                paragraph = self.paragraph(block)
                if paragraph is not None:
                    if self.with_layout:
                        layout = self.layout_of(block.find(PPR), paragraph.format, paragraph.content.main_size(),
                                                None, paragraph.indent)
                        paragraph.content.paragraph_layouts.append((paragraph.content.text, layout))
                    content.extend(paragraph.content, " ")
            elif block.tag == TBL:
                for row in table_rows(block):
                    if not self.row_removed(row):
                        content.extend(joined([self.cell_content(nested) for nested in row_cells(row)], " | "), " ")
        if self._carried is not None:
            carried, _ = self._carried
            self._carried = None
            content.extend(carried, " ")
        return content

    def row_removed(self, row: etree._Element) -> bool:
        properties = row.find(TRPR)
        return properties is not None and any(properties.find(tag) is not None for tag in REMOVED[self.view])

    # runs

    def content_of(self, p: etree._Element) -> Content:
        # A field code cannot hold a paragraph mark: a field still reading its code here was never
        # closed (a damaged file), and would otherwise hide the rest of the document.
        self.fields = [open_field for open_field in self.fields if open_field.showing_result]
        content = Content(in_toc_field=self.in_toc_field())
        ppr = p.find(PPR)
        paragraph_format = self.styles.paragraph_format(val(ppr.find(W + "pStyle"), "") if ppr is not None else "")
        self.read_inline(p, content, paragraph_format)
        return content

    def read_inline(self, parent: etree._Element, content: Content, paragraph_format: ParagraphFormat) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self.read_run(child, content, paragraph_format)
            elif tag in INLINE_WRAPPERS or tag in INSERTED[self.view]:
                self.read_inline(child, content, paragraph_format)
            elif tag == SDT:
                inner = child.find(SDT_CONTENT)
                if inner is not None:
                    self.read_inline(inner, content, paragraph_format)
            elif tag == FLD_SIMPLE:
                instruction = child.get(W + "instr", "")
                self.fields.append(Field([instruction], True, is_toc_instruction(instruction)))
                content.in_toc_field |= self.fields[-1].is_toc
                self.read_inline(child, content, paragraph_format)
                self.fields.pop()

    def read_run(self, run: etree._Element, content: Content, paragraph_format: ParagraphFormat) -> None:
        run_format = self.format_of(run, paragraph_format)
        for child in run:
            tag = child.tag
            if tag == T or (tag == DEL_TEXT and self.view == "original"):
                if self.showing_text() and not run_format.hidden:
                    content.add(run_text(child, run), run_format)
            elif tag == FLD_CHAR:
                self.field_char(child.get(W + "fldCharType", ""))
                content.in_toc_field |= self.in_toc_field()
            elif tag == INSTR_TEXT:
                if self.fields and not self.fields[-1].showing_result:
                    self.fields[-1].instruction.append(child.text or "")
            elif not self.showing_text() or run_format.hidden:
                continue
            elif tag in (TAB, PTAB):
                content.add("\t")
            elif tag in (BR, CR):
                content.add("\n")
                if tag == BR and child.get(W + "type") == "page":
                    content.page_breaks.append(content.length)
            elif tag == RENDERED_BREAK:
                content.page_breaks.append(content.length)
            elif tag == NO_BREAK_HYPHEN:
                content.add("-", run_format)
            elif tag == SYM:
                content.add(symbol_text(child), run_format)
            elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
                self.reference_note(child, "footnote" if tag == FOOTNOTE_REF else "endnote", content)

    def format_of(self, run: etree._Element, paragraph_format: ParagraphFormat) -> RunFormat:
        """Bold, size and hiding of a run: its own w:rPr over its character and paragraph styles."""
        rpr = run.find(RPR)
        if rpr is None or not len(rpr):
            return self.styles.run_format(paragraph_format, "")
        character_style, bold, hidden, size = "", None, None, None
        for child in rpr:  # one pass: runs are many
            tag = child.tag
            if tag == R_STYLE:
                character_style = val(child, "") or ""
            elif tag == BOLD:
                bold = is_on(child)
            elif tag == VANISH:
                hidden = is_on(child)
            elif tag == SIZE:
                size = int_attribute(child, "val")
        base = self.styles.run_format(paragraph_format, character_style)
        if bold is None and hidden is None and size is None:
            return base
        return RunFormat(bold=base.bold if bold is None else bold, size=base.size if size is None else size / 2,
                         hidden=base.hidden if hidden is None else hidden)

    # fields

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.showing_result = True
            current.is_toc = is_toc_instruction("".join(current.instruction))
        elif kind == "end" and self.fields:
            self.fields.pop()

    def showing_text(self) -> bool:
        """Text counts only outside field instructions (a field's code is not what Word shows)."""
        return all(open_field.showing_result for open_field in self.fields)

    def in_toc_field(self) -> bool:
        return any(open_field.is_toc for open_field in self.fields)

    # notes

    def reference_note(self, reference: etree._Element, kind: str, content: Content) -> None:
        note = self._notes[kind].get(reference.get(W + "id", ""))
        if note is None:
            return
        self._note_counts[kind] += 1
        number = format_number(self._note_counts[kind], self._note_formats[kind], self.styles.language)
        saved_fields, self.fields = self.fields, []
        note_content = Content()
        for p in note.iter(P):
            note_content.extend(self.content_of(p), " ")
        self.fields = saved_fields
        text = " ".join(note_content.text.split())
        if text:
            content.notes.append(f"[{number}] {text}")


def own_indent(ppr: etree._Element | None) -> int | None:
    """The paragraph's own left indentation in twips, if it sets one."""
    return first_attribute(present(ppr), "ind", ("left", "start"))


def cell_width(cell: etree._Element, grid_columns: list[int]) -> int:
    """A cell's width in twips: the grid columns it spans, else its own w:tcW (0 if unknown)."""
    return sum(grid_columns) or int_attribute(cell.find(f"{W}tcPr/{W}tcW"), "w", 0) or 0


def joined(contents: list[Content], separator: str) -> Content:
    """The contents one after the other; empty ones keep their place (a blank table cell)."""
    result = Content()
    for index, content in enumerate(contents):
        if index:
            result.add(separator)
        result.extend(content)
    return result


def paragraph_format_page_break(ppr: etree._Element | None, paragraph_format: ParagraphFormat) -> bool:
    own = is_on(ppr.find(W + "pageBreakBefore")) if ppr is not None else None
    return paragraph_format.page_break_before if own is None else own


def starts_new_page(section: etree._Element) -> bool:
    """Section breaks start a new page unless continuous (nextPage is the default type)."""
    return val(section.find(W + "type"), "nextPage") in ("nextPage", "oddPage", "evenPage")


def is_toc_instruction(instruction: str) -> bool:
    return instruction.strip().upper().startswith("TOC")


def is_toc_sdt(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{SDT_PR}/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and (val(gallery, "") or "").lower() == "table of contents"


def run_text(t: etree._Element, run: etree._Element) -> str:
    """A w:t's text as Word shows it: outer spaces kept only with xml:space="preserve", and
    symbol-font private-use characters replaced by the Unicode character they draw."""
    text = t.text or ""
    if text and (text[0].isspace() or text[-1].isspace()) and t.get(XML_SPACE) != "preserve":
        text = text.strip()
    if SYMBOL_FONT_RANGE.search(text):
        font = run.find(f"{RPR}/{W}rFonts")
        font_name = ((font.get(W + "ascii") or font.get(W + "hAnsi") or "") if font is not None else "").lower()
        text = "".join(symbol_character(ord(char), font_name) if 0xF000 <= ord(char) <= 0xF0FF else char
                       for char in text)
    return text


def symbol_character(code: int, font_name: str) -> str:
    """The Unicode twin of a symbol-font character stored as U+F0xx ("" when unknown)."""
    if "symbol" in font_name and code - 0xF000 in SYMBOL_FONT_CHARS:
        return SYMBOL_FONT_CHARS[code - 0xF000]
    return PRIVATE_USE_BULLETS.get(code, "")


def symbol_text(sym: etree._Element) -> str:
    """The character a w:sym draws, when it has a Unicode equivalent ("" otherwise)."""
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if code < 0xF000:
        return chr(code) if code >= 0x20 else ""
    return symbol_character(code, (sym.get(W + "font") or "").lower())


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    yield from _children_through_wrappers(tbl, TR)


def row_cells(row: etree._Element) -> Iterator[etree._Element]:
    yield from _children_through_wrappers(row, TC)


def cell_blocks(cell: etree._Element) -> Iterator[etree._Element]:
    for child in cell:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in (SDT, CUSTOM_XML):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from cell_blocks(inner)


def _children_through_wrappers(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children named ``tag``, also inside content controls and custom XML wrapping them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            inner = child.find(SDT_CONTENT)
            if inner is not None:
                yield from _children_through_wrappers(inner, tag)
        elif child.tag == CUSTOM_XML:
            yield from _children_through_wrappers(child, tag)


def note_index(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    """Footnotes or endnotes by id, without the separator pseudo-notes."""
    if root is None:
        return {}
    return {note.get(W + "id", ""): note for note in root.iterfind(W + kind)
            if note.get(W + "type", "normal") == "normal"}


def note_formats(settings: etree._Element | None, body: etree._Element) -> dict[str, str]:
    """Number formats of footnotes and endnotes (Word's defaults: 1, 2... and i, ii...)."""
    formats = {"footnote": "decimal", "endnote": "lowerRoman"}
    for source in (settings, body.find(SECT_PR)):
        if source is None:
            continue
        for kind in formats:
            number_format = source.find(f"{W}{kind}Pr/{W}numFmt")
            if number_format is not None:
                formats[kind] = val(number_format, formats[kind]) or formats[kind]
    return formats


# --- tracked changes --------------------------------------------------------------------------

def count_revisions(parts: DocxParts) -> Revisions:
    """Insertions and deletions of text, counted as Word lists them in its review pane.

    A stretch of adjacent changes of the same kind by the same author counts once, and a
    paragraph mark inserted or deleted with the text just before it belongs to that change; so
    a wholly inserted paragraph is one insertion. Formatting changes (rPrChange, pPrChange)
    are not text revisions and are not counted.
    """
    insertions = deletions = 0
    authors = set()
    roots = [root for root in (parts.body, parts.footnotes, parts.endnotes) if root is not None]
    for root in roots:
        for p in root.iter(P):
            for kind, author in paragraph_revisions(p):
                authors.add(author)
                if kind == "ins":
                    insertions += 1
                else:
                    deletions += 1
    return Revisions(insertions=insertions, deletions=deletions, authors=tuple(sorted(authors - {""})))


def revision_kind(element: etree._Element) -> str | None:
    if element.tag in (INS, MOVE_TO):
        return "ins"
    if element.tag in (DEL, MOVE_FROM):
        return "del"
    return None


def paragraph_revisions(p: etree._Element) -> list[tuple[str, str]]:
    """(kind, author) of each change in the paragraph, adjacent same-kind same-author merged."""
    changes: list[tuple[str, str]] = []
    last_element: etree._Element | None = None
    for element in p.iter(INS, DEL, MOVE_TO, MOVE_FROM):
        parent = element.getparent()
        if parent is not None and parent.tag == RPR:
            continue  # a paragraph mark (handled below) or a run property, not text
        if not has_text(element):
            continue
        kind, author = revision_kind(element), element.get(W + "author", "")
        if last_element is not None and changes[-1] == (kind, author) and \
                previous_sibling(element) is last_element:
            last_element = element
            continue
        changes.append((kind, author))
        last_element = element
    mark = p.find(f"{PPR}/{RPR}")
    for element in (mark if mark is not None else ()):
        kind = revision_kind(element)
        if kind is None:
            continue
        author = element.get(W + "author", "")
        ends_paragraph = last_element is not None and next_sibling(last_element) is None
        if not (changes and changes[-1] == (kind, author) and ends_paragraph):
            changes.append((kind, author))
    return changes


def has_text(element: etree._Element) -> bool:
    return any((node.text or "").strip() or node.tag in (TAB, BR) for node in element.iter(T, DEL_TEXT, TAB, BR))


def previous_sibling(element: etree._Element) -> etree._Element | None:
    sibling = element.getprevious()
    while sibling is not None and sibling.tag in SILENT_MARKS:
        sibling = sibling.getprevious()
    return sibling


def next_sibling(element: etree._Element) -> etree._Element | None:
    sibling = element.getnext()
    while sibling is not None and (sibling.tag in SILENT_MARKS or (sibling.tag == R and not has_text(sibling))):
        sibling = sibling.getnext()
    return sibling


# --- assembling the document ------------------------------------------------------------------

@dataclass
class Assembled:
    builder: TextBuilder
    blocks_of_drafts: list[Block | None]
    page_starts: list[int]


def assemble(drafts: list[Draft]) -> Assembled:
    """Places the drafts in a TextBuilder; notes follow the block that references them.

    Page starts come from the drafts' explicit and rendered page breaks (used when Word saved
    its pagination): a break at a block's edge starts the page at the next block.
    """
    builder = TextBuilder()
    page_starts = [0]
    blocks: list[Block | None] = []
    pending = False
    for draft in drafts:
        text = draft.content.text
        block = builder.add(text, kind=draft.kind, **draft.cues)
        blocks.append(block)
        if block is None:
            pending |= draft.page_break_before or draft.page_break_after or bool(draft.content.page_breaks)
            continue
        if pending or draft.page_break_before:
            page_starts.append(block.start)
            pending = False
        lead = len(text) - len(text.lstrip())
        for offset in draft.content.page_breaks:
            position = offset - lead
            if position <= 0:
                page_starts.append(block.start)
            elif position >= block.end - block.start:
                pending = True
            else:
                page_starts.append(block.start + position)
        for note in draft.content.notes:
            builder.add(note, kind="footnote")
        pending |= draft.page_break_after
    return Assembled(builder, blocks, sorted(set(page_starts)))


def with_pages(blocks: list[Block], page_starts: list[int]) -> tuple[Block, ...]:
    return tuple(replace(block, page=bisect.bisect_right(page_starts, block.start)) for block in blocks)


# --- estimated pagination ---------------------------------------------------------------------

# Advance widths (thousandths of the font size) of Times New Roman and Arial, which Liberation
# Serif and Liberation Sans share; characters not listed count as an average one.
MEASURED_CHARACTERS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz"
                       "{|}~àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒÆ«»’‘“”–—…€°§²")
SERIF_WIDTHS = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 "
    "278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 "
    "611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 "
    "500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541 444 444 444 444 444 444 444 444 278 "
    "278 500 500 500 500 500 500 722 667 722 722 667 611 611 611 611 333 333 722 722 722 722 889 889 500 500 "
    "333 333 444 444 500 1000 1000 500 400 500 300")
SANS_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 "
    "611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 "
    "556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584 556 556 556 500 556 556 556 556 278 "
    "278 556 556 556 556 556 500 944 889 667 667 722 667 667 667 667 278 278 778 722 722 722 1000 1000 556 556 "
    "222 222 333 333 556 1000 1000 556 400 556 333")


class FontMetrics:
    """Character widths and single line height of a font family, as fractions of the font size."""

    def __init__(self, widths: str, scale: float, line_height: float) -> None:
        self.widths = {char: int(width) * scale / 1000 for char, width in zip(MEASURED_CHARACTERS, widths.split())}
        self.average = sum(self.widths[char] for char in "etaoinsrludcmp") / 14
        self.line_height = line_height
        self.known_words: dict[str, float] = {}  # words repeat: each is measured once

    def word_width(self, word: str) -> float:
        """Width of a word at size 1."""
        width = self.known_words[word] = sum(self.widths.get(char, self.average) for char in word)
        return width


FONT_METRICS = {
    "serif": FontMetrics(SERIF_WIDTHS, 1.0, 1.15),  # Times New Roman / Liberation Serif and similar
    "sans": FontMetrics(SANS_WIDTHS, 1.0, 1.15),  # Arial / Liberation Sans, Helvetica
    "calibri": FontMetrics(SANS_WIDTHS, 0.91, 1.22),  # Calibri / Carlito: narrower than Arial (estimated)
    "wide": FontMetrics(SANS_WIDTHS, 1.13, 1.17),  # DejaVu Sans, Verdana, Tahoma
}
FONT_FAMILIES = (("calibri", "calibri"), ("carlito", "calibri"), ("dejavu", "wide"), ("verdana", "wide"),
                 ("tahoma", "wide"), ("arial", "sans"), ("helvetica", "sans"), ("liberation sans", "sans"),
                 ("arimo", "sans"), ("segoe", "sans"), ("sans", "sans"))


def font_metrics(family: str) -> FontMetrics:
    """The metrics of the font family (serif ones, the most common in contracts, by default)."""
    name = family.lower()
    for fragment, kind in FONT_FAMILIES:
        if fragment in name:
            return FONT_METRICS[kind]
    return FONT_METRICS["serif"]


A4 = (11906, 16838, 1418, 1418, 1418, 1418)  # width, height, top, bottom, left, right (twips)


def page_geometry(section: etree._Element | None) -> tuple[float, float]:
    """Usable (width, height) in points of a section's page."""
    width, height, top, bottom, left, right = A4
    if section is not None:
        size, margins = section.find(W + "pgSz"), section.find(W + "pgMar")
        width = int_attribute(size, "w", width) or width
        height = int_attribute(size, "h", height) or height
        top = abs(int_attribute(margins, "top", top) or 0)
        bottom = abs(int_attribute(margins, "bottom", bottom) or 0)
        left = int_attribute(margins, "left", left) or 0
        right = int_attribute(margins, "right", right) or 0
    return (width - left - right) / TWIPS_PER_POINT, (height - top - bottom) / TWIPS_PER_POINT


def section_of_each(drafts: list[Draft], body_section: etree._Element | None) -> list[etree._Element | None]:
    """The w:sectPr governing each draft: a section's properties are stored where it ends."""
    sections, current = [], body_section
    for draft in reversed(drafts):
        if draft.layout is not None and draft.layout.section is not None:
            current = draft.layout.section
        sections.append(current)
    return sections[::-1]


def pieces_between_breaks(draft: Draft, block: Block) -> tuple[bool, list[tuple[int, str]], bool]:
    """(break before, [(block offset, text)] between explicit page breaks, break after)."""
    text = draft.content.text
    lead = len(text) - len(text.lstrip())
    length = block.end - block.start
    inner = sorted({offset - lead for offset in draft.content.page_breaks if 0 < offset - lead < length})
    visible = text.strip()
    bounds = [0, *inner, length]
    pieces = [(block.start + low, visible[low:high]) for low, high in zip(bounds, bounds[1:])]
    before = draft.page_break_before or any(offset - lead <= 0 for offset in draft.content.page_breaks)
    after = draft.page_break_after or any(offset - lead >= length for offset in draft.content.page_breaks)
    return before, pieces, after


class PageEstimate:
    """Lays the blocks out on pages with a simple model of Word's and LibreOffice's layout: lines
    wrapped with the body font's character widths, line and paragraph spacing, explicit breaks,
    keep-with-next, widow and orphan control, and table rows kept whole. Footnotes, headers
    taller than the margin, floating objects and images are not modelled."""

    def __init__(self, drafts: list[Draft], blocks: list[Block | None], body_section: etree._Element | None,
                 font: FontMetrics, collapse_spacing: bool) -> None:
        self.drafts, self.blocks, self.font = drafts, blocks, font
        self.collapse_spacing = collapse_spacing
        self.sections = section_of_each(drafts, body_section)
        self._lines: dict[tuple[int, str], int] = {}
        self._geometries: dict[int, tuple[float, float]] = {}
        self.page_starts = [0]
        self.used = 0.0  # points filled on the current page
        self.height = 0.0
        self.break_pending = False

    def run(self) -> list[int]:
        previous: Layout | None = None
        for index, (draft, block) in enumerate(zip(self.drafts, self.blocks)):
            if block is None or draft.layout is None:  # an empty paragraph can still carry a break
                self.break_pending |= draft.page_break_before or draft.page_break_after \
                    or bool(draft.content.page_breaks)
                continue
            width, self.height = self.geometry(self.sections[index])
            self.place(index, draft, block, width, previous)
            previous = draft.layout
        return sorted(set(self.page_starts))

    def place(self, index: int, draft: Draft, block: Block, width: float, previous: Layout | None) -> None:
        layout = draft.layout
        break_before, pieces, break_after = pieces_between_breaks(draft, block)
        if layout.cells:
            self.place_row(self.row_height(layout, width), block, break_before or self.break_pending)
            self.break_pending = break_after
            return
        step = self.line_height(layout)
        same_style = layout.contextual_spacing and previous is not None and previous.style_id == layout.style_id
        before = 0.0 if same_style else layout.space_before / TWIPS_PER_POINT
        if self.collapse_spacing and previous is not None and self.used > 0:
            before = max(0.0, before - previous.space_after / TWIPS_PER_POINT)  # the larger of the two counts
        first_lines = self.lines(draft, pieces[0][1], width)
        needed = before + step * unbreakable_lines(first_lines)
        if layout.keep_next:
            needed += self.next_block_height(index, width)
        if self.used > 0 and (self.break_pending or break_before or self.used + needed > self.height):
            self.new_page(block.start)  # the space before stays at the top of the page, as in LibreOffice
        self.break_pending = False
        self.used += before
        for number, (offset, piece) in enumerate(pieces):
            if number:
                self.new_page(offset)
            self.place_lines(self.lines(draft, piece, width), step, offset, len(piece))
        self.used += layout.space_after / TWIPS_PER_POINT
        self.break_pending = break_after

    def geometry(self, section: etree._Element | None) -> tuple[float, float]:
        key = id(section)
        if key not in self._geometries:
            self._geometries[key] = page_geometry(section)
        return self._geometries[key]

    def new_page(self, offset: int) -> None:
        self.page_starts.append(offset)
        self.used = 0.0
        self.break_pending = False

    def place_row(self, height: float, block: Block, break_before: bool) -> None:
        """A table row is kept whole on one page."""
        if self.used > 0 and (break_before or self.used + height > self.height):
            self.new_page(block.start)
        self.used += height

    def row_height(self, layout: Layout, width: float) -> float:
        """The height of the row's fullest cell: its paragraphs' lines and spacing."""
        total = sum(cell_width for cell_width, _ in layout.cells)
        heights = [0.0]
        for cell_width, paragraphs in layout.cells:
            text_width = cell_text_width(cell_width, total, width, len(layout.cells))
            heights.append(sum(self.line_count(text, text_width, paragraph.size) * self.line_height(paragraph)
                               + (paragraph.space_before + paragraph.space_after) / TWIPS_PER_POINT
                               for text, paragraph in paragraphs))
        return max(heights) or self.line_height(layout)

    def place_lines(self, lines: int, step: float, start: int, length: int) -> None:
        """A paragraph split across pages leaves at least two lines on each page (Word's widow
        and orphan control); the page then starts at the line's estimated offset."""
        for placed in range(lines):
            if self.used + step > self.height and self.used > 0:
                split = placed if lines - placed >= 2 else placed - 1
                if split >= 2:
                    self.new_page(start + length * split // lines)
                    self.used = (placed - split) * step
            self.used += step

    def lines(self, draft: Draft, text: str, width: float) -> int:
        """Lines a paragraph's text takes in the width its indentation leaves, each forced line
        break starting a line (counted once per text: keep-with-next asks again)."""
        key = (id(draft), text)
        if key not in self._lines:
            layout = draft.layout
            usable = max(40.0, width - layout.indent / TWIPS_PER_POINT)
            self._lines[key] = sum(self.line_count(segment, usable, layout.size) for segment in text.split("\n"))
        return self._lines[key]

    def line_count(self, text: str, width: float, size: float) -> int:
        """Lines of greedy wrapping at spaces (as Word and LibreOffice wrap, hyphenation aside)."""
        capacity = width / size
        space = self.font.widths[" "]
        known, measure = self.font.known_words, self.font.word_width
        lines, filled = 1, 0.0
        for word in text.split():
            word_width = known.get(word) or measure(word)
            if filled and filled + space + word_width > capacity:
                lines, filled = lines + 1, word_width
            else:
                filled += word_width + (space if filled else 0.0)
        return lines

    def line_height(self, layout: Layout) -> float:
        if layout.line_rule == "exact":
            return layout.line / TWIPS_PER_POINT
        natural = layout.size * self.font.line_height
        if layout.line_rule == "atLeast":
            return max(natural, layout.line / TWIPS_PER_POINT)
        return natural * layout.line / 240

    def next_block_height(self, index: int, width: float) -> float:
        """Height of the first two lines of the next block: a keep-with-next heading needs them."""
        for draft, block in zip(self.drafts[index + 1:], self.blocks[index + 1:]):
            if block is not None and draft.layout is not None and draft.layout.cells:
                return self.row_height(draft.layout, width)
            if block is not None and draft.layout is not None:
                lines = unbreakable_lines(self.lines(draft, draft.content.text.strip(), width))
                return draft.layout.space_before / TWIPS_PER_POINT + lines * self.line_height(draft.layout)
        return 0.0


def collapses_spacing(settings: etree._Element | None) -> bool:
    """Whether the space between two paragraphs is the larger of "after" and "before" rather than
    their sum. LibreOffice collapses them in a DOCX whose settings lack
    w:doNotUseHTMLParagraphAutoSpacing (and adds them when the package has no settings part)."""
    return settings is not None and settings.find(f"{W}compat/{W}doNotUseHTMLParagraphAutoSpacing") is None


def unbreakable_lines(lines: int) -> int:
    """Lines of a paragraph that must share its first page: two, or all of a paragraph of three
    lines or less (splitting it would leave a single line on one page)."""
    return lines if lines <= 3 else 2


def cell_text_width(cell_width: int, total: int, page_width: float, cells: int) -> float:
    """Points available to text in a cell (its grid width, less Word's default cell margins)."""
    width = cell_width / TWIPS_PER_POINT if cell_width else page_width / cells
    if total / TWIPS_PER_POINT > page_width > 0:
        width *= page_width * TWIPS_PER_POINT / total  # autofit tables wider than the page shrink
    return max(20.0, width - 10.8)


# --- the reader -------------------------------------------------------------------------------

def read_docx(path: Path, data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Reads a Word document: body paragraphs and table rows in order, list labels as Word shows
    them, footnotes after the paragraph citing them, tracked changes accepted, and pages.

    Raises:
        InputError: the data is not a readable DOCX package, or is built to attack XML readers.
        LimitError: the package exceeds ``limits`` (checked before its parts are inflated).
    """
    parts = open_docx(path, data, limits)
    styles = StyleSheet(parts.styles)
    numbering = NumberingDefinitions(parts.numbering, styles.list_style_num_ids(), styles.language)

    word_paginated = next(parts.body.iter(RENDERED_BREAK), None) is not None
    drafts = BodyReader(parts, styles, numbering, "accepted", with_layout=not word_paginated).read()
    assembled = assemble(drafts)
    revisions = count_revisions(parts)
    original_text = None
    if revisions.count:
        original_view = BodyReader(parts, styles, numbering, "original", with_layout=False)
        original_text = assemble(original_view.read()).builder.text

    if word_paginated:
        page_source, page_starts = "word", assembled.page_starts
    else:
        page_source = "estimated"
        font = font_metrics(styles.body_font(parts.theme))
        page_starts = PageEstimate(drafts, assembled.blocks_of_drafts, parts.body.find(SECT_PR), font,
                                   collapses_spacing(parts.settings)).run()
    builder = assembled.builder
    return Document(
        path=str(path),
        format="docx",
        sha256="",
        text=builder.text,
        blocks=with_pages(builder.blocks, page_starts),
        page_starts=tuple(page_starts),
        page_source=page_source,
        original_text=original_text,
        revisions=revisions,
    )
