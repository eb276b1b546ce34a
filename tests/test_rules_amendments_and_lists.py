"""The ``superseded`` operator (a clause an amendment or particular conditions replace is not in force),
the ``lead_in`` operator (a list item read with the sentence introducing its list) and caps read in
their whole sentence when listed between semicolons."""

from __future__ import annotations

import pytest
from conftest import evaluate_rule
from pydantic import ValidationError

from auditor.rules import Detect, Expression


def status_of(detect: Detect, text: str) -> str:
    return evaluate_rule(detect, text).status


def low_cap_rule(skip_superseded: bool = True) -> Detect:
    match = {"cap": {"actor": "any", "months_below": 12}}
    if skip_superseded:
        match = {"all": [match, {"none": [{"superseded": True}]}]}
    return Detect.model_validate({
        "scope": {"terms": ["responsabilit*", "liabilit*"]},
        "flags": [{"id": "low_cap", "status": "weak", "say": "plafond bas", "match": match}],
    })


AMENDED = """Article 9 – Responsabilité

9.1 La responsabilité du Prestataire est limitée aux sommes versées au cours des trois (3) derniers mois.

AVENANT N° 1

Article 2 – Responsabilité

L'article 9.1 du Contrat est supprimé et remplacé par ce qui suit :

« La responsabilité du Prestataire est limitée à vingt-quatre (24) mois de redevances. »
"""


def test_a_replaced_clause_is_superseded() -> None:
    assert status_of(low_cap_rule(), AMENDED) == "pass"
    assert status_of(low_cap_rule(skip_superseded=False), AMENDED) == "weak"


def test_the_replacing_wording_itself_stays_in_force() -> None:
    text = AMENDED.replace("vingt-quatre (24) mois", "deux (2) mois")
    assert status_of(low_cap_rule(), text) == "weak"


@pytest.mark.parametrize("announcement", [
    "3. Par dérogation à l'article 14.2 des Conditions Générales, la responsabilité est limitée à 24 mois de redevances.",
    "3. By way of derogation from Clause 14.2 of the General Terms, liability is limited to 24 months of fees.",
])
def test_particular_conditions_derogating_before_the_general_terms(announcement: str) -> None:
    text = (f"CONDITIONS PARTICULIÈRES\n\n{announcement}\n\nCONDITIONS GÉNÉRALES\n\n14. Responsabilité\n\n"
            "14.2 La responsabilité est limitée aux sommes versées au cours du mois précédant le dommage, soit "
            "un (1) mois de redevances.\n")
    assert status_of(low_cap_rule(), text) == "pass"


@pytest.mark.parametrize("announcement", [
    "9.2 Nonobstant l'article 9.1, les manquements à la confidentialité relèvent d'un plafond distinct.",
    "9.2 Par dérogation à l'article 9 du Code de commerce, les parties conviennent de ce qui suit.",
    # an annex numbered on its own: its article 9 is not the contract's
    "9.2 L'article 9 de l'Annexe 3 est supprimé et remplacé par ce qui suit : les rapports sont mensuels.",
    # a replacement for some breaches only leaves the general cap in force for the others
    "9.2 The cap in clause 9.1 is replaced, for breaches of confidentiality, by twenty-four (24) months of fees.",
    "9.2 Le plafond de l'article 9.1 est remplacé, pour les manquements à la confidentialité, par vingt-quatre (24) "
    "mois de redevances.",
])
def test_an_exception_or_a_statute_supersedes_nothing(announcement: str) -> None:
    text = ("Article 9 – Responsabilité\n\n9.1 La responsabilité du Prestataire est limitée aux sommes versées au "
            f"cours des trois (3) derniers mois.\n\n{announcement}\n")
    assert status_of(low_cap_rule(), text) == "weak"


def proprietary_format_rule() -> Detect:
    return Detect.model_validate({
        "scope": {"terms": ["restitu*"]},
        "flags": [{"id": "own_format", "status": "weak", "say": "format propriétaire",
                   "match": {"all": [{"terms": ["format propriétaire"]}, {"none": [{"superseded": True}]}]}}],
    })


