"""The `previous` operator: what a demonstrative ("Ce délai", "Cette assistance") stands for."""

from __future__ import annotations

from conftest import evaluate_rule

from auditor.rules import Detect


def status_of(detect: Detect, text: str) -> str:
    return evaluate_rule(detect, text).status


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


def test_previous_reads_the_stretch_before_a_semicolon() -> None:
    text = ("Article 4 – Fin de l'abonnement\n\n4.1 Vous pouvez exporter vos fichiers pendant trente (30) jours ; "
            "ce délai n'est pas ouvert en cas de manquement de votre part.\n")
    assert status_of(ANAPHORA, text) == "fail"


def test_previous_stretch_needs_the_words_before_the_semicolon() -> None:
    text = ("Article 4 – Fin de l'abonnement\n\n4.1 Le préavis de résiliation est d'un mois ; "
            "ce délai court à compter de la notification.\n")
    assert status_of(ANAPHORA, text) == "pass"
