"""Table-driven tests for auditor.quantities: durations, amounts, percentages and caps.

Each table row is a piece of contract wording and what must (or must not) be read from it.
French first, English after; the negative tables hold look-alikes that are not quantities.
"""

from __future__ import annotations

import pytest

from auditor.quantities import (
    Quantity,
    find_amounts,
    find_durations,
    find_percentages,
    find_quantities,
    parse_cap,
)

NNBSP = "\u202f"  # narrow no-break space, used by Word and LibreOffice to group thousands
NBSP = "\u00a0"


def spans(quantities: list[Quantity]) -> list[str]:
    return [quantity.text for quantity in quantities]


def assert_exact_spans(text: str, quantities: list[Quantity]) -> None:
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text
    for first, second in zip(quantities, quantities[1:]):
        assert first.end <= second.start


# --------------------------------------------------------------------------------------------
# Durations
# --------------------------------------------------------------------------------------------

# (text, span found, number as written, unit as written)
FRENCH_DURATIONS = [
    ("trois (3) mois", "trois (3) mois", 3, "month"),
    ("un préavis de trois (3) mois avant l'échéance", "trois (3) mois", 3, "month"),
    # "sur un serveur": an article, not the "sur 24" of a ratio
    ("conservées trente (30) jours sur un serveur distant", "trente (30) jours", 30, "day"),
    ("quatre-vingt-dix jours calendaires", "quatre-vingt-dix jours calendaires", 90, "day"),
    ("un préavis de quatre vingt dix jours", "quatre vingt dix jours", 90, "day"),
    ("15 jours ouvrés", "15 jours ouvrés", 15, "business_day"),
    ("15 jours ouvres", "15 jours ouvres", 15, "business_day"),
    ("10 jours ouvrables", "10 jours ouvrables", 10, "business_day"),
    ("un (1) an", "un (1) an", 1, "year"),
    ("une année", "une année", 1, "year"),
    ("deux semaines", "deux semaines", 2, "week"),
    ("48 heures", "48 heures", 48, "hour"),
    ("4h", "4h", 4, "hour"),
    ("un délai de 4 h", "4 h", 4, "hour"),
    ("un mois", "un mois", 1, "month"),
    ("dans un délai d'un mois", "un mois", 1, "month"),
    ("quarante-huit (48) heures ouvrées", "quarante-huit (48) heures ouvrées", 48,
     "business_hour"),
    ("12 mois", "12 mois", 12, "month"),
    ("douze mois", "douze mois", 12, "month"),
    ("1 mois", "1 mois", 1, "month"),
    ("trente (30) jours fin de mois", "trente (30) jours fin de mois", 30, "day"),
    ("au moins trois mois", "trois mois", 3, "month"),
    ("dans un délai de 8 jours", "8 jours", 8, "day"),
    ("une durée initiale de 36 mois", "36 mois", 36, "month"),
    ("vingt et un jours", "vingt et un jours", 21, "day"),
    ("soixante et onze jours", "soixante et onze jours", 71, "day"),
    ("trente et un jours", "trente et un jours", 31, "day"),
    ("cent vingt jours", "cent vingt jours", 120, "day"),
    ("quatre-vingts jours", "quatre-vingts jours", 80, "day"),
    ("au cours des douze (12) derniers mois", "douze (12) derniers mois", 12, "month"),
    ("les 6 derniers mois", "6 derniers mois", 6, "month"),
    ("trois ans", "trois ans", 3, "year"),
    ("deux années", "deux années", 2, "year"),
    ("30 minutes", "30 minutes", 30, "minute"),
    ("une heure", "une heure", 1, "hour"),
    ("24 heures", "24 heures", 24, "hour"),
    ("30 j", "30 j", 30, "day"),
    ("5 j.o.", "5 j.o.", 5, "business_day"),
    ("1,5 mois", "1,5 mois", 1.5, "month"),
    ("TROIS (3) MOIS", "TROIS (3) MOIS", 3, "month"),
    ("Trois mois", "Trois mois", 3, "month"),
    ("huit (8) jours francs", "huit (8) jours francs", 8, "day"),
    ("un RPO de 24 heures", "24 heures", 24, "hour"),
    ("trois\nmois", "trois\nmois", 3, "month"),
    ("3\u00a0mois", "3\u00a0mois", 3, "month"),
    ("sous 2 jours ouvrés", "2 jours ouvrés", 2, "business_day"),
    ("dix (10) jours", "dix (10) jours", 10, "day"),
    ("un délai de 30 (trente) jours", "30 (trente) jours", 30, "day"),
    ("pendant 2 (deux) ans", "2 (deux) ans", 2, "year"),
    ("les 3 premiers mois", "3 premiers mois", 3, "month"),
    ("soixante (60) jours calendaires consécutifs", "soixante (60) jours calendaires consécutifs",
     60, "day"),
]

