"""Recurring fees read from a contract, and a liability cap written as an amount weighed against them."""

from __future__ import annotations

import pytest
from conftest import audit_for

from auditor.fees import contract_monthly_fee, recurring_fees


@pytest.mark.parametrize(
    "text, language, per_month",
    [
        ("La redevance mensuelle est fixée à 4 500 € HT.", "fr", 4500),
        ("Abonnement : 1 200 euros HT par mois, payable d'avance.", "fr", 1200),
        ("La redevance trimestrielle s'élève à neuf mille euros HT.", "fr", 3000),
        ("Prix annuel du service : 36 000 € HT/an.", "fr", 3000),
        ("Hébergement | 2 500,00 € HT / mois", "fr", 2500),  # a price-grid row
        ("The Charges are EUR 54,000 per annum, invoiced quarterly in advance.", "en", 4500),
        ("The monthly subscription fee is EUR 2,000.", "en", 2000),
    ],
)
def test_recurring_fees_per_month(text, language, per_month):
    assert [fee.per_month for fee in recurring_fees(text, language)] == [per_month]


@pytest.mark.parametrize(
    "text",
    [
        "La responsabilité du Prestataire est limitée à 50 000 € par an.",  # the cap itself
        "Une pénalité de 500 € par jour de retard est due.",
        "Le prix est de 12 € HT par utilisateur et par mois.",  # a unit price
        "Frais de mise en service : 1 500 € HT.",  # one-off
        "Société par actions simplifiée au capital de 10 000 euros.",
        "Le Client réalise un chiffre d'affaires de 2 000 000 € par an.",
        "Le prix est de 4 500 € HT.",  # no period: not a recurring fee
    ],
)
def test_amounts_that_are_not_recurring_fees(text):
    assert recurring_fees(text, "fr") == []


def test_the_stated_total_prevails_over_the_lines_of_a_price_grid():
    rows = ["Hébergement | 2 500 € HT / mois", "Infogérance | 1 500 € HT / mois", "Total mensuel | 4 000 € HT / mois",
            "Option sauvegarde étendue | 800 € HT / mois"]
    index, fee = contract_monthly_fee(rows)
    assert (index, fee.per_month) == (2, 4000)
    index, fee = contract_monthly_fee(rows[:2])
    assert (index, fee.per_month) == (0, 2500)


def liab01(text: str):
    return audit_for("LIAB-01", text).findings[0]


CAP_AND_FEES = """Article 6 – Conditions financières
En contrepartie du Service, le Client verse au Prestataire une redevance mensuelle de 5 000 € HT.
Article 11 – Responsabilité
La responsabilité totale du Prestataire, toutes causes confondues, ne pourra excéder {cap}.
"""


@pytest.mark.parametrize(
    "cap, status, months",
    [("20 000 euros", "weak", "4"), ("10 000 euros", "fail", "2"), ("100 000 euros", "pass", "20")],
)
def test_a_cap_written_as_an_amount_is_weighed_against_the_stated_fees(cap, status, months):
    finding = liab01(CAP_AND_FEES.format(cap=cap))
    assert finding.status == status, finding.reasons
    assert dict(finding.values)["fees_per_month"] == "5000"
    assert dict(finding.values)["cap_months_of_fees"] == months


def test_a_cap_written_as_an_amount_without_stated_fees_is_left_to_review():
    text = CAP_AND_FEES.format(cap="20 000 euros").replace("une redevance mensuelle de 5 000 € HT", "le prix convenu")
    assert liab01(text).status == "review"
