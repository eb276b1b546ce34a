"""Engine details the backup (BKP) and termination (TERM) rules depend on."""

from __future__ import annotations

import pytest
from conftest import rule_context

from auditor.evaluate import Context, calendar_days, compile_phrase, evaluate, first_position, in_days, is_negated
from auditor.quantities import find_durations
from auditor.rules import Detect, Threshold


def context_of(text: str) -> Context:
    return rule_context(text)


def negated(text: str, word: str) -> bool:
    sentence = context_of(text).sentences[0]
    return is_negated(sentence, first_position(sentence, [word])[0])


def test_a_relative_que_after_pas_does_not_lift_the_negation():
    assert negated("Le prix n'inclut pas la sauvegarde, que le Client organise lui-même.", "inclut")
    assert negated("Le Prestataire ne peut pas résilier le contrat que les parties ont signé.", "résilier")


def test_ne_que_still_restricts_and_plain_negation_still_negates():
    assert not negated("Le Prestataire ne peut résilier qu'après une mise en demeure.", "résilier")
    assert not negated("Provider may not terminate except for cause.", "terminate")
    assert negated("Le Prestataire ne peut pas résilier le contrat.", "résilier")


def test_english_possessive_phrases_match_the_split_tokens():
    assert compile_phrase("at Customer's request") == ("at", "customer", "'s", "request")
    sentence = context_of("Restore tests are performed at the Customer’s request.").sentences[0]
    assert first_position(sentence, ["at the Customer's request"])


def test_a_phrase_opening_on_any_word_is_found_through_the_cache():
    context = context_of("La redevance de sauvegarde n'est pas due pour les mois sans sauvegarde.")
    sentence = context.sentences[0]
    assert first_position(sentence, ["* n' est pas due"], context.cache) == [3]  # "sauvegarde", the word before "n'"


def test_scope_match_brings_a_sentence_no_single_phrase_names():
    context = context_of("Désignation | Prix HT\nSauvegarde quotidienne (7 jours) | incluse\n")
    detect = Detect.model_validate({
        "scope": {"terms": ["redevance de sauvegarde"],
                  "match": {"all": [{"terms": ["sauvegard*"]}, {"terms": ["inclu*"]}, {"terms": ["prix"]}]}},
        "flags": [{"id": "bundled", "status": "fail", "say": "x", "match": {"terms": ["inclu*"]}}],
    })
    assert evaluate("BKP-06", detect, {}, context).status == "fail"
    silent = Detect.model_validate({"scope": {"terms": ["redevance de sauvegarde"]}})
    assert evaluate("BKP-06", silent, {}, context).status == "missing"


def test_scope_exclude_can_reach_only_its_own_segment():
    text = "Aucune indemnité de résiliation n'est due ; les sommes payées d'avance sont remboursées.\n"
    scope = {"terms": ["indemnité de résiliation"], "exclude": ["rembours*"]}
    whole = Detect.model_validate({"scope": scope})
    per_segment = Detect.model_validate({"scope": {**scope, "exclude_reach": "segment"}})
    assert evaluate("TERM-03", whole, {}, context_of(text)).status == "missing"
    assert evaluate("TERM-03", per_segment, {}, context_of(text)).status == "pass"
    # a sentence with no semicolon is excluded as before
    alone = "L'indemnité de résiliation versée est remboursée au Client.\n"
    assert evaluate("TERM-03", per_segment, {}, context_of(alone)).status == "missing"


@pytest.mark.parametrize("text, language, days", [
    ("dans un délai de cinq (5) jours ouvrés", "fr", 7.0),          # five business days: one calendar week
    ("dans les six (6) jours ouvrables", "fr", 7.0),                # Saturdays are "jours ouvrables"
    ("within ten (10) business days", "en", 14.0),
    ("sous neuf (9) heures ouvrées", "fr", 1.4),                    # one business day of 9 h – 18 h
    ("dans un délai de trente (30) jours", "fr", 30.0),             # calendar days are left alone
])
def test_business_days_and_hours_on_a_calendar(text, language, days):
    (quantity,) = find_durations(text, language)
    assert calendar_days(quantity) == pytest.approx(days)


def test_four_business_hours_stay_within_a_day():
    (quantity,) = find_durations("within four (4) Business Hours", "en")
    assert calendar_days(quantity) < 1


def test_a_threshold_may_be_set_in_business_days():
    assert in_days(Threshold(value=5, unit="business_days"), {}) == pytest.approx(7.0)
    assert in_days(Threshold(value="{max_days}", unit="business_days"), {"max_days": "10"}) == pytest.approx(14.0)