ENGLISH_DURATIONS = [
    ("ninety (90) days", "ninety (90) days", 90, "day"),
    ("at least ninety (90) days prior to the end", "ninety (90) days", 90, "day"),
    ("six (6) months", "six (6) months", 6, "month"),
    ("thirty (30) calendar days", "thirty (30) calendar days", 30, "day"),
    ("upon 30 days' prior written notice", "30 days", 30, "day"),
    ("successive one-year terms", "one-year", 1, "year"),
    ("a 12-month period", "12-month", 12, "month"),
    ("within one (1) business day", "one (1) business day", 1, "business_day"),
    ("five (5) Business Days", "five (5) Business Days", 5, "business_day"),
    ("ten working days", "ten working days", 10, "business_day"),
    ("a month", "a month", 1, "month"),
    ("within an hour", "an hour", 1, "hour"),
    ("twenty-four (24) hours", "twenty-four (24) hours", 24, "hour"),
    ("two weeks", "two weeks", 2, "week"),
    ("one hundred and twenty days", "one hundred and twenty days", 120, "day"),
    ("4 hrs", "4 hrs", 4, "hour"),
    ("3 years", "3 years", 3, "year"),
    ("twelve (12) consecutive months", "twelve (12) consecutive months", 12, "month"),
    ("45 minutes", "45 minutes", 45, "minute"),
]


@pytest.mark.parametrize(("text", "span", "number", "unit"), FRENCH_DURATIONS)
def test_french_durations(text: str, span: str, number: float, unit: str) -> None:
    found = find_durations(text, "fr")
    assert spans(found) == [span]
    assert found[0].as_written == (number, unit)
    assert_exact_spans(text, found)


@pytest.mark.parametrize(("text", "span", "number", "unit"), ENGLISH_DURATIONS)
def test_english_durations(text: str, span: str, number: float, unit: str) -> None:
    found = find_durations(text, "en")
    assert spans(found) == [span]
    assert found[0].as_written == (number, unit)
    assert_exact_spans(text, found)


# (text, value, unit, days): months, years and weeks become days; business days stay apart.
NORMALISED_DURATIONS = [
    ("3 mois", 90, "day", 90),
    ("un an", 365, "day", 365),
    ("une année", 365, "day", 365),
    ("deux semaines", 14, "day", 14),
    ("15 jours", 15, "day", 15),
    ("48 heures", 48, "hour", 2),
    ("30 minutes", 30, "minute", 30 / 1440),
    ("15 jours ouvrés", 15, "business_day", None),
    ("48 heures ouvrées", 48, "business_hour", None),
    ("trente (30) jours fin de mois", 30, "day", 30),
]


@pytest.mark.parametrize(("text", "value", "unit", "days"), NORMALISED_DURATIONS)
def test_durations_are_normalised(text: str, value: float, unit: str, days: float | None) -> None:
    (duration,) = find_durations(text)
    assert duration.kind == "duration"
    assert duration.value == pytest.approx(value)
    assert duration.unit == unit
    assert duration.days == (pytest.approx(days) if days is not None else None)


# (text, lang, qualifiers that must be present)
DURATION_QUALIFIERS = [
    ("quatre-vingt-dix jours calendaires", "fr", {"calendar"}),
    ("15 jours ouvrés", "fr", {"business"}),
    ("10 jours ouvrables", "fr", {"business_incl_saturday"}),
    ("trente (30) jours fin de mois", "fr", {"end_of_month"}),
    ("45 jours fin de mois", "fr", {"end_of_month"}),
    ("au cours des douze (12) derniers mois", "fr", {"preceding"}),
    ("huit jours francs", "fr", {"clear"}),
    ("une année civile", "fr", {"calendar"}),
    ("10 heures par mois", "fr", {"per_month"}),
    ("thirty (30) calendar days", "en", {"calendar"}),
    ("five (5) business days", "en", {"business"}),
    ("twelve (12) consecutive months", "en", {"consecutive"}),
]


