"""The audit of one contract: Document → clauses → sentences → one Finding per control."""

from __future__ import annotations

from datetime import datetime, timezone

import bisect
import re

from auditor.checklist import ApplicabilityRule, Checklist, Control
from auditor.evaluate import (
    NEGATIONS_BEFORE, RESTRICTIVE, Context, Hit, evaluate, evidence_of, first_position, segments,
)
from auditor.models import Applicability, AuditReport, Clause, ControlResult, Document, Finding
from auditor.nlp import Sentence, analyse_sentences, detect_language, fold, paragraph_spans
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


def denied(part, position: int) -> bool:
    """The words at ``position`` are what a negation denies: "does not store personal health data",
    "n'a pas vocation à héberger de données de santé", "aucune donnée relative aux patients", "les
    dossiers de médecine du travail ne sont pas hébergés". A restriction affirms ("n'héberge les
    données de santé que dans des centres certifiés")."""
    forms = [t.form for t in part.tokens]
    # "n'est pas responsable de la perte des dossiers patients" denies a liability, not the data
    negators = [i for i, form in enumerate(forms) if form in NEGATIONS_BEFORE and i != position
                and not any(f.startswith(LIABILITY) for f in forms[i + 1:i + 4])]
    if not negators or any(form in RESTRICTIVE for form in forms[negators[0] + 1:]) \
            or any(forms[i:i + 2] == ["other", "than"] for i in range(negators[0] + 1, position)):
        return False
    before = [i for i in negators if i < position]
    # A negation after the words denies them only when its verb is what brings them into the contract:
    # "les dossiers de médecine du travail ne sont pas hébergés", not "le code source n'est pas communiqué".
    after = [i for i in negators if position < i <= position + 8
             and not any(f in (",", ";", "et", "and", "qui", "which") for f in forms[position:i])
             and any(f.startswith(BRINGING_IN) for f in forms[i + 1:i + 5])]
    return bool(before or after)


# Verbs by which data, developments or a service come into a contract: hosted, processed, stored, included.
BRINGING_IN = ("heberg", "trait", "stock", "conserv", "collect", "concern", "inclu", "prevu", "realis", "fourni",
               "host", "process", "stor", "includ", "provid")


# A clause whose whole title says it lists what the contract leaves out ("Article 14 – Exclusions",
# "Hors périmètre"): the subjects it names are not in the contract. "Exclusions de responsabilité" is
# another matter (the data are in scope, the damage is not), hence the whole title must match.
CARVE_OUT_TITLE = re.compile(
    r"(?:^|/ )(?:(?:article|clause|section)?\s*[\d.]*\s*[-–—:.]?\s*)"
    r"(?:exclusions?|exclusions? du perimetre|exclusions? de perimetre|elements? exclus|prestations? exclues?"
    r"|services? exclus|perimetre exclu|hors perimetre|hors champ|out of scope|excluded services?|exclusions? from scope)"
    r"\s*(?:$| /)")


def carve_out_title(title: str) -> bool:
    return bool(CARVE_OUT_TITLE.search(title))


LIABILITY = ("responsab", "liab", "dommage", "damage", "garanti", "warrant", "indemn")


