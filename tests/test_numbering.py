"""The list-label renderer (auditor.read.numbering) on small numbering.xml snippets.

Expected labels are what LibreOffice 7.4 prints for the same definitions (checked by converting
the snippets to text with soffice), except for w:lvlRestart and w:isLgl, which LibreOffice 7.4
ignores and which follow ECMA-376 here.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from docx.oxml.parser import parse_xml
from hypothesis import given
from hypothesis import strategies as st

from auditor.read.numbering import (
    ListCounters,
    NumberingDefinitions,
    bullet_text,
    format_number,
    letters,
    roman,
)

_spec = importlib.util.spec_from_file_location("wordml", Path(__file__).parent / "fixtures" / "docx" / "wordml.py")
wordml = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wordml)
abstract_num, level, num = wordml.abstract_num, wordml.level, wordml.num

CONTRACT = level(0, "decimal", "Article %1 –") + level(1, "decimal", "%1.%2") + level(2, "lowerLetter", "%3)")


def definitions(xml: str, list_styles: dict[str, int] | None = None, language: str = "fr") -> NumberingDefinitions:
    root = parse_xml(f'<w:numbering xmlns:w="{wordml.W_NS}">{xml}</w:numbering>'.encode())
    return NumberingDefinitions(root, list_styles, language)


def labels(xml: str, sequence: list[tuple[int, int]], **options) -> list[str | None]:
    """The label texts of paragraphs numbered (numId, ilvl) in this order."""
    counters = ListCounters(definitions(xml, **options))
    results = []
    for num_id, ilvl in sequence:
        label = counters.next_label(num_id, ilvl)
        results.append(None if label is None else label.text)
    return results


# --- number formats ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "number_format", "expected"), [
    (7, "decimal", "7"),
    (7, "decimalZero", "07"),
    (12, "decimalZero", "12"),
    (1, "lowerLetter", "a"),
    (26, "lowerLetter", "z"),
    (27, "lowerLetter", "aa"),  # Word repeats the letter: aa, bb... not base 26
    (28, "lowerLetter", "bb"),
    (53, "lowerLetter", "aaa"),
    (3, "upperLetter", "C"),
    (30, "upperLetter", "DD"),
    (4, "lowerRoman", "iv"),
    (1994, "upperRoman", "MCMXCIV"),
    (14, "upperRoman", "XIV"),
    (3, "bullet", ""),
    (3, "none", ""),
    (5, "chineseCounting", "5"),  # formats not rendered fall back to decimal
    (0, "lowerLetter", "0"),  # a level starting at 0 shows 0, as LibreOffice does
])
def test_number_formats(value, number_format, expected):
    assert format_number(value, number_format) == expected


@pytest.mark.parametrize(("value", "french", "english"), [
    (1, "1er", "1st"), (2, "2e", "2nd"), (3, "3e", "3rd"), (4, "4e", "4th"), (11, "11e", "11th"),
    (12, "12e", "12th"), (13, "13e", "13th"), (21, "21e", "21st"), (22, "22e", "22nd"), (111, "111e", "111th"),
])
def test_ordinal(value, french, english):
    assert format_number(value, "ordinal", "fr") == french
    assert format_number(value, "ordinal", "en") == english


# LibreOffice 7.4's rendering of cardinalText and ordinalText, 1 to 20 then a few more.
FRENCH_CARDINALS = ("Un Deux Trois Quatre Cinq Six Sept Huit Neuf Dix Onze Douze Treize Quatorze Quinze Seize "
                    "Dix-sept Dix-huit Dix-neuf Vingt").split()
FRENCH_ORDINALS = ("Premier Deuxième Troisième Quatrième Cinquième Sixième Septième Huitième Neuvième Dixième "
                   "Onzième Douzième Treizième Quatorzième Quinzième Seizième Dix-septième Dix-huitième "
                   "Dix-neuvième Vingtième").split()
ENGLISH_CARDINALS = ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen "
                     "Sixteen Seventeen Eighteen Nineteen Twenty").split()
ENGLISH_ORDINALS = ("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Eleventh Twelfth Thirteenth "
                    "Fourteenth Fifteenth Sixteenth Seventeenth Eighteenth Nineteenth Twentieth").split()


def test_spelled_out_numbers_one_to_twenty():
    for value in range(1, 21):
        assert format_number(value, "cardinalText", "fr") == FRENCH_CARDINALS[value - 1]
        assert format_number(value, "ordinalText", "fr") == FRENCH_ORDINALS[value - 1]
        assert format_number(value, "cardinalText", "en") == ENGLISH_CARDINALS[value - 1]
        assert format_number(value, "ordinalText", "en") == ENGLISH_ORDINALS[value - 1]


@pytest.mark.parametrize(("value", "cardinal", "ordinal"), [
    (21, "Vingt-et-un", "Vingt-et-unième"),
    (71, "Soixante-et-onze", "Soixante-et-onzième"),
    (80, "Quatre-vingts", "Quatre-vingtième"),  # LibreOffice 7.4 writes "Quatre-vingtsième", a typo
    (81, "Quatre-vingt-un", "Quatre-vingt-unième"),
    (95, "Quatre-vingt-quinze", "Quatre-vingt-quinzième"),
    (99, "Quatre-vingt-dix-neuf", "Quatre-vingt-dix-neuvième"),
    (100, "Cent", "Centième"),
])
def test_french_spelled_out_beyond_twenty(value, cardinal, ordinal):
    assert format_number(value, "cardinalText", "fr") == cardinal
    assert format_number(value, "ordinalText", "fr") == ordinal


def test_english_spelled_out_beyond_twenty():
    assert format_number(42, "cardinalText", "en") == "Forty-two"
    assert format_number(42, "ordinalText", "en") == "Forty-second"
    assert format_number(100, "ordinalText", "en") == "One hundredth"


def test_custom_zero_padded_format():
    assert format_number(7, "custom", custom_format="001, 002, 003, ...") == "007"


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_read_back(value):
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    text = roman(value)
    assert re.fullmatch(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", text)
    total = sum(-numerals[a] if numerals[a] < numerals[b] else numerals[a] for a, b in zip(text, text[1:]))
    assert total + numerals[text[-1]] == value


@given(st.integers(min_value=1, max_value=2000))
def test_letters_repeat_one_letter(value):
    text = letters(value)
    assert len(set(text)) == 1
    assert len(text) == (value - 1) // 26 + 1
    assert ord(text[0]) - ord("a") == (value - 1) % 26


def test_symbol_font_bullets_show_their_glyph():
    assert bullet_text("\uf0b7") == "•"
    assert bullet_text("\uf0a7") == "▪"
    assert bullet_text("o") == "o"
    assert bullet_text("") == "•"


# --- counters and level text --------------------------------------------------------------------

def test_multilevel_contract_numbering():
    xml = abstract_num(1, CONTRACT) + num(1, 1)
    sequence = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 0), (1, 1), (1, 2)]
    assert labels(xml, sequence) == ["Article 1 –", "1.1", "1.2", "a)", "b)", "Article 2 –", "2.1", "a)"]


def test_level_text_with_several_levels_and_literal_text():
    xml = abstract_num(1, level(0, "upperRoman", "Titre %1") + level(1, "decimal", "%1-%2")
                       + level(2, "lowerRoman", "(%1.%2.%3)")) + num(1, 1)
    assert labels(xml, [(1, 0), (1, 1), (1, 2), (1, 2)]) == ["Titre I", "I-1", "(I.1.i)", "(I.1.ii)"]


def test_start_values():
    xml = abstract_num(1, level(0, "decimal", "%1.", start=5) + level(1, "lowerLetter", "%2)", start=3)) + num(1, 1)
    assert labels(xml, [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == ["5.", "c)", "d)", "6.", "c)"]


def test_missing_start_means_zero():
    xml = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
           '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' + num(1, 1))
    assert labels(xml, [(1, 0), (1, 0)]) == ["0.", "1."]


def test_counters_are_shared_by_the_nums_of_one_abstract_num():
    xml = abstract_num(1, CONTRACT) + num(1, 1) + num(2, 1)
    assert labels(xml, [(1, 0), (2, 0), (2, 1), (1, 0)]) == ["Article 1 –", "Article 2 –", "2.1", "Article 3 –"]


def test_start_override_restarts_then_the_count_continues_for_every_num():
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    xml = abstract_num(1, level(0, "lowerRoman", "(%1)")) + num(1, 1) + num(2, 1, restart)
    assert labels(xml, [(1, 0), (1, 0), (2, 0), (2, 0), (1, 0)]) == ["(i)", "(ii)", "(i)", "(ii)", "(iii)"]


def test_start_override_with_a_full_level_override():
    override = ('<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/><w:lvl w:ilvl="1"><w:start w:val="7"/>'
                '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="[%2]"/></w:lvl></w:lvlOverride>')
    xml = abstract_num(1, level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2.")) + num(1, 1) + num(2, 1, override)
    sequence = [(1, 0), (1, 1), (2, 1), (2, 1), (1, 0), (2, 1)]
    # the override's start (7) is where the level restarts after its parent, as LibreOffice shows
    assert labels(xml, sequence) == ["1.", "1.1.", "[E]", "[F]", "2.", "[G]"]


def test_deeper_levels_restart_after_a_higher_level():
    xml = abstract_num(1, CONTRACT) + num(1, 1)
    assert labels(xml, [(1, 0), (1, 1), (1, 2), (1, 1), (1, 2)]) == ["Article 1 –", "1.1", "a)", "1.2", "a)"]


def test_lvl_restart_zero_never_restarts():
    xml = abstract_num(1, level(0, "decimal", "%1.") + level(1, "decimal", "(%2)", extra='<w:lvlRestart w:val="0"/>'))
    xml += num(1, 1)
    assert labels(xml, [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == ["1.", "(1)", "(2)", "2.", "(3)"]


def test_lvl_restart_only_after_the_named_level():
    xml = abstract_num(1, level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2")
                       + level(2, "decimal", "%1.%2.%3", extra='<w:lvlRestart w:val="1"/>')) + num(1, 1)
    sequence = [(1, 0), (1, 1), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]
    assert labels(xml, sequence) == ["1.", "1.1", "1.1.1", "1.2", "1.2.2", "2.", "2.1", "2.1.1"]


def test_legal_numbering_shows_the_other_levels_in_decimal():
    xml = abstract_num(1, level(0, "upperRoman", "%1") + level(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>")) + num(1, 1)
    assert labels(xml, [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == ["I", "1.a", "1.b", "II", "2.a"]


def test_a_level_used_before_its_parent_counts_the_parent_once():
    xml = abstract_num(1, level(0, "upperRoman", "%1.") + level(1, "decimal", "%1.%2")) + num(1, 1)
    assert labels(xml, [(1, 1), (1, 0), (1, 1)]) == ["I.1", "II.", "II.1"]


def test_num_style_link_through_the_list_style():
    xml = (abstract_num(1, "", extra='<w:numStyleLink w:val="ContratListe"/>')
           + abstract_num(2, level(0, "upperLetter", "%1.") + level(1, "lowerRoman", "(%2)"),
                          extra='<w:styleLink w:val="ContratListe"/>')
           + num(1, 1) + num(2, 2))
    sequence = [(1, 0), (1, 1), (1, 1), (2, 0)]
    expected = ["A.", "(i)", "(ii)", "B."]  # both nums count in the list style's abstractNum
    assert labels(xml, sequence, list_styles={"ContratListe": 2}) == expected
    assert labels(xml, sequence) == expected  # found through w:styleLink without the styles part


def test_bullets_and_empty_levels():
    xml = abstract_num(1, level(0, "bullet", "\uf0b7") + level(1, "none", "")) + num(1, 1)
    counters = ListCounters(definitions(xml))
    bullet = counters.next_label(1, 0)
    assert (bullet.text, bullet.is_bullet) == ("•", True)
    assert counters.next_label(1, 1).prefix == ""


def test_suffix_decides_the_space_after_the_label():
    xml = (abstract_num(1, level(0, "decimal", "%1.")) + abstract_num(2, level(0, "decimal", "%1.", suffix="nothing"))
           + abstract_num(3, level(0, "decimal", "%1.", suffix="space")) + num(1, 1) + num(2, 2) + num(3, 3))
    counters = ListCounters(definitions(xml))
    assert counters.next_label(1, 0).prefix == "1. "  # a tab reads as one space
    assert counters.next_label(2, 0).prefix == "1."
    assert counters.next_label(3, 0).prefix == "1. "


def test_unknown_and_disabled_numbering_give_no_label():
    xml = abstract_num(1, level(0, "decimal", "%1.")) + num(1, 1)
    assert labels(xml, [(0, 0), (9, 0), (1, 4), (1, 0)]) == [None, None, None, "1."]


def test_language_of_spelled_out_levels():
    xml = abstract_num(1, level(0, "ordinalText", "%1 article")) + num(1, 1)
    assert labels(xml, [(1, 0), (1, 0)], language="en") == ["First article", "Second article"]
    assert labels(xml, [(1, 0)], language="fr") == ["Premier article"]


def test_level_attached_to_a_paragraph_style():
    xml = abstract_num(1, level(0, "decimal", "%1.", extra='<w:pStyle w:val="Heading1"/>')
                       + level(1, "decimal", "%1.%2.", extra='<w:pStyle w:val="Heading2"/>')) + num(1, 1)
    numbering = definitions(xml)
    assert numbering.level_for_style(1, "Heading2") == 1
    assert numbering.level_for_style(1, "Normal") is None
