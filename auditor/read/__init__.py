"""Read a contract file into a Document, choosing the reader by the file's content, not its name.

Every failure is an ``InputError`` (exit code 3) or, for a file refused by a limit of
``auditor.limits`` before the work it protects, a ``LimitError`` (exit code 4); the message says
what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import replace
from pathlib import Path

from auditor.collector import cyclic_collector_paused
from auditor.errors import InputError, LimitError
from auditor.limits import DEFAULT_LIMITS, Limits, format_size
from auditor.models import Document

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted DOCX, XLSX or PPTX is an OLE container holding a stream of this name.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SAVE_AS = "save it as DOCX or PDF"
AN_IMAGE = "image, not a document; give the contract as a PDF (scanned pages are read by OCR)"
# Formats people send instead of a contract's text, recognised by their first bytes.
OTHER_FORMATS = (
    (b"{\\rtf", f"is an RTF document, which is not read; {SAVE_AS}"),
    (b"\x89PNG\r\n\x1a\n", f"is a PNG {AN_IMAGE}"),
    (b"\xff\xd8\xff", f"is a JPEG {AN_IMAGE}"),
    (b"II*\x00", f"is a TIFF {AN_IMAGE}"),
    (b"MM\x00*", f"is a TIFF {AN_IMAGE}"),
    (b"\x1f\x8b", "is a gzip archive, not a document; extract the contract from it first"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive, not a document; extract the contract from it first"),
    (b"Rar!\x1a\x07", "is a RAR archive, not a document; extract the contract from it first"),
)
# How the text reader's refusal of binary data begins: named .pdf or .docx, such a file gets a better one.
BINARY_PREFIX = "this looks like binary data"


def sniff_format(path: Path, head: bytes, data: bytes = b"") -> str:
    """'pdf', 'docx', 'markdown' or 'text' from the first bytes (and the suffix only for Markdown).

    Raises:
        InputError: a format that is recognised but not read (legacy .doc, encrypted Office file,
            RTF, flat OpenDocument, images, archives), with what to do instead.
    """
    # A zip is tested first: a Word document may hold "%PDF-" in its first kilobyte (an embedded
    # PDF's name or bytes), while PDF readers accept "%PDF-" anywhere in the first kilobyte.
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in data:
            raise InputError(str(path), "is a password-protected Word file, which cannot be decrypted here "
                                        "(--password is for PDF); save an unprotected copy as DOCX or PDF")
        raise InputError(str(path), f"is a legacy Word .doc file (or another old Office file); {SAVE_AS} first")
    for magic, reason in OTHER_FORMATS:
        if head.startswith(magic):
            raise InputError(str(path), reason)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") and b"urn:oasis:names:tc:opendocument" in head:
        raise InputError(str(path), f"is a flat OpenDocument file (.fodt), which is not read; {SAVE_AS}")
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's content, refused before reading when it is not a regular file or too large."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(str(path), "is a directory, not a contract file")
    if not stat.S_ISREG(status.st_mode):
        # A device or a pipe has no size to check and may never end (/dev/zero, /dev/urandom).
        raise InputError(str(path), "is not a regular file (a device, pipe or socket); give a contract file")
    cap = limits.max_file_size
    if cap and status.st_size > cap:
        raise too_large(path, status.st_size, cap)
    try:
        with path.open("rb") as stream:
            # Asking for the size measured (not the cap) keeps the buffer to the file's size.
            data = stream.read(status.st_size + 1)
            if len(data) > status.st_size:  # the file grew after it was measured
                data += stream.read(max(0, cap + 1 - len(data)) if cap else -1)
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror}); check the path and its permissions") from None
    if cap and len(data) > cap:
        raise too_large(path, len(data), cap)
    return data


def too_large(path: Path, size: int, cap: int) -> LimitError:
    return LimitError(str(path), f"is {format_size(size)}, over the {format_size(cap)} limit for one contract; "
                                 "if it really is one, raise the limit with --max-file-size")


def read_document(path: str | Path, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
                  ocr: bool = True) -> Document:
    """Reads a PDF, DOCX, Markdown or plain-text contract.

    Args:
        password: opens an encrypted PDF (ignored for other files).
        limits: what the readers accept (``auditor.limits``).
        ocr: reads the scanned pages of a PDF by OCR (ocrmypdf and tesseract); when False a
            PDF that is entirely scanned is refused, and scanned pages among text pages are
            left out with a warning.

    Raises:
        InputError: the file is missing, empty, or cannot be read as a contract; the message
            says what is wrong and what to do.
        LimitError: (an InputError) the file exceeds one of ``limits``.
    """
    path = Path(path)
    return read_data(path, read_bytes(path, limits), password=password, limits=limits, ocr=ocr)


def read_data(path: Path, data: bytes, *, password: str | None = None, limits: Limits = DEFAULT_LIMITS,
              ocr: bool = True) -> Document:
    """Reads a contract already in memory, as ``read_document`` reads a file; ``path`` only names
    it in messages and, by its suffix, tells Markdown from plain text."""
    with cyclic_collector_paused():
        return _read_data(path, data, password=password, limits=limits, ocr=ocr)


def _read_data(path: Path, data: bytes, *, password: str | None, limits: Limits, ocr: bool) -> Document:
    if limits.max_file_size and len(data) > limits.max_file_size:
        raise too_large(path, len(data), limits.max_file_size)
    if not data.strip():
        raise InputError(str(path), "the file is empty")

    kind = sniff_format(path, data[:2048], data)
    if kind == "pdf":
        from auditor.read.pdf import read_pdf

        document = read_pdf(path, data, password=password, limits=limits, ocr=ocr)
    elif kind == "docx":
        from auditor.read.docx import read_docx

        document = read_docx(path, data, limits=limits)
    else:
        document = _read_text(path, data, markdown=kind == "markdown")
    if not document.text.strip():
        raise InputError(str(path), "no text could be read from this file")
    if limits.max_pages and document.page_count > limits.max_pages:
        raise LimitError(str(path), f"has {document.page_count} pages, over the limit of {limits.max_pages}; "
                                    "if it really is one contract, raise the limit with --max-pages")
    return replace(document, path=str(path), sha256=hashlib.sha256(data).hexdigest())


def _read_text(path: Path, data: bytes, *, markdown: bool) -> Document:
    from auditor.read.text import read_text

    try:
        return read_text(path, data, markdown=markdown)
    except InputError as error:
        claimed = path.suffix.lower().lstrip(".")
        if claimed in ("pdf", "docx") and error.reason.startswith(BINARY_PREFIX):
            header = "%PDF- header" if claimed == "pdf" else "zip (PK) header"
            raise InputError(str(path), f"is named .{claimed} but is not a {claimed.upper()} file (no {header}) "
                                        "nor text; it is damaged or of another type, give the contract "
                                        "as PDF, DOCX or text") from None
        raise
