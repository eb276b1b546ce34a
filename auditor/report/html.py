"""The audit as one self-contained HTML memo for legal reviewers: inline CSS, inline SVG, a small script.

Everything the page shows comes from the finished ``AuditReport``; this module only arranges it
(groups quotes by clause, cuts long clauses around the quotes, orders the priority list). Contract
text always goes through Jinja's autoescaping: nothing read from a contract is ever marked safe.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from auditor import __version__
from auditor.models import AuditReport, Clause, Evidence, Finding
from auditor.report.labels import (AREA_ORDER, SEVERITY_ORDER, STATUS_MEANINGS, STATUS_ORDER, area_name,
                                   severity_label, status_label)

RISK_STATUSES = ("fail", "missing", "weak")
TOP_RISKS = 10  # what fits on one screen; the rest is counted and left to the area sections
WHOLE_CLAUSE = 1200  # characters: a clause this short is shown whole around its quotes
CONTEXT = 260  # characters of a longer clause kept on each side of a quote
ELISION = "[…]"
BAR_WIDTH = 260  # pixels of the longest bar in the summary chart

WORDS = {
    "fr": {
        "colon": "\u00a0: ", "title": "Audit de conformité contractuelle", "kicker": "Mémo d'audit",
        "skip": "Aller au contenu",
        "contents": "Sommaire", "identity": "Document audité", "file": "Fichier", "sha256": "Empreinte SHA-256",
        "format": "Format", "pages": "Pages", "no_pages": "sans pagination", "estimated": "estimation",
        "language": "Langue du contrat", "revisions": "Modifications suivies",
        "revisions_value": "{ins} insertions, {dels} suppressions, analysées comme acceptées",
        "authors": "auteurs", "warnings": "Avertissements", "audited_at": "Date de l'audit",
        "checklist": "Référentiel", "tool": "Outil", "none": "aucune",
        "languages": {"fr": "français", "en": "anglais"},
        "formats": {"pdf": "PDF", "docx": "Word (DOCX)", "text": "texte", "markdown": "Markdown"},
        "summary": "Synthèse", "risk": "Niveau de risque global",
        "risk_levels": {"high": "élevé", "medium": "modéré", "low": "faible"},
        "risk_reasons": {
            "high": "Au moins un contrôle de gravité élevée est en échec ou sans clause.",
            "medium": "Des contrôles sont en échec ou sans clause, ou un contrôle de gravité élevée est faible.",
            "low": "Aucun contrôle en échec ni sans clause, et aucun contrôle de gravité élevée faible.",
        },
        "by_status": "Contrôles par statut", "by_area": "Contrôles par domaine et par statut",
        "area": "Domaine", "total": "Total", "chart": "Nombre de contrôles par statut : {counts}.",
        "legend": "Signification des statuts",
        "top_risks": "Points prioritaires", "top_risks_note": "Échecs, clauses absentes et clauses faibles, "
        "les plus graves d'abord.", "more_risks": "Autres points à examiner : {n}, dans les sections par domaine.",
        "no_risks": "Aucun contrôle en échec, sans clause ou faible.",
        "control": "Contrôle", "status": "Statut", "severity": "Gravité", "where": "Clause",
        "scope": "Champ d'application", "applies": "s'applique", "does_not_apply": "ne s'applique pas",
        "scopes": {"health_data": "Données de santé (HDS)",
                   "data_processing_service": "Service de traitement de données (Data Act)",
                   "specific_developments": "Développements spécifiques"},
        "area_count": "{n} contrôles", "finding": "Constat", "checked": "Point contrôlé",
        "extracts": "Stipulations du contrat", "noted": "Relevé", "read_values": "Valeurs relevées dans le contrat",
        "thresholds": "Seuils appliqués", "parameter": "Paramètre", "value": "Valeur",
        "legal_basis": "Fondement juridique", "recommendation": "Recommandation", "ask": "À demander",
        "fallback": "Clause de repli proposée", "clause": "Clause", "preamble": "Préambule", "signatures": "Signatures",
        "outside": "Hors clause", "page": "p.", "ocr": "texte lu par OCR : à vérifier sur l'original",
        "appendix": "Annexe : carte des clauses", "appendix_note": "Chaque clause citée renvoie aux "
        "contrôles qui la citent.", "ref": "Réf.", "clause_title": "Intitulé", "cited_by": "Citée par",
        "filters": "Filtrer les contrôles", "all_areas": "Tous les domaines", "reset": "Tout afficher",
        "shown": "Contrôles affichés : {shown} sur {total}",
        "footer": "Rapport établi automatiquement par auditor {tool} avec le référentiel {checklist} {version}. "
        "Il prépare la revue du contrat et ne remplace pas l'avis d'un juriste.",
        "months": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                   "octobre", "novembre", "décembre"),
    },
    "en": {
        "colon": ": ", "title": "Contract compliance audit", "kicker": "Audit memo", "skip": "Skip to content",
        "contents": "Contents", "identity": "Audited document", "file": "File", "sha256": "SHA-256 digest",
        "format": "Format", "pages": "Pages", "no_pages": "not paginated", "estimated": "estimated",
        "language": "Contract language", "revisions": "Tracked changes",
        "revisions_value": "{ins} insertions, {dels} deletions, analysed as accepted",
        "authors": "authors", "warnings": "Warnings", "audited_at": "Audited on",
        "checklist": "Checklist", "tool": "Tool", "none": "none",
        "languages": {"fr": "French", "en": "English"},
        "formats": {"pdf": "PDF", "docx": "Word (DOCX)", "text": "text", "markdown": "Markdown"},
        "summary": "Summary", "risk": "Overall risk",
        "risk_levels": {"high": "high", "medium": "moderate", "low": "low"},
        "risk_reasons": {
            "high": "At least one high-severity control fails or has no clause.",
            "medium": "Some controls fail or have no clause, or a high-severity control is weak.",
            "low": "No control fails or lacks a clause, and no high-severity control is weak.",
        },
        "by_status": "Controls by status", "by_area": "Controls by area and status",
        "area": "Area", "total": "Total", "chart": "Number of controls by status: {counts}.",
        "legend": "What the statuses mean",
        "top_risks": "Priority issues", "top_risks_note": "Failures, missing clauses and weak clauses, "
        "most severe first.", "more_risks": "Other points to review: {n}, in the sections by area.",
        "no_risks": "No control fails, lacks a clause or is weak.",
        "control": "Control", "status": "Status", "severity": "Severity", "where": "Clause",
        "scope": "Scope", "applies": "applies", "does_not_apply": "does not apply",
        "scopes": {"health_data": "Health data (HDS)",
                   "data_processing_service": "Data processing service (Data Act)",
                   "specific_developments": "Specific developments"},
        "area_count": "{n} controls", "finding": "Finding", "checked": "What was checked",
        "extracts": "Contract wording", "noted": "Noted", "read_values": "Values read in the contract",
        "thresholds": "Thresholds applied", "parameter": "Parameter", "value": "Value",
        "legal_basis": "Legal basis", "recommendation": "Recommendation", "ask": "What to ask for",
        "fallback": "Proposed fallback clause", "clause": "Clause", "preamble": "Preamble", "signatures": "Signatures",
        "outside": "Outside any clause", "page": "p.", "ocr": "text read by OCR: check against the original",
        "appendix": "Appendix: clause map", "appendix_note": "Each cited clause links back to the controls "
        "that cite it.", "ref": "Ref.", "clause_title": "Heading", "cited_by": "Cited by",
        "filters": "Filter the controls", "all_areas": "All areas", "reset": "Show all",
        "shown": "Controls shown: {shown} of {total}",
        "footer": "Report produced automatically by auditor {tool} with the checklist {checklist} {version}. "
        "It prepares the review of the contract and does not replace a lawyer's advice.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
    },
}


def overall_risk(report: AuditReport) -> str:
    """``high``, ``medium`` or ``low``: the memo's one-word answer, read off the statuses and severities.

    high: a high-severity control fails or has no clause; medium: another control fails or has no
    clause, or a high-severity control is weak; low: anything else.
    """
    findings = report.findings
    if any(f.status in ("fail", "missing") and f.severity == "high" for f in findings):
        return "high"
    if any(f.status in ("fail", "missing") or (f.status == "weak" and f.severity == "high") for f in findings):
        return "medium"
    return "low"


@dataclass(frozen=True)
class Piece:
    """A run of contract text shown one way: plain context, quoted, or quoted and decisive (marked)."""

    text: str
    quoted: bool = False
    marked: bool = False
    elided: bool = False


@dataclass(frozen=True)
class Excerpt:
    """The quotes of one clause set in that clause's text, as paragraphs of pieces."""

    short: str  # "Clause 13.1"
    name: str  # "Clause 13.1 — Résiliation pour convenance"
    anchor: str | None
    pages: str
    paragraphs: tuple[tuple[Piece, ...], ...]
    notes: tuple[str, ...]


