#!/usr/bin/env python
"""Build the sample contracts: samples/src/<name>.txt -> <name>.docx, <name>.pdf, expected/<name>.json.

    python samples/build.py [names...]

Each source is written as a raw DOCX with python-docx and lxml (Word automatic numbering in
numbering.xml, styles, footnotes, tracked changes, header and footer with PAGE/NUMPAGES fields),
round-tripped through LibreOffice headless so that the committed DOCX is written by LibreOffice,
then converted to PDF by LibreOffice from that DOCX (from a copy with the tracked changes
accepted when there are any). The expected JSON is derived from the SOURCE; only the page numbers
come from the PDF (pdftotext page by page). See samples/README.md for the source format.

Only the standard library and lxml are imported at module level, so tests can import the parser
and the checks without LibreOffice (python-docx is imported when a DOCX is written).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "src"
EXPECTED_DIR = HERE / "expected"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Fixed dates keep the raw DOCX deterministic (LibreOffice still stamps its own dates on output).
FIXED_DATE = "2025-03-14T09:00:00Z"
DOC_AUTHOR = "Auditor samples"

# A4 in twentieths of a point, 2.5 cm side margins.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_LR, MARGIN_TB, HDR_DIST = 1418, 1418, 709
TEXT_W = PAGE_W - 2 * MARGIN_LR


class BuildError(Exception):
    """A source that cannot be built, or an output that does not match its source."""


# --------------------------------------------------------------------------------------------
# 1. The source format
# --------------------------------------------------------------------------------------------

META_KEYS = {"name", "lang", "scheme", "header", "footer", "tracked", "font", "size"}
TEXT_DIRECTIVES = {"u", "p", "h1", "h2", "h3", "n2", "n3", "n4", "li", "annex", "table"}
# Depth in the clause tree of each numbered directive.
DEPTH = {"h1": 1, "h2": 2, "n2": 2, "h3": 3, "n3": 3, "n4": 4}


@dataclass
class Item:
    """One directive of a source, plus what the numbering scheme makes of it."""

    kind: str  # title, center, u, p, h1, h2, h3, n2, n3, n4, li, annex, table, toc, pagebreak
    text: str = ""
    line: int = 0
    rows: list[list[str]] | None = None  # table
    arg: str = ""  # toc: "" (Word TOC) or "typed"
    # Set by number_items():
    label: str = ""  # as printed: "Article 12 –", "12.1", "a)", "ANNEXE A :"
    ref: str = ""
    title: str = ""
    level: int = 0
    ilvl: int | None = None  # list level in the main list (None: not auto-numbered there)
    num_id: int | None = None  # w:numId used for this paragraph
    typed: bool = False  # a level-1 heading whose number is typed in its text
    docx_ilvl: int | None = None  # w:ilvl in the DOCX list that carries the number


@dataclass
class Source:
    path: Path
    name: str = ""
    lang: str = "fr"
    scheme: str = ""
    header: str = ""
    footer: str = ""
    tracked: str = ""
    font: str = "Liberation Serif"
    size: float = 10.5
    items: list[Item] = field(default_factory=list)

    @property
    def has_tracked_changes(self) -> bool:
        return any(INLINE_TRACKED.search(t) for t in self.all_texts())

    def all_texts(self):
        for item in self.items:
            if item.rows:
                for row in item.rows:
                    yield from row
            elif item.text:
                yield item.text


LINE_DIRECTIVE = re.compile(r"^([a-z][a-z0-9]*):\s?(.*)$")


def parse_source(path: str | Path) -> Source:
    """Reads a samples/src/*.txt file; raises BuildError with the line number on any bad line."""
    path = Path(path)
    src = Source(path=path)
    table: Item | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue

        def fail(message: str) -> BuildError:
            return BuildError(f"{path.name}:{number}: {message}: {line!r}")

        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            value = re.sub(r"\s+#\s.*$", "", value).strip()
            if key not in META_KEYS:
                raise fail(f"unknown meta directive @{key}")
            if key == "size":
                src.size = float(value)
            else:
                setattr(src, key, value)
            continue
        if line.startswith("= "):
            item = Item("title", line[2:].strip(), number)
        elif line.startswith(": ") or line == ":":
            item = Item("center", line[1:].strip(), number)
        elif line.strip() in ("toc", "toc typed"):
            item = Item("toc", line=number, arg="typed" if "typed" in line else "")
        elif line.strip() == "pagebreak":
            item = Item("pagebreak", line=number)
        else:
            match = LINE_DIRECTIVE.match(line)
            if not match or match.group(1) not in TEXT_DIRECTIVES:
                raise fail("unknown directive")
            kind, text = match.group(1), match.group(2).strip()
            if not text:
                raise fail("empty text")
            if kind == "table":
                cells = [c.strip() for c in text.split("|")]
                if table is None:
                    table = Item("table", line=number, rows=[])
                    src.items.append(table)
                elif len(cells) != len(table.rows[0]):
                    raise fail(f"table row has {len(cells)} cells, the header has {len(table.rows[0])}")
                table.rows.append(cells)
                continue
            item = Item(kind, text, number)
        table = None
        src.items.append(item)
    if not src.name:
        src.name = path.stem
    if src.name != path.stem:
        raise BuildError(f"{path.name}: @name {src.name} differs from the file name")
    if src.lang not in ("fr", "en"):
        raise BuildError(f"{path.name}: @lang must be fr or en")
    if src.scheme not in SCHEMES:
        raise BuildError(f"{path.name}: @scheme must be one of {', '.join(SCHEMES)}")
    if src.footer not in ("", "page"):
        raise BuildError(f"{path.name}: @footer must be 'page'")
    if src.has_tracked_changes and not src.tracked:
        raise BuildError(f"{path.name}: {{+...+}} / {{-...-}} need an @tracked author")
    number_items(src)
    return src


# Inline markup inside any text: {+inserted+} {-deleted-} [^footnote] **bold**.
INLINE = re.compile(r"\{\+(.+?)\+\}|\{-(.+?)-\}|\[\^(.+?)\]|\*\*(.+?)\*\*")
INLINE_TRACKED = re.compile(r"\{\+.+?\+\}|\{-.+?-\}")


def segments(text: str) -> list[tuple[str, str]]:
    """Splits text into (kind, text) with kind in plain, ins, del, fn, bold."""
    out: list[tuple[str, str]] = []
    pos = 0
    for match in INLINE.finditer(text):
        if match.start() > pos:
            out.append(("plain", text[pos:match.start()]))
        kind = ("ins", "del", "fn", "bold")[[g is not None for g in match.groups()].index(True)]
        out.append((kind, match.group(match.lastindex)))
        pos = match.end()
    if pos < len(text):
        out.append(("plain", text[pos:]))
    return out


def accepted(text: str, footnotes: bool = False) -> str:
    """The text with tracked changes accepted, markup removed (footnote text dropped unless asked)."""
    return "".join(t for k, t in segments(text) if k in ("plain", "ins", "bold") or (footnotes and k == "fn"))


def original(text: str) -> str:
    """The text with tracked changes rejected."""
    return "".join(t for k, t in segments(text) if k in ("plain", "del", "bold"))


# --------------------------------------------------------------------------------------------
# 2. Numbering schemes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    fmt: str  # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman
    text: str  # w:lvlText
    restart: bool = True  # False: keeps counting when a higher level is used (w:lvlRestart 0)
    root: bool = False  # the ref of this level does not include its parents' parts
    left: int = 0
    hanging: int = 0
    suff: str = "tab"


@dataclass(frozen=True)
class Scheme:
    name: str
    levels: tuple[Level, ...]
    annex: Level
    annex_ref: str  # "Annexe" or "Schedule"
    typed_h1: bool = False  # level-1 headings typed by the author; the list starts at depth 2
    style_linked: bool = False  # numbering only through the Heading N styles for h1-h3
    heading1_linked: bool = False  # Heading 1 style carries the level-0 numPr too
    # Levels from this index on live in a second Word list (LibreOffice ignores w:lvlRestart, so a
    # level that must not restart under its parent is given a list of its own).
    split_at: int | None = None


SCHEMES: dict[str, Scheme] = {
    "article-dash": Scheme(
        "article-dash",
        (Level("decimal", "Article %1 –", suff="space"),
         Level("decimal", "%1.%2", left=709, hanging=709),
         Level("lowerLetter", "%3)", left=1134, hanging=425)),
        Level("decimal", "Annexe %1 –", suff="space"), "Annexe", heading1_linked=True),
    "article-colon-typed": Scheme(
        "article-colon-typed",
        (Level("decimal", "%1)", left=567, hanging=567),
         Level("lowerLetter", "%2.", left=1134, hanging=567)),
        Level("upperLetter", "ANNEXE %1 :", suff="space"), "Annexe", typed_h1=True),
    "decimal-headings": Scheme(
        "decimal-headings",
        (Level("decimal", "%1.", left=567, hanging=567),
         Level("decimal", "%1.%2", left=567, hanging=567),
         Level("decimal", "%1.%2.%3", left=1134, hanging=567),
         Level("lowerLetter", "(%4)", left=1701, hanging=567)),
        Level("upperRoman", "Annexe %1", suff="space"), "Annexe", style_linked=True),
    "roman-sections": Scheme(
        "roman-sections",
        (Level("upperRoman", "%1.", left=567, hanging=567),
         Level("decimal", "%2.", restart=False, root=True, left=567, hanging=567),
         Level("lowerLetter", "%3)", left=1134, hanging=567)),
        Level("decimal", "Annexe %1 :", suff="space"), "Annexe", split_at=1),
    "en-clause": Scheme(
        "en-clause",
        (Level("decimal", "%1.", left=567, hanging=567),
         Level("decimal", "%1.%2", left=567, hanging=567),
         Level("lowerLetter", "(%3)", left=1134, hanging=567)),
        Level("decimal", "Schedule %1 –", suff="space"), "Schedule"),
}

# numIds in numbering.xml: the main list, the annex list, the bullet list, the split list
# (roman-sections articles), then one per typed h1 (article-colon-typed).
NUM_MAIN, NUM_ANNEX, NUM_BULLET, NUM_SPLIT, NUM_TYPED_FIRST = 1, 2, 3, 4, 10


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """Formats a list counter as Word does for these w:numFmt values."""
    if fmt == "decimal":
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n).lower() if fmt == "lowerRoman" else roman(n)
    raise BuildError(f"unsupported numFmt {fmt}")


def render_label(lvl_text: str, counters: list[int], fmts: list[str]) -> str:
    return re.sub(r"%(\d)", lambda m: format_number(max(counters[int(m.group(1)) - 1], 1),
                                                    fmts[int(m.group(1)) - 1]), lvl_text)


TYPED_H1 = re.compile(r"^(ARTICLE\s+(PREMIER|1ER|\d+))\s*([–—:.-])\s*(.+)$", re.IGNORECASE)


def number_items(src: Source) -> None:
    """Gives each numbered item its label, ref, title and level, as the scheme prints them."""
    scheme = SCHEMES[src.scheme]
    fmts = [lvl.fmt for lvl in scheme.levels]
    counters = [0] * len(scheme.levels)
    annexes = 0
    typed_number: str | None = None  # the typed h1's number (article-colon-typed)
    typed_num_id = NUM_TYPED_FIRST - 1
    seen_h1 = False
    for item in src.items:
        where = f"{src.path.name}:{item.line}"
        if item.kind == "annex":
            annexes += 1
            item.label = render_label(scheme.annex.text, [annexes], [scheme.annex.fmt])
            item.ref = f"{scheme.annex_ref} {format_number(annexes, scheme.annex.fmt)}"
            item.title = accepted(item.text).strip()
            item.level = 1
            item.num_id = NUM_ANNEX
            continue
        if item.kind not in DEPTH:
            continue
        if annexes:
            raise BuildError(f"{where}: numbered clauses after an annex are not supported")
        depth = DEPTH[item.kind]
        item.level = depth
        item.title = accepted(item.text).strip() if item.kind.startswith("h") else ""
        if scheme.typed_h1 and depth == 1:
            match = TYPED_H1.match(accepted(item.text).strip())
            if not match:
                raise BuildError(f"{where}: a typed h1 must read 'ARTICLE PREMIER – TITRE' or 'ARTICLE 2 : TITRE'")
            word = match.group(2).upper()
            typed_number = "1" if word in ("PREMIER", "1ER") else str(int(word))
            sep = match.group(3)
            item.label = f"{match.group(1)} {sep}" if sep in "–—:" else f"{match.group(1)}{sep}"
            item.title = match.group(4).strip()
            item.ref = typed_number
            item.typed = True
            counters = [0] * len(scheme.levels)
            typed_num_id += 1
            seen_h1 = True
            continue
        if depth == 1:
            seen_h1 = True
        if not seen_h1:
            raise BuildError(f"{where}: a numbered clause before the first h1")
        ilvl = depth - 2 if scheme.typed_h1 else depth - 1
        if ilvl >= len(scheme.levels):
            raise BuildError(f"{where}: scheme {scheme.name} has no level {depth}")
        counters[ilvl] += 1
        for j in range(ilvl + 1, len(counters)):
            if scheme.levels[j].restart:
                counters[j] = 0
        item.ilvl = item.docx_ilvl = ilvl
        item.num_id = typed_num_id if scheme.typed_h1 else NUM_MAIN
        if scheme.split_at is not None and ilvl >= scheme.split_at:
            item.num_id, item.docx_ilvl = NUM_SPLIT, ilvl - scheme.split_at
        item.label = render_label(scheme.levels[ilvl].text, counters, fmts)
        # The ref: the parts of the open levels from the nearest root down to this one.
        first = max([j for j in range(ilvl + 1) if scheme.levels[j].root], default=0)
        parts = [format_number(counters[j], fmts[j]) for j in range(first, ilvl + 1) if counters[j]]
        if scheme.typed_h1 and first == 0:
            parts.insert(0, typed_number)
        item.ref = ".".join(parts)


def expected_clauses(src: Source) -> list[dict]:
    """The clause list of expected/<name>.json without pages, in document order, from the source."""
    out = []
    body_kinds = {"u", "p", "li", "table", "n2", "n3", "n4"}
    first_h1 = next((i for i, it in enumerate(src.items) if it.kind in ("h1", "annex")), len(src.items))
    if any(it.kind in body_kinds for it in src.items[:first_h1]):
        out.append({"ref": "preamble", "label": "", "title": "", "level": 0, "kind": "preamble"})
    for item in src.items:
        if item.ref:
            out.append({"ref": item.ref, "label": item.label, "title": item.title, "level": item.level,
                        "kind": "annex" if item.kind == "annex" else "clause"})
    return out


def toc_entries(src: Source) -> list[Item]:
    return [it for it in src.items if it.kind in ("h1", "annex")]


def heading_line(item: Item) -> str:
    """The heading as it reads on the page: typed text, or label + title."""
    if item.typed:
        return accepted(item.text).strip()
    return f"{item.label} {item.title}".strip()


# --------------------------------------------------------------------------------------------
# 3. The raw DOCX
# --------------------------------------------------------------------------------------------

LANG_TAG = {"fr": "fr-FR", "en": "en-GB"}
FOOTER_WORDS = {"fr": ("Page ", " sur "), "en": ("Page ", " of ")}


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def styles_xml(src: Source) -> str:
    scheme = SCHEMES[src.scheme]
    font = xml_escape(src.font)
    size = int(round(src.size * 2))
    lang = LANG_TAG[src.lang]
    fr = src.lang == "fr"

    def heading(n: int, size_hp: int, before: int, caps: bool = False) -> str:
        num = ""
        if scheme.style_linked or (n == 1 and scheme.heading1_linked):
            ilvl = n - 1
            if ilvl < len(scheme.levels):
                num = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_MAIN}"/></w:numPr>'
        return f"""
  <w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/>
    <w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/>{num}<w:spacing w:before="{before}" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="{n - 1}"/></w:pPr>
    <w:rPr><w:b/><w:bCs/>{'<w:caps/>' if caps else ''}<w:sz w:val="{size_hp}"/><w:szCs w:val="{size_hp}"/></w:rPr></w:style>"""

    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>
      <w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="{lang}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
    <w:pPr><w:widowControl/><w:suppressAutoHyphens/><w:jc w:val="both"/></w:pPr></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="480" w:after="240"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:caps/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
  {heading(1, size + 3, 360, caps=scheme.name == "roman-sections")}
  {heading(2, size + 1, 240)}
  {heading(3, size, 180)}
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Intertitre"><w:name w:val="{'Intertitre' if fr else 'Subheading'}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Annexe"><w:name w:val="{'Titre annexe' if fr else 'Schedule Heading'}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:sz w:val="{size + 3}"/><w:szCs w:val="{size + 3}"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:numId w:val="{NUM_BULLET}"/></w:numPr><w:spacing w:after="60"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>
    <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs><w:spacing w:before="60" w:after="60"/><w:jc w:val="left"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:caps/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="{'Texte tableau' if fr else 'Table Text'}"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="{size - 1}"/><w:szCs w:val="{size - 1}"/></w:rPr></w:style>
  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>
    <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>
  <w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{size - 3}"/><w:szCs w:val="{size - 3}"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="808080"/></w:pBdr><w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>
      <w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="{size - 3}"/><w:szCs w:val="{size - 3}"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs><w:spacing w:after="0"/><w:jc w:val="right"/></w:pPr>
    <w:rPr><w:sz w:val="{size - 3}"/><w:szCs w:val="{size - 3}"/></w:rPr></w:style>
</w:styles>"""


def lvl_xml(ilvl: int, lvl: Level | None, *, pstyle: str = "", bullet: bool = False) -> str:
    if bullet:
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{567 * (ilvl + 1)}" w:hanging="283"/></w:pPr></w:lvl>')
    if lvl is None:  # the unused deeper levels Word always writes
        lvl = Level("decimal", "%" + str(ilvl + 1) + ".", left=567 * (ilvl + 1), hanging=567)
    restart = "" if lvl.restart else '<w:lvlRestart w:val="0"/>'
    style = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    suff = '<w:suff w:val="space"/>' if lvl.suff == "space" else ""
    ind = f'<w:ind w:left="{lvl.left}" w:hanging="{lvl.hanging}"/>' if lvl.hanging else f'<w:ind w:left="{lvl.left}" w:firstLine="0"/>'
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{lvl.fmt}"/>{restart}{style}{suff}'
            f'<w:lvlText w:val="{xml_escape(lvl.text)}"/><w:lvlJc w:val="left"/><w:pPr>{ind}</w:pPr></w:lvl>')


def shift_level(lvl: Level, by: int) -> Level:
    """The same level moved `by` places up, for a list of its own ("%3)" -> "%2)")."""
    text = re.sub(r"%(\d)", lambda m: "%" + str(int(m.group(1)) - by), lvl.text)
    return Level(lvl.fmt, text, True, lvl.root, lvl.left, lvl.hanging, lvl.suff)


def numbering_xml(src: Source) -> str:
    scheme = SCHEMES[src.scheme]
    nsid = int(hashlib.sha256(src.name.encode()).hexdigest()[:6], 16)
    split = scheme.split_at if scheme.split_at is not None else len(scheme.levels)
    main, second = [], []
    for i in range(9):
        lvl = scheme.levels[i] if i < split else None
        pstyle = ""
        if lvl is not None and i < 3 and (scheme.style_linked or (i == 0 and scheme.heading1_linked)):
            pstyle = f"Heading{i + 1}"
        main.append(lvl_xml(i, lvl, pstyle=pstyle))
        j = split + i
        second.append(lvl_xml(i, shift_level(scheme.levels[j], split) if j < len(scheme.levels) else None))
    annex = lvl_xml(0, scheme.annex, pstyle="Annexe")
    bullets = "".join(lvl_xml(i, None, bullet=True) for i in range(9))
    nums = [f'<w:num w:numId="{NUM_MAIN}"><w:abstractNumId w:val="0"/></w:num>',
            f'<w:num w:numId="{NUM_ANNEX}"><w:abstractNumId w:val="1"/></w:num>',
            f'<w:num w:numId="{NUM_BULLET}"><w:abstractNumId w:val="2"/></w:num>']
    second_abstract = ""
    if scheme.split_at is not None:
        second_abstract = (f'<w:abstractNum w:abstractNumId="3"><w:nsid w:val="{nsid + 3:08X}"/>'
                           f'<w:multiLevelType w:val="multilevel"/>{"".join(second)}</w:abstractNum>')
        nums.append(f'<w:num w:numId="{NUM_SPLIT}"><w:abstractNumId w:val="3"/></w:num>')
    if scheme.typed_h1:
        typed = sorted({it.num_id for it in src.items if it.num_id and it.num_id >= NUM_TYPED_FIRST})
        for num_id in typed:
            overrides = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
                                for i in range(len(scheme.levels)))
            nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/>{overrides}</w:num>')
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="0"><w:nsid w:val="{nsid:08X}"/><w:multiLevelType w:val="multilevel"/>{''.join(main)}</w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:nsid w:val="{nsid + 1:08X}"/><w:multiLevelType w:val="singleLevel"/>{annex}</w:abstractNum>
  <w:abstractNum w:abstractNumId="2"><w:nsid w:val="{nsid + 2:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>{bullets}</w:abstractNum>
  {second_abstract}
  {''.join(nums)}
</w:numbering>"""


def settings_xml(src: Source) -> str:
    track = "<w:trackRevisions/>" if src.has_tracked_changes else ""
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/>{track}<w:defaultTabStop w:val="709"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>
  <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
  <w:themeFontLang w:val="{LANG_TAG[src.lang]}"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>
</w:settings>"""


def el(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    node = etree.Element(W + tag, nsmap={"w": W_NS})
    for key, value in (attrs or {}).items():
        node.set(W + key if ":" not in key and not key.startswith("{") else key, str(value))
    for child in children:
        node.append(child)
    return node


class DocxWriter:
    """Writes one source as a raw DOCX (before LibreOffice)."""

    def __init__(self, src: Source, toc_pages: dict[int, int]):
        self.src = src
        self.toc_pages = toc_pages
        self.rev_id = 100
        self.footnotes: list[str] = []
        self.space_before_next = False  # the paragraph after a table gets some space above it

    # Runs ---------------------------------------------------------------------------------
    def run(self, text: str, *, bold: bool = False, deleted: bool = False, style: str = "") -> etree._Element:
        r = el("r")
        rpr = el("rPr")
        if style:
            rpr.append(el("rStyle", {"val": style}))
        if bold:
            rpr.append(el("b"))
            rpr.append(el("bCs"))
        if len(rpr):
            r.append(rpr)
        t = el("delText" if deleted else "t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        r.append(t)
        return r

    def revision(self, tag: str) -> etree._Element:
        self.rev_id += 1
        return el(tag, {"id": self.rev_id, "author": self.src.tracked, "date": FIXED_DATE})

    def add_runs(self, p: etree._Element, text: str, *, bold: bool = False) -> None:
        for kind, part in segments(text):
            if kind == "plain":
                p.append(self.run(part, bold=bold))
            elif kind == "bold":
                p.append(self.run(part, bold=True))
            elif kind == "ins":
                ins = self.revision("ins")
                ins.append(self.run(part, bold=bold))
                p.append(ins)
            elif kind == "del":
                dele = self.revision("del")
                dele.append(self.run(part, bold=bold, deleted=True))
                p.append(dele)
            elif kind == "fn":
                self.footnotes.append(part)
                r = el("r", None, el("rPr", None, el("rStyle", {"val": "FootnoteReference"})))
                r.append(el("footnoteReference", {"id": len(self.footnotes)}))
                p.append(r)

    @staticmethod
    def ppr(style: str = "", *, num: tuple[int, int] | None = None, jc: str = "", keep_next: bool = False,
            spacing: dict | None = None, ind: dict | None = None, tabs: list[dict] | None = None) -> etree._Element:
        ppr = el("pPr")
        if style:
            ppr.append(el("pStyle", {"val": style}))
        if keep_next:
            ppr.append(el("keepNext"))
        if num:
            ppr.append(el("numPr", None, el("ilvl", {"val": num[0]}), el("numId", {"val": num[1]})))
        if tabs:
            ppr.append(el("tabs", None, *[el("tab", t) for t in tabs]))
        if spacing:
            ppr.append(el("spacing", spacing))
        if ind:
            ppr.append(el("ind", ind))
        if jc:
            ppr.append(el("jc", {"val": jc}))
        return ppr

    def para(self, body, ppr: etree._Element | None, text: str = "", *, bold: bool = False) -> etree._Element:
        p = el("p")
        if self.space_before_next and body.tag == W + "body":
            self.space_before_next = False
            ppr = ppr if ppr is not None else el("pPr")
            spacing = ppr.find(W + "spacing")
            if spacing is None:
                spacing = el("spacing")
                after = [ppr.find(W + t) for t in ("ind", "jc")]
                anchor = next((a for a in after if a is not None), None)
                anchor.addprevious(spacing) if anchor is not None else ppr.append(spacing)
            spacing.set(W + "before", "160")
        if ppr is not None and len(ppr):
            p.append(ppr)
        if text:
            self.add_runs(p, text, bold=bold)
        body.append(p)
        return p

    # Blocks -------------------------------------------------------------------------------
    def item_paragraphs(self, body, item: Item) -> None:
        scheme = SCHEMES[self.src.scheme]
        kind = item.kind
        if kind == "title":
            self.para(body, self.ppr("Title"), item.text)
        elif kind == "center":
            self.para(body, self.ppr(jc="center", keep_next=True), item.text)
        elif kind == "u":
            self.para(body, self.ppr("Intertitre"), item.text)
        elif kind == "p":
            self.para(body, None, item.text)
        elif kind == "li":
            self.para(body, self.ppr("ListBullet"), item.text)
        elif kind == "pagebreak":
            self.space_before_next = False
            p = el("p")
            p.append(el("r", None, el("br", {"type": "page"})))
            body.append(p)
        elif kind == "annex":
            self.para(body, self.ppr("Annexe", num=(0, NUM_ANNEX)), item.text)
        elif kind in ("h1", "h2", "h3"):
            style = f"Heading{DEPTH[kind]}"
            if item.num_id is None:  # typed h1
                self.para(body, self.ppr(style), item.text)
            elif scheme.style_linked:
                self.para(body, self.ppr(style), item.text)
            else:
                self.para(body, self.ppr(style, num=(item.docx_ilvl, item.num_id)), item.text)
        elif kind in ("n2", "n3", "n4"):
            self.para(body, self.ppr(num=(item.docx_ilvl, item.num_id)), item.text)
        elif kind == "table":
            body.append(self.table(item.rows))
            self.space_before_next = True
        elif kind == "toc":
            self.toc(body, item)
        else:  # pragma: no cover - parse_source rejects unknown kinds
            raise BuildError(f"cannot write {kind}")

    def toc(self, body, item: Item) -> None:
        entries = toc_entries(self.src)
        if item.arg == "typed":
            for entry in entries:
                line = heading_line(entry)
                page = str(self.toc_pages.get(id(entry), 0))
                dots = "." * max(4, 62 - len(line) - len(page))
                self.para(body, self.ppr(jc="left", spacing={"after": "60"}), f"{line} {dots} {page}")
            return
        paragraphs = []
        for entry in entries:
            p = self.para(body, self.ppr("TOC1"), heading_line(entry))
            tab = el("r", None, el("tab"))
            p.append(tab)
            p.append(self.run(str(self.toc_pages.get(id(entry), 0))))
            paragraphs.append(p)
        if not paragraphs:
            return
        # A real TOC field around the entries, as Word writes it (cached result = the entries).
        first, last = paragraphs[0], paragraphs[-1]
        begin = [el("r", None, el("fldChar", {"fldCharType": "begin"})),
                 el("r", None, el("instrText", {XML_SPACE: "preserve"})),
                 el("r", None, el("fldChar", {"fldCharType": "separate"}))]
        begin[1][0].text = ' TOC \\o "1-1" \\h \\z \\u '
        anchor = first.find(W + "pPr")
        for offset, r in enumerate(begin, 1):
            first.insert(list(first).index(anchor) + offset, r)
        last.append(el("r", None, el("fldChar", {"fldCharType": "end"})))

    def table(self, rows: list[list[str]]) -> etree._Element:
        ncols = len(rows[0])
        texts = [[accepted(row[c]) for row in rows] for c in range(ncols)]
        # Each column at least as wide as its longest word; the rest shared by text length.
        floors = [216 + 115 * max(len(w) for t in col for w in (t.split() or [""])) for col in texts]
        weights = [min(float(max(len(t) for t in col)), 80.0) ** 0.8 for col in texts]
        spare = max(0, TEXT_W - sum(floors))
        widths = [int(f + spare * w / sum(weights)) for f, w in zip(floors, weights)]
        if sum(floors) > TEXT_W:
            widths = [int(TEXT_W * f / sum(floors)) for f in floors]
        tbl = el("tbl")
        tblpr = el("tblPr", None, el("tblStyle", {"val": "TableGrid"}), el("tblW", {"w": TEXT_W, "type": "dxa"}),
                   el("tblLayout", {"type": "fixed"}),
                   el("tblLook", {"val": "04A0", "firstRow": "1", "lastRow": "0", "firstColumn": "1",
                                  "lastColumn": "0", "noHBand": "0", "noVBand": "1"}))
        tbl.append(tblpr)
        tbl.append(el("tblGrid", None, *[el("gridCol", {"w": w}) for w in widths]))
        for r, row in enumerate(rows):
            tr = el("tr")
            trpr = el("trPr", None, el("cantSplit"))
            if r == 0:
                trpr.append(el("tblHeader"))
            tr.append(trpr)
            for c, cell in enumerate(row):
                tcpr = el("tcPr", None, el("tcW", {"w": widths[c], "type": "dxa"}))
                if r == 0:
                    tcpr.append(el("shd", {"val": "clear", "color": "auto", "fill": "D9D9D9"}))
                tc = el("tc", None, tcpr)
                self.para(tc, self.ppr("TableText", keep_next=r == 0), cell, bold=r == 0)
                tr.append(tc)
            tbl.append(tr)
        return tbl

    # Header and footer ---------------------------------------------------------------------
    def field_runs(self, instr: str, cached: str) -> list[etree._Element]:
        instr_run = el("r", None, el("instrText", {XML_SPACE: "preserve"}))
        instr_run[0].text = f" {instr} "
        return [el("r", None, el("fldChar", {"fldCharType": "begin"})), instr_run,
                el("r", None, el("fldChar", {"fldCharType": "separate"})), self.run(cached),
                el("r", None, el("fldChar", {"fldCharType": "end"}))]

    def footnotes_xml(self) -> str:
        notes = []
        for n, text in enumerate(self.footnotes, 1):
            p = el("p", None, self.ppr("FootnoteText"))
            p.append(el("r", None, el("rPr", None, el("rStyle", {"val": "FootnoteReference"})), el("footnoteRef")))
            p.append(self.run(" "))
            self.add_runs(p, text)
            notes.append(f'<w:footnote w:id="{n}">{etree.tostring(p, encoding="unicode")}</w:footnote>')
        sep = '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{0}/></w:r></w:p>'
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
                f'<w:footnote w:type="separator" w:id="-1">{sep.format("separator")}</w:footnote>'
                f'<w:footnote w:type="continuationSeparator" w:id="0">{sep.format("continuationSeparator")}</w:footnote>'
                f'{"".join(notes)}</w:footnotes>')

    def write(self, path: Path) -> None:
        import docx
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import parse_xml
        from docx.shared import Twips

        src = self.src
        document = docx.Document()
        # Our own styles, numbering and settings replace the template's.
        for reltype, xml in ((RT.STYLES, styles_xml(src)), (RT.NUMBERING, numbering_xml(src)),
                             (RT.SETTINGS, settings_xml(src))):
            part = document.part.part_related_by(reltype)
            part._element = parse_xml(xml.encode("utf-8"))
        props = document.core_properties
        props.author = DOC_AUTHOR
        props.last_modified_by = DOC_AUTHOR
        # python-docx's template carries a bibliography customXml part and a thumbnail: not ours.
        for rels in (document.part.rels, document.part.package.rels):
            for rid, rel in list(rels.items()):
                if rel.reltype in (RT.CUSTOM_XML, RT.THUMBNAIL):
                    del rels[rid]
        props.title = next((accepted(it.text) for it in src.items if it.kind == "title"), src.name)
        props.subject = props.comments = props.keywords = props.category = ""
        props.language = LANG_TAG[src.lang]
        props.revision = 1
        from datetime import datetime, timezone
        props.created = props.modified = datetime(2025, 3, 14, 9, 0, tzinfo=timezone.utc)

        section = document.sections[0]
        section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
        section.left_margin = section.right_margin = Twips(MARGIN_LR)
        section.top_margin = section.bottom_margin = Twips(MARGIN_TB)
        section.header_distance = section.footer_distance = Twips(HDR_DIST)

        body = document.element.body
        sect_pr = body.find(W + "sectPr")
        for child in list(body):
            if child is not sect_pr:
                body.remove(child)
        holder = el("body")
        for item in src.items:
            self.item_paragraphs(holder, item)
        for child in list(holder):
            sect_pr.addprevious(child)

        if src.header:
            header = section.header
            header.is_linked_to_previous = False
            p = header.paragraphs[0]._p
            p.append(self.ppr("Header"))
            p.append(self.run(src.header))
        if src.footer:
            footer = section.footer
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]._p
            p.append(self.ppr("Footer"))
            words = FOOTER_WORDS[src.lang]
            p.append(self.run(words[0]))
            for r in self.field_runs("PAGE", "1"):
                p.append(r)
            p.append(self.run(words[1]))
            for r in self.field_runs("NUMPAGES", "1"):
                p.append(r)

        if self.footnotes:
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.footnotes_xml().encode("utf-8"),
                        document.part.package)
            document.part.relate_to(part, RT.FOOTNOTES)
        document.save(str(path))


# --------------------------------------------------------------------------------------------
# 4. LibreOffice
# --------------------------------------------------------------------------------------------


def soffice(args: list[str], profile: Path) -> None:
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nolockcheck", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise BuildError(f"soffice failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")


def convert(path: Path, target: str, outdir: Path, profile: Path) -> Path:
    """LibreOffice headless conversion; target is 'docx' or 'pdf'."""
    outdir.mkdir(parents=True, exist_ok=True)
    filt = {"docx": 'docx:MS Word 2007 XML', "pdf": "pdf:writer_pdf_Export"}[target]
    soffice(["--convert-to", filt, "--outdir", str(outdir), str(path)], profile)
    out = outdir / (path.stem + "." + target)
    if not out.exists():
        raise BuildError(f"LibreOffice did not write {out.name}")
    return out


REVISION_DROP = ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                 "tcPrChange", "tblGridChange", "numberingChange")
REVISION_UNWRAP = ("ins", "moveTo")


def accept_changes_xml(data: bytes) -> bytes:
    root = etree.fromstring(data)
    # A paragraph whose mark is deleted merges with the next one; the samples never do this.
    for tag in REVISION_DROP:
        for node in list(root.iter(W + tag)):
            parent = node.getparent()
            if parent is not None and not (tag == "del" and parent.tag == W + "rPr"):
                parent.remove(node)
    for node in list(root.iter(W + "rPr")):
        for mark in node.findall(W + "ins") + node.findall(W + "del"):
            node.remove(mark)
    for tag in REVISION_UNWRAP:
        for node in list(root.iter(W + tag)):
            parent = node.getparent()
            index = parent.index(node)
            for child in list(node):
                index += 1
                parent.insert(index, child)
            parent.remove(node)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def accept_changes_docx(path: Path, out: Path) -> None:
    """Copies a DOCX with every tracked change accepted (for the PDF)."""
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if re.match(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$", info.filename):
                data = accept_changes_xml(data)
            elif info.filename == "word/settings.xml":
                data = re.sub(rb"<w:trackRevisions[^>]*/>", b"", data)
            zout.writestr(info, data)


