"""Calendar dates written in contracts: « 1er juillet 2021 », « 30/06/2025 », "June 30, 2025".

A date written with its month only (« juin 2025 ») stands for the last day of that month: a
certificate « valable jusqu'en juin 2025 » is valid until the month ends.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    # French
    "janvier": 1, "janv": 1, "fevrier": 2, "février": 2, "fevr": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "août": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "décembre": 12, "dec": 12, "déc": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "october": 10, "november": 11, "december": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Longest forms first: "30 juin 2025" must not be read as "juin 2025".
_PATTERNS = (
    ("day", re.compile(rf"\b{_DAY}\s+(?:de\s+|of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE)),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,\s*{_YEAR}\b", re.IGNORECASE)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b")),
    ("numeric", re.compile(r"\b(?P<first>[0-3]?\d)[/.\-](?P<second>[01]?\d|[0-3]\d)[/.\-](?P<year>(?:19|20)\d\d)\b")),
    ("month", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets in the text searched
    end: int
    day: dt.date
    text: str


def find_dates(text: str) -> list[DateMention]:
    """Every calendar date of ``text``, in order, each read once by its longest form."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            day = _date_of(kind, match)
            if day is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(DateMention(match.start(), match.end(), day, match.group()))
    return sorted(found, key=lambda mention: mention.start)


def _date_of(kind: str, match: re.Match) -> dt.date | None:
    year = int(match["year"])
    if kind == "numeric":
        first, second = int(match["first"]), int(match["second"])
        # French and European drafting put the day first; "06/30/2025" can only be month first.
        day, month = (second, first) if first <= 12 < second else (first, second)
    elif kind == "iso":
        day, month = int(match["day"]), int(match["month"])
    else:
        month = MONTHS[match["month"].casefold()]
        day = int(match["day"]) if kind == "day" else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:  # "31/02/2025", "45 juin 2025": not a date
        return None
