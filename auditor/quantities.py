"""Durations, money amounts, percentages and liability-cap formulas found in contract text.

Contracts write numbers both ways ("trois (3) mois", "cent mille (100 000) euros"), in French and
English, with grouping spaces, non-breaking spaces and k€/M€ shorthands. The finders here return
``Quantity`` values whose span is exact in the text they were given (``text[q.start:q.end] ==
q.text``), so a finding can quote and highlight its evidence.

How numbers are read:
- Number words are located with a regex over a closed vocabulary, then each *isolated* run is
  converted with ``text_to_num.alpha2digit``. Running alpha2digit on a whole sentence would
  change its length (spans lost), turn the article "une" into 1 (threshold 0) and "pour cent"
  into "pour 100".
- Digits are located with a regex and converted with ``price_parser`` on the isolated number,
  which knows "1.234,56", "1,234.56", "100 000" and NBSP grouping.
- A quantity needs its unit right after the number: "un" or "a" only counts as 1 in "un mois",
  "a month"; "article 12", dates and "24/7" have no unit and are never quantities.

Normalisation follows the control catalogue: durations in days (month = 30, year = 365,
week = 7), business days kept apart (``days`` is None); caps as months of fees or an amount.

Everything here is a pure function of its arguments: no I/O and no language model.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, TypeVar

from price_parser import Price
from text_to_num import alpha2digit

QuantityKind = Literal["duration", "amount", "percent"]


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, located in the text it was found in.

    ``value`` is in ``unit``: durations of days, weeks, months and years are converted to days
    (``unit == "day"``); hours, minutes, business days and business hours keep their own unit.
    ``as_written`` keeps the number and unit as the contract wrote them, e.g. ``(3.0, "month")``.
    """

    kind: QuantityKind
    value: float
    unit: str
    days: float | None
    start: int
    end: int
    text: str
    as_written: tuple[float, str]
    qualifiers: tuple[str, ...] = ()
    # The contract wrote the number twice and the two disagree ("trois (4) mois"). ``value``
    # then follows the words: French law lets the amount in words prevail (C. civ. 1376).
    words_digits_mismatch: bool = False


@dataclass(frozen=True)
class CapFormula:
    """How a limitation-of-liability clause sets its cap: a formula, an amount, or both.

    ``basis`` names the formula: "fees_paid", "fees_payable" (paid or payable, invoiced),
    "annual_fees", "monthly_fees" (also "N mois de redevances"), "order_value" (the order or
    the service concerned), "contract_value", "insurance" (what the insurer covers), or
    "amount" when the cap is only an amount. ``months_of_fees`` is the formula in months of
    fees, multipliers applied ("50 % des sommes ... 12 mois" -> 6); None when the formula has
    no period. When a formula and an amount are both given, ``combination`` says how they
    combine: "lower_of", "higher_of", or None when the text does not say.
    """

    months_of_fees: float | None
    amount: Quantity | None
    basis: str
    combination: str | None
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# Regex building blocks
# --------------------------------------------------------------------------------------------

_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"
_SPACE = r"[ \t\u00a0\u202f\u2009]"  # spaces allowed inside one line ("100 000 €", "3 mois")

_ACCENT_VARIANTS = {
    "a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç",
}


def _fold(word: str) -> str:
    """Lower-case, accent-free form used as a lookup key for matched words."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", without_marks).strip()


def _accent_tolerant(phrase: str) -> str:
    """Regex for ``phrase`` that also matches it typed with or without accents ("ouvres")."""
    parts = []
    for char in phrase:
        base = _fold(char)
        if char == " ":
            parts.append(r"\s+")
        elif base in _ACCENT_VARIANTS and char != base:
            parts.append("[" + _ACCENT_VARIANTS[base] + "]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternation(phrases: list[str] | set[str]) -> str:
    """Longest phrases first, so that "années" is tried before "an"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(_accent_tolerant(phrase) for phrase in ordered) + ")"


class _Vocabulary:
    """Words or phrases and the name each stands for, matched regardless of case and accents."""

    def __init__(self, names: dict[str, str]) -> None:
        self.pattern = _alternation(set(names))  # regex source, to embed in longer patterns
        self._finder = re.compile(self.pattern + _NOT_BEFORE_LETTER, re.IGNORECASE)
        self._names = {_fold(word): name for word, name in names.items()}

    def name(self, surface: str) -> str | None:
        return self._names.get(_fold(surface))

    def names_in(self, words: str) -> list[str]:
        """Names of the phrases found in ``words``, in order."""
        return [name for m in self._finder.finditer(words) if (name := self.name(m.group()))]


def _language(lang: str) -> str:
    code = (lang or "fr")[:2].lower()
    return code if code in ("fr", "en") else "fr"


# --------------------------------------------------------------------------------------------
# Numerals: a number written in digits or in words, with an optional "(3)" repetition
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Numeral:
    start: int
    end: int
    value: float
    from_words: bool
    mismatch: bool = False


# Digits only in ASCII: \d would accept other scripts' digits that price-parser cannot read.
_DIGIT_NUMBER = re.compile(
    r"(?<![\w])(?<![0-9][.,])"
    r"(?:"
    r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?(?![0-9])"  # 100 000,50
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?(?![0-9])"  # 1.234,56
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"  # 1,234.56
    r"|[0-9]+(?:[.,][0-9]+)?(?![0-9])"  # 12 / 99,9 / 1.5
    r")"
)

# "1,5 million d'euros", "10 mille euros", "2.5 billion": a word multiplying digits.
_MULTIPLIER_WORDS = {
    "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "thousand": 1e3, "billion": 1e9,
}
_DIGIT_MULTIPLIER = re.compile(
    r"\s+(" + _alternation(set(_MULTIPLIER_WORDS)) + ")" + _NOT_BEFORE_LETTER, re.IGNORECASE
)

_NUMBER_WORDS = {
    "fr": [
        "zéro", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
        "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts",
        "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "octante",
        "nonante", "cent", "cents", "mille", "million", "millions", "milliard", "milliards",
    ],
    "en": [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "thousand", "million", "billion",
    ],
}
# Words joining number words: "vingt et un", "quatre-vingt-dix", "one hundred and five",
# "one million, two hundred thousand" (num2words writes English commas).
_WORD_JOINER = {
    "fr": r"(?:\s+|\s*-\s*)(?:et(?:\s+|-))?",
    "en": r"(?:,?\s+|\s*-\s*)(?:and(?:\s+|-))?",
}
_MAX_RUN_WORDS = 24  # longer runs are not one number; cap the cost of trying their suffixes


_NUMBER_WORD = {
    lang: _alternation(words) + _NOT_BEFORE_LETTER for lang, words in _NUMBER_WORDS.items()
}
_NUMBER_WORD_RE = {
    lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in _NUMBER_WORD.items()
}
_WORD_RUN = {
    lang: re.compile(
        _NOT_AFTER_LETTER + word + "(?:" + _WORD_JOINER[lang] + word + ")*", re.IGNORECASE
    )
    for lang, word in _NUMBER_WORD.items()
}
# English "a month", "an hour": an article that only counts in front of a unit.
_ENGLISH_ARTICLE = re.compile(r"(?<![^\W\d_'’])(?:an|a)(?=\s)", re.IGNORECASE)
# "once a year", "twice a month": a frequency, not a length of time.
_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|thrice|times)\s+\Z", re.IGNORECASE)
_PARENTHESIS_OPEN = re.compile(r"\s*\(\s*")
_PARENTHESIS_CLOSE = re.compile(r"\s*\)")


def _digits_value(number: str) -> float | None:
    if number.isascii() and number.isdigit():
        return float(number)  # no separator to interpret: skip the slower price-parser
    amount = Price.fromstring(number).amount
    return float(amount) if amount is not None else None


def _words_value(words: str, lang: str) -> int | None:
    """Value of an isolated run of number words, or None when it is not one number."""
    if lang == "en":
        words = words.replace(",", " ")  # alpha2digit splits "one million, two hundred"
    converted = alpha2digit(words, lang, threshold=0).strip()
    return int(converted) if re.fullmatch(r"[0-9]+", converted) else None


def _digit_numerals(text: str) -> list[_Numeral]:
    numerals = []
    for match in _DIGIT_NUMBER.finditer(text):
        value = _digits_value(match.group())
        if value is None:
            continue
        end = match.end()
        multiplier = _DIGIT_MULTIPLIER.match(text, end)
        if multiplier:
            value *= _MULTIPLIER_WORDS.get(_fold(multiplier.group(1)), 1.0)
            end = multiplier.end()
        numerals.append(_Numeral(match.start(), end, value, from_words=False))
    return numerals