@pytest.mark.parametrize(("text", "lang", "qualifiers"), DURATION_QUALIFIERS)
def test_duration_qualifiers(text: str, lang: str, qualifiers: set[str]) -> None:
    (duration,) = find_durations(text, lang)
    assert qualifiers <= set(duration.qualifiers)


NOT_DURATIONS_FR = [
    "le 1er janvier 2026",
    "au 31/12/2025",
    "le 31 décembre 2027",
    "conformément à l'article 12",
    "l'article 12.3 du Contrat",
    "un montant de 100 000 €",
    "100 000 € par mois",
    "un support 24/7",
    "un support 7j/7 et 24h/24",
    "disponible 24 heures sur 24 et 7 jours sur 7",
    "une disponibilité de 99,9 %",
    "une durée indéterminée",
    "une durée de validité",  # "une" is an article here, not 1
    "un délai raisonnable",
    "du lundi au vendredi de 9h à 18h",
    "du lundi au vendredi, de 8 h 30 à 18 h, hors jours fériés",
    "les interventions n'ont lieu qu'entre 22 heures et 6 heures",
    "de neuf heures à dix-huit heures",
    "vingt-quatre heures sur vingt-quatre et sept jours sur sept",
    "9h30",
    "de 9 heures à 18 heures",
    "ouvert de 8h30 à 17h30",
    "une sauvegarde quotidienne à 2 h",  # the hour the job runs
    "les copies partent chaque nuit vers 23 heures",
    "la réplication démarre à 3 h du matin",
    "chaque mois",
    "le mois suivant",
    "par an",
    "l'an prochain",
    "la première année",
    "un serveur neuf",
    "les sommes versées",
    "",
]

NOT_DURATIONS_EN = [
    "on 31 December 2025",
    "Section 12 of the Agreement",
    "support 24/7",
    "a reasonable time",
    "an amount of EUR 10,000",
    "a monthly report",
    "every month",
    "99.9% availability",
    "from 9h to 18h",
    "at least once a year",
    "twice a month",
    "24 hours out of 24",
    "a nightly backup at 1 h",
    "the job starts every night around 22 hours",
]


@pytest.mark.parametrize("text", NOT_DURATIONS_FR)
def test_french_look_alikes_are_not_durations(text: str) -> None:
    assert find_durations(text, "fr") == []


@pytest.mark.parametrize("text", NOT_DURATIONS_EN)
def test_english_look_alikes_are_not_durations(text: str) -> None:
    assert find_durations(text, "en") == []


def test_words_and_digits_disagreeing_are_flagged_and_the_words_prevail() -> None:
    (duration,) = find_durations("un préavis de trois (4) mois")
    assert duration.text == "trois (4) mois"
    assert duration.words_digits_mismatch
    assert duration.as_written == (3, "month")


def test_words_and_digits_agreeing_are_one_quantity() -> None:
    (duration,) = find_durations("trois (3) mois")
    assert not duration.words_digits_mismatch
    assert (duration.start, duration.end) == (0, len("trois (3) mois"))


def test_several_durations_in_one_clause() -> None:
    text = (
        "Le Contrat est conclu pour une durée initiale de 36 mois, renouvelable par périodes "
        "successives de douze (12) mois, sauf dénonciation au moins trois (3) mois avant "
        "l'échéance."
    )
    found = find_durations(text)
    assert spans(found) == ["36 mois", "douze (12) mois", "trois (3) mois"]
    assert [d.days for d in found] == [1080, 360, 90]
    assert_exact_spans(text, found)


def test_slash_between_two_durations_is_not_a_ratio() -> None:
    assert spans(find_durations("une GTI de 4h / GTR 8h")) == ["4h", "8h"]


def test_range_of_durations() -> None:
    found = find_durations("une période de correction de 15 à 30 jours")
    assert spans(found) == ["15", "30 jours"]
    assert [d.days for d in found] == [15, 30]
    assert "range_start" in found[0].qualifiers
    assert "range_end" in found[1].qualifiers


def test_article_number_is_not_a_range_start() -> None:
    assert spans(find_durations("visé à l'article 12 - 3 mois")) == ["3 mois"]


