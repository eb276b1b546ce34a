"""Word's automatic list numbering (numbering.xml) rendered as Word shows it: "Article 1 –", "1.1", "a)".

python-docx exposes only a paragraph's (numId, ilvl); the label itself must be computed by
replaying the counters in document order. ``NumberingDefinitions`` is the parsed numbering.xml;
a ``ListCounters`` replays one reading of the document (the accepted and the original views of
a document with tracked changes each need their own).

Where Word and LibreOffice differ, LibreOffice's rendering (the oracle the tests can run) is
followed, except where LibreOffice 7.4 ignores a setting that Word honours (``w:lvlRestart``,
``w:isLgl``): there the ECMA-376 rule is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
LEVEL_COUNT = 9
OFF_VALUES = {"0", "false", "off"}


@dataclass(frozen=True)
class Level:
    """One w:lvl: how a list level counts and how its label is written."""

    start: int = 1
    number_format: str = "decimal"
    text: str = ""  # w:lvlText, with %1..%9 standing for the levels' counters
    suffix: str = "tab"  # what follows the label: "tab", "space" or "nothing"
    # w:lvlRestart: None = restart after any higher level (the default), 0 = never,
    # n = only after a level 1..n (1-based) is used.
    restart_after: int | None = None
    legal: bool = False  # w:isLgl: the other levels' numbers shown in decimal
    style_id: str = ""  # w:pStyle: the paragraph style attached to this level
    custom_format: str = ""  # w:numFmt/@w:format for numFmt "custom" ("001, 002, 003, ...")
    indent: int | None = None  # left indentation of the level's paragraphs (twips), from its w:pPr

    @property
    def is_bullet(self) -> bool:
        return self.number_format == "bullet"


@dataclass(frozen=True)
class ListInstance:
    """A w:num resolved to the abstract definition it counts with."""

    counter_key: str  # the abstractNum whose counters this list shares
    levels: Mapping[int, Level]
    start_overrides: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ListLabel:
    """The label of one numbered paragraph, e.g. text "Article 2 –" followed by a tab."""

    text: str
    suffix: str
    level: int
    is_bullet: bool
    indent: int | None = None  # the level's left indentation (twips), when it sets one

    @property
    def prefix(self) -> str:
        """What goes before the paragraph's own text: the label and one space (none for "nothing")."""
        label = self.text.strip()
        if not label:
            return ""
        keeps_space = self.suffix != "nothing" or self.text != self.text.rstrip()
        return label + (" " if keeps_space else "")


# --- number formats -------------------------------------------------------------------------

ROMAN_NUMERALS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                  (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))

FRENCH_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
                "seize dix-sept dix-huit dix-neuf").split()
FRENCH_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
ENGLISH_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen").split()
ENGLISH_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty",
                9: "ninety"}
ENGLISH_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                         "nine": "ninth", "twelve": "twelfth"}
LAST_WORD = re.compile(r"(.*?)([a-z]+)$")
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")  # %1..%9 in w:lvlText
# Symbol and Wingdings bullets are stored as private-use code points (U+F0xx): show the glyph they draw.
PRIVATE_USE_BULLETS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0A8: "□", 0xF0D8: "➢", 0xF0FC: "✓", 0xF076: "❖",
                       0xF06E: "■", 0xF071: "❑", 0xF0E0: "→", 0xF0E8: "➔", 0xF02D: "–", 0xF0B0: "°"}


def roman(value: int) -> str:
    digits = []
    for amount, numeral in ROMAN_NUMERALS:
        count, value = divmod(value, amount)
        digits.append(numeral * count)
    return "".join(digits)


def letters(value: int) -> str:
    """a..z, then aa, bb.. zz, then aaa: Word repeats the letter rather than counting in base 26."""
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def french_cardinal(value: int) -> str:
    """French number words (1990 spelling, hyphenated as LibreOffice writes them), 0-999."""
    if value < 20:
        return FRENCH_UNITS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the units count from ten
            tens, unit = tens - 1, unit + 10
        base = "quatre-vingt" if tens == 8 else FRENCH_TENS[tens]
        if unit == 0:
            return "quatre-vingts" if tens == 8 else base
        joiner = "-et-" if unit in (1, 11) and tens != 8 else "-"
        return base + joiner + FRENCH_UNITS[unit]
    hundreds, rest = divmod(value, 100)
    head = "cent" if hundreds == 1 else FRENCH_UNITS[hundreds] + "-cent"
    if rest == 0:
        return head + ("s" if hundreds > 1 else "")
    return head + "-" + french_cardinal(rest)