def _word_run_numeral(text: str, start: int, end: int, lang: str) -> _Numeral | None:
    """The longest tail of a run of number words that reads as one number.

    The tail, because the number that matters sits next to the unit: in "vingt trente jours"
    (a typo) the duration is "trente jours".
    """
    words = list(_NUMBER_WORD_RE[lang].finditer(text, start, end))[-_MAX_RUN_WORDS:]
    for word in words:
        value = _words_value(text[word.start() : end], lang)
        if value is not None:
            return _Numeral(word.start(), end, float(value), from_words=True)
    return None


def _word_numerals(text: str, lang: str) -> list[_Numeral]:
    numerals = []
    for run in _WORD_RUN[lang].finditer(text):
        numeral = _word_run_numeral(text, run.start(), run.end(), lang)
        if numeral is not None:
            numerals.append(numeral)
    if lang == "en":
        numerals += _english_articles(text)
    return numerals


def _english_articles(text: str) -> list[_Numeral]:
    return [
        _Numeral(m.start(), m.end(), 1.0, from_words=True)
        for m in _ENGLISH_ARTICLE.finditer(text)
        if not _FREQUENCY_BEFORE.search(text, max(0, m.start() - 8), m.start())
    ]


def _without_overlapping_numerals(numerals: list[_Numeral]) -> list[_Numeral]:
    """Keep the longest numeral where two overlap ("1,5 million" over the word "million")."""
    return _longest_spans(numerals)