def test_a_clause_title_holds_for_every_stretch_between_semicolons():
    from auditor.evaluate import matches
    from auditor.rules import Expression

    context = context_of("Article 9 – Plan de sauvegarde\n\n"
                         "Bases | chaque nuit ; 35 jours pour les quotidiennes ; 12 mensuelles | site secondaire\n")
    row = next(s for s in context.sentences if "35 jours" in context.document.text[s.start:s.end])
    both = Expression.model_validate({"all": [{"title": ["sauvegarde"]}, {"terms": ["quotidiennes"]}]})
    # "quotidiennes" is in the second stretch: the title must hold there too
    assert matches(both, row, context, {}) is not None
    assert matches(Expression.model_validate({"all": [{"title": ["facturation"]}, {"terms": ["quotidiennes"]}]}),
                   row, context, {}) is None


def test_a_column_name_carried_into_a_table_row_reads_only_its_own_cell():
    context = context_of(
        "Annexe 2 – Plan de sauvegarde\n\n"
        "| Périmètre | Fréquence | Conservation | Perte de données maximale admissible (RPO) |\n"
        "| Bases comptables | quotidienne | 12 versions | 7 jours |\n"
        "| Messagerie | quotidienne | 30 jours | 24 heures |\n")
    detect = Detect.model_validate({"scope": {"terms": ["conservation"]}, "require": [{
        "id": "retention", "say": "x", "match": {"duration": {"near": ["conservation"], "record": "retention_days"}}}]})
    rows = [s for s in context.sentences if "Bases" in context.document.text[s.start:s.end]
            or "Messagerie" in context.document.text[s.start:s.end]]
    assert len(rows) == 2
    from auditor.evaluate import duration_hit
    test = detect.require[0].match.duration
    assert duration_hit(test, rows[0], context, {}) is None  # "7 jours" is the RPO column's
    hit = duration_hit(test, rows[1], context, {})
    assert hit and dict(hit.values)["retention_days"] == "30"


def test_a_header_row_closed_by_an_empty_last_column_still_names_its_columns():
    # office tables often end each row with an empty column ("Objet | Fréquence | Rétention |")
    context = context_of(
        "Annexe 3 – Plan de sauvegarde\n\n"
        "| Objet | Fréquence | Rétention | |\n"
        "| Base de gestion | chaque nuit | 45 jours | |\n")
    row = next(s for s in context.sentences if context.document.text[s.start:s.end].startswith("Base"))
    words = [t.text for t in row.tokens]
    assert words[words.index("Rétention") + 1:words.index("Rétention") + 3] == ["45", "jours"]


@pytest.mark.parametrize("text, word, role", [
    ("Les bases sont sauvegardées par le service informatique du Client chaque nuit.", "sauvegardées", "client"),
    ("The databases are backed up by the internal IT team of the Customer every night.", "backed", "client"),
    ("Les sauvegardes sont réalisées par les équipes d'exploitation du Prestataire.", "réalisées", "provider"),
])
def test_a_passive_agent_owned_by_a_party_is_that_party(text, word, role):
    from auditor.parties import actor
    context = context_of(text)
    sentence = context.sentences[0]
    assert actor(sentence, first_position(sentence, [word])[0], context.parties) == frozenset({role})


def test_a_passive_agent_followed_by_another_preposition_names_no_owner():
    from auditor.parties import actor
    context = context_of("La sauvegarde est notifiée par lettre recommandée adressée au Client.")
    sentence = context.sentences[0]
    assert "client" not in actor(sentence, first_position(sentence, ["notifiée"])[0], context.parties)


def test_a_negation_does_not_reach_across_a_table_cell():
    # "aucune" is the threshold column's value; the penalty of the next column stands
    context = context_of(
        "Annexe 1 – Niveaux de service\n\n"
        "| Indicateur | Seuil toléré | Pénalité |\n"
        "| Sauvegarde quotidienne manquée | aucune | 250 € par sauvegarde |\n")
    row = next(s for s in context.sentences if "manquée" in context.document.text[s.start:s.end])
    assert not is_negated(row, first_position(row, ["pénalité"])[0])
    assert negated("Aucune pénalité n'est due.", "pénalité")


def test_a_flag_may_say_the_element_is_missing():
    detect = Detect.model_validate({"scope": {"terms": ["forfait"]}, "flags": [{
        "id": "flat", "status": "missing", "say": "x", "match": {"terms": ["forfait"]}}]})
    result = evaluate("BKP-06", detect, {}, context_of("Le forfait de sauvegarde est de 100 € par mois."))
    assert result.status == "missing"


def test_what_ne_que_restricts_to_is_not_negated():
    # "ne fait appel qu'aux sous-traitants" affirms them; "ne fait pas appel aux sous-traitants" denies them;
    # (a relative "que" after "pas" keeps the negation: test_a_relative_que_after_pas_does_not_lift_the_negation)
    assert not negated("Le Prestataire ne fait appel qu'aux sous-traitants certifiés.", "sous-traitants")
    assert negated("Le Prestataire ne fait pas appel aux sous-traitants.", "sous-traitants")