# --------------------------------------------------------------------------------------------
# 5. Finding pages in the PDF
# --------------------------------------------------------------------------------------------

DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043]")
QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u02bc\u00b4`]")
DQUOTES = re.compile("[\u00ab\u00bb\u201c\u201d\u201e]")


def squash(text: str) -> str:
    """Normalises text for matching: NFKC (ligatures, no-break spaces), one apostrophe, case-folded,
    with ALL whitespace, dashes and hyphens removed (PDF spacing and line-end hyphens are unreliable)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = DASHES.sub("-", text).replace("-", "")
    text = QUOTES.sub("'", text)
    text = DQUOTES.sub('"', text)
    return re.sub(r"\s+", "", text).casefold()


def pdf_page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_pages_text(pdf: Path) -> list[str]:
    pages = []
    for n in range(1, pdf_page_count(pdf) + 1):
        pages.append(subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout)
    return pages


def first_words(text: str, n: int = 6) -> str:
    """The first n words of an item's accepted text, stopping before a footnote call."""
    head = accepted(re.split(r"\[\^", text, maxsplit=1)[0])
    return " ".join(head.split()[:n])


@dataclass
class Target:
    item: Item
    what: str  # "toc", "heading", "preamble"
    needle: str


def locate_targets(src: Source) -> list[Target]:
    """What to find in the PDF, in document order: TOC lines, the preamble, every numbered item."""
    targets: list[Target] = []
    first_h1 = next((i for i, it in enumerate(src.items) if it.kind in ("h1", "annex")), len(src.items))
    preamble = next((it for it in src.items[:first_h1] if it.kind in ("u", "p", "li", "n2", "n3", "n4")), None)
    for item in src.items:
        if item.kind == "toc":
            targets.extend(Target(entry, "toc", heading_line(entry)) for entry in toc_entries(src))
        elif item is preamble:
            targets.append(Target(item, "preamble", first_words(item.text)))
        elif item.ref:
            if item.kind in ("n2", "n3", "n4"):
                needle = f"{item.label} {first_words(item.text)}"
            else:
                needle = heading_line(item)
            targets.append(Target(item, "heading", needle))
    return targets


def locate_pages(src: Source, pages_text: list[str]) -> list[tuple[Target, int]]:
    """Page of every target, searching forward from the previous one; raises if one is missing."""
    squashed = [squash(t) for t in pages_text]
    starts, pos = [], 0
    for s in squashed:
        starts.append(pos)
        pos += len(s)
    whole = "".join(squashed)
    cursor = 0
    found = []
    for target in locate_targets(src):
        needle = squash(target.needle)
        at = whole.find(needle, cursor)
        if at < 0:
            page = max(i for i, s in enumerate(starts) if s <= cursor) + 1 if whole else 0
            raise BuildError(
                f"{src.path.name}:{target.item.line}: cannot find the {target.what} {target.needle!r} in the PDF "
                f"after page {page}; page text there: {pages_text[page - 1][:300]!r}" if page else "empty PDF")
        page = max(i for i, s in enumerate(starts) if s <= at) + 1
        found.append((target, page))
        cursor = at + len(needle)
    return found


# --------------------------------------------------------------------------------------------
# 6. Checks on LibreOffice's output (also used by tests/test_samples_build.py)
# --------------------------------------------------------------------------------------------


def docx_xml(path: Path, name: str) -> etree._Element | None:
    with zipfile.ZipFile(path) as z:
        if name not in z.namelist():
            return None
        return etree.fromstring(z.read(name))


def docx_application(path: Path) -> str:
    app = docx_xml(path, "docProps/app.xml")
    node = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application")
    return node.text if node is not None else ""


def paragraph_text(p: etree._Element) -> str:
    """Visible text of a paragraph (inserted text kept, deleted text dropped, run tabs as spaces)."""
    parts = []
    for node in p.iter(W + "t", W + "tab"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.getparent().tag == W + "r":
            parts.append(" ")
    return "".join(parts)


def numbered_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(label, text) for every automatically numbered (non-bullet) body paragraph of a DOCX, the
    label rendered from numbering.xml as Word does: numId -> abstractNum, startOverride, restarts
    (w:lvlRestart), numbering inherited from the paragraph style's basedOn chain."""
    document = docx_xml(path, "word/document.xml")
    numbering = docx_xml(path, "word/numbering.xml")
    styles = docx_xml(path, "word/styles.xml")
    if numbering is None:
        return []

    def val(node, tag, default=None):
        child = node.find(W + tag) if node is not None else None
        return child.get(W + "val") if child is not None else default

    style_num: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        sid = style.get(W + "styleId")
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            style_num[sid] = (val(numpr, "numId"), val(numpr, "ilvl"))
        if val(style, "basedOn"):
            based[sid] = val(style, "basedOn")

    def style_numpr(sid):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in style_num:
                return style_num[sid]
            sid = based.get(sid)
        return (None, None)

    abstracts = {}
    for absn in numbering.iter(W + "abstractNum"):
        levels = {}
        for lvl in absn.iter(W + "lvl"):
            restart = val(lvl, "lvlRestart")
            levels[int(lvl.get(W + "ilvl"))] = {
                "start": int(val(lvl, "start", "1")), "fmt": val(lvl, "numFmt", "decimal"),
                "text": val(lvl, "lvlText", ""), "restart": None if restart is None else int(restart)}
        abstracts[absn.get(W + "abstractNumId")] = levels
    nums = {}
    for num in numbering.iter(W + "num"):
        overrides = {}
        for ov in num.iter(W + "lvlOverride"):
            start = ov.find(W + "startOverride")
            if start is not None:
                overrides[int(ov.get(W + "ilvl"))] = int(start.get(W + "val"))
        nums[num.get(W + "numId")] = (val(num, "abstractNumId"), overrides)

    counters: dict[str, dict[int, int]] = {}
    used: set[str] = set()
    out = []
    for p in document.iter(W + "p"):
        ppr = p.find(W + "pPr")
        num_id = ilvl = None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id, ilvl = val(numpr, "numId"), val(numpr, "ilvl")
        if num_id is None or ilvl is None:
            s_num, s_ilvl = style_numpr(val(ppr, "pStyle"))
            num_id = num_id or s_num
            ilvl = ilvl if ilvl is not None else (s_ilvl or "0")
        if num_id in (None, "0") or num_id not in nums:
            continue
        abs_id, overrides = nums[num_id]
        levels = abstracts.get(abs_id, {})
        ilvl = int(ilvl)
        if ilvl not in levels or levels[ilvl]["fmt"] in ("bullet", "none"):
            continue
        count = counters.setdefault(abs_id, {})
        if num_id not in used:
            used.add(num_id)
            for lvl_index, start in overrides.items():
                count[lvl_index] = start - 1
        lvl = levels[ilvl]
        count[ilvl] = count.get(ilvl, lvl["start"] - 1) + 1
        for deeper in list(count):
            if deeper > ilvl:
                restart = levels.get(deeper, {}).get("restart")
                limit = deeper if restart is None else restart  # restart after a use of level <= limit (1-based)
                if ilvl + 1 <= limit:
                    del count[deeper]

        def sub(m):
            k = int(m.group(1)) - 1
            level = levels.get(k, {"start": 1, "fmt": "decimal"})
            return format_number(count.get(k, level["start"]), level["fmt"])

        out.append((re.sub(r"%(\d)", sub, lvl["text"]), paragraph_text(p).strip()))
    return out


def expected_numbered(src: Source) -> list[tuple[str, str]]:
    """(label, start of text) for every auto-numbered item of a source (typed h1s excluded)."""
    out = []
    for item in src.items:
        if item.num_id is not None:
            out.append((item.label, accepted(item.text).strip()))
    return out


def check_numbering(src: Source, docx_path: Path) -> list[str]:
    """Differences between the labels the DOCX's numbering gives and those the source implies."""
    got = numbered_paragraphs(docx_path)
    want = expected_numbered(src)
    problems = []
    if len(got) != len(want):
        problems.append(f"{len(got)} numbered paragraphs in the DOCX, {len(want)} in the source")
    for (glabel, gtext), (wlabel, wtext) in zip(got, want):
        if glabel != wlabel or squash(gtext)[:40] != squash(wtext)[:40]:
            problems.append(f"DOCX {glabel!r} {gtext[:40]!r} vs source {wlabel!r} {wtext[:40]!r}")
            break
    return problems


def count_revisions(docx_path: Path) -> tuple[int, int]:
    document = docx_xml(docx_path, "word/document.xml")
    return len(list(document.iter(W + "ins"))), len(list(document.iter(W + "del")))


def deleted_contexts(src: Source) -> list[tuple[str, str]]:
    """For each deletion: (original wording around it, accepted wording around it)."""
    out = []
    for text in src.all_texts():
        segs = segments(text)
        for i, (kind, part) in enumerate(segs):
            if kind != "del":
                continue
            before = original("".join(f"{{-{t}-}}" if k == "del" else t for k, t in segs[:i] if k != "fn"))
            after = "".join(t for k, t in segs[i + 1:] if k in ("plain", "bold"))
            bwords = before.split()[-3:]
            awords = after.split()[:3]
            inserted = segs[i + 1][1] if i + 1 < len(segs) and segs[i + 1][0] == "ins" else ""
            out.append((" ".join(bwords + [part] + awords), " ".join(bwords + [inserted] + awords)))
    return out


# --------------------------------------------------------------------------------------------
# 7. Build
# --------------------------------------------------------------------------------------------


def check_font(font: str) -> None:
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if font.casefold() not in families.casefold():
        raise BuildError(f"font {font!r} is not installed (apt-get install fonts-liberation2 / fonts-dejavu-core)")


def build(src: Source, work: Path, profile: Path, log=print) -> dict:
    check_font(src.font)
    toc_items = toc_entries(src) if any(it.kind == "toc" for it in src.items) else []
    toc_pages: dict[int, int] = {id(entry): 0 for entry in toc_items}
    for attempt in range(1, 5):
        raw_dir, lo_dir, pdf_dir = work / f"raw{attempt}", work / f"lo{attempt}", work / f"pdf{attempt}"
        raw_dir.mkdir(parents=True, exist_ok=True)
        raw = raw_dir / f"{src.name}.docx"
        DocxWriter(src, toc_pages).write(raw)
        lo_docx = convert(raw, "docx", lo_dir, profile)
        pdf_source = lo_docx
        if src.has_tracked_changes:
            acc_dir = work / f"accepted{attempt}"
            acc_dir.mkdir(exist_ok=True)
            pdf_source = acc_dir / f"{src.name}.docx"
            accept_changes_docx(lo_docx, pdf_source)
        pdf = convert(pdf_source, "pdf", pdf_dir, profile)
        pages_text = pdf_pages_text(pdf)
        found = locate_pages(src, pages_text)
        heading_pages = {id(t.item): page for t, page in found if t.what == "heading"}
        wrong = {k: heading_pages[k] for k in toc_pages if toc_pages[k] != heading_pages[k]}
        if not wrong:
            break
        log(f"  {src.name}: pass {attempt}: TOC page numbers updated for {len(wrong)} entries")
        toc_pages.update(wrong)
    else:
        raise BuildError(f"{src.name}: the TOC page numbers do not settle")

    problems = check_numbering(src, lo_docx)
    if problems:
        raise BuildError(f"{src.name}: LibreOffice's DOCX numbering differs: {problems}")
    if "libreoffice" not in docx_application(lo_docx).casefold():
        raise BuildError(f"{src.name}: the DOCX is not LibreOffice-written")
    footnotes = sum(len(re.findall(r"\[\^", t)) for t in src.all_texts())
    calls = docx_xml(lo_docx, "word/document.xml").findall(f".//{W}footnoteReference")
    if len(calls) != footnotes:
        raise BuildError(f"{src.name}: {footnotes} footnotes in the source, {len(calls)} in LibreOffice's DOCX")
    if src.has_tracked_changes:
        ins, dels = count_revisions(lo_docx)
        if not ins or not dels:
            raise BuildError(f"{src.name}: LibreOffice dropped the tracked changes ({ins} ins, {dels} del)")
        whole = "".join(squash(t) for t in pages_text)
        corpus = squash(" ".join(accepted(t, footnotes=True) for t in src.all_texts()))
        checked = 0
        for before, after in deleted_contexts(src):
            if squash(before) in corpus:  # the same words also occur in the accepted text
                continue
            checked += 1
            if squash(before) in whole:
                raise BuildError(f"{src.name}: deleted text shows in the PDF: {before!r}")
            if squash(after) not in whole:
                log(f"  {src.name}: note: accepted wording {after!r} not found verbatim (page break?)")
        if not checked:
            raise BuildError(f"{src.name}: no deletion is distinctive enough to check the PDF")

    clauses = expected_clauses(src)
    pages = {id(t.item): page for t, page in found if t.what in ("heading", "preamble")}
    page_of_preamble = next((page for t, page in found if t.what == "preamble"), None)
    numbered = [it for it in src.items if it.ref]
    body = iter(numbered)
    for clause in clauses:
        if clause["ref"] == "preamble":
            clause["page"] = page_of_preamble or 1
        else:
            clause["page"] = pages[id(next(body))]
    expected = {
        "name": src.name,
        "source_sha256": hashlib.sha256(src.path.read_bytes()).hexdigest(),
        "lang": src.lang,
        "scheme": src.scheme,
        "pages": len(pages_text),
        "tracked_changes": src.has_tracked_changes,
        "clauses": clauses,
    }
    shutil.copyfile(lo_docx, HERE / f"{src.name}.docx")
    shutil.copyfile(pdf, HERE / f"{src.name}.pdf")
    EXPECTED_DIR.mkdir(exist_ok=True)
    (EXPECTED_DIR / f"{src.name}.json").write_text(dump_expected(expected), encoding="utf-8")
    return expected


def dump_expected(expected: dict) -> str:
    """JSON with one clause per line (readable diffs)."""
    head = {k: v for k, v in expected.items() if k != "clauses"}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "clauses": [')
    rows = [json.dumps(c, ensure_ascii=False) for c in expected["clauses"]]
    lines += [f"    {row}," for row in rows[:-1]] + [f"    {row}" for row in rows[-1:]]
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# 8. The findings matrix of samples/README.md, from samples/src/<name>.notes.md
# --------------------------------------------------------------------------------------------

CONTROL_AREAS = ("TERM", "REV", "HDS", "BKP", "LIAB")
FINDING = re.compile(r"^- ((?:%s)-\d\d)(?:\s*(?:…|\.\.\.)\s*((?:HDS)-\d\d))?\s+\*\*(\w+)\*\*(.*)$"
                     % "|".join(CONTROL_AREAS))
README_START, README_END = "<!-- findings:start -->", "<!-- findings:end -->"


def notes_findings(path: Path) -> dict[str, tuple[str, str]]:
    """control id -> (status, where) from the "- ID **status**: Article N. ..." lines of a notes file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = FINDING.match(line)
        if not match:
            continue
        first, last, status, rest = match.groups()
        rest = re.sub(r"^\s*\([^)]*\)", "", rest).lstrip(" :.")
        where = re.split(r":\s|\.\s", rest, maxsplit=1)[0].strip().rstrip(".") if rest else ""
        if not re.match(r"^(Articles?|Art\.|Clauses?|Annexe|ANNEXE|Schedule|Sections?|\d)", where) or len(where) > 45:
            where = ""
        ids = [first]
        if last:
            area = first.split("-")[0]
            ids = [f"{area}-{n:02d}" for n in range(int(first[-2:]), int(last[-2:]) + 1)]
        for control in ids:
            out[control] = (status, where)
    return out


def findings_matrix() -> str:
    """A Markdown table: one row per control, one column per sample that has a notes file."""
    notes = {p.name[: -len(".notes.md")]: notes_findings(p) for p in sorted(SRC_DIR.glob("*.notes.md"))}
    controls = sorted({c for found in notes.values() for c in found},
                      key=lambda c: (CONTROL_AREAS.index(c.split("-")[0]), c))
    lines = ["| control | " + " | ".join(f"`{name}`" for name in notes) + " |",
             "|---|" + "---|" * len(notes)]
    for control in controls:
        cells = []
        for found in notes.values():
            status, where = found.get(control, ("", ""))
            cells.append(f"**{status}** {where}".strip() if status else "")
        lines.append(f"| {control} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def update_readme() -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(text[:start] + "\n" + findings_matrix() + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="source stems (default: every samples/src/*.txt)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print its path")
    parser.add_argument("--readme", action="store_true",
                        help="only refresh the findings table of README.md from src/*.notes.md")
    args = parser.parse_args(argv)
    if args.readme:
        update_readme()
        return 0
    if not shutil.which("soffice"):
        print("soffice (LibreOffice) is needed: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    paths = [SRC_DIR / f"{n}.txt" for n in args.names] if args.names else sorted(SRC_DIR.glob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="samples-build-"))
    profile = work / "lo-profile"
    failures = 0
    try:
        for path in paths:
            try:
                src = parse_source(path)
                expected = build(src, work / src.name, profile)
                print(f"{src.name}: {expected['pages']} pages, {len(expected['clauses'])} clauses")
            except BuildError as error:
                failures += 1
                print(f"error: {error}", file=sys.stderr)
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