def _longest_spans(spans: list) -> list:
    """Sorted by start; where two spans overlap, the longer (then the earlier) one wins."""
    kept: list = []
    for span in sorted(spans, key=lambda n: (n.start, -(n.end - n.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _merge_parenthesised(text: str, numerals: list[_Numeral]) -> list[_Numeral]:
    """Fold "trois (3)" and "100 000 (cent mille)" into one numeral spanning both."""
    by_start = {numeral.start: numeral for numeral in numerals}
    merged: list[_Numeral] = []
    absorbed: set[int] = set()
    for numeral in numerals:
        if numeral.start in absorbed:
            continue
        repeat = _parenthesised_numeral(text, numeral, by_start)
        if repeat is None:
            merged.append(numeral)
            continue
        absorbed.add(repeat.start)
        merged.append(_merge_repetition(text, numeral, repeat))
    return merged


def _parenthesised_numeral(
    text: str, numeral: _Numeral, by_start: dict[int, _Numeral]
) -> _Numeral | None:
    opening = _PARENTHESIS_OPEN.match(text, numeral.end)
    if not opening:
        return None
    repeat = by_start.get(opening.end())
    if repeat is None or not _PARENTHESIS_CLOSE.match(text, repeat.end):
        return None
    return repeat


def _merge_repetition(text: str, first: _Numeral, repeat: _Numeral) -> _Numeral:
    closing = _PARENTHESIS_CLOSE.match(text, repeat.end)
    end = closing.end() if closing else repeat.end
    in_words = first if first.from_words or not repeat.from_words else repeat
    return _Numeral(
        first.start,
        end,
        in_words.value,
        from_words=first.from_words or repeat.from_words,
        mismatch=not _same_number(first.value, repeat.value),
    )


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@lru_cache(maxsize=32)
def _numerals(text: str, lang: str) -> tuple[_Numeral, ...]:
    found = _digit_numerals(text) + _word_numerals(text, lang)
    return tuple(_merge_parenthesised(text, _without_overlapping_numerals(found)))


# --------------------------------------------------------------------------------------------
# Durations
# --------------------------------------------------------------------------------------------

_DAYS_PER_UNIT = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0,
                  "year": 365.0}

_DURATION_UNITS = {
    "fr": {
        "jour": "day", "jours": "day", "j": "day", "semaine": "week", "semaines": "week",
        "mois": "month", "an": "year", "ans": "year", "année": "year", "années": "year",
        "heure": "hour", "heures": "hour", "h": "hour", "hr": "hour", "hrs": "hour",
        "minute": "minute", "minutes": "minute", "min": "minute", "mn": "minute",
        "j.o.": "business_day", "jo": "business_day",
    },
    "en": {
        "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
        "months": "month", "year": "year", "years": "year", "yr": "year", "yrs": "year",
        "hour": "hour", "hours": "hour", "h": "hour", "hr": "hour", "hrs": "hour",
        "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    },
}
# Abbreviations that also appear in availability ratios and clock times: "7j/7", "9h30".
_COMPACT_UNITS = {"j", "h", "hr", "hrs", "min", "mins", "mn", "j.o.", "jo", "yr", "yrs"}

# Words between the number and the unit: "douze (12) derniers mois", "30 calendar days".
_DURATION_PRE_QUALIFIERS = {
    "fr": {
        "derniers": "preceding", "dernières": "preceding", "précédents": "preceding",
        "précédentes": "preceding", "premiers": "first", "premières": "first",
        "prochains": "following", "prochaines": "following", "suivants": "following",
        "suivantes": "following", "consécutifs": "consecutive", "consécutives": "consecutive",
        "pleins": "full", "pleines": "full", "entiers": "full", "entières": "full",
        "glissants": "rolling", "glissantes": "rolling", "successifs": "consecutive",
        "successives": "consecutive",
    },
    "en": {
        "calendar": "calendar", "business": "business", "working": "business",
        "banking": "business", "consecutive": "consecutive", "full": "full",
        "complete": "full", "clear": "clear", "successive": "consecutive",
        "additional": "additional", "further": "additional", "preceding": "preceding",
        "previous": "preceding", "rolling": "rolling",
    },
}
# Words after the unit: "jours ouvrés", "jours fin de mois", "mois glissants".
_DURATION_POST_QUALIFIERS = {
    "fr": {
        "ouvré": "business", "ouvrés": "business", "ouvrée": "business", "ouvrées": "business",
        "ouvrable": "business_incl_saturday", "ouvrables": "business_incl_saturday",
        "non ouvrés": "non_business", "non ouvrées": "non_business",
        "calendaire": "calendar", "calendaires": "calendar", "civil": "calendar",
        "civils": "calendar", "civile": "calendar", "civiles": "calendar",
        "franc": "clear", "francs": "clear", "plein": "full", "pleins": "full",
        "pleine": "full", "pleines": "full", "entier": "full", "entiers": "full",
        "consécutif": "consecutive", "consécutifs": "consecutive",
        "consécutive": "consecutive", "consécutives": "consecutive",
        "glissant": "rolling", "glissants": "rolling", "glissante": "rolling",
        "glissantes": "rolling", "supplémentaire": "additional",
        "supplémentaires": "additional", "précédents": "preceding", "précédentes": "preceding",
        "fin de mois": "end_of_month", "date de facture": "from_invoice_date",
    },
    "en": {
        "end of month": "end_of_month", "from invoice date": "from_invoice_date",
    },
}
_BUSINESS_QUALIFIERS = {"business", "business_incl_saturday"}
_BUSINESS_UNITS = {"day": "business_day", "hour": "business_hour"}
_PER_PERIOD = {
    "fr": {"par an": "per_year", "par année": "per_year", "par mois": "per_month",
           "par semaine": "per_week", "par jour": "per_day", "par trimestre": "per_quarter"},
    "en": {"per year": "per_year", "a year": "per_year", "per annum": "per_year",
           "per month": "per_month", "a month": "per_month", "per week": "per_week",
           "a week": "per_week", "per day": "per_day", "a day": "per_day",
           "per quarter": "per_quarter"},
}


_UNIT_WORDS = {lang: _Vocabulary(table) for lang, table in _DURATION_UNITS.items()}
_PRE_WORDS = {lang: _Vocabulary(table) for lang, table in _DURATION_PRE_QUALIFIERS.items()}
_POST_WORDS = {lang: _Vocabulary(table) for lang, table in _DURATION_POST_QUALIFIERS.items()}
_PER_WORDS = {lang: _Vocabulary(table) for lang, table in _PER_PERIOD.items()}


def _duration_tail(lang: str) -> re.Pattern[str]:
    pre, unit = _PRE_WORDS[lang].pattern, _UNIT_WORDS[lang].pattern
    post, per = _POST_WORDS[lang].pattern, _PER_WORDS[lang].pattern
    return re.compile(
        rf"(?:{_SPACE}*-{_SPACE}*|\s*)"  # "30-day", "4h", "trois mois"
        rf"(?P<pre>(?:{pre}\s+){{0,2}})"
        rf"(?P<unit>{unit}){_NOT_BEFORE_LETTER}"
        rf"(?P<post>(?:\s+{post}{_NOT_BEFORE_LETTER})*)"
        rf"(?P<per>\s+{per}{_NOT_BEFORE_LETTER})?",
        re.IGNORECASE,
    )


_DURATION_TAIL = {lang: _duration_tail(lang) for lang in ("fr", "en")}
# "7 jours sur 7", "24h/24", "vingt-quatre heures sur vingt-quatre": availability ratios.
# "24 heures sur 24", "7 days out of 7"; not "trente jours sur un serveur", where "un" is an article.
_RATIO_AFTER_UNIT = {
    lang: re.compile(
        rf"\s*/\s*[0-9]|\s+(?:sur|out\s+of)\s+(?:[0-9]|(?!(?:un|une|one)\s+[^\W\d_]){word})", re.IGNORECASE
    )
    for lang, word in _NUMBER_WORD.items()
}
# Minutes after a compact "h" make a time of day: "9h30", "8 h 30".
_MINUTES_AFTER_H = re.compile(r"\s?[0-5][0-9](?![0-9])")
# Opening hours: "de 9h à 18h", "entre 22 heures et 6 heures", "de 8 h 30 à 18 h".
_CLOCK_TIME = r"[0-9]{1,2}\s?[hH:]\s?[0-5][0-9]"
_TIME_RANGE_JOINER = r"\s*(?:à|a|-|–|—|to|until|jusqu['’]à)\s*"
_HOURS_JOINED = re.compile(rf"{_TIME_RANGE_JOINER}\Z", re.IGNORECASE)
_HOURS_BETWEEN = re.compile(r"\s*(?:et|and)\s*\Z", re.IGNORECASE)
_BETWEEN_WORD = re.compile(r"(?:entre|between)\s+\Z", re.IGNORECASE)
_CLOCK_TIME_BEFORE = re.compile(rf"{_CLOCK_TIME}{_TIME_RANGE_JOINER}\Z", re.IGNORECASE)
_CLOCK_TIME_AFTER = re.compile(rf"{_TIME_RANGE_JOINER}{_CLOCK_TIME}", re.IGNORECASE)
_CLOCK_LOOKBACK = 20
# The hour a recurring job runs ("sauvegarde quotidienne à 1 h", "chaque nuit vers 23 h", "nightly at 2 h",
# "à 2 h du matin"): a time of day, not a length of time.
_RECURRING_AT_BEFORE = re.compile(
    r"(?:quotidien(?:ne)?s?|journali[eè]re?s?|nocturnes?|chaque\s+(?:jour|nuit|soir|matin)|"
    r"tous\s+les\s+(?:jours|soirs|matins)|toutes\s+les\s+nuits|daily|nightly|"
    r"(?:every|each)\s+(?:day|night|evening|morning))"
    # ("a nightly backup at 1 h", "sauvegarde quotidienne du serveur à 2 h"; not "limitée à 4 h", a bound)
    r"(?:\s+(?!limit|port|ramen|rédui|redui|plafonn|born|fix|max|cap|reduc|set\b)[^\W\d_]+){0,2}"
    r"\s*,?\s*(?:à|vers|dès|at|around|from)\s*\Z",
    re.IGNORECASE,
)
_PART_OF_DAY_AFTER = re.compile(r"\s*(?:du\s+matin|du\s+soir|de\s+la\s+nuit|a\.?m\b|p\.?m\b)", re.IGNORECASE)


# A slash between two spaced durations lists them ("35 jours / 24 heures / 4 heures" under "Rétention /
# RPO / RTO"): the second number has a unit of its own, unlike the "24" of "24h/24".
_LISTED_AFTER_SLASH = re.compile(r"\s+/\s+[0-9]+")


def _is_listed_duration(text: str, unit_end: int, lang: str) -> bool:
    listed = _LISTED_AFTER_SLASH.match(text, unit_end)
    return bool(listed and _DURATION_TAIL[lang].match(text, listed.end()))


def _is_ratio_or_clock(text: str, unit_surface: str, unit_end: int, lang: str) -> bool:
    """"7j/7", "24 heures sur 24", "9h30": the number is not a length of time."""
    if _RATIO_AFTER_UNIT[lang].match(text, unit_end) and not _is_listed_duration(text, unit_end, lang):
        return True
    unit = _fold(unit_surface)
    if unit == "h" and _MINUTES_AFTER_H.match(text, unit_end):
        return True
    return unit in _COMPACT_UNITS and bool(re.match(r"[0-9/]", text[unit_end : unit_end + 1]))


def _duration_at(text: str, numeral: _Numeral, lang: str) -> Quantity | None:
    tail = _DURATION_TAIL[lang].match(text, numeral.end)
    if not tail:
        return None
    surface = tail.group("unit")
    base_unit = _UNIT_WORDS[lang].name(surface)
    if base_unit is None or _is_ratio_or_clock(text, surface, tail.end("unit"), lang):
        return None
    qualifiers = _PRE_WORDS[lang].names_in(tail.group("pre"))
    qualifiers += _POST_WORDS[lang].names_in(tail.group("post"))
    qualifiers += _PER_WORDS[lang].names_in(tail.group("per") or "")
    return _duration_quantity(text, numeral, tail.end(), base_unit, _unique(qualifiers))


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _duration_quantity(
    text: str, numeral: _Numeral, end: int, base_unit: str, qualifiers: tuple[str, ...]
) -> Quantity:
    if base_unit == "business_day":  # "5 j.o."
        base_unit, qualifiers = "day", _unique(["business", *qualifiers])
    written_unit = base_unit
    if (_BUSINESS_QUALIFIERS & set(qualifiers)) and base_unit in _BUSINESS_UNITS:
        written_unit = _BUSINESS_UNITS[base_unit]
    if written_unit in ("business_day", "business_hour"):
        # A business day is not a fixed number of calendar days: it depends on weekends and
        # public holidays, so it is kept in its own unit (control catalogue).
        unit, value, days = written_unit, numeral.value, None
    elif base_unit in ("hour", "minute"):
        unit, value = base_unit, numeral.value
        days = numeral.value * _DAYS_PER_UNIT[base_unit]
    else:
        days = numeral.value * _DAYS_PER_UNIT[base_unit]
        unit, value = "day", days
    return Quantity(
        kind="duration", value=value, unit=unit, days=days, start=numeral.start, end=end,
        text=text[numeral.start : end], as_written=(numeral.value, written_unit),
        qualifiers=qualifiers, words_digits_mismatch=numeral.mismatch,
    )


def _could_be_time_of_day(quantity: Quantity) -> bool:
    return quantity.unit == "hour" and quantity.as_written[0] <= 24


def _are_opening_hours(text: str, first: Quantity, second: Quantity) -> bool:
    """ "de 9h à 18h", "entre 22 heures et 6 heures": two times of day, not two durations."""
    if not (_could_be_time_of_day(first) and _could_be_time_of_day(second)):
        return False
    between = text[first.end : second.start]
    if _HOURS_JOINED.match(between):
        return True
    before = text[max(0, first.start - _CLOCK_LOOKBACK) : first.start]
    return bool(_HOURS_BETWEEN.match(between) and _BETWEEN_WORD.search(before))


def _next_to_clock_time(text: str, quantity: Quantity) -> bool:
    """ "de 8 h 30 à 18 h": one end of the range is written as a clock time (or the hour of a daily run)."""
    if not _could_be_time_of_day(quantity):
        return False
    before = _CLOCK_TIME_BEFORE.search(text, max(0, quantity.start - _CLOCK_LOOKBACK),
                                       quantity.start)
    return bool(before) or bool(_CLOCK_TIME_AFTER.match(text, quantity.end)) or _is_hour_of_a_run(text, quantity)


def _is_hour_of_a_run(text: str, quantity: Quantity) -> bool:
    """ "quotidienne à 1 h", "à 2 h du matin": the hour a daily job starts."""
    if _PART_OF_DAY_AFTER.match(text, quantity.end):
        return True
    return bool(_RECURRING_AT_BEFORE.search(text, max(0, quantity.start - 2 * _CLOCK_LOOKBACK), quantity.start))


def _without_clock_ranges(text: str, durations: list[Quantity]) -> list[Quantity]:
    """Drop hours that are times of day: opening hours and maintenance windows."""
    clock = {q.start for q in durations if _next_to_clock_time(text, q)}
    for first, second in zip(durations, durations[1:]):
        if _are_opening_hours(text, first, second):
            clock.update((first.start, second.start))
    return [quantity for quantity in durations if quantity.start not in clock]


def find_durations(text: str, lang: str = "fr") -> list[Quantity]:
    """Lengths of time: "trois (3) mois", "15 jours ouvrés", "ninety (90) days", "4h"."""
    lang = _language(lang)
    numerals = _numerals(text, lang)
    found = [q for numeral in numerals if (q := _duration_at(text, numeral, lang)) is not None]
    found = _without_clock_ranges(text, _without_overlaps(found))
    found = _merge_repeated_quantities(text, found)
    return _without_overlaps(_with_range_starts(text, found, numerals))


# --------------------------------------------------------------------------------------------
# Amounts
# --------------------------------------------------------------------------------------------

_CURRENCY_WORDS = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "dollars us": "USD", "dollars américains": "USD", "us dollars": "USD",
    "£": "GBP", "gbp": "GBP", "livre sterling": "GBP", "livres sterling": "GBP",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP",
    "chf": "CHF", "francs suisses": "CHF", "swiss francs": "CHF",
}
_PREFIX_CURRENCIES = {"€": "EUR", "eur": "EUR", "us$": "USD", "$": "USD", "usd": "USD",
                      "£": "GBP", "gbp": "GBP", "chf": "CHF"}
# "50 k€", "1,5 M€", "2 Md€", "€5m", "$2bn": shorthand multipliers next to the currency.
_SHORT_MULTIPLIERS = {"k": 1e3, "K": 1e3, "M": 1e6, "m": 1e6, "mn": 1e6, "Md": 1e9,
                      "Mds": 1e9, "Mrd": 1e9, "bn": 1e9}
_AMOUNT_QUALIFIERS = {
    "ht": "HT", "h.t.": "HT", "hors taxe": "HT", "hors taxes": "HT", "hors tva": "HT",
    "net de taxes": "HT", "excl. vat": "HT", "excluding vat": "HT", "exclusive of vat": "HT",
    "excl. tax": "HT", "excluding taxes": "HT", "excluding tax": "HT", "plus vat": "HT",
    "ttc": "TTC", "t.t.c.": "TTC", "toutes taxes comprises": "TTC", "incl. vat": "TTC",
    "including vat": "TTC", "inclusive of vat": "TTC",
    "par an": "per_year", "par année": "per_year", "/an": "per_year", "/ an": "per_year",
    "annuel": "per_year", "annuels": "per_year", "per year": "per_year",
    "per annum": "per_year", "a year": "per_year", "/year": "per_year",
    "par mois": "per_month", "/mois": "per_month", "/ mois": "per_month",
    "mensuel": "per_month", "mensuels": "per_month", "per month": "per_month",
    "a month": "per_month", "/month": "per_month", "par trimestre": "per_quarter",
    "per quarter": "per_quarter", "par jour": "per_day", "per day": "per_day",
    "par sinistre": "per_claim", "par événement": "per_claim", "par réclamation": "per_claim",
    "par incident": "per_claim", "per claim": "per_claim", "per event": "per_claim",
    "per incident": "per_claim", "par utilisateur": "per_user", "per user": "per_user",
    "par heure": "per_hour", "per hour": "per_hour", "/h": "per_hour", "/heure": "per_hour",
}

_CURRENCY_VOCABULARY = _Vocabulary(_CURRENCY_WORDS)
_PREFIX_CURRENCY_VOCABULARY = _Vocabulary(_PREFIX_CURRENCIES)
_AMOUNT_QUALIFIER_VOCABULARY = _Vocabulary(_AMOUNT_QUALIFIERS)
_CURRENCY = _CURRENCY_VOCABULARY.pattern
_AMOUNT_QUALIFIER = _AMOUNT_QUALIFIER_VOCABULARY.pattern
_SHORT_MULTIPLIER = "(?:" + "|".join(sorted(_SHORT_MULTIPLIERS, key=len, reverse=True)) + ")"
_AMOUNT_QUALIFIER_TAIL = (
    rf"(?P<qualifiers>(?:[ \t\u00a0\u202f,]*(?i:(?:et|and){_SPACE}+)?(?i:{_AMOUNT_QUALIFIER})"
    r"(?![^\W\d_]))*)"
)
_SUFFIX_CURRENCY_TAIL = re.compile(
    rf"{_SPACE}*(?P<multiplier>{_SHORT_MULTIPLIER})?{_SPACE}*"
    rf"(?:(?i:de|d['’]){_SPACE}*)?"  # "un million d'euros", "2 millions de dollars"
    rf"(?P<currency>(?i:{_CURRENCY}))(?![^\W\d_])"
    + _AMOUNT_QUALIFIER_TAIL
)
_PREFIX_CURRENCY = re.compile(
    r"(?P<currency>(?i:" + _PREFIX_CURRENCY_VOCABULARY.pattern + r"))" + _SPACE + r"*\Z"
)
_AFTER_PREFIXED_NUMBER = re.compile(
    rf"(?:{_SPACE}*(?P<multiplier>{_SHORT_MULTIPLIER})(?![^\W\d_]))?" + _AMOUNT_QUALIFIER_TAIL
)
_QUALIFIERS_AFTER = re.compile(_AMOUNT_QUALIFIER_TAIL)
_QUALIFIER_AFTER_SPACE = re.compile(r"\s+(?=" + _AMOUNT_QUALIFIER + ")", re.IGNORECASE)
_PREFIX_LOOKBACK = 6


def _amount_quantity(
    text: str, numeral: _Numeral, start: int, end: int, currency: str, multiplier: str,
    qualifiers: str,
) -> Quantity:
    value = numeral.value * _SHORT_MULTIPLIERS.get(multiplier, 1.0)
    written_currency = text[start:numeral.start].strip() or text[numeral.end : end].strip()
    return Quantity(
        kind="amount", value=value, unit=currency, days=None, start=start, end=end,
        text=text[start:end], as_written=(numeral.value, _currency_as_written(written_currency)),
        qualifiers=_unique(_AMOUNT_QUALIFIER_VOCABULARY.names_in(qualifiers)),
        words_digits_mismatch=numeral.mismatch,
    )


def _currency_as_written(words: str) -> str:
    """The currency and multiplier without the tax and period words after them."""
    return _QUALIFIER_AFTER_SPACE.split(words, maxsplit=1)[0]


def _amount_with_suffix(text: str, numeral: _Numeral) -> Quantity | None:
    tail = _SUFFIX_CURRENCY_TAIL.match(text, numeral.end)
    if not tail:
        return None
    currency = _CURRENCY_VOCABULARY.name(tail.group("currency"))
    if currency is None:
        return None
    return _amount_quantity(
        text, numeral, numeral.start, tail.end(), currency, tail.group("multiplier") or "",
        tail.group("qualifiers"),
    )


def _amount_with_prefix(text: str, numeral: _Numeral) -> Quantity | None:
    before = text[max(0, numeral.start - _PREFIX_LOOKBACK) : numeral.start]
    prefix = _PREFIX_CURRENCY.search(before)
    if not prefix or numeral.from_words:
        return None
    start = numeral.start - len(before) + prefix.start()
    if start > 0 and re.match(r"[^\W\d_]", text[start - 1]) and text[start].isalpha():
        return None  # "PEUR 10": the code is the end of a longer word
    currency = _PREFIX_CURRENCY_VOCABULARY.name(prefix.group("currency"))
    tail = _AFTER_PREFIXED_NUMBER.match(text, numeral.end)
    if currency is None or tail is None:
        return None
    return _amount_quantity(
        text, numeral, start, tail.end(), currency, tail.group("multiplier") or "",
        tail.group("qualifiers"),
    )


def find_amounts(text: str, lang: str = "fr") -> list[Quantity]:
    """Money: "100 000 € HT", "EUR 10,000", "50 k€", "deux cent mille euros"."""
    lang = _language(lang)
    numerals = _numerals(text, lang)
    found = []
    for numeral in numerals:
        quantity = _amount_with_suffix(text, numeral) or _amount_with_prefix(text, numeral)
        if quantity is not None:
            found.append(quantity)
    found = _merge_repeated_quantities(text, _without_overlaps(found))
    return _without_overlaps(_with_range_starts(text, found, numerals))


# --------------------------------------------------------------------------------------------
# Percentages
# --------------------------------------------------------------------------------------------

# (« cinquante pour\ncent »: a PDF line may break inside the words of a percentage)
_PERCENT_TAIL = re.compile(
    rf"{_SPACE}*(?:%|％|(?i:pour\s*cent|pour{_SPACE}+100|p\.{_SPACE}*100"
    rf"|per\s*cent|percent|pct\.?))(?![^\W\d_])"
)


def _percent_at(text: str, numeral: _Numeral) -> Quantity | None:
    tail = _PERCENT_TAIL.match(text, numeral.end)
    if not tail:
        return None
    return Quantity(
        kind="percent", value=numeral.value, unit="%", days=None, start=numeral.start,
        end=tail.end(), text=text[numeral.start : tail.end()],
        as_written=(numeral.value, tail.group().strip()),
        words_digits_mismatch=numeral.mismatch,
    )


def find_percentages(text: str, lang: str = "fr") -> list[Quantity]:
    """Percentages: "50 %", "99,9 %", "cinquante pour cent (50 %)", "fifty percent"."""
    lang = _language(lang)
    numerals = _numerals(text, lang)
    found = [q for numeral in numerals if (q := _percent_at(text, numeral)) is not None]
    found = _merge_repeated_quantities(text, _without_overlaps(found))
    return _without_overlaps(_with_range_starts(text, found, numerals))


def find_quantities(text: str, lang: str = "fr") -> list[Quantity]:
    """Every duration, amount and percentage, sorted by position, never overlapping."""
    everything = find_durations(text, lang) + find_amounts(text, lang)
    return _without_overlaps(everything + find_percentages(text, lang))


# --------------------------------------------------------------------------------------------
# Shared post-processing
# --------------------------------------------------------------------------------------------


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    """Sorted by start; where two overlap, the longer (then the earlier) one wins."""
    return _longest_spans(quantities)


def _merge_repeated_quantities(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Fold "cinquante pour cent (50 %)" and "cent mille euros (100 000 €)" into one."""
    merged: list[Quantity] = []
    index = 0
    while index < len(quantities):
        current = quantities[index]
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        repeat = _repeat_in_parentheses(text, current, following)
        if repeat is None:
            merged.append(current)
            index += 1
            continue
        merged.append(_merge_quantity_repeat(text, current, repeat))
        index += 2
    return merged


def _repeat_in_parentheses(
    text: str, current: Quantity, following: Quantity | None
) -> Quantity | None:
    if following is None or following.unit != current.unit:
        return None
    opening = _PARENTHESIS_OPEN.match(text, current.end)
    if not opening or opening.end() != following.start:
        return None
    return following if _PARENTHESIS_CLOSE.match(text, following.end) else None


def _merge_quantity_repeat(text: str, current: Quantity, repeat: Quantity) -> Quantity:
    closing = _PARENTHESIS_CLOSE.match(text, repeat.end)
    end = closing.end() if closing else repeat.end
    qualifiers = [*current.qualifiers, *repeat.qualifiers]
    if current.kind == "amount":  # "neuf cent cinquante euros (950 €) HT"
        after = _QUALIFIERS_AFTER.match(text, end)
        qualifiers += _AMOUNT_QUALIFIER_VOCABULARY.names_in(after.group())
        end = after.end()
    mismatch = (
        current.words_digits_mismatch
        or repeat.words_digits_mismatch
        or not _same_number(current.value, repeat.value)
    )
    return replace(
        current, end=end, text=text[current.start : end], qualifiers=_unique(qualifiers),
        words_digits_mismatch=mismatch,
    )


# "de 15 à 30 jours", "entre 10 000 et 50 000 euros", "5-10 %": the first number of a range
# borrows the unit of the second.
_RANGE_JOINER = re.compile(r"\s*(?:à|-|–|to)\s*\Z", re.IGNORECASE)
_BETWEEN_JOINER = re.compile(r"\s+(?:et|and)\s+\Z", re.IGNORECASE)
# "l'article 12 à 3 mois": references are not range starts.
_REFERENCE_BEFORE = re.compile(
    r"(?:article|articles|art\.|annexe|annex|clause|section|§|n°|no\.)\s*\Z", re.IGNORECASE
)
_RANGE_LOOKBACK = 12


def _with_range_starts(
    text: str, quantities: list[Quantity], numerals: tuple[_Numeral, ...]
) -> list[Quantity]:
    free = _free_numerals(quantities, numerals)
    free_ends = [numeral.end for numeral in free]
    result = list(quantities)
    for index, quantity in enumerate(quantities):
        nearby = free[
            bisect.bisect_left(free_ends, quantity.start - _RANGE_LOOKBACK) :
            bisect.bisect_right(free_ends, quantity.start)
        ]
        low = _range_start_numeral(text, quantity, nearby)
        if low is None:
            continue
        result[index] = replace(quantity, qualifiers=_unique([*quantity.qualifiers, "range_end"]))
        result.append(_range_start_quantity(text, low, quantity))
    return sorted(result, key=lambda q: q.start)


def _free_numerals(
    quantities: list[Quantity], numerals: tuple[_Numeral, ...]
) -> list[_Numeral]:
    """Numerals that are not already part of a quantity (``quantities`` is sorted, disjoint)."""
    starts = [quantity.start for quantity in quantities]
    free = []
    for numeral in numerals:
        index = bisect.bisect_right(starts, numeral.start) - 1
        if index < 0 or numeral.start >= quantities[index].end:
            free.append(numeral)
    return free


def _range_start_numeral(
    text: str, quantity: Quantity, nearby: list[_Numeral]
) -> _Numeral | None:
    for numeral in reversed(nearby):
        between = text[numeral.end : quantity.start]
        before = text[max(0, numeral.start - _RANGE_LOOKBACK) : numeral.start]
        if _REFERENCE_BEFORE.search(before) or numeral.value >= quantity.as_written[0]:
            continue
        if _RANGE_JOINER.match(between) or (
            _BETWEEN_JOINER.match(between) and _BETWEEN_WORD.search(before)
        ):
            return numeral
    return None


def _range_start_quantity(text: str, numeral: _Numeral, high: Quantity) -> Quantity:
    ratio = numeral.value / high.as_written[0] if high.as_written[0] else 0.0
    days = high.days * ratio if high.days is not None else None
    return replace(
        high, value=high.value * ratio, days=days, start=numeral.start, end=numeral.end,
        text=text[numeral.start : numeral.end], as_written=(numeral.value, high.as_written[1]),
        qualifiers=_unique([*high.qualifiers, "range_start"]),
        words_digits_mismatch=numeral.mismatch,
    )


# --------------------------------------------------------------------------------------------
# Liability caps
# --------------------------------------------------------------------------------------------

_CAP_TRIGGER = re.compile(
    r"limit[ée]e?s?\b|plafonn\w*|plafond|dans\s+la\s+limite|à\s+concurrence"
    r"|\b(?:ne|n['’])\s*(?:\w+\s+){0,4}?"
    r"(?:exc[ée]d\w*|d[ée]pass\w*|[êe]tre\s+sup[ée]rieur\w*)"
    r"|sans\s+(?:pouvoir\s+|jamais\s+)?(?:exc[ée]der|d[ée]passer)|\bmaximum\b"
    r"|\blimited\b|\bcap(?:ped|s)?\b|\bexceed\w*|\bup\s+to\b",
    re.IGNORECASE,
)
# Company forms, not caps: "société à responsabilité limitée au capital de 12 000 euros",
# "a limited liability company", "Acme Hosting Limited".
_COMPANY_FORM_ENDING = re.compile(r"responsabilit[ée]\s+limit[ée]e\Z", re.IGNORECASE)
_COMPANY_FORM_STARTING = re.compile(
    r"(?i:limited\s+liability\s+(?:company|partnership))|Limited(?!\s+to\b)"
)
_COMPANY_FORM_CONTEXT = 20
# "au capital de 250 000 euros": share capital, not a cap.
_SHARE_CAPITAL_BEFORE = re.compile(r"capital(?:\s+social)?\s+(?:de\s+|of\s+)?\Z", re.IGNORECASE)
# A sentence about liability is read even without a limiting verb ("responsabilité ... au
# montant annuel").
_LIABILITY_WORD = re.compile(r"responsabilit|liabilit", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Ý«\"“])|\n\s*\n")

# A lease of equipment with services is paid in rent ("les loyers versés", "the rent paid"); a member of a
# public syndicate or an association pays a contribution ("la contribution annuelle de la Commune").
# « la part forfaitaire » of a public contract's price (beside the part paid on purchase orders) is its fixed fee
_FEES = (r"(?:sommes?|montants?|redevances?|loyers?|forfaits?|parts?\s+forfaitaires?|prix|frais|honoraires|contributions?"
         r"|cotisations?|fees?|amounts?|sums?|charges?|rents?)")
_PAID = (
    r"(?:vers[ée]e?s?|pay[ée]e?s?|per[çc]u(?:e?s)?|r[ée]gl[ée]e?s?|encaiss[ée]e?s?"
    r"|acquitt[ée]e?s?|paid|received|collected)"
)
_PAYABLE = (
    r"(?:dus|dues?|dû|payables?|[àa]\s+payer|factur[ée]e?s?|invoiced|billed"
    r"|paid\s+or\s+payable|pa(?:y[ée]e?s?)\s+ou\s+(?:dus|dues?|payables?|[àa]\s+payer))"
)
# Up to six words between: a relative clause "les sommes que vous nous avez effectivement versées".
_FEES_PAYABLE = re.compile(rf"\b{_FEES}\b(?:\W+\w+){{0,6}}?\W+{_PAYABLE}\b", re.IGNORECASE)
_FEES_PAID = re.compile(rf"\b{_FEES}\b(?:\W+\w+){{0,6}}?\W+{_PAID}\b", re.IGNORECASE)
_TAX = r"(?:(?:hors\s+taxes?|HT|H\.T\.|TTC)\s+)?"
# Up to two words between the fees and "annuel": "la redevance forfaitaire annuelle", "les frais de
# maintenance annuels".
_FEES_QUALIFIER = r"(?:(?!annuel|mensuel|trimestriel|semestriel)[^\W\d_][\w'’-]*\s+){0,2}?"
_ANNUAL_FEES = re.compile(
    rf"\b(?:{_FEES}|factur\w*|chiffre\s+d['’]affaires|valeur|abonnement)\s+{_TAX}"
    rf"{_FEES_QUALIFIER}{_TAX}annuel(?:le)?s?\b"
    r"|\bannual\s+(?:\w+\s+){0,2}?(?:fees?|charges?|subscription|value|amount|price)\b"
    r"|\byearly\s+(?:\w+\s+){0,2}?(?:fees?|charges?|subscription|amount|price)\b"
    r"|\bone\s+year['’]?s?\s+(?:of\s+)?(?:fees|charges)\b"
    # the price of the year the cap is counted for: « deux fois le prix global et forfaitaire de l'année
    # considérée », « les redevances de l'année contractuelle en cours », "the fees for the contract year concerned"
    rf"|\b{_FEES}\s+{_TAX}(?:[^\W\d_][\w'’-]*\s+){{0,3}}?{_TAX}(?:de|pour|au\s+titre\s+de)\s+l['’]\s*ann[ée]e\s+"
    r"(?:contractuelle\s+|d['’]\s*ex[ée]cution\s+)?(?:consid[ée]r[ée]e|concern[ée]e|en\s+cause|en\s+cours)\b"
    r"|\b(?:fees?|charges?|price)\s+(?:\w+\s+){0,2}?(?:for|of)\s+(?:the|that|such)\s+(?:contract\s+)?year\s+"
    r"(?:concerned|in\s+question)\b",
    re.IGNORECASE,
)
_MONTHLY_FEES = re.compile(
    rf"\b(?:{_FEES}|factur\w*|valeur|abonnement)\s+{_TAX}{_FEES_QUALIFIER}{_TAX}mensuel(?:le)?s?\b"
    # the monthly share of a rent or fee that also pays for other things: « la quote-part mensuelle du Loyer »
    rf"|\b(?:quote-part|part)\s+mensuelle\s+(?:du|des|de\s+la|de\s+l['’])\s*{_FEES}\b"
    r"|\bmonthly\s+(?:\w+\s+){0,2}?(?:fees?|charges?|subscription|amount|price)\b",
    re.IGNORECASE,
)
# Fees named by a period of three or six months: "la redevance trimestrielle", "the quarterly fees".
_QUARTERLY_FEES = re.compile(
    rf"\b(?:{_FEES}|factur\w*|valeur|abonnement)\s+{_TAX}{_FEES_QUALIFIER}{_TAX}trimestriel(?:le)?s?\b"
    r"|\bquarterly\s+(?:\w+\s+){0,2}?(?:fees?|charges?|subscription|amount|price)\b",
    re.IGNORECASE,
)
_HALF_YEARLY_FEES = re.compile(
    rf"\b(?:{_FEES}|factur\w*|valeur|abonnement)\s+{_TAX}{_FEES_QUALIFIER}{_TAX}semestriel(?:le)?s?\b"
    r"|\b(?:half-yearly|semi-annual|biannual)\s+(?:\w+\s+){0,2}?(?:fees?|charges?|subscription|amount|price)\b",
    re.IGNORECASE,
)
# "trois mois de redevances", "twelve (12) months' fees", "six months of fees".
_FEES_AFTER_DURATION = re.compile(
    # « six mois de redevances », « six mois du forfait mensuel », « de la redevance », "six months of the monthly fee"
    r"['’]?\s*(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de|d['’]|of)?\s*(?:(?:the|its|their|our|your)\s+)?"
    r"(?:monthly\s+|recurring\s+)?"
    r"(?:redevances?|facturation|abonnements?|forfaits?|mensualit[ée]s?|prix|frais|honoraires|loyers?"
    r"|fees?|charges?|subscription)\b",
    re.IGNORECASE,
)
_VALUE = (
    r"(?:montants?|prix|valeurs?|co[ûu]ts?|sommes?|redevances?|amounts?|prices?|values?|fees?)"
)
_CONCERNED = r"(?:\s+(?:concern[ée]e?s?|en\s+cause|d[ée]faillante?s?|litigieu(?:x|ses?)|objet\s+du\s+litige))?"
_ORDER_VALUE = re.compile(
    rf"\b{_VALUE}\b(?:\W+\w+){{0,6}}?\W+(?:(?:bon\s+de\s+commande|commandes?){_CONCERNED}"
    r"|order(?:\s+form)?s?|statements?\s+of\s+work|SOW|affected\s+services?"
    rf"|(?:prestations?|services?)(?=\s+(?:concern|en\s+cause|d[ée]faillant|litig|objet\s+du\s+litige)){_CONCERNED})",
    re.IGNORECASE,
)
_CONTRACT_VALUE = re.compile(
    rf"\b{_VALUE}\b(?:\W+\w+){{0,6}}?\W+(?:contrat|contract|agreement|march[ée])\b(?!\s+de\s+r[ée]f[ée]rence)"
    r"|\btotal\s+contract\s+value\b|\bcontract\s+(?:price|value)\b",
    re.IGNORECASE,
)
_INSURANCE = re.compile(r"\bassur(?:eur|ance)s?\b|\binsur(?:er|ance)\b", re.IGNORECASE)
_YEAR_PERIOD = re.compile(
    r"\b(?:l['’]ann[ée]e|l['’]exercice|year)\b"
    r"|\bann[ée]e\s+(?:contractuelle|civile|en\s+cours)"
    # the year just named taken up: « facturées au titre de cette année », « de ladite année », « du même exercice »
    r"|\b(?:cette|ladite|cette\s+m[êe]me|la\s+m[êe]me)\s+(?:ann[ée]e|p[ée]riode\s+annuelle)\b|\b(?:cet|ledit|du\s+m[êe]me)\s+exercice\b",
    re.IGNORECASE,
)
# "le montant facturé au titre du mois au cours duquel le dommage est survenu": one month of fees.
_MONTH_PERIOD = re.compile(
    r"\b(?:du|le|ce|dudit)\s+mois\s+(?:civil\s+)?(?:au\s+cours\s+duquel|pendant\s+lequel|durant\s+lequel|o[ùu]|pr[ée]c[ée]dant"
    r"|qui\s+pr[ée]c[èe]de|de\s+survenance|du\s+sinistre|du\s+dommage|du\s+fait)"
    r"|\bthe\s+(?:calendar\s+)?month\s+(?:in\s+which|during\s+which|preceding|before|of\s+the)"
    # the month just named: "for all claims in any calendar month ... the fees paid for that month"
    r"|\b(?:for|in)\s+(?:that|such|the\s+said)\s+(?:calendar\s+)?month\b"
    r"|\b(?:pour|au\s+titre\s+de|de)\s+(?:ce|ledit)\s+mois\b|\bau\s+titre\s+dudit\s+mois\b",
    re.IGNORECASE,
)
# "les sommes perçues au titre du trimestre au cours duquel le fait générateur est survenu", "the fees paid for
# the calendar quarter in which the claim arose": three months of fees (six for a half-year).
_QUARTER_OR_HALF_YEAR_PERIOD = re.compile(
    r"\b(?:du|le|ce|dudit)\s+(?:trimestre|semestre)\s+(?:civil\s+)?(?:au\s+cours\s+duquel|pendant\s+lequel|durant\s+lequel"
    r"|o[ùu]|pr[ée]c[ée]dant|qui\s+pr[ée]c[èe]de|de\s+survenance|du\s+sinistre|du\s+dommage|du\s+fait)"
    r"|\bthe\s+(?:calendar\s+)?(?:quarter|half-year|half\s+year)\s+(?:in\s+which|during\s+which|preceding|before|of\s+the)"
    r"|\b(?:for|in)\s+(?:that|such|the\s+said)\s+(?:calendar\s+)?(?:quarter|half-year)\b"
    r"|\b(?:pour|au\s+titre\s+de|de)\s+(?:ce|ledit)\s+(?:trimestre|semestre)\b|\bau\s+titre\s+dudit\s+(?:trimestre|semestre)\b",
    re.IGNORECASE,
)
_LOWER_OF = re.compile(
    r"\b(?:l[ea]\s+)?(?:plus\s+(?:faible|bas|petit)e?|moins\s+[ée]lev[ée]e?)\b"
    r"|\b(?:the\s+)?(?:lesser|lower|lowest|smaller)\s+of\b"
    r"|whichever\s+is\s+(?:the\s+)?(?:less|lower|lesser|smaller)",
    re.IGNORECASE,
)
_HIGHER_OF = re.compile(
    r"\b(?:l[ea]\s+)?plus\s+(?:[ée]lev[ée]e?|haut|forte?|important)\b"
    r"|\b(?:the\s+)?(?:greater|higher|highest|larger)\s+of\b"
    r"|whichever\s+is\s+(?:the\s+)?(?:greater|higher|larger)",
    re.IGNORECASE,
)
# Words allowed between a multiplier and the fees it multiplies ("50 % des", "1 fois le").
_MULTIPLIER_GAP = re.compile(
    # (the tax basis between the share and the fees: "50 % du montant hors taxes de la redevance"; the
    # figure repeated in parentheses: « cinquante pour cent (50 %) du montant annuel »)
    r"(?:[\s,)]|\b(?:de|des|du|la|le|les|of|the|montant|amount|total|égal|equal|to|à|hors|taxes?|HT|TTC"
    r"|excluding|exclusive|VAT)\b"
    r"|[ld]['’])*\Z",
    re.IGNORECASE,
)
_TIMES = re.compile(r"\s*(?:fois|times|x|×)(?![^\W\d_])", re.IGNORECASE)
# Keys in folded form ("moitié" is looked up as "moitie").
_MULTIPLIER_WORD = {"twice": 2.0, "double": 2.0, "triple": 3.0, "moitie": 0.5, "half": 0.5}
_MULTIPLIER_WORD_RE = re.compile(r"\b(?:twice|double|triple|moiti[ée]|half)\b", re.IGNORECASE)
_FRAGMENT_START = re.compile(r"\s*[a-zà-ÿ0-9]")
# Words right before a reference period: "au cours des 12 derniers mois", "sur 6 mois", "in the
# twelve (12) months". A payment term ("payables à 45 jours") is not a reference period.
_PERIOD_INTRODUCER = re.compile(
    r"\b(?:des|les|sur|pendant|durant|lors\s+des?|the|any|preceding|previous|last|past|prior"
    # "the Charges payable for a period of nine (9) months", "sur une période de six mois"
    r"|over|during|(?:for\s+)?a\s+period\s+of|une\s+p[ée]riode\s+de|une\s+dur[ée]e\s+de"
    # a higher cap counted over the general cap's period, named again: "in those twelve (12) months",
    # « au cours de ces mêmes douze mois », "during the same twelve months"
    r"|those|these|such|the\s+same|ces(?:\s+m[êe]mes)?|lesdits|les\s+m[êe]mes)\s*\Z",
    re.IGNORECASE,
)
# How far after "sommes versées" the period may come: "... par le Client au titre du Contrat
# au cours des douze (12) derniers mois".
_FEE_PERIOD_LOOKAHEAD = 160


@dataclass(frozen=True)
class _Formula:
    basis: str
    months: float | None
    start: int  # where the fees wording begins; a multiplier ("50 % des") may precede it
    end: int


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a cap and its formula sit in one sentence."""
    bounds, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        bounds.append((start, boundary.start()))
        start = boundary.end()
    bounds.append((start, len(text)))
    return bounds


def _is_company_form(text: str, match: re.Match[str]) -> bool:
    start = max(0, match.start() - _COMPANY_FORM_CONTEXT)
    ending = _COMPANY_FORM_ENDING.search(text, start, match.end())
    return bool(ending or _COMPANY_FORM_STARTING.match(text, match.start()))


def _limits(text: str) -> list[re.Match[str]]:
    """Limiting wordings, without the "limitée" of "société à responsabilité limitée"."""
    return [m for m in _CAP_TRIGGER.finditer(text) if not _is_company_form(text, m)]


def _sentences_holding(
    matches: list[re.Match[str]], sentences: list[tuple[int, int]]
) -> list[tuple[int, tuple[int, int]]]:
    """Each sentence holding one of ``matches``, once, with the position of its first match."""
    starts = [start for start, _ in sentences]
    holding: dict[tuple[int, int], int] = {}
    for match in matches:
        sentence = sentences[max(0, bisect.bisect_right(starts, match.start()) - 1)]
        holding.setdefault(sentence, match.start())
    return [(position, sentence) for sentence, position in holding.items()]


def _months_in(duration: Quantity) -> float | None:
    number, unit = duration.as_written
    if unit == "year":
        return number * 12
    if unit == "month":
        return number
    return duration.days / 30 if duration.days is not None else None


def _months_of_fees_formula(
    text: str, start: int, end: int, durations: list[Quantity]
) -> _Formula | None:
    """ "trois mois de redevances", "12 months' fees"; "le prix de trois mois de maintenance"."""
    for duration in durations:
        fees = _FEES_AFTER_DURATION.match(text, duration.end, end)
        months = _months_in(duration)
        if fees and months is not None:
            return _Formula("monthly_fees", months, duration.start, fees.end())
        # the price of some months of the service, whatever the service is called ("le prix de trois mois de
        # maintenance", "an amount equal to the price of two months of hosting")
        if months is not None and _PRICE_BEFORE_DURATION.search(text, max(start, duration.start - 30), duration.start) \
                and (service := _SERVICE_AFTER_DURATION.match(text, duration.end, end)):
            return _Formula("monthly_fees", months, duration.start, service.end())
    return None


_PRICE_BEFORE_DURATION = re.compile(r"\b(?:prix|montant|co[ûu]t|price|amount|cost)\s+(?:de\s+|d['’]\s*|of\s+)(?:the\s+)?\Z",
                                    re.IGNORECASE)
_SERVICE_AFTER_DURATION = re.compile(r"['’]?\s*(?:de|d['’]|of)\s*(?:the\s+|l['’]\s*|la\s+|le\s+)?[^\W\d_][\w-]*",
                                     re.IGNORECASE)


def _fixed_period_formula(text: str, start: int, end: int) -> _Formula | None:
    """ "le montant annuel", "la redevance mensuelle", "the annual fees"."""
    for pattern, basis, months in (
        (_ANNUAL_FEES, "annual_fees", 12.0),
        (_HALF_YEARLY_FEES, "monthly_fees", 6.0),
        (_QUARTERLY_FEES, "monthly_fees", 3.0),
        (_MONTHLY_FEES, "monthly_fees", 1.0),
    ):
        match = pattern.search(text, start, end)
        if match:
            return _Formula(basis, months, match.start(), match.end())
    return None


def _period_after(
    text: str, position: int, end: int, durations: list[Quantity]
) -> tuple[float, int] | None:
    """The reference period after "sommes versées": "au cours des 12 derniers mois"."""
    limit = min(end, position + _FEE_PERIOD_LOOKAHEAD)
    for duration in durations:
        introduced = _PERIOD_INTRODUCER.search(text, max(0, duration.start - 30), duration.start)
        if position <= duration.start < limit and introduced:
            months = _months_in(duration)
            if months is not None:
                return months, duration.end
    year = _YEAR_PERIOD.search(text, position, limit)
    if year:
        return 12.0, year.end()
    month = _MONTH_PERIOD.search(text, position, limit)
    longer = _QUARTER_OR_HALF_YEAR_PERIOD.search(text, position, limit)
    if longer and not (month and month.start() < longer.start()):
        half_year = re.search(r"semestre|half", longer.group(), re.IGNORECASE)
        return (6.0 if half_year else 3.0), longer.end()
    return (1.0, month.end()) if month else None


def _paid_fees_formula(
    text: str, start: int, end: int, durations: list[Quantity]
) -> _Formula | None:
    """ "sommes versées au cours des 12 derniers mois", "fees paid or payable in the …"."""
    for pattern, basis in ((_FEES_PAYABLE, "fees_payable"), (_FEES_PAID, "fees_paid")):
        match = pattern.search(text, start, end)
        if not match:
            continue
        period = _period_after(text, match.end(), end, durations)
        if period is not None:
            return _Formula(basis, period[0], match.start(), period[1])
        # Fees paid "au titre de la commande" with no period: the value of that order.
        without_period = _Formula(basis, None, match.start(), match.end())
        return _value_formula(text, start, end) or without_period
    return None


def _value_formula(
    text: str, start: int, end: int, durations: list[Quantity] | None = None
) -> _Formula | None:
    """ "le montant de la commande concernée", "total contract value", "l'assureur"."""
    for pattern, basis in (
        (_ORDER_VALUE, "order_value"),
        (_CONTRACT_VALUE, "contract_value"),
        (_INSURANCE, "insurance"),
    ):
        match = pattern.search(text, start, end)
        if match:
            year = _ORDERS_OF_A_YEAR.match(text, match.end(), end) if basis == "order_value" else None
            if year:
                # « le montant des bons de commande émis au cours de cette même année »: a year's orders, not the
                # failed one
                return _Formula("fees_paid", 12.0, match.start(), year.end())
            period = _period_after(text, match.end(), end, durations) if basis == "order_value" and durations else None
            if period is not None:
                # « des bons de commande notifiés au cours des six mois précédant le fait générateur », "the orders
                # placed in the twelve months before the claim": the orders of a period, months of fees
                return _Formula("fees_paid", period[0], match.start(), period[1])
            return _Formula(basis, None, match.start(), match.end())
    return None


_ORDERS_OF_A_YEAR = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:(?:au\s+cours|pendant|durant|sur|in|during|over)\s+(?:de\s+|d['’]\s*)?"
    r"|(?:de|of)\s+)(?:l['’]\s*|la\s+|cette\s+|ladite\s+|the\s+|that\s+|each\s+|chaque\s+)?(?:m[êe]me\s+)?"
    r"(?:ann[ée]e|exercice|year)\b",
    re.IGNORECASE,
)


_MULTIPLIER_MAX_GAP = 40  # "50 % du montant total des sommes versées"


@dataclass(frozen=True)
class _Found:
    """The quantities of the whole text, found once and filtered per sentence."""

    durations: list[Quantity]
    amounts: list[Quantity]
    percents: list[Quantity]
    numerals: list[_Numeral]

    def within(self, start: int, end: int) -> _Found:
        return _Found(
            _inside(self.durations, start, end), _inside(self.amounts, start, end),
            _inside(self.percents, start, end), _inside(self.numerals, start, end),
        )


_Located = TypeVar("_Located", Quantity, _Numeral)


def _inside(items: list[_Located], start: int, end: int) -> list[_Located]:
    """The items (sorted by start, disjoint) lying within [start, end)."""
    first = bisect.bisect_left(items, start, key=lambda item: item.start)
    last = bisect.bisect_right(items, end, key=lambda item: item.start)
    return [item for item in items[first:last] if item.end <= end]


def _multiplier_before(text: str, formula: _Formula, found: _Found) -> tuple[float, int]:
    """Factor applied to the fees and where it starts: "50 % des", "deux fois le", "twice"."""

    def just_before(position: int) -> bool:
        gap = text[position : formula.start]
        return len(gap) <= _MULTIPLIER_MAX_GAP and bool(_MULTIPLIER_GAP.match(gap))

    for percent in reversed(found.percents):
        if percent.end <= formula.start and just_before(percent.end):
            return percent.value / 100, percent.start
    for numeral in reversed(found.numerals):
        times = _TIMES.match(text, numeral.end)
        if times and times.end() <= formula.start and just_before(times.end()):
            return numeral.value, numeral.start
    lookback = max(0, formula.start - _MULTIPLIER_MAX_GAP - 8)
    for word in reversed(list(_MULTIPLIER_WORD_RE.finditer(text, lookback, formula.start))):
        if just_before(word.end()):
            return _MULTIPLIER_WORD.get(_fold(word.group()), 1.0), word.start()
    return 1.0, formula.start


def _formula_in(
    text: str, start: int, end: int, durations: list[Quantity]
) -> _Formula | None:
    months_of_fees = _months_of_fees_formula(text, start, end, durations)
    if months_of_fees is not None:
        return months_of_fees
    fixed = _fixed_period_formula(text, start, end)
    paid = _paid_fees_formula(text, start, end, durations)
    # "the Monthly Charges paid or payable in the six (6) months preceding": the period paid over
    # is the cap, not the one month of the fees' name.
    # (« le montant total des Redevances Mensuelles effectivement payées au cours des douze mois »: the
    # fees' name sits inside the paid-fees wording)
    if (fixed is not None and paid is not None and paid.months is not None
            and (fixed.start <= paid.start < fixed.end or paid.start <= fixed.start < paid.end)):
        return _Formula(paid.basis, paid.months, fixed.start, paid.end)
    return fixed or paid or _value_formula(text, start, end, durations)


def _combination(
    text: str, start: int, end: int, formula: _Formula | None, amount: Quantity | None
) -> tuple[str | None, int | None]:
    """How the formula and the amount combine, and where the wording saying so starts."""
    if formula is None or amount is None:
        return None, None
    for pattern, name in ((_LOWER_OF, "lower_of"), (_HIGHER_OF, "higher_of")):
        match = pattern.search(text, start, end)
        if match:
            return name, match.start()
    # "sommes versées sur 12 mois, sans pouvoir excéder 100 000 €": the amount is a ceiling.
    if formula.end <= amount.start:
        between = (formula.end, amount.start)
    else:
        between = (amount.end, formula.start)
    return ("lower_of", None) if _CAP_TRIGGER.search(text, *between) else (None, None)


def _is_share_capital(text: str, amount: Quantity) -> bool:
    return bool(_SHARE_CAPITAL_BEFORE.search(text, max(0, amount.start - 24), amount.start))


def _cap_in(
    text: str, start: int, end: int, found: _Found, trigger: int | None
) -> CapFormula | None:
    found = found.within(start, end)
    amounts = [a for a in found.amounts if not _is_share_capital(text, a)]
    amount = amounts[0] if amounts else None
    formula = _formula_in(text, start, end, found.durations)
    if formula is None and (amount is None or trigger is None):
        return None
    months, formula_start = None, None
    if formula is not None:
        factor, formula_start = _multiplier_before(text, formula, found)
        months = None if formula.months is None else round(factor * formula.months, 6)
    combination, combination_start = _combination(text, start, end, formula, amount)
    starts = [
        p for p in (trigger, formula_start, amount and amount.start, combination_start)
        if p is not None
    ]
    ends = [e for e in (formula and formula.end, amount and amount.end) if e is not None]
    span_start, span_end = min(starts), max(ends)
    return CapFormula(
        months_of_fees=months, amount=amount,
        basis=formula.basis if formula is not None else "amount",
        combination=combination,
        start=span_start, end=span_end, text=text[span_start:span_end],
    )


def parse_cap(text: str, lang: str = "fr") -> CapFormula | None:
    """Read the cap of a limitation-of-liability clause (or of a fragment of one).

    The first sentence that yields a cap is read, trying in turn: sentences with a limiting
    wording ("limitée à", "plafonnée", "shall not exceed"...) that speak of liability, other
    sentences with a limiting wording (the cap after that wording), sentences about liability;
    failing all, a single sentence starting in lower case ("à trois mois de redevances") is
    read as a bare formula. Who is capped (provider or client) is for the caller to check.
    """
    lang = _language(lang)
    found = _Found(
        find_durations(text, lang), find_amounts(text, lang), find_percentages(text, lang),
        list(_numerals(text, lang)),
    )
    sentences = _sentences(text)
    mentions = list(_LIABILITY_WORD.finditer(text))
    liability = {sentence for _, sentence in _sentences_holding(mentions, sentences)}
    limits = _sentences_holding(_limits(text), sentences)
    # A limit in a sentence about liability first: "pénalités plafonnées à 15 %" caps penalties.
    # Elsewhere the cap must follow its limiting wording: in "les redevances sont facturées
    # ..., révisées dans la limite de 3 %" the fees are not what is limited.
    candidates = [
        *((trigger, sentence) for trigger, sentence in limits if sentence in liability),
        *((trigger, (trigger, sentence[1])) for trigger, sentence in limits
          if sentence not in liability),
        *((None, sentence) for sentence in liability),
    ]
    for trigger, (start, end) in candidates:
        cap = _cap_in(text, start, end, found, trigger)
        if cap is not None:
            return cap
    if len(sentences) == 1 and _FRAGMENT_START.match(text):
        return _cap_in(text, 0, len(text), found, None)
    return None
