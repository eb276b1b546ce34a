"""Property-based tests for auditor.quantities, with num2words as the oracle for number words.

num2words writes every integer the way a drafter would ("quatre-vingt-dix-sept", "one hundred
and five", "deux cent trente-quatre millions ..."); the finders must read each back to the same
integer, with a span that is exact in the original text, alone, with its "(n)" repetition and
inside a sentence.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from auditor.quantities import (
    Quantity,
    find_amounts,
    find_durations,
    find_percentages,
    find_quantities,
    parse_cap,
)

SETTINGS = settings(max_examples=150, deadline=None)

FRENCH_SENTENCES = [
    ("", ""),
    ("Le préavis est de ", "."),
    ("Le Client dispose d'un délai de ", " à compter de la notification."),
    ("Conformément à l'article 5 – ", " au plus tard."),
    ("Article 7.2 : pendant ", ", sauf accord contraire."),
    ("au moins ", " avant l'échéance du 31/12/2025"),
    ("(", ")"),
]
ENGLISH_SENTENCES = [
    ("", ""),
    ("The notice period is ", "."),
    ("Customer may terminate upon ", " prior written notice."),
    ("Pursuant to Section 5 - ", ", save as otherwise agreed."),
    ("within ", " of 31 December 2025"),
]

FRENCH_DURATION_UNITS = {" jours": 1, " mois": 30, " ans": 365, " semaines": 7}
ENGLISH_DURATION_UNITS = {" days": 1, " months": 30, " years": 365, " weeks": 7}


def the_only(quantities: list[Quantity]) -> Quantity:
    assert len(quantities) == 1, quantities
    return quantities[0]


def written(n: int, lang: str, with_digits: bool) -> str:
    words = num2words(n, lang=lang)
    return f"{words} ({n})" if with_digits else words


@SETTINGS
@given(
    n=st.integers(1, 999),
    unit=st.sampled_from(sorted(FRENCH_DURATION_UNITS)),
    with_digits=st.booleans(),
    sentence=st.sampled_from(FRENCH_SENTENCES),
)
def test_french_number_words_durations_round_trip(
    n: int, unit: str, with_digits: bool, sentence: tuple[str, str]
) -> None:
    before, after = sentence
    quantity_text = written(n, "fr", with_digits) + unit
    text = before + quantity_text + after
    duration = the_only(find_durations(text, "fr"))
    assert duration.text == quantity_text
    assert duration.start == len(before)
    assert duration.as_written[0] == n
    assert duration.days == n * FRENCH_DURATION_UNITS[unit]
    assert not duration.words_digits_mismatch


@SETTINGS
@given(
    n=st.integers(1, 999),
    unit=st.sampled_from(sorted(ENGLISH_DURATION_UNITS)),
    with_digits=st.booleans(),
    sentence=st.sampled_from(ENGLISH_SENTENCES),
)
def test_english_number_words_durations_round_trip(
    n: int, unit: str, with_digits: bool, sentence: tuple[str, str]
) -> None:
    before, after = sentence
    quantity_text = written(n, "en", with_digits) + unit
    text = before + quantity_text + after
    duration = the_only(find_durations(text, "en"))
    assert duration.text == quantity_text
    assert duration.start == len(before)
    assert duration.as_written[0] == n
    assert duration.days == n * ENGLISH_DURATION_UNITS[unit]


@SETTINGS
@given(
    n=st.integers(1, 999),
    unit=st.sampled_from(sorted(FRENCH_DURATION_UNITS)),
    sentence=st.sampled_from(FRENCH_SENTENCES),
)
def test_digit_durations_round_trip(n: int, unit: str, sentence: tuple[str, str]) -> None:
    before, after = sentence
    text = f"{before}{n}{unit}{after}"
    duration = the_only(find_durations(text, "fr"))
    assert duration.text == f"{n}{unit}"
    assert duration.as_written[0] == n


@SETTINGS
@given(n=st.integers(1, 999), shift=st.integers(1, 9))
def test_words_digits_mismatch_is_flagged(n: int, shift: int) -> None:
    text = f"{num2words(n, lang='fr')} ({n + shift}) jours"
    duration = the_only(find_durations(text, "fr"))
    assert duration.text == text
    assert duration.words_digits_mismatch
    assert duration.as_written[0] == n  # the words prevail


@SETTINGS
@given(
    n=st.integers(1, 10**9),
    with_digits=st.booleans(),
    sentence=st.sampled_from(FRENCH_SENTENCES),
)
def test_french_number_words_amounts_round_trip(
    n: int, with_digits: bool, sentence: tuple[str, str]
) -> None:
    before, after = sentence
    digits = f"{n:,}".replace(",", "\u202f")
    words = num2words(n, lang="fr")
    quantity_text = f"{words} ({digits}) euros" if with_digits else f"{words} euros"
    text = before + quantity_text + after
    amount = the_only(find_amounts(text, "fr"))
    assert amount.text == quantity_text
    assert amount.start == len(before)
    assert amount.value == n
    assert amount.unit == "EUR"
    assert not amount.words_digits_mismatch


@SETTINGS
@given(
    n=st.integers(1, 10**9),
    currency=st.sampled_from([("euros", "EUR"), ("dollars", "USD")]),
    sentence=st.sampled_from(ENGLISH_SENTENCES),
)
def test_english_number_words_amounts_round_trip(
    n: int, currency: tuple[str, str], sentence: tuple[str, str]
) -> None:
    before, after = sentence
    quantity_text = f"{num2words(n, lang='en')} {currency[0]}"
    text = before + quantity_text + after
    amount = the_only(find_amounts(text, "en"))
    assert amount.text == quantity_text
    assert amount.value == n
    assert amount.unit == currency[1]


@SETTINGS
@given(
    n=st.integers(1, 10**9),
    separator=st.sampled_from([" ", "\u00a0", "\u202f", "."]),
    cents=st.one_of(st.none(), st.integers(0, 99)),
    symbol=st.sampled_from([" €", "\u00a0€", " euros", " EUR"]),
)
def test_french_digit_amounts_round_trip(
    n: int, separator: str, cents: int | None, symbol: str
) -> None:
    digits = f"{n:,}".replace(",", separator)
    if cents is not None:
        digits += f",{cents:02d}"
    text = f"une pénalité de {digits}{symbol} HT"
    amount = the_only(find_amounts(text, "fr"))
    assert amount.text == f"{digits}{symbol} HT"
    assert amount.value == pytest.approx(n + (cents or 0) / 100, rel=1e-12)
    assert amount.qualifiers == ("HT",)


@SETTINGS
@given(n=st.integers(1, 10**9), cents=st.one_of(st.none(), st.integers(0, 99)))
def test_english_digit_amounts_round_trip(n: int, cents: int | None) -> None:
    digits = f"{n:,}" + (f".{cents:02d}" if cents is not None else "")
    for prefix, currency in (("EUR ", "EUR"), ("€", "EUR"), ("USD ", "USD"), ("£", "GBP")):
        text = f"a cap of {prefix}{digits} per claim"
        amount = the_only(find_amounts(text, "en"))
        assert amount.text == f"{prefix}{digits} per claim"
        assert amount.value == pytest.approx(n + (cents or 0) / 100, rel=1e-12)
        assert amount.unit == currency


@SETTINGS
@given(n=st.integers(1, 100), lang=st.sampled_from(["fr", "en"]))
def test_percent_words_round_trip(n: int, lang: str) -> None:
    sign = "pour cent" if lang == "fr" else "percent"
    text = f"{num2words(n, lang=lang)} {sign} ({n} %)"
    percent = the_only(find_percentages(text, lang))
    assert percent.text == text
    assert percent.value == n


@SETTINGS
@given(n=st.integers(1, 36))
def test_cap_months_round_trip(n: int) -> None:
    text = (
        "La responsabilité du Prestataire est limitée aux sommes versées au cours des "
        f"{num2words(n, lang='fr')} ({n}) derniers mois."
    )
    cap = parse_cap(text, "fr")
    assert cap is not None
    assert cap.months_of_fees == n
    assert cap.basis == "fees_paid"


def assert_well_formed(text: str, quantities: list[Quantity]) -> None:
    for quantity in quantities:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
    for first, second in zip(quantities, quantities[1:]):
        assert first.end <= second.start


CONTRACT_PIECES = [
    "trois", "(3)", "mois", "jours", "ouvrés", "cent", "mille", "un", "une", "et", "vingt",
    "quatre", "-", " ", " ", "\u202f", "12", "000", ",", ".", "%", "€", "k", "M", "EUR", "HT",
    "h", "/", "7", "à", "de", "pour", "limitée", "sommes versées", "derniers", "fois",
    "montant annuel", "plus faible", "a", "month", "ninety", "(90)", "days", "and", "hundred",
]


@settings(max_examples=400, deadline=None)
@given(text=st.text(), lang=st.sampled_from(["fr", "en", "de"]))
def test_finders_never_raise_on_any_text(text: str, lang: str) -> None:
    for finder in (find_durations, find_amounts, find_percentages, find_quantities):
        assert_well_formed(text, finder(text, lang))
    cap = parse_cap(text, lang)
    if cap is not None:
        assert text[cap.start : cap.end] == cap.text


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(CONTRACT_PIECES), max_size=40),
    lang=st.sampled_from(["fr", "en"]),
)
def test_finders_are_well_formed_on_contract_like_noise(pieces: list[str], lang: str) -> None:
    text = "".join(pieces)
    for finder in (find_durations, find_amounts, find_percentages, find_quantities):
        assert_well_formed(text, finder(text, lang))
    cap = parse_cap(text, lang)
    if cap is not None:
        assert 0 <= cap.start <= cap.end <= len(text)
        assert text[cap.start : cap.end] == cap.text
