"""The cap operator's bounds (``months_below``, ``months_at_least``, ``months_at_most``) and whose cap it is
(the provider named on an order form's letterhead)."""

from __future__ import annotations

import pytest
from conftest import evaluate_rule
from pydantic import ValidationError

from auditor.parties import find_parties
from auditor.rules import CapTest, Detect


def status_of(detect: Detect, text: str, parameters: dict | None = None) -> str:
    return evaluate_rule(detect, text, parameters).status


def cap_rule(**bounds) -> Detect:
    return Detect.model_validate({
        "scope": {"terms": ["responsabilit*", "liabilit*"]},
        "flags": [{"id": "low_cap", "status": "fail", "say": "plafond bas",
                   "match": {"cap": {"actor": "any", **bounds}}}],
    })


@pytest.mark.parametrize(("months", "expected"), [("trois (3)", "fail"), ("deux (2)", "fail"), ("quatre (4)", "pass")])
def test_months_at_most_includes_the_threshold(months: str, expected: str) -> None:
    text = (f"La responsabilité du Prestataire est limitée aux sommes versées au cours des {months} "
            "derniers mois.")
    assert status_of(cap_rule(months_at_most=3), text) == expected


def test_months_at_most_takes_a_parameter() -> None:
    text = "Provider's liability shall not exceed the fees paid in the six (6) months preceding the claim."
    assert status_of(cap_rule(months_at_most="{fail_months}"), text, {"fail_months": 6}) == "fail"
    assert status_of(cap_rule(months_at_most="{fail_months}"), text, {"fail_months": 3}) == "pass"


def test_months_at_most_needs_a_period() -> None:
    # a fixed amount has no months of fees: no bound in months can hold
    text = "La responsabilité du Prestataire est limitée à 10 000 euros."
    assert status_of(cap_rule(months_at_most=3), text) == "pass"


def test_the_lower_of_an_amount_and_months_of_fees_is_weighed_against_the_fees() -> None:
    fees = "Article 5 – Prix\nLa redevance d'exploitation est de 10 000 € par mois.\n"
    cap = ("Article 9 – Responsabilité\nLa responsabilité du Prestataire est limitée au plus faible des deux montants "
           "suivants : 40 000 euros ou les sommes versées au cours des douze (12) derniers mois.")
    assert status_of(cap_rule(months_below=12), fees + cap) == "fail"
    assert status_of(cap_rule(months_at_least=12), fees + cap) == "pass"
    # the higher of the two stays at least the months of fees
    higher = cap.replace("au plus faible", "au plus élevé")
    assert status_of(cap_rule(months_at_least=12), fees + higher) == "fail"


def test_months_at_most_rejects_a_bare_word() -> None:
    with pytest.raises(ValidationError):
        CapTest(months_at_most="fail_months")


def test_a_letterhead_company_is_the_provider_of_an_order_form() -> None:
    text = ("AZURNET\nInfogérance et hébergement\nSAS au capital de 50 000 € – RCS Nantes 000 000 000\n\n"
            "BON DE COMMANDE\n\nClient : SOCIÉTÉ BETAFORM\n\nLa responsabilité d'Azurnet est limitée à un mois "
            "d'abonnement.\n")
    assert find_parties(text).role_of("Azurnet") == "provider"


def test_a_letterhead_with_a_tagline_names_the_provider() -> None:
    # the name comes before the dash, the trade's description after it; a plan's quoted name on the order
    # lines below the client's entry is no name of the client
    text = ("AZURNET – Création, hébergement et maintenance de sites internet\n"
            "EURL au capital de 3 000 euros – RCS Nantes 000 000 000\n\nBON DE COMMANDE\n\n"
            "Client : SOCIÉTÉ BETAFORM, SARL, 3 rue Haute, Nantes\nPrestations commandées\n"
            "Formule d'hébergement « Essentiel » : 49 euros HT par mois\n\n"
            "La responsabilité d'Azurnet est limitée à un mois d'abonnement.\n")
    parties = find_parties(text)
    assert parties.role_of("Azurnet") == "provider"
    assert parties.role_of("Essentiel") is None


@pytest.mark.parametrize("first_lines", [
    "CONTRAT D'HÉBERGEMENT\nSAS au capital de 50 000 €\n",  # a title, not a company
    "Azurnet\nSAS au capital de 50 000 €\n",  # not written as a letterhead
    "AZURNET\nHébergement\n\nArticle 1 – Objet\n",  # no legal form or registration below
])
def test_no_letterhead_provider_without_its_cues(first_lines: str) -> None:
    assert find_parties(first_lines + "\nLe Client paie.\n").role_of("Azurnet") is None