class _Layout:
    """What the page needs besides the report: clauses by ref, their anchors, paragraph starts."""

    def __init__(self, report: AuditReport, words: dict):
        self.text = report.document.text
        self.words = words
        self.clauses = [clause for top in report.clauses for clause in top.walk()]
        self.by_ref = {clause.ref: clause for clause in self.clauses}
        self.anchors = _anchors([clause.ref for clause in self.clauses])
        self.paragraph_starts = sorted({b.start for b in report.document.blocks if b.starts_paragraph})
        self.ocr_pages = set(report.document.ocr_pages)

    def clause_label(self, ref: str, title: str = "") -> str:
        clause = self.by_ref.get(ref)
        if clause is None:
            return title or ref or self.words["outside"]
        if clause.kind == "preamble":
            return self.words["preamble"]
        if ref.split()[-1] == "signatures":
            # the signature lines closing the document, or a part of it ("Annexe 1 signatures"): no clause
            holder = ref[: -len("signatures")].strip()
            return f"{holder} — {self.words['signatures']}" if holder else self.words["signatures"]
        return ref if clause.kind == "annex" else f"{self.words['clause']} {ref}"

    def clause_name(self, ref: str, title: str = "") -> str:
        label = self.clause_label(ref, title)
        clause = self.by_ref.get(ref)
        if clause is None or not clause.title or clause.title.casefold() == label.casefold():
            return label
        return f"{label} — {clause.title}"

    def excerpts(self, evidence: tuple[Evidence, ...], reasons: tuple[str, ...] = (), context: bool = True):
        """One excerpt per clause, in the order the evidence first cites them."""
        groups: dict[str, list[Evidence]] = {}
        for item in evidence:
            groups.setdefault(item.clause, []).append(item)
        return [self._excerpt(ref, items, reasons, context) for ref, items in groups.items()]

    def _excerpt(self, ref: str, items: list[Evidence], reasons: tuple[str, ...], context: bool) -> Excerpt:
        quotes = sorted({(e.start, e.end) for e in items})
        marks = _union([(max(s, e.start), min(t, e.end))
                        for e in items for s, t in e.marks if s < e.end and t > e.start])
        clause = self.by_ref.get(ref)
        low, high = quotes[0][0], quotes[-1][1]
        if context and clause:
            low, high = min(low, clause.start), max(high, clause.end)
        if not context:
            windows = quotes
        elif high - low <= WHOLE_CLAUSE:
            windows = [(low, high)]
        else:
            windows = self._windows(low, high, quotes)
        paragraphs: list[tuple[Piece, ...]] = []
        for index, (start, end) in enumerate(windows):
            if index:
                paragraphs.append((Piece(ELISION, elided=True),))
            block = self._pieces(start, end, quotes, marks)
            if index == 0 and start > low:
                block[0] = (Piece(ELISION + " ", elided=True), *block[0])
            if index == len(windows) - 1 and end < high:
                block[-1] = (*block[-1], Piece(" " + ELISION, elided=True))
            paragraphs.extend(block)
        pages = sorted({e.page for e in items if e.page is not None})
        notes = tuple(dict.fromkeys(e.say for e in items if e.say and e.say not in reasons))
        return Excerpt(
            short=self.clause_label(ref, items[0].clause_title),
            name=self.clause_name(ref, items[0].clause_title),
            anchor=self.anchors.get(ref),
            pages=(f"{self.words['page']} {', '.join(map(str, pages))}" if pages else "")
            + (f" ({self.words['ocr']})" if self.ocr_pages.intersection(pages) else ""),
            paragraphs=tuple(paragraphs),
            notes=notes,
        )

    def _windows(self, low: int, high: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Stretches of a long clause around its quotes, cut at sentence (or word) boundaries."""
        windows: list[tuple[int, int]] = []
        for start, end in quotes:
            begin = low if start - CONTEXT <= low else _sentence_start(self.text, start - CONTEXT, start)
            finish = high if end + CONTEXT >= high else _sentence_end(self.text, end, end + CONTEXT)
            if windows and begin <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(finish, windows[-1][1]))
            else:
                windows.append((begin, finish))
        return windows

    def _pieces(self, start: int, end: int, quotes, marks) -> list[tuple[Piece, ...]]:
        """The text from start to end cut into pieces, a new paragraph at each paragraph start."""
        breaks = self.paragraph_starts[bisect.bisect_right(self.paragraph_starts, start):
                                       bisect.bisect_left(self.paragraph_starts, end)]
        cuts = sorted({start, end, *breaks, *(x for span in quotes + marks for x in span if start < x < end)})
        paragraphs: list[list[Piece]] = [[]]
        for left, right in zip(cuts, cuts[1:]):
            if left in breaks and paragraphs[-1]:
                paragraphs.append([])
            quoted = any(s <= left < e for s, e in quotes)
            marked = any(s <= left < e for s, e in marks)
            paragraphs[-1].append(Piece(self.text[left:right], quoted=quoted, marked=marked))
        return [tuple(p) for p in paragraphs if p]


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, so that decisive words read as one highlight."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _sentence_start(text: str, earliest: int, quote_start: int) -> int:
    """Where context before a quote should begin: a sentence start after ``earliest``, else a line, else a word."""
    between = text[earliest:quote_start]
    found = re.search(r"[.;:!?]\s+", between) or re.search(r"\n", between) or re.search(r" ", between)
    return earliest + found.end() if found else quote_start


def _sentence_end(text: str, quote_end: int, latest: int) -> int:
    """Where context after a quote should stop: the last sentence end before ``latest``, else a word end."""
    between = text[quote_end:latest]
    ends = [m.end() for m in re.finditer(r"[.;!?](?=\s)", between)]
    if ends:
        return quote_end + ends[-1]
    space = between.rfind(" ")
    return quote_end + space if space > 0 else quote_end


def _anchors(refs: list[str]) -> dict[str, str]:
    """A unique, ASCII id for each clause ref ("Annexe 1" → clause-annexe-1, "4 (2)" → clause-4-2)."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for ref in refs:
        slug = "clause-" + (re.sub(r"[^0-9a-z]+", "-", ref.lower()).strip("-") or "x")
        anchor, n = slug, 2
        while anchor in taken:
            anchor, n = f"{slug}-{n}", n + 1
        taken.add(anchor)
        anchors[ref] = anchor
    return anchors


def _pages(clause: Clause) -> str:
    if clause.page_start is None:
        return "—"
    if clause.page_end in (None, clause.page_start):
        return str(clause.page_start)
    return f"{clause.page_start}–{clause.page_end}"


def _audit_date(stamp: str, language: str) -> str:
    words = WORDS[language]
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    day = "1er" if moment.day == 1 and language == "fr" else str(moment.day)
    offset = moment.utcoffset()
    zone = "UTC" if offset == timedelta(0) else moment.strftime("UTC%z") if offset is not None else ""
    return f"{day} {words['months'][moment.month - 1]} {moment.year}, {moment:%H:%M} {zone}".strip()


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    findings: tuple[Finding, ...]
    counts: dict[str, int]


def _area(code: str, report: AuditReport, language: str) -> Area:
    findings = tuple(f for f in report.findings if f.area == code)
    counts = {status: sum(f.status == status for f in findings) for status in STATUS_ORDER}
    return Area(code, area_name(code, language), findings, counts)


def _priority(finding: Finding) -> tuple[int, int]:
    severity = SEVERITY_ORDER.index(finding.severity) if finding.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
    return severity, RISK_STATUSES.index(finding.status)


def _chart(counts: dict[str, int], language: str) -> list[dict]:
    most = max(counts.values(), default=0) or 1
    return [{"status": status, "label": status_label(status, language), "count": counts.get(status, 0),
             "width": round(counts.get(status, 0) / most * BAR_WIDTH)} for status in STATUS_ORDER]


@functools.cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("auditor", "report/templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(status_label=status_label, severity_label=severity_label)
    return environment


@functools.cache
def _assets() -> tuple[Markup, Markup, str]:
    """The page's own stylesheet and script, trusted as they are ours, and a CSP allowing only them."""
    environment = _environment()
    css = environment.get_template("memo.css.j2").render()
    script = environment.get_template("filter.js.j2").render()

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    # No fetch of any kind is allowed: a report opened offline or by a reviewer's mail client stays inert.
    policy = (f"default-src 'none'; style-src {digest(css)}; script-src {digest(script)}; "
              "img-src 'none'; base-uri 'none'; form-action 'none'")
    return Markup(css), Markup(script), policy


def render_html(report: AuditReport, language: str = "fr") -> str:
    """The audit report as one HTML file: nothing to fetch, readable without JavaScript, printable on A4."""
    words = WORDS[language]
    layout = _Layout(report, words)
    css, script, policy = _assets()
    counts = report.status_counts
    chart = _chart(counts, language)
    codes = [area for area in AREA_ORDER if any(f.area == area for f in report.findings)]
    codes += sorted({f.area for f in report.findings} - set(codes))
    areas = [_area(code, report, language) for code in codes]
    risks = sorted((f for f in report.findings if f.status in RISK_STATUSES), key=_priority)
    cited_by: dict[str, list[str]] = {}
    for finding in report.findings:
        for item in finding.evidence:
            cited_by.setdefault(item.clause, [])
            if finding.control_id not in cited_by[item.clause]:
                cited_by[item.clause].append(finding.control_id)
    document = report.document
    return _environment().get_template("memo.html.j2").render(
        w=words,
        language=language,
        report=report,
        document=document,
        file_name=PurePath(document.path).name or document.path,
        audited_at=_audit_date(report.audited_at, language),
        version=__version__,
        css=css,
        script=script,
        policy=policy,
        risk=overall_risk(report),
        counts=counts,
        chart=chart,
        chart_text=words["chart"].format(counts=", ".join(f"{bar['label']} {bar['count']}" for bar in chart)),
        meanings=STATUS_MEANINGS[language],
        statuses=STATUS_ORDER,
        top_risks=risks[:TOP_RISKS],
        more_risks=len(risks) - TOP_RISKS,
        applicability=[(a, layout.excerpts(a.evidence, context=False)) for a in report.applicability],
        areas=areas,
        excerpts={f.control_id: layout.excerpts(f.evidence, f.reasons) for f in report.findings},
        first_clause={f.control_id: f.evidence[0].clause for f in report.findings if f.evidence},
        clause_label=layout.clause_label,
        anchors=layout.anchors,
        clause_rows=[(c, layout.anchors[c.ref], _pages(c), cited_by.get(c.ref, [])) for c in layout.clauses],
    )
