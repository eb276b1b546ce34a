"""Read a contract file into a Document, choosing the reader by the file's content, not its name."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from auditor.errors import InputError
from auditor.models import Document

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def sniff_format(path: Path, head: bytes) -> str:
    """'pdf', 'docx', 'markdown' or 'text' from the first bytes (and the suffix only for Markdown)."""
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(str(path), "this is a legacy .doc file or a password-protected Office file; save it as an unprotected .docx or PDF first")
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def read_document(path: str | Path) -> Document:
    """Reads a PDF, DOCX, Markdown or plain-text contract.

    Raises:
        InputError: the file is missing, empty, or cannot be read as a contract; the message
            says what is wrong and what to do.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a contract file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from error
    if not data.strip():
        raise InputError(str(path), "the file is empty")

    kind = sniff_format(path, data[:2048])
    if kind == "pdf":
        from auditor.read.pdf import read_pdf as reader
    elif kind == "docx":
        from auditor.read.docx import read_docx as reader
    else:
        from auditor.read.text import read_text as reader
    document = reader(path, data) if kind in ("pdf", "docx") else reader(path, data, markdown=kind == "markdown")
    if not document.text.strip():
        raise InputError(str(path), "no text could be read from this file")
    return replace(document, path=str(path), sha256=hashlib.sha256(data).hexdigest())
