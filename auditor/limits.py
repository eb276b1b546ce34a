"""How much a reader accepts before it refuses a file: size, pages, unpacked DOCX, OCR time.

A contract is at most a few hundred pages and a few megabytes; a file far beyond that is either a
mistake (a whole data room zipped and renamed) or built to exhaust the machine (a zip bomb, a PDF
claiming a million pages). Each limit is checked before the work it protects, so a refusal costs
milliseconds, and each can be raised on the command line when a genuine contract needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KB, MB, GB = 1000, 1000**2, 1000**3
UNITS = {"": 1, "b": 1, "k": KB, "kb": KB, "m": MB, "mb": MB, "g": GB, "gb": GB,
         "kib": 1024, "mib": 1024**2, "gib": 1024**3}
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """The reading limits; 0 (or None for the timeout) turns one off."""

    # The file as stored: checked before a byte of it is read.
    max_file_size: int = 50 * MB
    # Pages of a PDF (checked on opening, before any page is read) or of a DOCX (Word's own count
    # in docProps/app.xml when present, before the body is parsed; the reader's count after).
    max_pages: int = 500
    # A DOCX's parts once inflated, all together: checked on the zip's directory, before inflating.
    max_unpacked_size: int = 200 * MB
    # One part of a DOCX once inflated (word/document.xml of a 500-page contract is ~20 MB).
    max_part_size: int = 50 * MB
    # Inflated size over stored size for one part above 1 MB. Word's XML compresses 5 to 30 times;
    # a part of zeros or repeated markup built to inflate compresses a thousand times.
    max_compression_ratio: int = 100
    # Entries in a DOCX: Word writes a few dozen.
    max_zip_entries: int = 10_000
    # Seconds OCR may take for one file; the OCR programs are stopped when it runs out.
    ocr_timeout: float | None = 600.0


DEFAULT_LIMITS = Limits()
RATIO_CHECK_FROM = 1 * MB  # small parts may compress any amount without harm


def parse_size(text: str) -> int:
    """Bytes from "50MB", "200 mb", "1.5GB", "512KiB" or a plain number of bytes.

    Raises:
        ValueError: the text is not a size.
    """
    match = SIZE.match(text)
    unit = match.group(2).lower() if match else None
    if not match or unit not in UNITS:
        raise ValueError(f"{text!r} is not a size; write it like 50MB, 500KB or 2GB")
    return int(float(match.group(1)) * UNITS[unit])


def format_size(size: int) -> str:
    """"52.4 MB", "800 KB", "12 bytes": sizes in messages, in the units of the options."""
    for unit, name in ((GB, "GB"), (MB, "MB"), (KB, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} bytes"