def test_spans_are_exact_in_the_original_text_after_word_conversion() -> None:
    # alpha2digit would shorten "quatre-vingt-dix" to "90": spans must still fit the original.
    text = "Préavis : quatre-vingt-dix (90) jours calendaires ; délai : vingt et un jours."
    found = find_durations(text)
    assert spans(found) == ["quatre-vingt-dix (90) jours calendaires", "vingt et un jours"]
    assert_exact_spans(text, found)


# --------------------------------------------------------------------------------------------
# Amounts
# --------------------------------------------------------------------------------------------

# (text, span found, value, currency)
FRENCH_AMOUNTS = [
    ("100 000 € HT", "100 000 € HT", 100_000, "EUR"),
    ("plafonnée à 100 000 euros", "100 000 euros", 100_000, "EUR"),
    ("10 000,50 € TTC", "10 000,50 € TTC", 10_000.50, "EUR"),
    ("1.234,56 €", "1.234,56 €", 1234.56, "EUR"),
    ("50.000 euros HT", "50.000 euros HT", 50_000, "EUR"),
    ("EUR 10.000,00", "EUR 10.000,00", 10_000, "EUR"),
    ("50 k€", "50 k€", 50_000, "EUR"),
    ("50k€", "50k€", 50_000, "EUR"),
    ("1,5 M€", "1,5 M€", 1_500_000, "EUR"),
    ("deux cent mille euros", "deux cent mille euros", 200_000, "EUR"),
    ("cent mille (100 000) euros", "cent mille (100 000) euros", 100_000, "EUR"),
    ("cent mille euros (100 000 €)", "cent mille euros (100 000 €)", 100_000, "EUR"),
    (f"100{NNBSP}000{NBSP}€", f"100{NNBSP}000{NBSP}€", 100_000, "EUR"),
    (f"100{NBSP}000 €", f"100{NBSP}000 €", 100_000, "EUR"),
    ("un million d'euros", "un million d'euros", 1_000_000, "EUR"),
    ("1,5 million d'euros", "1,5 million d'euros", 1_500_000, "EUR"),
    ("deux millions cinq cent mille euros", "deux millions cinq cent mille euros",
     2_500_000, "EUR"),
    ("un forfait de 15 000 euros hors taxes", "15 000 euros hors taxes", 15_000, "EUR"),
    ("10 000 (dix mille) euros", "10 000 (dix mille) euros", 10_000, "EUR"),
    ("100 K€", "100 K€", 100_000, "EUR"),
    ("15 000 EUR", "15 000 EUR", 15_000, "EUR"),
    ("1 000 € HT/mois", "1 000 € HT/mois", 1000, "EUR"),
    ("Article 12.3 : 5 000 euros", "5 000 euros", 5000, "EUR"),
    ("mille deux cents euros", "mille deux cents euros", 1200, "EUR"),
    ("2 500 dollars", "2 500 dollars", 2500, "USD"),
    ("1 000 000 €", "1 000 000 €", 1_000_000, "EUR"),
    ("€ 1 234,56", "€ 1 234,56", 1234.56, "EUR"),
]

ENGLISH_AMOUNTS = [
    ("EUR 10,000", "EUR 10,000", 10_000, "EUR"),
    ("€1,234.56", "€1,234.56", 1234.56, "EUR"),
    ("USD 2,500.00", "USD 2,500.00", 2500, "USD"),
    ("$2,500", "$2,500", 2500, "USD"),
    ("£500", "£500", 500, "GBP"),
    ("GBP 1,000", "GBP 1,000", 1000, "GBP"),
    ("ten thousand dollars", "ten thousand dollars", 10_000, "USD"),
    ("one hundred thousand euros", "one hundred thousand euros", 100_000, "EUR"),
    ("EUR 100,000 excluding VAT", "EUR 100,000 excluding VAT", 100_000, "EUR"),
    ("€5m", "€5m", 5_000_000, "EUR"),
    ("EUR 1.5 million", "EUR 1.5 million", 1_500_000, "EUR"),
    ("forty euros (EUR 40)", "forty euros (EUR 40)", 40, "EUR"),
    ("2.5 million euros", "2.5 million euros", 2_500_000, "EUR"),
]


@pytest.mark.parametrize(("text", "span", "value", "currency"), FRENCH_AMOUNTS)
def test_french_amounts(text: str, span: str, value: float, currency: str) -> None:
    found = find_amounts(text, "fr")
    assert spans(found) == [span]
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == currency
    assert found[0].kind == "amount"
    assert_exact_spans(text, found)


