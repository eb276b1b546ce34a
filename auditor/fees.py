"""The recurring fees a contract states, to weigh a liability cap written as a fixed amount.

A cap of "50 000 € HT" says little until it is set against what the client pays: twelve months
of fees is the usual benchmark (controls.md, LIAB-01). The price clause or the price annex states
the fees ("redevance mensuelle de 4 500 € HT", "EUR 54,000 per annum", a price-grid row
"Hébergement | 2 500 € HT / mois"); this module reads them as an amount per month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.quantities import Quantity, find_amounts

# Words that name what the client pays for the service.
FEE_WORDS = re.compile(
    r"\b(?:redevances?|abonnements?|forfaits?|prix|montants?|tarifs?|co[uû]ts?|factur\w*|fees?|charges?|"
    r"subscriptions?|prices?|pricing)\b",
    re.IGNORECASE,
)
# Sentences whose amounts are not the fees: the cap itself, penalties and credits, insurance,
# share capital, indemnities, one-off set-up costs.
NOT_FEES = re.compile(
    r"responsabilit|liabilit|liable|p[ée]nalit|penalt|cr[ée]dits? de service|service credits?|assuran|insur|"
    r"capital|indemnit|dommages|damages|plafon|\bcap\b|mise en service|installation|set-?up|one-?off|"
    r"frais d'acc[eè]s|initialisation|onboarding|r[ée]versibilit|exit|reversibility|chiffre d'affaires|turnover|"
    r"revenue|budget",
    re.IGNORECASE,
)
# Amounts stated per user, per day, per hour or per claim are unit prices, not the contract's fees.
UNIT_PRICES = {"per_user", "per_day", "per_hour", "per_week", "per_claim"}
MONTHS_PER_PERIOD = {"per_month": 1, "per_quarter": 3, "per_year": 12}
# The period named by the fee's own words: "redevance mensuelle de 4 500 €", "annual fee of EUR 54,000".
PERIOD_BEFORE = (
    (re.compile(r"\b(?:mensuel\w*|monthly|par mois|per month)\b", re.IGNORECASE), 1),
    (re.compile(r"\b(?:trimestriel\w*|quarterly|par trimestre|per quarter)\b", re.IGNORECASE), 3),
    (re.compile(r"\b(?:semestriel\w*|half-yearly|semi-annual\w*)\b", re.IGNORECASE), 6),
    (re.compile(r"\b(?:annuel\w*|annual\w*|yearly|par an|per annum|per year)\b", re.IGNORECASE), 12),
)
LOOKBEHIND = 60  # characters before an amount where its fee words and period may sit


@dataclass(frozen=True)
class RecurringFee:
    """A recurring fee as the contract states it, with what it comes to per month."""

    per_month: float
    amount: Quantity  # offsets relative to the text the fee was read in


# A price row or sentence headed by the recurring fee itself ("Redevance annuelle : hébergement, maintenance,
# sauvegardes, réversibilité | 11 400 € HT par an"): the services it lists, reversibility among them, are what
# the fee pays for, not another price.
RECURRING_HEAD = re.compile(
    r"^\W*(?:redevances?|abonnements?)\s+(?:annuel|mensuel|trimestriel|semestriel)\w*\s*[:|–-]"
    r"|^\W*(?:annual|monthly|quarterly|yearly)\s+(?:subscription|fees?|charges?)\s*[:|–-]",
    re.IGNORECASE,
)
INCLUDED_SERVICES = re.compile(r"r[ée]versibilit|reversibility|exit", re.IGNORECASE)


def recurring_fees(text: str, language: str = "fr") -> list[RecurringFee]:
    """The recurring fees stated in ``text`` (a sentence, a table row), in order."""
    excluded = [m.group() for m in NOT_FEES.finditer(text)]
    if RECURRING_HEAD.match(text):
        excluded = [word for word in excluded if not INCLUDED_SERVICES.match(word)]
    if excluded:
        return []
    fees = []
    for amount in find_amounts(text, language):
        if amount.unit not in ("EUR", "USD", "GBP", "CHF") or UNIT_PRICES & set(amount.qualifiers):
            continue
        # "2 500 € HT / mois" in a price-grid row is a fee by itself; a bare amount needs fee words
        # and a period before it ("redevance mensuelle de 4 500 €").
        months = next((MONTHS_PER_PERIOD[q] for q in amount.qualifiers if q in MONTHS_PER_PERIOD), None)
        before = text[max(0, amount.start - LOOKBEHIND):amount.start]
        if months is None and FEE_WORDS.search(before):
            months = next((m for pattern, m in PERIOD_BEFORE if pattern.search(before)), None)
        if months is None or amount.value <= 0:
            continue
        fees.append(RecurringFee(amount.value / months, amount))
    return fees


TOTAL = re.compile(r"\btotal\w*\b", re.IGNORECASE)


def contract_monthly_fee(texts: list[str], language: str = "fr") -> tuple[int, RecurringFee] | None:
    """What the client pays per month, as far as the contract states it, and the index of the text
    stating it: the stated total if any, otherwise the largest recurring fee (the others may be
    options or alternatives)."""
    stated = [(index, fee, bool(TOTAL.search(text)))
              for index, text in enumerate(texts) for fee in recurring_fees(text, language)]
    if not stated:
        return None
    chosen = [entry for entry in stated if entry[2]] or stated
    index, fee, _ = max(chosen, key=lambda entry: entry[1].per_month)
    return index, fee
