"""Plain-text and Markdown reader: encoding detection and Markdown headings."""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from auditor.errors import InputError
from auditor.models import Document
from auditor.read.builder import TextBuilder

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
# A row of a pipe table ("| Périmètre | Fréquence | RPO |"), and the rule under its header ("|---|:--:|").
TABLE_ROW = re.compile(r"^\s*\|(.*\|.*)\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*[|+])+\s*(?::?-{3,}:?\s*)?\|?\s*$")
# A row typed without the outer pipes ("Prestataire | Rôle | Activités"): a table row only beside
# another such row with as many cells, or above its rule ("-----+------").
BARE_ROW = re.compile(r"^\s*[^|\s][^|]*(?:\s\|\s[^|]*)+$")
# Control characters other than tab, newline, carriage return and form feed mean binary data.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then the best single-byte guess (cp1252, Latin-1...)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(BINARY_BYTES.findall(data[:65536])) > max(2, len(data[:65536]) // 1000):
        raise InputError(str(path), "this looks like binary data, not text; give a PDF, DOCX or text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Western-European contracts that are not UTF-8 are almost always cp1252 (a superset of Latin-1
    # for printable text); charset-normalizer is asked to choose only when cp1252 cannot decode.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(str(path), "the text encoding could not be recognised; save it as UTF-8") from None
        return str(best)


def bare_table_rows(lines: list[str]) -> set[int]:
    """The numbers of the lines that are rows of a table typed without outer pipes."""
    rows = set()
    for number, line in enumerate(lines):
        if not BARE_ROW.match(line):
            continue
        cells = line.count("|")
        for other in (number - 1, number + 1):
            if 0 <= other < len(lines) and (
                    TABLE_RULE.match(lines[other]) or BARE_ROW.match(lines[other]) and lines[other].count("|") == cells):
                rows.add(number)
    return rows


def opens_table(lines: list[str], number: int) -> bool:
    """A row with a rule under it is a header: after a blank line it opens a table of its own, whereas
    rows merely spaced out by blank lines stay one table."""
    return number + 1 < len(lines) and bool(TABLE_RULE.match(lines[number + 1]))


def read_text(path: Path, data: bytes, *, markdown: bool = False) -> Document:
    """One block per non-blank line (hard-wrapped text keeps its lines); '#' lines are headings in Markdown."""
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    builder = TextBuilder()
    after_blank = True
    lines = text.split("\n")
    bare_rows = bare_table_rows(lines)
    for number, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        heading = MARKDOWN_HEADING.match(line) if markdown else None
        if TABLE_RULE.match(line):
            continue
        row = TABLE_ROW.match(line)
        if row or number in bare_rows:
            # one block per row, cells joined as the office readers join them
            cells = [MARKDOWN_EMPHASIS.sub(r"\2", cell).strip() for cell in (row.group(1) if row else line).split("|")]
            previous = builder.blocks[-1] if builder.blocks else None
            builder.add(" | ".join(cells), kind="table_row", starts_paragraph=True,
                        table_start=previous is None or previous.kind != "table_row" or after_blank and opens_table(lines, number))
        elif heading:
            title = MARKDOWN_EMPHASIS.sub(r"\2", heading.group(2))
            builder.add(title, heading_level=len(heading.group(1)), bold=True)
        else:
            content = MARKDOWN_EMPHASIS.sub(r"\2", line) if markdown else line
            builder.add(content.rstrip(), kind="line", starts_paragraph=after_blank,
                        indent=float(len(content) - len(content.lstrip())))
        after_blank = False
    return Document(
        path=str(path),
        format="markdown" if markdown else "text",
        sha256="",
        text=builder.text,
        blocks=tuple(builder.blocks),
    )