def test_a_buyers_own_order_form_names_no_provider_from_its_letterhead() -> None:
    text = ("BETAFORM INDUSTRIE\nSAS au capital de 200 000 € – RCS Lyon 000 000 000\n\nBON DE COMMANDE\n\n"
            "Fournisseur : NUVIA SARL\nClient : BETAFORM INDUSTRIE\n")
    assert find_parties(text).role_of("Betaform") is None


@pytest.mark.parametrize(("text", "months"), [
    ("Our liability for all claims in any calendar month is limited to the fees you paid us for that month.", 1.0),
    ("La responsabilité est limitée aux redevances payées par le Client au titre de ce mois.", 1.0),
    ("Liability shall be limited to a sum equal to the Charges payable for a period of nine (9) months.", 9.0),
    ("La responsabilité ne pourra excéder les redevances dues sur une période de six (6) mois.", 6.0),
])
def test_the_period_of_paid_fees_may_be_named_after_them(text: str, months: float) -> None:
    # "pour ce mois" points back at the month just named; "for a period of" introduces the period
    from auditor.quantities import parse_cap

    cap = parse_cap(text, "en" if text.startswith(("Our", "Liability")) else "fr")
    assert cap is not None and cap.months_of_fees == months


def test_fees_named_monthly_paid_over_a_period_are_that_period() -> None:
    from auditor.quantities import parse_cap
    cap = parse_cap("La responsabilité de chacune des Parties est limitée au montant total des Redevances Mensuelles "
                    "effectivement payées au cours des douze (12) mois précédant le fait générateur.")
    assert cap is not None and cap.months_of_fees == 12


def test_defined_terms_entries_take_no_party_role() -> None:
    text = ("Entre ALPHA SAS, ci-après « l'Éditeur », et BETA SAS, ci-après « le Client ».\n"
            "Article 1 – Définitions\n"
            "a) « Tiers Hébergeur » : la société GAMMA SAS, sous-traitant de l'Éditeur ;\n"
            "b) « Période Ferme » : les quarante-huit premiers mois.\n")
    names = find_parties(text).names
    assert "periode" not in names and "ferme" not in names and "tiers" not in names


@pytest.mark.parametrize(("text", "expected"), [
    ("La responsabilité du Loueur est limitée aux loyers versés au cours des trois (3) derniers mois.", "fail"),
    ("La responsabilité du Loueur est limitée au loyer mensuel multiplié par deux.", "fail"),
    ("The Lessor's liability shall not exceed the rent paid in the twelve (12) months before the claim.", "pass"),
])
def test_rent_is_the_fees_of_a_lease(text: str, expected: str) -> None:
    assert status_of(cap_rule(months_at_most=3), text) == expected


@pytest.mark.parametrize("text, word, role", [
    ("Le Prestataire n'est pas responsable de la perte des données si le Client n'a pas conservé la copie.",
     "conservé", "client"),
    ("The Provider is not liable for lost data if the Customer has not kept the latest export.", "kept", "client"),
    # the main clause keeps its subject
    ("Le Prestataire n'est pas responsable de la perte des données si le Client n'a pas conservé la copie.",
     "responsable", "provider"),
    # a conditional clause naming no party leaves the subject of the main clause
    ("Le Prestataire restaure les données si nécessaire.", "restaure", "provider"),
])
def test_a_conditional_clause_has_its_own_subject(text, word, role):
    from conftest import rule_context

    from auditor.evaluate import first_position
    from auditor.parties import actor
    context = rule_context(text)
    sentence = context.sentences[0]
    assert actor(sentence, first_position(sentence, [word])[0], context.parties) == frozenset({role})


def test_a_members_annual_contribution_is_a_year_of_fees() -> None:
    # a public syndicate's or an association's member pays a contribution, not a "redevance"
    text = ("La responsabilité du Syndicat est limitée, par année civile, au montant de la contribution annuelle "
            "de la Commune adhérente.")
    assert status_of(cap_rule(months_at_least=12), text) == "fail"
    assert status_of(cap_rule(months_below=12), text) == "pass"