def carving_out(part) -> list[tuple[int, int]]:
    """Where the words open a carve-out from the contract's scope: "Sont exclus du présent contrat :
    l'hébergement du dossier patient", "à l'exclusion de toute donnée de santé", "hors périmètre",
    "The Services exclude any hosting". What follows them is left out of the contract, not brought in.
    "exclusivement" restricts, it carves nothing; a liability exclusion ("la responsabilité du
    Prestataire est exclue pour…") leaves the data in scope. Each carve-out is a span of token positions: a
    list opened by a colon runs to the end, one in a relative clause ("le Prestataire, qui exclut toute
    sous-traitance, héberge…") stops at its comma."""
    forms = [t.form for t in part.tokens]
    heads = []
    for i, form in enumerate(forms):
        following = forms[i + 1:i + 4]
        if form.startswith("exclu") and not form.startswith("exclusi"):
            pass
        elif form in ("exclusion", "exclusions"):
            if not following or following[0] not in (":", "de", "des", "du", "d'", "of"):
                continue
        elif form == "exception":
            # "à l'exception des dossiers patients", "with the exception of patient records"
            if forms[i - 1:i] not in (["l'"], ["the"]) or following[:1] not in (["de"], ["des"], ["du"], ["d'"], ["of"]):
                continue
        elif form == "hors":
            if not any(f in ("perimetre", "champ", "contrat") for f in following[:3]):
                continue
        elif form in ("out", "outside"):
            if "scope" not in following[:3]:
                continue
        elif form == "other":
            # "all business data other than patient records"; after a negation it restricts ("no data other
            # than patient records"), which denied() reads as affirming
            if following[:1] != ["than"] or any(f in NEGATIONS_BEFORE for f in forms[:i]):
                continue
        else:
            continue
        before = forms[max(0, i - 4):i]
        if any(f in NEGATIONS_BEFORE for f in before) or any(f.startswith(LIABILITY) for f in before + following[:2]):
            continue
        end = min(len(forms), i + 25)
        if ":" in forms[i + 1:i + 6]:
            end = len(forms)
        elif any(f in ("qui", "which", "who") for f in forms[max(0, i - 3):i]):
            end = next((j for j in range(i + 1, len(forms)) if forms[j] == ","), len(forms))
        heads.append((i, end))
    return heads


BEING = ("est", "sont", "demeure", "demeurent", "reste", "restent", "is", "are", "remain", "remains", "be", "etre")


def said_excluded(part, position: int) -> bool:
    """The words at ``position`` are the subject said to be excluded: "l'hébergement des dossiers patients
    est exclu du Contrat", "Hosting is excluded from the Services and remains with Customer"."""
    forms = [t.form for t in part.tokens]
    for i in range(position + 1, min(len(forms), position + 13)):
        if forms[i] in ("exclu", "exclus", "exclue", "exclues", "excluded") and forms[i - 1] in BEING \
                and not any(f in NEGATIONS_BEFORE or f.startswith(LIABILITY) for f in forms[max(0, i - 5):i]):
            return True
    return False


def names_a_certificate(part, position: int) -> bool:
    """ "certifiée Hébergeur de Données de Santé", "certificat hébergeur de données de santé": the name of
    a certification, which says nothing of the data this contract hosts."""
    return any(t.form.startswith(("certifi", "certificat")) for t in part.tokens[max(0, position - 4):position])


def decide_applicability(name: str, rule: ApplicabilityRule, context: Context) -> Applicability:
    candidates = [context.sentences[i] for i in sorted(context.index.sentences_with(rule.terms))]
    # Each stretch between semicolons counts on its own: "…s'interdit d'utiliser les dossiers à
    # d'autres fins ; il les héberge en France" still says the contract concerns them.
    hits = []
    for s in candidates:
        if carve_out_title(context.titles_of.get(s.start, "")):
            continue
        listed = False  # "Sont exclus du contrat : a) … ; b) …": the carve-out runs over every item
        for part in segments(s):
            heads = carving_out(part)
            if not listed and (positions := first_position(part, rule.terms, context.cache)) \
                    and not (rule.exclude and first_position(part, rule.exclude, context.cache)):
                affirmed = [p for p in positions if not denied(part, p) and not names_a_certificate(part, p)
                            and not any(h < p < end for h, end in heads) and not said_excluded(part, p)]
                if affirmed:
                    hits.append(Hit(s, affirmed[0]))
            listed = listed or any(t.form == ":" for h, _ in heads for t in part.tokens[h + 1:h + 6])
    if not hits:
        return Applicability(name, False, context.say(rule.say_not, rule.say_not_en))
    say = context.say(rule.say, rule.say_en)
    evidence = tuple(evidence_of(hit, context, say, "applicability") for hit in hits[:3])
    return Applicability(name, True, say, evidence)


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
