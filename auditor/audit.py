"""The audit of one contract: Document → clauses → sentences → one Finding per control."""

from __future__ import annotations

import bisect
from datetime import datetime, timezone

from auditor.applicability import decide_applicability
from auditor.checklist import Checklist, Control
from auditor.collector import cyclic_collector_paused
from auditor.evaluate import Context, evaluate
from auditor.models import AuditReport, Clause, ControlResult, Document, Finding
from auditor.nlp import (
    Sentence,
    analyse_sentences,
    detect_language,
    fold,
    paragraph_spans,
)
from auditor.parties import find_parties
from auditor.segment import segment

NOT_AUTOMATED = {
    "fr": "Ce contrôle n'est pas encore automatisé : à vérifier par un juriste.",
    "en": "This control is not automated yet: a lawyer should check it.",
}


def innermost_clauses(clauses: list[Clause], sentences: list[Sentence]) -> dict[int, Clause]:
    """Sentence start → the deepest clause that holds it."""
    flat = sorted((c for top in clauses for c in top.walk()), key=lambda c: (c.start, -c.level))
    starts = [c.start for c in flat]
    holder: dict[int, Clause] = {}
    for sentence in sentences:
        index = bisect.bisect_right(starts, sentence.start) - 1
        while index >= 0 and not (flat[index].start <= sentence.start < max(flat[index].end, flat[index].start + 1)):
            index -= 1
        if index >= 0:
            holder[sentence.start] = flat[index]
    return holder


def clause_titles(clauses: list[Clause], sentences: list[Sentence]) -> dict[int, str]:
    """Sentence start → the folded titles of every clause holding it ("sauvegardes / supervision")."""
    spans: list[tuple[int, int, str]] = []

    def walk(clause: Clause, inherited: str) -> None:
        path = f"{inherited} / {fold(clause.title)}" if inherited else fold(clause.title)
        spans.append((clause.start, clause.end, path))
        for child in clause.children:
            walk(child, path)

    for top in clauses:
        walk(top, "")
    spans.sort()
    starts = [span[0] for span in spans]
    titles = {}
    for sentence in sentences:
        index = bisect.bisect_right(starts, sentence.start) - 1
        while index >= 0 and not spans[index][0] <= sentence.start < max(spans[index][1], spans[index][0] + 1):
            index -= 1
        if index >= 0:
            titles[sentence.start] = spans[index][2]
    return titles


def finding_for(control: Control, result: ControlResult, language: str = "fr") -> Finding:
    checked = control.statuses_in(language).line(result.status) or ""
    if not checked and result.status == "not_applicable" and result.reasons:
        # a control that applies to every contract may still fall outside one (TERM-04 with a public
        # buyer): its rule says why, the catalogue has no line for it
        checked = result.reasons[0]
    reasons = result.reasons or ((NOT_AUTOMATED[language],) if control.detect is None else ())
    return Finding(
        control_id=control.id,
        title=control.title_in(language),
        area=control.area,
        severity=control.severity,
        status=result.status,
        checked=checked,
        values=result.values,
        thresholds=tuple((name, str(parameter.default)) for name, parameter in control.parameters.items()),
        evidence=result.evidence,
        reasons=reasons,
        legal_basis=tuple(reference.citation() for reference in control.citable_legal_basis),
        recommendation=control.recommendation_in(language),
        fallback=control.fallback_in(language),
    )


def audit_document(document: Document, checklist: Checklist, report_language: str = "fr",
                   audited_at: datetime | None = None) -> AuditReport:
    """Checks ``document`` against every control of ``checklist``; explanations in ``report_language``.

    ``audited_at`` (now by default) is the day the contract's dates are judged against: a
    certificate valid until a day before it has expired.
    """
    with cyclic_collector_paused():
        return _audit(document, checklist, report_language, audited_at)


def _audit(document: Document, checklist: Checklist, report_language: str,
           audited_at: datetime | None) -> AuditReport:
    audited_at = (audited_at or datetime.now(timezone.utc)).astimezone()
    clauses = segment(document)
    language = detect_language(document.text)
    clause_starts = frozenset(c.start for top in clauses for c in top.walk())
    sentences = analyse_sentences(document, language, paragraph_spans(document, clause_starts))
    context = Context(document, language, sentences, find_parties(document.text), innermost_clauses(clauses, sentences),
                      clause_titles(clauses, sentences), report_language=report_language,
                      audit_date=audited_at.date())
    applicability = {name: decide_applicability(name, rule, context) for name, rule in checklist.applicability.items()}
    context.fields = {name: field.applies for name, field in applicability.items()}
    findings = []
    for control in checklist.controls:
        field = applicability.get(control.applies_when)
        applies = None if field is None else (field.applies, field.say)
        if control.detect is None:
            result = ControlResult(control.id, "not_applicable", reasons=(field.say,)) if applies and not applies[0] \
                else ControlResult(control.id, "review")
        else:
            parameters = {name: parameter.default for name, parameter in control.parameters.items()}
            result = evaluate(control.id, control.detect, parameters, context, applies)
        findings.append(finding_for(control, result, report_language))
    return AuditReport(
        document=document,
        clauses=tuple(clauses),
        language=language,
        checklist_id=checklist.info.id,
        checklist_version=checklist.info.version,
        applicability=tuple(applicability.values()),
        findings=tuple(findings),
        report_language=report_language,
        audited_at=audited_at.isoformat(timespec="seconds"),
    )