def test_a_multiple_of_the_monthly_share_of_a_rent_is_read_in_months() -> None:
    # « douze fois la quote-part mensuelle du Loyer »: twelve months of that share
    text = ("La responsabilité du Loueur est limitée à douze (12) fois la quote-part mensuelle du Loyer afférente "
            "aux services.")
    assert status_of(cap_rule(months_at_least=12), text) == "fail"
    assert status_of(cap_rule(months_below=12), text) == "pass"


def test_by_and_a_gerund_is_no_passive_agent() -> None:
    from conftest import rule_context

    from auditor.evaluate import first_position
    from auditor.parties import actor
    context = rule_context("The Supplier may amend the Service Level Schedule by giving the Customer thirty (30) days' notice.")
    sentence = context.sentences[0]
    assert actor(sentence, first_position(sentence, ["amend"])[0], context.parties) == frozenset({"provider"})
    # a true passive agent is still read
    context = rule_context("The Service Level Schedule may be amended by the Customer at any time.")
    sentence = context.sentences[0]
    assert actor(sentence, first_position(sentence, ["amended"])[0], context.parties) == frozenset({"client"})


def test_the_owner_of_a_cap_is_read_past_its_qualifiers() -> None:
    from conftest import rule_context

    from auditor.evaluate import cap_owner
    context = rule_context("La responsabilité totale et cumulée du Prestataire est limitée aux redevances d'une année.")
    assert cap_owner(context.sentences[0], context) == frozenset({"provider"})
    context = rule_context("The total aggregate liability of the Supplier shall not exceed the fees of one year.")
    assert cap_owner(context.sentences[0], context) == frozenset({"provider"})


def test_the_orders_of_a_year_are_a_year_of_fees_not_the_failed_order() -> None:
    from auditor.quantities import parse_cap
    cap = parse_cap("La responsabilité du titulaire est limitée à la moitié du montant des bons de commande émis au "
                    "cours de l'année précédant le dommage.", "fr")
    assert cap.basis == "fees_paid" and cap.months_of_fees == 6.0
    assert parse_cap("La responsabilité du Prestataire est limitée au montant de la commande concernée.",
                     "fr").basis == "order_value"


def test_the_orders_of_a_period_are_months_of_fees_not_the_failed_order() -> None:
    from auditor.quantities import parse_cap
    cap = parse_cap("La responsabilité des parties est plafonnée à la valeur des commandes passées pendant les "
                    "neuf (9) mois qui précèdent la réclamation.", "fr")
    assert cap.basis == "fees_paid" and cap.months_of_fees == 9.0
    cap = parse_cap("Liability is limited to the value of the orders issued during the eighteen months before the "
                    "claim.", "en")
    assert cap.basis == "fees_paid" and cap.months_of_fees == 18.0
    # a payment term after the failed order is no reference period
    assert parse_cap("La responsabilité est limitée au montant de la commande concernée, payable à 30 jours.",
                     "fr").basis == "order_value"


def _negated(text: str, word: str) -> bool:
    from conftest import rule_context

    from auditor.evaluate import first_position, is_negated
    sentence = rule_context(text).sentences[0]
    return is_negated(sentence, first_position(sentence, [word])[0])


def test_the_expletive_ne_of_a_moins_que_negates_nothing():
    text = ("Le Prestataire ne répond pas de la perte des données, à moins que celle-ci ne résulte d'un manquement "
            "de sa part.")
    assert not _negated(text, "manquement")
    assert _negated(text, "perte")
    assert not _negated("Le Client ne peut résilier avant qu'il ne soit mis en demeure.", "mis")


def test_a_moins_que_with_pas_still_negates():
    assert _negated("Le service est dû, à moins que le Client ne puisse pas y accéder.", "accéder")


def test_the_price_of_some_months_of_the_service_is_months_of_fees():
    from auditor.quantities import parse_cap
    cap = parse_cap("Si ma responsabilité est engagée, l'indemnisation ne pourra pas dépasser le prix de trois mois de "
                    "maintenance.", "fr")
    assert cap.basis == "monthly_fees" and cap.months_of_fees == 3.0
    cap = parse_cap("The Supplier's liability shall not exceed the price of two (2) months of hosting.", "en")
    assert cap.basis == "monthly_fees" and cap.months_of_fees == 2.0
    # a bare period after a price names no service: not read as months of fees
    assert parse_cap("La responsabilité est limitée au prix de 24 mois.", "fr") is None
