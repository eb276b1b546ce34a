"""The values that flow between stages: read → Document, segment → Clause tree.

All are frozen dataclasses: a stage returns new values and never mutates what it was given.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

DocumentFormat = Literal["pdf", "docx", "text", "markdown"]
BlockKind = Literal["paragraph", "line", "table_row", "footnote"]
PageSource = Literal["layout", "word", "estimated", "none"]


@dataclass(frozen=True)
class Block:
    """One unit of the document's body in reading order, located by its span in ``Document.text``.

    A DOCX paragraph, a PDF line, a table row (cells joined by `` | ``) or a footnote. The
    typographic cues are what a reader saw; segmentation decides what they mean.
    """

    start: int
    end: int
    kind: BlockKind = "paragraph"
    page: int | None = None
    # Word's automatic list label as Word renders it ("Article 1 –", "1.1", "a)"); it is also the
    # beginning of the block's text. Empty when the number (if any) is typed in the text.
    label: str = ""
    # Outline level from a heading style or w:outlineLvl (1 = top); Markdown "#" depth.
    heading_level: int | None = None
    # Word list level (w:ilvl, 0-based) of an automatically numbered paragraph.
    list_level: int | None = None
    bold: bool = False
    # Font size of the block divided by the document's body font size (PDF; DOCX when known).
    size_ratio: float | None = None
    # The block begins a paragraph (always true except for PDF lines that continue one).
    starts_paragraph: bool = True
    # Left indentation in points relative to the page's text margin, when known.
    indent: float | None = None
    # A table-of-contents entry recognised by the reader itself (e.g. Word "TOC 1" style).
    toc: bool = False
    # The first row of a table, where the reader saw it begin: two tables one right after the
    # other (a price table, then an SLA table) are two tables, not one with a second header row.
    table_start: bool = False


@dataclass(frozen=True)
class Revisions:
    """Tracked changes found in the file; ``Document.text`` has them all accepted."""

    insertions: int = 0
    deletions: int = 0
    authors: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return self.insertions + self.deletions


@dataclass(frozen=True)
class Document:
    """A contract as read: its text (tracked changes accepted) and where each part sits."""

    path: str
    format: DocumentFormat
    sha256: str
    text: str
    blocks: tuple[Block, ...]
    # Offset in ``text`` at which each page begins; ``len(page_starts)`` is the page count.
    page_starts: tuple[int, ...] = ()
    page_source: PageSource = "none"
    # The text as it read before the tracked changes (all rejected); None when there were none.
    original_text: str | None = None
    revisions: Revisions = field(default_factory=Revisions)
    warnings: tuple[str, ...] = ()
    # Pages (1-based) whose text was recognised from an image by OCR, not read from a text layer:
    # quotes from them may differ from the original by a character and should be checked.
    ocr_pages: tuple[int, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding the character at ``offset``, or None when pages are unknown."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class Clause:
    """A numbered clause (or the preamble, or an annex) and its sub-clauses.

    ``start``–``end`` covers the clause with all its sub-clauses; ``body_end`` is where its own
    text stops (the first sub-clause's start, or ``end``).
    """

    ref: str
    title: str
    level: int
    kind: Literal["preamble", "clause", "annex"]
    label: str  # the numbering as printed: "Article 12 –", "12.1", "a)", "ANNEXE A"
    start: int
    end: int
    body_end: int
    page_start: int | None
    page_end: int | None
    children: tuple[Clause, ...] = ()

    def walk(self):
        """This clause then every descendant, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


Status = Literal["pass", "weak", "fail", "missing", "not_applicable", "review"]


@dataclass(frozen=True)
class Evidence:
    """A sentence of the contract that decided a control: quoted exactly, located, explained."""

    clause: str  # clause ref, "" when outside any clause
    clause_title: str
    page: int | None
    quote: str  # exact substring of Document.text[start:end]
    start: int
    end: int
    rule: str  # the flag or requirement id that matched ("scope" when the sentence is only relevant)
    say: str  # what it means for the client, from the checklist
    marks: tuple[tuple[int, int], ...] = ()  # the decisive words inside the quote, as offsets in Document.text


@dataclass(frozen=True)
class ControlResult:
    """The status of one control for one contract, with why."""

    control_id: str
    status: Status
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[str, ...] = ()
    # Values read in the contract, normalised ("notice_days": "90", "cap_months_of_fees": "12").
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Applicability:
    """Whether the contract is in the field of a group of controls, and the words that decided it."""

    name: str  # "health_data", "data_processing_service", "specific_developments"
    applies: bool
    say: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One control's outcome as the reports show it: the result plus what the checklist says of it."""

    control_id: str
    title: str
    area: str
    severity: str
    status: Status
    checked: str  # what decides this status for this control (from the checklist)
    values: tuple[tuple[str, str], ...]
    thresholds: tuple[tuple[str, str], ...]
    evidence: tuple[Evidence, ...]
    reasons: tuple[str, ...]
    legal_basis: tuple[str, ...]  # confirmed citations only
    recommendation: str
    fallback: str


@dataclass(frozen=True)
class AuditReport:
    """Everything the renderers need; they compute nothing."""

    document: Document
    clauses: tuple[Clause, ...]
    language: str
    checklist_id: str
    checklist_version: str
    applicability: tuple[Applicability, ...]
    findings: tuple[Finding, ...]
    report_language: str = "fr"  # the language of titles, explanations and recommendations
    audited_at: str = ""  # ISO 8601 date and time of the audit

    @property
    def status_counts(self) -> dict[str, int]:
        """How many controls have each status, in the catalogue's order of statuses."""
        order = ("fail", "weak", "missing", "review", "pass", "not_applicable")
        return {status: sum(f.status == status for f in self.findings) for status in order}