@pytest.mark.parametrize(("text", "span", "value", "currency"), ENGLISH_AMOUNTS)
def test_english_amounts(text: str, span: str, value: float, currency: str) -> None:
    found = find_amounts(text, "en")
    assert spans(found) == [span]
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == currency
    assert_exact_spans(text, found)


AMOUNT_QUALIFIERS = [
    ("100 000 € HT", "fr", ("HT",)),
    ("10 000,50 € TTC", "fr", ("TTC",)),
    ("12 000 € HT par an", "fr", ("HT", "per_year")),
    ("500 €/mois", "fr", ("per_month",)),
    ("1 000 000 € par sinistre", "fr", ("per_claim",)),
    ("EUR 100,000 per annum", "en", ("per_year",)),
    ("USD 10,000 excluding VAT", "en", ("HT",)),
    ("140 € par heure", "fr", ("per_hour",)),
    ("trois millions (3 000 000) d'euros par sinistre et par an", "fr",
     ("per_claim", "per_year")),
    ("neuf cent cinquante euros (950 €) HT", "fr", ("HT",)),
]


@pytest.mark.parametrize(("text", "lang", "qualifiers"), AMOUNT_QUALIFIERS)
def test_amount_qualifiers(text: str, lang: str, qualifiers: tuple[str, ...]) -> None:
    (amount,) = find_amounts(text, lang)
    assert amount.qualifiers == qualifiers


def test_amount_as_written_keeps_the_shorthand() -> None:
    (amount,) = find_amounts("50 k€")
    assert amount.as_written == (50, "k€")


def test_two_amounts_in_one_sentence_are_both_found() -> None:
    # price-parser alone would only return the first amount of the sentence.
    text = "entre 10 000 € et 50 000 €"
    assert [a.value for a in find_amounts(text)] == [10_000, 50_000]


def test_amount_range_borrows_the_currency() -> None:
    found = find_amounts("une pénalité comprise entre 10 000 et 50 000 euros")
    assert spans(found) == ["10 000", "50 000 euros"]
    assert [a.value for a in found] == [10_000, 50_000]
    assert [a.unit for a in found] == ["EUR", "EUR"]


def test_amount_words_digits_mismatch() -> None:
    (amount,) = find_amounts("cent mille (10 000) euros")
    assert amount.words_digits_mismatch
    assert amount.value == 100_000