def french_ordinal(value: int) -> str:
    if value == 1:
        return "premier"
    words = french_cardinal(value)
    if words.endswith("cinq"):
        return words + "uième"
    if words.endswith("neuf"):
        return words[:-1] + "vième"
    if words.endswith(("vingts", "cents")):
        words = words[:-1]
    return (words[:-1] if words.endswith("e") else words) + "ième"


def english_cardinal(value: int) -> str:
    if value < 20:
        return ENGLISH_UNITS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        return ENGLISH_TENS[tens] + ("-" + ENGLISH_UNITS[unit] if unit else "")
    hundreds, rest = divmod(value, 100)
    head = ENGLISH_UNITS[hundreds] + " hundred"
    return head + (" " + english_cardinal(rest) if rest else "")


def english_ordinal(value: int) -> str:
    head, last = LAST_WORD.match(english_cardinal(value)).groups()
    if last in ENGLISH_ORDINAL_WORDS:
        return head + ENGLISH_ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


def ordinal_suffix(value: int, language: str) -> str:
    """1er, 2e (French); 1st, 2nd, 3rd, 11th (English). LibreOffice prints the French suffix as
    superscript letters (1ᵉʳ); plain letters are kept here so that text searches find "1er"."""
    if language == "fr":
        return f"{value}er" if value == 1 else f"{value}e"
    if value % 100 in (11, 12, 13):
        return f"{value}th"
    return f"{value}" + {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def capitalized(words: str) -> str:
    return words[:1].upper() + words[1:]


def format_number(value: int, number_format: str, language: str = "fr", custom_format: str = "") -> str:
    """The counter ``value`` written in a w:numFmt ("decimal", "upperRoman", "ordinalText"...).

    ``language`` ("fr" or "en") chooses the words of the ordinal and spelled-out formats.
    Formats not rendered here (East-Asian counting systems...) fall back to decimal.
    """
    if number_format in ("none", "bullet"):
        return ""
    if value <= 0 and number_format not in ("decimal", "decimalZero"):
        return str(value)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("lowerLetter", "upperLetter"):
        text = letters(value)
        return text.upper() if number_format == "upperLetter" else text
    if number_format in ("lowerRoman", "upperRoman"):
        text = roman(value)
        return text.upper() if number_format == "upperRoman" else text
    if number_format == "ordinal":
        return ordinal_suffix(value, language)
    if number_format in ("cardinalText", "ordinalText") and value < 1000:
        if number_format == "cardinalText":
            words = french_cardinal(value) if language == "fr" else english_cardinal(value)
        else:
            words = french_ordinal(value) if language == "fr" else english_ordinal(value)
        return capitalized(words)
    if number_format == "custom" and custom_format:
        # "001, 002, 003, ..." means zero-padded decimal as wide as the sample.
        sample = custom_format.split(",")[0].strip()
        if sample.isdigit():
            return f"{value:0{len(sample)}d}"
    return str(value)


def bullet_text(text: str) -> str:
    """A bullet's lvlText with Symbol/Wingdings private-use characters mapped to what they draw."""
    shown = "".join(PRIVATE_USE_BULLETS.get(ord(char), "•" if 0xF000 <= ord(char) <= 0xF0FF else char)
                    for char in text)
    return shown.strip() or "•"


# --- numbering.xml --------------------------------------------------------------------------

def _value(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(W + "val", default)


def _int_value(element: etree._Element | None, default: int | None = None) -> int | None:
    try:
        return int(_value(element))
    except (TypeError, ValueError):
        return default


def _is_on(element: etree._Element | None) -> bool:
    return element is not None and _value(element, "1").lower() not in OFF_VALUES


def _child(element: etree._Element, name: str) -> etree._Element | None:
    """The w:name child, also looked for in an mc:AlternateContent fallback (Word 2010 writes
    numFmt "custom" in mc:Choice and its plain equivalent in mc:Fallback)."""
    found = element.find(W + name)
    if found is None:
        found = element.find(f"{MC}AlternateContent/{MC}Fallback/{W}{name}")
    return found


def parse_level(lvl: etree._Element) -> Level:
    """A Level from a w:lvl element; absent settings take Word's defaults."""
    number_format = _child(lvl, "numFmt")
    restart = _int_value(lvl.find(W + "lvlRestart"))
    return Level(
        start=_int_value(lvl.find(W + "start"), 0),  # ECMA-376: no w:start means 0 (LibreOffice agrees)
        number_format=_value(number_format, "decimal") or "decimal",
        text=_value(lvl.find(W + "lvlText"), "") or "",
        suffix=_value(lvl.find(W + "suff"), "tab") or "tab",
        restart_after=restart,
        legal=_is_on(lvl.find(W + "isLgl")),
        style_id=_value(lvl.find(W + "pStyle"), "") or "",
        custom_format=(number_format.get(W + "format", "") if number_format is not None else ""),
        indent=_indent(lvl.find(f"{W}pPr/{W}ind")),
    )


def _indent(ind: etree._Element | None) -> int | None:
    if ind is None:
        return None
    for attribute in ("left", "start"):
        try:
            return int(ind.get(W + attribute, ""))
        except ValueError:
            continue
    return None


def _level_index(lvl: etree._Element) -> int | None:
    try:
        index = int(lvl.get(W + "ilvl", ""))
    except ValueError:
        return None
    return index if 0 <= index < LEVEL_COUNT else None


def _levels(parent: etree._Element) -> dict[int, Level]:
    levels = {}
    for lvl in parent.iterfind(W + "lvl"):
        index = _level_index(lvl)
        if index is not None:
            levels[index] = parse_level(lvl)
    return levels


@dataclass(frozen=True)
class _Abstract:
    levels: dict[int, Level]
    num_style_link: str  # w:numStyleLink: the levels live in the list style of that name
    style_link: str  # w:styleLink: this abstractNum defines that list style


@dataclass(frozen=True)
class _Num:
    abstract_id: str
    level_overrides: dict[int, Level]
    start_overrides: dict[int, int]


class NumberingDefinitions:
    """numbering.xml parsed: numId → the levels it counts with.

    ``list_style_num_ids`` maps a numbering style's id to the numId in its pPr/numPr, for
    w:numStyleLink indirection; without it, the abstractNum that declares the matching
    w:styleLink is used.
    """

    def __init__(self, root: etree._Element | None, list_style_num_ids: Mapping[str, int] | None = None,
                 language: str = "fr") -> None:
        self.language = language
        self._list_style_num_ids = dict(list_style_num_ids or {})
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[int, _Num] = {}
        self._instances: dict[int, ListInstance | None] = {}
        if root is not None:
            self._parse(root)

    def _parse(self, root: etree._Element) -> None:
        for abstract in root.iterfind(W + "abstractNum"):
            self._abstracts[abstract.get(W + "abstractNumId", "")] = _Abstract(
                levels=_levels(abstract),
                num_style_link=_value(abstract.find(W + "numStyleLink"), "") or "",
                style_link=_value(abstract.find(W + "styleLink"), "") or "",
            )
        for num in root.iterfind(W + "num"):
            try:
                num_id = int(num.get(W + "numId", ""))
            except ValueError:
                continue
            level_overrides, start_overrides = {}, {}
            for override in num.iterfind(W + "lvlOverride"):
                index = _level_index(override)
                if index is None:
                    continue
                start = _int_value(override.find(W + "startOverride"))
                if start is not None:
                    start_overrides[index] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    level_overrides[index] = parse_level(lvl)
            self._nums[num_id] = _Num(_value(num.find(W + "abstractNumId"), "") or "", level_overrides,
                                      start_overrides)

    def instance(self, num_id: int) -> ListInstance | None:
        """The list a numId counts in, or None for numId 0 ("no numbering") and unknown ids."""
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: int) -> ListInstance | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = self._follow_style_links(num.abstract_id)
        abstract = self._abstracts.get(abstract_id)
        if abstract is None:
            return None
        levels = {**abstract.levels, **num.level_overrides}
        return ListInstance(counter_key=abstract_id, levels=levels, start_overrides=num.start_overrides)

    def _follow_style_links(self, abstract_id: str) -> str:
        """numStyleLink → the list style → its numId → the abstractNum that holds the levels."""
        seen = set()
        while abstract_id not in seen:
            seen.add(abstract_id)
            abstract = self._abstracts.get(abstract_id)
            if abstract is None or not abstract.num_style_link:
                return abstract_id
            style_id = abstract.num_style_link
            linked_num = self._nums.get(self._list_style_num_ids.get(style_id, -1))
            if linked_num is not None:
                abstract_id = linked_num.abstract_id
                continue
            declaring = [key for key, other in self._abstracts.items() if other.style_link == style_id]
            if not declaring:
                return abstract_id
            abstract_id = declaring[0]
        return abstract_id

    def level_for_style(self, num_id: int, style_id: str) -> int | None:
        """The level whose w:pStyle is ``style_id``: how a heading style linked to a list finds
        its level when the style's numPr gives no w:ilvl."""
        instance = self.instance(num_id)
        if instance is None:
            return None
        for index, level in sorted(instance.levels.items()):
            if level.style_id == style_id:
                return index
        return None


class ListCounters:
    """Replays the list counters over the paragraphs of one reading of the document.

    Counters belong to the abstractNum, so every numId pointing at it continues the same
    sequence; a numId with w:startOverride restarts the level the first time it is used, and
    the shared count goes on from there (as LibreOffice renders it).
    """

    def __init__(self, definitions: NumberingDefinitions) -> None:
        self.definitions = definitions
        self._counters: dict[str, list[int | None]] = {}
        self._pending_overrides: dict[int, dict[int, int]] = {}
        self._used_nums: set[int] = set()

    def next_label(self, num_id: int, level_index: int) -> ListLabel | None:
        """Advances the counter of (num_id, level_index) and returns the paragraph's label."""
        instance = self.definitions.instance(num_id)
        if instance is None or not 0 <= level_index < LEVEL_COUNT:
            return None
        level = instance.levels.get(level_index)
        if level is None:
            return None
        counters = self._counters.setdefault(instance.counter_key, [None] * LEVEL_COUNT)
        self._advance(num_id, instance, counters, level_index)
        return ListLabel(text=self._render(instance, counters, level_index), suffix=level.suffix,
                         level=level_index, is_bullet=level.is_bullet, indent=level.indent)

    def _advance(self, num_id: int, instance: ListInstance, counters: list[int | None], used: int) -> None:
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            self._pending_overrides[num_id] = dict(instance.start_overrides)
        pending = self._pending_overrides[num_id]
        if used in pending:
            counters[used] = pending.pop(used)
        elif counters[used] is None:
            counters[used] = instance.levels[used].start
        else:
            counters[used] += 1
        # A level shown before its parent ever was counts the parent as used once (the next
        # parent paragraph shows 2), as Word and LibreOffice do.
        for parent in range(used):
            if counters[parent] is None and parent in instance.levels:
                counters[parent] = instance.levels[parent].start
        for deeper in range(used + 1, LEVEL_COUNT):
            level = instance.levels.get(deeper)
            if level is None or level.restart_after is None or used < level.restart_after:
                counters[deeper] = None

    def _render(self, instance: ListInstance, counters: list[int | None], used: int) -> str:
        level = instance.levels[used]
        if level.is_bullet:
            return bullet_text(level.text)

        def number_of(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            shown = instance.levels.get(index, Level())
            value = counters[index] if counters[index] is not None else shown.start
            number_format = shown.number_format
            if level.legal and index < used and number_format not in ("none", "bullet"):
                number_format = "decimal"
            return format_number(value, number_format, self.definitions.language, shown.custom_format)

        return LEVEL_PLACEHOLDER.sub(number_of, level.text)