def test_a_derogation_sets_aside_only_what_it_restates() -> None:
    # the later article shortens the period of 13.2; what 13.2 says of the settings' format still holds
    text = ("Article 13 – Restitution\n\n13.2 Les Données sont restituées dans un délai de trente (30) jours. Les "
            "paramétrages sont restitués dans le format propriétaire de l'outil.\n\n13.5 Par dérogation à "
            "l'article 13.2, le délai est fixé à vingt (20) jours.\n")
    assert status_of(proprietary_format_rule(), text) == "weak"
    # a derogation that restates the format itself sets that sentence aside
    text = text.replace("le délai est fixé à vingt (20) jours", "les paramétrages sont restitués au format CSV")
    assert status_of(proprietary_format_rule(), text) == "pass"


def test_superseded_takes_only_true() -> None:
    with pytest.raises(ValidationError):
        Expression.model_validate({"superseded": False})


def test_a_cap_listed_after_a_semicolon_is_read_with_its_sentence() -> None:
    rule = Detect.model_validate({
        "scope": {"terms": ["responsabilit*"]},
        "flags": [{"id": "low_cap", "status": "weak", "say": "plafond bas",
                   "match": {"all": [{"terms": ["limit*"]}, {"cap": {"actor": "any", "months_below": 12}}]}}],
    })
    text = ("La responsabilité du Titulaire est limitée : pour la phase de projet, à 20 % du prix ; pour "
            "l'exploitation, aux redevances versées au cours des quatre (4) derniers mois.")
    assert status_of(rule, text) == "weak"


def excluded_item_rule() -> Detect:
    return Detect.model_validate({
        "scope": {"terms": ["perte*", "loss"]},
        "flags": [{"id": "excluded_item", "status": "fail", "say": "exclu",
                   "match": {"all": [{"lead_in": {"terms": ["* ne ... ... tenu* responsab*", "not be liable"]}},
                                     {"terms": ["perte*", "loss"]}]}}],
    })


def test_an_item_is_read_with_the_sentence_introducing_its_list() -> None:
    text = ("Article 8 – Responsabilité\n\n8.1 Le Prestataire ne pourra être tenu responsable :\n\n"
            "a) de la perte des fichiers du Client ;\n\nb) des retards de ses fournisseurs.\n")
    assert status_of(excluded_item_rule(), text) == "fail"


def test_the_introduction_is_found_across_earlier_items() -> None:
    text = ("8. Liability\n\nThe Provider shall not be liable for:\n\n- delays of its suppliers;\n\n"
            "- acts of the Customer's staff;\n\n- any loss of Customer files.\n")
    assert status_of(excluded_item_rule(), text) == "fail"


def test_a_sentence_that_is_no_list_item_has_no_introduction() -> None:
    text = ("Article 8 – Responsabilité\n\nLe Prestataire est responsable de ce qui suit :\n\n"
            "Une perte de fichiers est signalée au Client sans délai.\n")
    assert status_of(excluded_item_rule(), text) == "pass"


def test_a_list_typed_inside_one_sentence_is_read_with_the_words_before_its_colon() -> None:
    text = ("Article 8 – Responsabilité\n\n8.1 Le Prestataire ne pourra être tenu responsable : a) des retards de "
            "ses fournisseurs ; b) de la perte des fichiers du Client.\n")
    assert status_of(excluded_item_rule(), text) == "fail"


def test_a_semicolon_without_an_inline_list_borrows_no_introduction() -> None:
    # the colon opens no lettered list: the stretch after the semicolon stays on its own
    text = ("Article 8 – Responsabilité\n\n8.1 Le Prestataire ne pourra être tenu responsable : des retards de "
            "ses fournisseurs ; la perte des fichiers est signalée au Client sans délai.\n")
    assert status_of(excluded_item_rule(), text) == "pass"
