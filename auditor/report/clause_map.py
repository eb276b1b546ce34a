"""The clause map printed by ``auditor parse``: a JSON document (stable schema) or plain text."""

from __future__ import annotations

import json
import textwrap

from auditor.models import Clause, Document

CLAUSE_MAP_SCHEMA_VERSION = 1


def clause_record(document: Document, clause: Clause) -> dict:
    return {
        "ref": clause.ref,
        "title": clause.title,
        "level": clause.level,
        "kind": clause.kind,
        "label": clause.label,
        "page_start": clause.page_start,
        "page_end": clause.page_end,
        "start": clause.start,
        "end": clause.end,
        "text": document.text[clause.start:clause.body_end],
        "children": [clause_record(document, child) for child in clause.children],
    }


def document_record(document: Document) -> dict:
    return {
        "path": document.path,
        "sha256": document.sha256,
        "format": document.format,
        "pages": document.page_count or None,
        "page_source": document.page_source,
        "tracked_changes": {
            "insertions": document.revisions.insertions,
            "deletions": document.revisions.deletions,
            "authors": list(document.revisions.authors),
        },
        "warnings": list(document.warnings),
        "ocr_pages": list(document.ocr_pages),
    }


def render_json(document: Document, clauses: list[Clause]) -> str:
    payload = {
        "schema_version": CLAUSE_MAP_SCHEMA_VERSION,
        "document": document_record(document),
        "clauses": [clause_record(document, clause) for clause in clauses],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _pages(clause: Clause) -> str:
    if clause.page_start is None:
        return "-"
    if clause.page_end in (None, clause.page_start):
        return str(clause.page_start)
    return f"{clause.page_start}-{clause.page_end}"


def _first_words(document: Document, clause: Clause, width: int) -> str:
    body = document.text[clause.start:clause.body_end]
    if clause.label and body.startswith(clause.label):
        body = body[len(clause.label):]
    # A title wrapped over several printed lines is joined by spaces: compare with the lines joined too.
    body = " ".join(body.split())
    if clause.title:
        position = body.find(clause.title)
        if 0 <= position < 12:
            body = body[position + len(clause.title):]
    body = body.lstrip("–—-:. ")
    return textwrap.shorten(body, width=width, placeholder="…") if body else ""


def _fit(text: str, width: int) -> str:
    """Pads or cuts ``text`` to ``width`` columns, keeping its indentation."""
    return f"{text[:width - 1]}…" if len(text) > width else f"{text:<{width}}"


def render_text(document: Document, clauses: list[Clause], width: int = 110) -> str:
    pages = f"{document.page_count} pages" if document.page_count else "no pages"
    if document.page_source == "estimated":
        pages += " (estimated from the layout)"
    header = [f"{document.path} — {document.format.upper()}, {pages}"]
    if document.revisions.count:
        authors = ", ".join(document.revisions.authors) or "unknown author"
        header.append(
            f"tracked changes: {document.revisions.insertions} insertions, {document.revisions.deletions} "
            f"deletions by {authors} — audited as if all were accepted"
        )
    header.extend(f"warning: {warning}" for warning in document.warnings)
    rows = [("ref", "title", "pages", "begins")]
    for top in clauses:
        for clause in top.walk():
            indent = "  " * (clause.level - 1)
            rows.append((indent + clause.ref, indent + clause.title, _pages(clause), clause))
    ref_width = min(28, max(len(r[0]) for r in rows))
    title_width = min(42, max(len(r[1]) for r in rows))
    page_width = max(5, max(len(r[2]) for r in rows))
    words_width = max(20, width - ref_width - title_width - page_width - 6)
    lines = list(header) + [""]
    for ref, title, page, clause in rows:
        words = clause if isinstance(clause, str) else _first_words(document, clause, words_width)
        lines.append(f"{_fit(ref, ref_width)}  {_fit(title, title_width)}  {page:<{page_width}}  {words}".rstrip())
    count = sum(1 for top in clauses for _ in top.walk())
    lines.append("")
    lines.append(f"{len(clauses)} top-level clauses, {count} in all")
    return "\n".join(lines) + "\n"
