"""Calendar dates in contract wording, and the rule operator that compares them with the audit day."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import evaluate_rule
from hypothesis import given, strategies as st

from auditor.dates import find_dates
from auditor.rules import Detect

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]


@pytest.mark.parametrize("text, expected", [
    ("valable jusqu'au 1er juillet 2021.", dt.date(2021, 7, 1)),
    ("délivré le 2 JUIN 2025", dt.date(2025, 6, 2)),
    ("certificat n° 2018-331 expirant le 30/06/2025", dt.date(2025, 6, 30)),
    ("valid until June 30, 2025", dt.date(2025, 6, 30)),
    ("valid until 30 June 2025", dt.date(2025, 6, 30)),
    ("renouvelé jusqu'en février 2028", dt.date(2028, 2, 29)),
    ("expires on 2027-03-31", dt.date(2027, 3, 31)),
    ("a US-style date 06/30/2025", dt.date(2025, 6, 30)),
    ("le 12 févr. 2024", dt.date(2024, 2, 12)),
])
def test_a_date_is_read_in_the_ways_contracts_write_it(text, expected):
    assert [d.day for d in find_dates(text)] == [expected]


@pytest.mark.parametrize("text", [
    "un préavis de sept (7) jours", "l'article 12.3", "le certificat n° 2018-331", "31/02/2025", "mai 12",
    "un capital de 10 000 €", "l'article 1.1.1 des CG", "Le Client may terminate", "la norme ISO 27001:2022",
])
def test_numbers_that_are_not_dates_are_left_alone(text):
    assert find_dates(text) == []


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(range(5)))
def test_any_date_written_out_is_read_back(day, style):
    written = [
        f"{'1er' if day.day == 1 else day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{ENGLISH_MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}",
        day.isoformat(),
    ][style]
    found = find_dates(f"valable jusqu'au {written}, sous réserve de renouvellement.")
    assert [d.day for d in found] == [day]
    assert found[0].text == written


def certificate_status(text: str, audit_date: dt.date) -> tuple[str, dict]:
    detect = Detect.model_validate({
        "scope": {"terms": ["certificat*", "certified"]},
        "flags": [{"id": "expired", "status": "weak", "say": "Le certificat a expiré.",
                   "match": {"date": {"near": ["valable jusqu'", "expir*", "valid until"], "before_audit": True,
                                      "record": "certificate_expiry"}}}],
    })
    result = evaluate_rule(detect, text, audit_date=audit_date)
    return result.status, dict(result.values)


def test_a_certificate_valid_until_a_past_day_has_expired_on_the_day_of_the_audit():
    text = ("Article 8 – Certification\n\nLe Prestataire est titulaire du certificat HDS n° 2018-331, délivré le "
            "2 juillet 2018 et valable jusqu'au 1er juillet 2021.\n")
    assert certificate_status(text, dt.date(2026, 11, 23)) == ("weak", {"certificate_expiry": "2021-07-01"})
    # The same contract read while the certificate ran: nothing to flag, and the issue date never counts.
    assert certificate_status(text, dt.date(2020, 1, 15)) == ("pass", {})


def test_a_certificate_still_valid_is_not_flagged():
    text = ("Article 4 – Certification\n\n4.1 Le Prestataire est certifié HDS (certificat délivré le 2 juin 2019, "
            "valable jusqu'au 1er juin 2028).\n")
    assert certificate_status(text, dt.date(2026, 11, 23))[0] == "pass"
