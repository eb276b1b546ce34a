"""The `previous` operator: what a demonstrative ("Ce délai", "Cette assistance") stands for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from auditor.audit import clause_titles, innermost_clauses
from auditor.evaluate import Context, evaluate
from auditor.nlp import analyse_sentences, detect_language, paragraph_spans
from auditor.parties import find_parties
from auditor.read.text import read_text
from auditor.rules import Detect
from auditor.segment import segment


def status_of(detect: Detect, text: str) -> str:
    document = replace(read_text(Path("case.txt"), text.encode("utf-8")), path="case.txt")
    clauses = segment(document)
    language = detect_language(document.text)
    starts = frozenset(c.start for top in clauses for c in top.walk())
    sentences = analyse_sentences(document, language, paragraph_spans(document, starts))
    context = Context(document, language, sentences, find_parties(document.text),
                      innermost_clauses(clauses, sentences), clause_titles(clauses, sentences))
    return evaluate("TEST-01", detect, {}, context).status


ANAPHORA = Detect.model_validate({
    "scope": {"terms": ["ce délai"]},
    "flags": [{"id": "window_withheld", "status": "fail", "say": "fenêtre refusée",
               "match": {"all": [{"terms": ["ce délai"]}, {"previous": {"terms": ["export*"]}}]}}],
})


def test_previous_reads_the_sentence_before_in_the_same_article() -> None:
    text = ("Article 4 – Fin de l'abonnement\n\n4.1 Vous pouvez exporter vos fichiers pendant trente (30) jours.\n\n"
            "4.2 Ce délai n'est pas ouvert en cas de manquement de votre part.\n")
    assert status_of(ANAPHORA, text) == "fail"


def test_previous_does_not_reach_into_the_article_before() -> None:
    text = ("Article 4 – Données\n\n4.1 Vous pouvez exporter vos fichiers à tout moment.\n\n"
            "Article 5 – Résiliation\n\n5.1 Ce délai de préavis est d'un mois.\n")
    assert status_of(ANAPHORA, text) == "pass"


def test_previous_needs_the_words_in_the_sentence_just_before() -> None:
    text = ("Article 4 – Fin de l'abonnement\n\n4.1 Vous pouvez exporter vos fichiers pendant trente (30) jours.\n\n"
            "4.2 Le préavis de résiliation est d'un mois.\n\n4.3 Ce délai court à compter de la notification.\n")
    assert status_of(ANAPHORA, text) == "pass"