NOT_AMOUNTS = [
    ("3 mois", "fr"),
    ("une pénalité de 1 % du montant", "fr"),
    ("99,9 %", "fr"),
    ("2 500 utilisateurs", "fr"),
    ("l'article 12.3", "fr"),
    ("le 31/12/2025", "fr"),
    ("un plafond de stockage de 100 Go", "fr"),
    ("les sommes versées au cours des douze derniers mois", "fr"),
    ("PEUR 10", "fr"),
    ("Eurostat 2024", "fr"),
    ("twelve (12) months", "en"),
    ("Section 4.2", "en"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_AMOUNTS)
def test_look_alikes_are_not_amounts(text: str, lang: str) -> None:
    assert find_amounts(text, lang) == []


# --------------------------------------------------------------------------------------------
# Percentages
# --------------------------------------------------------------------------------------------

PERCENTAGES = [
    ("50 %", "fr", "50 %", 50),
    ("50%", "fr", "50%", 50),
    (f"50{NNBSP}%", "fr", f"50{NNBSP}%", 50),
    ("cinquante pour cent (50 %)", "fr", "cinquante pour cent (50 %)", 50),
    ("cinquante (50) pour cent", "fr", "cinquante (50) pour cent", 50),
    ("soixante-dix pour cent du montant", "fr", "soixante-dix pour cent", 70),
    ("une disponibilité de 99,9 %", "fr", "99,9 %", 99.9),
    ("0,5 % par jour de retard", "fr", "0,5 %", 0.5),
    ("100 per cent", "en", "100 per cent", 100),
    ("fifty percent", "en", "fifty percent", 50),
    ("fifty percent (50%)", "en", "fifty percent (50%)", 50),
    # a PDF line broken inside the words of the percentage
    ("quarante pour\ncent (40 %)", "fr", "quarante pour\ncent (40 %)", 40),
    ("99.9% availability", "en", "99.9%", 99.9),
]


@pytest.mark.parametrize(("text", "lang", "span", "value"), PERCENTAGES)
def test_percentages(text: str, lang: str, span: str, value: float) -> None:
    found = find_percentages(text, lang)
    assert spans(found) == [span]
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == "%"
    assert_exact_spans(text, found)


NOT_PERCENTAGES = [
    ("pour cent utilisateurs", "fr"),  # no number before "pour cent"
    ("100 000 €", "fr"),
    ("trois (3) mois", "fr"),
    ("24/7", "en"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_PERCENTAGES)
def test_look_alikes_are_not_percentages(text: str, lang: str) -> None:
    assert find_percentages(text, lang) == []


# --------------------------------------------------------------------------------------------
# All quantities together
# --------------------------------------------------------------------------------------------


def test_find_quantities_returns_every_kind_in_order() -> None:
    text = (
        "Le préavis est de trois (3) mois. Une pénalité de 50 % du montant mensuel, plafonnée "
        "à 100 000 € HT, est due après 48 heures ouvrées."
    )
    found = find_quantities(text)
    assert [(q.kind, q.text) for q in found] == [
        ("duration", "trois (3) mois"),
        ("percent", "50 %"),
        ("amount", "100 000 € HT"),
        ("duration", "48 heures ouvrées"),
    ]
    assert_exact_spans(text, found)


def test_unknown_language_falls_back_to_french() -> None:
    assert spans(find_durations("trois mois", "xx")) == ["trois mois"]


# --------------------------------------------------------------------------------------------
# Liability caps
# --------------------------------------------------------------------------------------------

# (text, lang, months_of_fees, basis, combination, amount value or None)
CAPS = [
    ("la responsabilité du Prestataire est limitée au montant des sommes effectivement versées "
     "par le Client au cours des douze (12) derniers mois", "fr", 12, "fees_paid", None,
     None),
    ("La responsabilité totale du Prestataire est limitée, toutes causes confondues, au montant "
     "des sommes effectivement perçues au titre des douze (12) derniers mois.", "fr", 12,
     "fees_paid", None, None),
    ("50 % des sommes payées au titre des 12 mois précédant le fait générateur", "fr", 6,
     "fees_paid", None, None),
    ("La responsabilité est limitée à 50 % des sommes payées au titre des 12 mois "
     "précédant le fait générateur.", "fr", 6, "fees_paid", None, None),
    ("limitée au montant des sommes versées au titre du Contrat au cours des 12 derniers mois",
     "fr", 12, "fees_paid", None, None),
    ("limitée aux redevances du Contrat", "fr", None, "contract_value", None, None),
    ("au montant annuel HT du contrat", "fr", 12, "annual_fees", None, None),
    ("La responsabilité du Prestataire est limitée au montant annuel HT du contrat.", "fr", 12,
     "annual_fees", None, None),
    ("à trois mois de redevances", "fr", 3, "monthly_fees", None, None),
    ("au montant de la commande concernée", "fr", None, "order_value", None, None),
    ("le prix payé au titre de la commande", "fr", None, "order_value", None, None),
    ("dans la limite du prix de la prestation concernée", "fr", None, "order_value", None, None),
    ("limitée à 100 000 € HT", "fr", None, "amount", None, 100_000),
    ("La responsabilité du Prestataire ne pourra excéder 50 k€.", "fr", None, "amount", None,
     50_000),
    ("dans la limite du plus faible des deux montants suivants : 50 000 euros ou les sommes "
     "versées sur les 6 derniers mois", "fr", 6, "fees_paid", "lower_of", 50_000),
    ("limitée aux sommes versées au cours des 12 derniers mois, sans pouvoir excéder "
     "100 000 €", "fr", 12, "fees_paid", "lower_of", 100_000),
    ("plafonnée au plus élevé de 200 000 euros et de douze mois de redevances", "fr", 12,
     "monthly_fees", "higher_of", 200_000),
    ("1 fois le montant annuel", "fr", 12, "annual_fees", None, None),
    ("deux fois le montant annuel", "fr", 24, "annual_fees", None, None),
    ("le montant mensuel de la redevance", "fr", 1, "monthly_fees", None, None),
    ("trois fois le montant mensuel", "fr", 3, "monthly_fees", None, None),
    ("La responsabilité du Prestataire est plafonnée au montant couvert par son assureur.",
     "fr", None, "insurance", None, None),
    ("limitée aux sommes dues au titre des six (6) derniers mois", "fr", 6, "fees_payable",
     None, None),
    ("limitée aux sommes versées au cours de l'année contractuelle en cours", "fr", 12,
     "fees_paid", None, None),
    ("limitée au montant total du contrat", "fr", None, "contract_value", None, None),
    ("in no event shall Provider's aggregate liability exceed the fees paid by Customer in "
     "the twelve (12) months preceding the event giving rise to the claim", "en", 12,
     "fees_paid", None, None),
    ("shall not exceed the fees paid by Customer in the twelve (12) months preceding the claim",
     "en", 12, "fees_paid", None, None),
    ("Provider's total liability under this Agreement shall be limited to the amount of fees "
     "paid under this Agreement during the three (3) months preceding the claim", "en", 3,
     "fees_paid", None, None),
    ("the total contract value", "en", None, "contract_value", None, None),
    ("liability shall not exceed the fees paid or payable in the 12 months preceding the "
     "claim", "en", 12, "fees_payable", None, None),
    ("the greater of (a) EUR 100,000 and (b) the fees paid in the 12 months preceding the "
     "claim", "en", 12, "fees_paid", "higher_of", 100_000),
    ("liability is capped at the lesser of USD 50,000 or the fees paid in the preceding six "
     "(6) months", "en", 6, "fees_paid", "lower_of", 50_000),
    ("Provider's liability shall not exceed twice the annual fees", "en", 24, "annual_fees",
     None, None),
    ("an amount equal to twelve (12) months' fees", "en", 12, "monthly_fees", None, None),
    ("Liability shall be capped at EUR 250,000.", "en", None, "amount", None, 250_000),
    ("La responsabilité est limitée au double du montant annuel.", "fr", 24, "annual_fees",
     None, None),
    ("limitée à la moitié des sommes versées au cours des 12 derniers mois", "fr", 6,
     "fees_paid", None, None),
    ("limitée à 100 000 €, dans la limite des sommes versées au titre des 12 derniers mois",
     "fr", 12, "fees_paid", "lower_of", 100_000),
    ("IN NO EVENT SHALL PROVIDER'S AGGREGATE LIABILITY EXCEED THE FEES PAID BY CUSTOMER IN THE "
     "TWELVE (12) MONTHS PRECEDING THE CLAIM.", "en", 12, "fees_paid", None, None),
    ("Provider's liability is limited to the total fees paid or payable by Customer during the "
     "twelve (12) month period immediately preceding the claim.", "en", 12, "fees_payable",
     None, None),
    ("Provider's liability is limited to the fees paid in the preceding year.", "en", 12,
     "fees_paid", None, None),
    ("liability is limited to the amounts actually paid under the relevant Order Form", "en",
     None, "order_value", None, None),
    # a relative clause between the sums and the payment verb
    ("notre responsabilité est limitée aux sommes que vous nous avez réellement payées sur les "
     "deux (2) derniers mois", "fr", 2, "fees_paid", None, None),
    ("la responsabilité du Prestataire est plafonnée à six mois de forfait", "fr", 6,
     "monthly_fees", None, None),
    ("La responsabilité de l'Hébergeur ne saurait excéder le montant de deux mois de mensualités.",
     "fr", 2, "monthly_fees", None, None),
    # monthly fees summed over a period: the period is the cap, not the one month of their name
    ("Vendor's liability shall not exceed the lesser of EUR 80,000 and the Monthly Fees paid or "
     "payable in the three (3) months before the claim.", "en", 3, "fees_payable", "lower_of", 80_000),
    ("la responsabilité est plafonnée à la moitié des redevances mensuelles réglées sur les "
     "douze derniers mois", "fr", 6, "fees_paid", None, None),
    # an adjective between the fees and their period
    ("la responsabilité du Titulaire ne saurait dépasser la redevance forfaitaire annuelle HT",
     "fr", 12, "annual_fees", None, None),
    ("la responsabilité est limitée aux frais de maintenance mensuels", "fr", 1, "monthly_fees",
     None, None),
    # fees named by a quarter or a half-year
    ("la responsabilité de l'Infogéreur ne pourra excéder la redevance trimestrielle HT", "fr", 3,
     "monthly_fees", None, None),
    ("la responsabilité est plafonnée au forfait semestriel", "fr", 6, "monthly_fees", None, None),
    ("the Supplier's liability shall not exceed the quarterly Service Charges", "en", 3,
     "monthly_fees", None, None),
    ("liability is capped at one year's charges", "en", 12, "annual_fees", None, None),
    ("la responsabilité est limitée aux sommes reçues au titre de la prestation objet du litige",
     "fr", None, "order_value", None, None),
    # the share repeated in figures in parentheses before the fees it applies to
    ("la responsabilité est plafonnée à vingt-cinq (25 %) de la redevance annuelle", "fr", 3,
     "annual_fees", None, None),
    ("la responsabilité est plafonnée à quarante pour\ncent (40 %) du montant annuel du marché", "fr", 4.8,
     "annual_fees", None, None),
    # the fees of the quarter (or half-year) of the damage
    ("la responsabilité est limitée aux sommes perçues au titre du trimestre au cours duquel le dommage est survenu",
     "fr", 3, "fees_paid", None, None),
    ("liability is limited to the fees paid for the calendar quarter in which the claim arose", "en", 3,
     "fees_paid", None, None),
    ("la responsabilité est limitée aux sommes versées au titre du semestre pendant lequel le sinistre survient",
     "fr", 6, "fees_paid", None, None),
]


@pytest.mark.parametrize(("text", "lang", "months", "basis", "combination", "amount"), CAPS)
def test_caps(
    text: str, lang: str, months: float | None, basis: str, combination: str | None,
    amount: float | None,
) -> None:
    cap = parse_cap(text, lang)
    assert cap is not None
    assert cap.months_of_fees == (pytest.approx(months) if months is not None else None)
    assert cap.basis == basis
    assert cap.combination == combination
    if amount is None:
        assert cap.amount is None
    else:
        assert cap.amount is not None and cap.amount.value == pytest.approx(amount)
    assert text[cap.start : cap.end] == cap.text


def test_cap_span_covers_the_limit_and_its_formula() -> None:
    text = (
        "Article 10 – Limitation de responsabilité. La responsabilité du Prestataire est "
        "limitée au montant des sommes versées au cours des douze (12) derniers mois. Le prix "
        "est de 10 000 € HT par mois."
    )
    cap = parse_cap(text)
    assert cap is not None
    assert cap.text == (
        "limitée au montant des sommes versées au cours des douze (12) derniers mois"
    )
    assert cap.amount is None  # the price in the next sentence is not part of the cap


def test_cap_in_a_liability_sentence_wins_over_a_penalty_cap() -> None:
    text = (
        "Les pénalités sont plafonnées à quinze pour cent (15 %) de la redevance mensuelle. "
        "La responsabilité du Prestataire est limitée aux sommes versées au cours des douze "
        "(12) derniers mois."
    )
    cap = parse_cap(text)
    assert cap is not None
    assert (cap.basis, cap.months_of_fees) == ("fees_paid", 12)


def test_cap_amount_keeps_its_qualifiers() -> None:
    cap = parse_cap("La responsabilité est limitée à 100 000 € HT par sinistre.")
    assert cap is not None and cap.amount is not None
    assert cap.amount.qualifiers == ("HT", "per_claim")


NOT_CAPS = [
    ("Le Client paie une redevance mensuelle de 2 000 € HT.", "fr"),
    ("un plafond de stockage de 100 Go", "fr"),
    ("Le préavis est de trois (3) mois.", "fr"),
    ("Article 10 – Limitation de responsabilité", "fr"),
    ("La responsabilité du Prestataire ne saurait être engagée en cas de force majeure.", "fr"),
    ("The Customer shall pay the fees within thirty (30) days.", "en"),
    ("Nubéo SARL, société à responsabilité limitée au capital de 12 000 euros.", "fr"),
    ("Acme Hosting Limited, a company registered in England.", "en"),
    ("XYZ LLC, a limited liability company with a share capital of EUR 10,000.", "en"),
    ("Les redevances sont facturées mensuellement et payables à quarante-cinq (45) jours fin "
     "de mois. Elles sont révisées une fois par an dans la limite de trois pour cent (3 %).",
     "fr"),
    ("", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_CAPS)
def test_texts_without_a_cap(text: str, lang: str) -> None:
    assert parse_cap(text, lang) is None
