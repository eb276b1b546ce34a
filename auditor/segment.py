"""Split a Document into its numbered clauses: Document → ordered tree of Clause.

Three passes over the reader's blocks:

1. **Candidates**: a block whose beginning reads like a clause number ("Article 12 –", "12.1",
   "a)", "ANNEXE A", "Préambule") becomes a heading candidate, unless it is a cross-reference or a
   statute number ("l'article 12.2 ci-dessous", "article 1231-3 du Code civil", "L. 1111-8").
2. **Table of contents**: entries ending in a page number, the block run after a "Sommaire"
   heading, and a run of bare titles that the document repeats later are not clauses.
3. **Outline**: candidates are placed in a tree by their numbering style and sequence, the way a
   reader follows a contract: "12.1" belongs to Article 12, "a)" to the clause it appears in, a
   number that does not follow its siblings is body text, not a clause.

A file may bind several documents (special then general terms, a contract then its amendment): a
heading that names another document and below which the numbering starts again at 1 opens a new
top-level part, whose clauses are named after it ("CG 5.1", "Avenant 1.3") so that they never
collide with, nor nest under, the first document's clauses. In styled documents (Markdown, Word
headings) an unnumbered heading of the articles' rank after them may open such a part too.

An annex's items name the annex once: "3.1" in Annexe 3 and "A.1" in Annexe A are "Annexe 3.1" and
"Annexe A.1", as an item typed "1." would be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from auditor.models import Block, Clause, Document

# ---------------------------------------------------------------------------------------------
# Numbering vocabulary

ORDINAL_WORDS = {
    "premier": 1, "première": 1, "1er": 1, "1ere": 1, "1ère": 1, "unique": 1, "first": 1,
    "deuxième": 2, "second": 2, "seconde": 2, "second(e)": 2, "troisième": 3, "quatrième": 4,
    "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
    # Some drafters count articles in cardinal words after "ARTICLE PREMIER" ("ARTICLE DEUX").
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    # English parts counted in words ("PART ONE")
    # ("six" is spelt the same in both languages)
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
SEPARATORS = "–—-:.)"
ANNEX_WORDS = {
    "annexe": "Annexe", "annex": "Annex", "appendix": "Appendix", "appendice": "Appendice",
    "schedule": "Schedule", "exhibit": "Exhibit", "attachment": "Attachment",
}
PART_WORDS = {"titre": "Titre", "chapitre": "Chapitre", "partie": "Partie", "part": "Part"}

NUMBER_TOKEN = r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7}|[A-Z])"
ARTICLE_LABEL = re.compile(
    r"^(?P<word>ARTICLE|Article|ART\.|Art\.|ART(?=\s)|Art(?=\s)|CLAUSE|Clause|SECTION|Section|§)\s*"
    r"(?P<num>(?i:premi[eè]re?|1\s?[eè]re?|unique|[a-zéè]+i[eè]me|deux|trois|quatre|cinq|six|sept|huit|neuf"
    r"|dix|onze|douze|treize|quatorze|quinze|seize)"
    r"|\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7})"
    r"(?P<suffix>\s+(?:bis|ter|quater))?(?![\w-])\.?"
)
ANNEX_LABEL = re.compile(
    r"^(?P<word>ANNEXE|Annexe|ANNEX|Annex|APPENDIX|Appendix|APPENDICE|Appendice|SCHEDULE|Schedule"
    r"|EXHIBIT|Exhibit|ATTACHMENT|Attachment)(?:\s+(?:n[°o]\s*)?(?P<num>\d{1,3}|[IVXL]{1,5}|[A-Z](?:-\d{1,2})?"
    # An annex may go by an acronym ("Annexe DPA", "Annex SLA"). In a heading all in capitals the
    # first word of the title is no name: the acronym must end the line, meet a separator or be
    # followed by words in lower case ("ANNEXE PLAN DE REPRISE" is titled, "ANNEXE DPA – …" named).
    r"|(?!(?:AU|AUX|DU|DE|DES|LA|LE|LES|ET|EN|SUR|POUR|PAR|TO|OF|ON|IN|BY|THE|AND|FOR|ONE|TWO|UN|UNE|DEUX)(?![\w-]))"
    r"[A-Z]{2,5}(?=\s*(?:[–—:(.\-]|$)|\s+\S[a-zà-ÿ]))(?![\w-]))?\.?"
)
PART_LABEL = re.compile(
    r"^(?P<word>TITRE|Titre|CHAPITRE|Chapitre|PARTIE|Partie|PART|Part)\s+"
    r"(?P<num>\d{1,2}|[IVXL]{1,5}|[A-Z]|PREMIER|premier|Premier"
    # "PART ONE – GENERAL TERMS": counted in words only before a separator or the line's end, so that
    # "Part one of the fees…" stays a sentence
    r"|(?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)"
    r"(?=\s*(?:[–—:.\-]|\n|$)))(?![\w-])\.?"
)
# "DEUXIÈME PARTIE – CAHIER DES CLAUSES…": French public contracts bind the acte d'engagement and
# the CCAP as parts counted in ordinal words; the separator or the line's end keeps "Deuxième partie
# du prix" a sentence.
ORDINAL_PART_LABEL = re.compile(
    r"^(?P<ordinal>[A-Za-zÀ-ÿ]+(?:i[eè]me|I[EÈ]ME)|PREMI[EÈ]RE|Premi[eè]re|SECONDE|Seconde)\s+(?P<word>PARTIE|Partie)"
    r"(?![\w-])(?=\s*(?:[–—:.\-]|\n|$))"
)
# "CP1.", "CP-2", "Article CP.3": the clauses of a part numbered after its short name ("CP" for
# « Conditions particulières »). Read as items of that part only (see Outline._place_lettered).
PREFIXED_LABEL = re.compile(
    r"^(?:(?:ARTICLE|Article|ART\.|Art\.)\s+(?P<prefix_a>[A-Z]{2,4})[-.\s]?|(?P<prefix>[A-Z]{2,4})[-.]?)"
    r"(?P<num>\d{1,2}(?:\.\d{1,2})*)(?![\w-])\.?(?=\s|$)"
)
# "12.1", "3)", "1°)" or "2°" (an item, read as "1)"), "2-1" (a sub-clause of article 2 in administrative drafting)
DECIMAL_LABEL = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,3})*|\d{1,2}-\d{1,2}(?=\s+[A-ZÀ-Ý«(]))(?P<close>\.|\)|°\s?\)|°(?=\s)|[°º]\s?[-–—/])?(?=\s|$)"
)
# An annex's item numbered after the annex: "A.1" in Annexe A, "A1.2" in Annexe 1, "S2.1" in Schedule 2.
LETTERED_LABEL = re.compile(r"^(?P<prefix>[A-Z]\d{0,2})\.(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?(?=\s|$)")
PAREN_LABEL = re.compile(r"^\((?P<num>\d{1,3}|[a-z]{1,2}|[ivxl]{1,6}|[A-Z])\)(?=\s|$)")
ROMAN_LABEL = re.compile(r"^(?P<num>[IVXLC]{1,7})(?P<close>\.|\)|\s*[-–—])(?=\s|$)")
LETTER_LABEL = re.compile(r"^(?P<num>[A-Za-z])(?P<close>\.|\))(?=\s|$)")
LOWER_ROMAN_LABEL = re.compile(r"^(?P<num>[ivxl]{1,6})(?P<close>\.|\))(?=\s|$)")

# "Il a été convenu ce qui suit" closes the preamble: it is not its heading.
PREAMBLE_TITLES = re.compile(
    r"^(?:pr[ée]ambule|expos[ée] pr[ée]alable|expos[ée] des motifs|il a [ée]t[ée] (?:pr[ée]alablement )?"
    r"(?:expos[ée]|rappel[ée])|pr[ée]alablement,? il est (?:expos[ée]|rappel[ée])|recitals?"
    r"|whereas|background|preamble)\b",
    re.IGNORECASE,
)
DEFINITION_TITLES = re.compile(
    r"^(?:d[ée]finitions?|definitions?(?: and interpretation)?|interpr[ée]tation|glossaire|lexique)\s*:?$",
    re.IGNORECASE,
)
# The heading of a second document bound in the same file (general terms after the special terms,
# an amendment after the contract, a subcontract). Matched on the folded text of a short heading.
DOCUMENT_TITLES = re.compile(
    r"^(?:(?P<conditions>conditions\s+(?P<cond>generales|particulieres|speciales|specifiques)\b)"
    r"|(?P<terms>(?P<tkind>general|special|specific|particular|standard)\s+(?:terms|conditions)\b)"
    r"|(?P<amendment>(?P<akind>avenant|amendment|addendum|additif)\b(?:\s*(?:no\.|number|n\s*[°o]?)?\s*"
    r"(?P<anum>\d{1,2}|[ivx]{1,4}\b)?))"
    r"|(?P<titled>(?:contrat|convention|accord|protocole|cahier\s+des\s+clauses|charte|plan\s+d['’]assurance)"
    r"\s+\S.*|(?:[\w'’-]+\s+){0,5}(?:agreement|addendum|terms\s+of\s+service|terms\s+and\s+conditions)"
    r"(?:\s*\([^)]*\))?\s*$)"
    r")",
)
CONDITION_SHORT = {"generales": "CG", "particulieres": "CP", "speciales": "CS", "specifiques": "CS"}
TERMS_SHORT = {"general": "GTC", "standard": "GTC", "special": "STC", "specific": "STC", "particular": "STC"}
CONDITION_KINDS = {*CONDITION_SHORT.values(), *TERMS_SHORT.values()}
AMENDMENT_WORDS = {"avenant": "Avenant", "amendment": "Amendment", "addendum": "Addendum", "additif": "Additif"}
ACRONYM_STOPWORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "of", "and", "the", "a", "au", "aux", "et",
                     "pour", "for", "en", "sur", "on", "to"}
# Where a document's signatures begin: its last clause ends before them.
SIGNATURE_LINE = re.compile(
    r"^(?:fait\s+(?:à|a)\s+\S+(?:[\s-]\S+){0,3}?,?\s+le\s|fait\s.{0,60}\bexemplaires?\b|sign[ée]\s+(?:à|a|le)\s"
    r"|in\s+witness\s+whereof|signed\s+(?:at|on|by|for)\b"
    r"|executed\s+(?:at|on|by|as)\b)",
    re.IGNORECASE,
)
QUOTE_OPENERS = "«“\""
QUOTE_CLOSERS = "»”"
TOC_TITLE = re.compile(
    r"^(?:sommaire|table des mati[eè]res|table of contents|contents|index)\s*:?$", re.IGNORECASE
)
# A table-of-contents entry: a title, a leader (dots, tab, underscores or spaced dots) and a page.
TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|(?:\s?\.){4,}|_{3,}|\t)\s*(?:p\.?\s*)?\d{1,3}\s*$")
ENDS_WITH_PAGE = re.compile(r"\S\s+\d{1,3}$")

# What follows a number when it is a reference, not a heading ("article 12 du Code civil").
# What follows a number when it is a reference, not a heading ("article 12 du Code civil"). Case
# matters: a clause's own text starts with a capital ("12.1 Le Prestataire"), a reference goes on
# in lower case.
REFERENCE_CONTINUATIONS = re.compile(
    r"^(?:[-‑]\s?\d|,|;|\)|et\b|ou\b|à\b|and\b|or\b|to\b|through\b|du\b|de\b|des\b|d['’]|au\b|aux\b|"
    r"ci-|précité|susvisé|sus-visé|alinéa|al\.|of\b|hereof|herein|hereto|hereunder|above|below|"
    r"in\b|under\b|shall\b|will\b|may\b|is\b|are\b|sera\b|est\b|sont\b|prévu|mentionné|visé|"
    r"le\b|la\b|les\b|l['’]|%|€|(?i:euros?\b|eur\b)|jours?\b|mois\b|ans?\b|années?\b|heures?\b|h\b|"
    r"days?\b|months?\b|years?\b|hours?\b|semaines?\b|weeks?\b|minutes?\b|°)"
)
# A lead-in that opens like a sentence ("Ces délais sont...", "This Agreement is...") is not a title.
SENTENCE_OPENERS = re.compile(
    r"^(?:le|la|les|l['’]|un|une|des|ce|cet|cette|ces|il|elle|ils|elles|nous|vous|on|tout|toute|tous|"
    r"toutes|chaque|aucun|aucune|sauf|en|au|aux|dans|pour|si|lorsque|the|this|these|that|those|each|"
    r"any|all|no|neither|either|if|where|when|unless|in|it|we|you|such)\b",
    re.IGNORECASE,
)
# "Supplier backs up the Platform once a day." is a sentence: a party, a verb in -s, then an object
# ("the", "a"); "Supplier Obligations.", "Customer obligations and warranties." name a clause.
PARTY_SENTENCE = re.compile(
    r"^(?:supplier|customer|client|provider|vendor|licensor|licensee|contractor|processor|subscriber)"
    r"\s+[a-z]+[a-rt-z]s\b.*\b(?:the|a|an|its|their|each|all|any)\s",
)
# The same with the party's own name ("Baselith monitors every backup job daily.", "Orvia Vault remains the
# property of Orvia."): one or two capitalised words, a verb in -s, a determiner; "Hosting services",
# "Payment terms and conditions" name a clause.
NAMED_SENTENCE = re.compile(
    r"^[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)?\s+[a-z]+[a-rt-z]s\s+"
    r"(?:the|a|an|its|their|each|every|all|any|no|one|two|three)\s"
)
# a domain name, a web address or an e-mail address: list content, never the rest of a sentence
ADDRESS_START = re.compile(r"(?:https?://|www\.|[\w.+-]+@[\w-]+\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\b)")
# A lead cut at an abbreviation's full stop ("… holds certificate no. HDS-0417 …") is a sentence going on.
ABBREVIATION_END = re.compile(r"\b(?:no|nos|n°|art|al|cf|ch|vol|p|pp|ref|réf)$", re.IGNORECASE)
# "A service review takes place every quarter." is a sentence too: a singular article, a noun phrase, then
# a verb in -s that goes on ("takes place", "goes offsite"); "A Note on Pricing", "A list of subprocessors"
# name a clause (a plural ending the lead-in, or a capitalised noun, is no verb).
ARTICLE_SENTENCE = re.compile(r"^(?i:an?|every|one)\s+(?:[\w'’-]+\s+){0,5}?[a-z]+[a-hj-rtv-z]s\s+(?!and\b|or\b)[\w(«\"]")
COMMON_VERBS = {"is", "are", "was", "be", "shall", "will", "may", "must", "can", "has", "have", "does", "do",
                "est", "sont", "sera", "seront", "doit", "doivent", "peut", "peuvent"}
TERMINAL_PUNCTUATION = tuple(".;:!?»)”\"…")


def fold(text: str) -> str:
    """Lower case without accents, for comparisons that ignore typography."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


ORDINALS = {fold(word): value for word, value in ORDINAL_WORDS.items()}


def roman_value(token: str) -> int | None:
    token = token.upper()
    if not token or any(c not in ROMAN_VALUES for c in token):
        return None
    total = 0
    for index, char in enumerate(token):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[token[index + 1]] if index + 1 < len(token) else 0
        total += -value if value < following else value
    return total if total > 0 and to_roman(total) == token else None


def to_roman(number: int) -> str:
    digits = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in digits:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Pass 1: heading candidates


@dataclass
class Candidate:
    """A block that reads like the start of a clause."""

    block_index: int
    start: int
    scheme: str  # article | decimal | lettered | paren_number | roman | upper | lower | lower_roman | annex | part | document | preamble | definitions | signatures
    values: tuple[int, ...]  # (12,) for "Article 12", (12, 1) for "12.1", (3,) for "c)"
    token: str  # the number as printed: "12.1", "c", "IV", "A"
    label: str  # the whole label as printed: "Article 12 –", "c)"
    title: str
    strong: bool  # typographic evidence that this is a heading (Word numbering, style, bold, caps)
    shape: tuple  # layout features that siblings share (indent, boldness)
    suffix: str = ""  # "bis", "ter"
    alternatives: tuple[tuple[str, tuple[int, ...], str], ...] = ()  # other readings ("I." as roman or letter)
    title_block: int | None = None  # index of the next block when it carries the title
    # Inside quotation marks (an amendment quoting the new wording of a clause): the number of the
    # quotation, so that the quoted clauses are placed under the clause that quotes them.
    quoted: int | None = None
    short: str = ""  # a document part's short name ("CG", "Avenant 1")
    # The first heading of an extract pasted from a longer contract ("14. Résiliation", "15. …").
    opens_extract: bool = False


def split_title(rest: str, run_in: bool = False, heading: bool = False) -> str:
    """The title after a label: the rest of a short heading line, or the lead-in of a run-in clause.

    ``run_in`` says the line goes on into a paragraph, so it is a sentence unless a lead-in ends it.
    """
    rest = rest.strip().lstrip(SEPARATORS + " \t").strip()
    first_line = rest.split("\n", 1)[0].strip()
    if not first_line:
        return ""
    # "12.1 Durée. Le contrat est conclu..." or "Durée – Le contrat..." → "Durée"
    lead = re.match(r"^(.{2,70}?)(?:\.\s+|\s+[–—-]\s+|\s*:\s+)(?=[A-ZÀ-Ý(«\"])", first_line)
    lead_words = lead.group(1).split() if lead else []
    # "No lien. Vendor shall…", "No termination for convenience by Provider." are titled although "No"
    # may open a sentence: a lead-in of six words or fewer with no verb is a title.
    # "Headings are for convenience only." is a first sentence, however short: a title has no verb.
    lead_in = lead is not None and len(lead_words) <= 8 and lead.group(1)[0].isupper() \
        and not any(fold(word) in COMMON_VERBS for word in lead_words) \
        and (not SENTENCE_OPENERS.match(lead.group(1)) or fold(lead_words[0]) == "no" and len(lead_words) <= 6) \
        and not PARTY_SENTENCE.match(fold(lead.group(1)) + " ") and not ARTICLE_SENTENCE.match(lead.group(1)) \
        and not NAMED_SENTENCE.match(lead.group(1) + " ") and not ABBREVIATION_END.search(lead.group(1))
    if (
        not run_in and len(first_line) <= 120 and not first_line.endswith((".", ";", ",", ":"))
        and "\n" not in rest.strip() and (heading or not reads_as_sentence(first_line))
    ):
        # a heading's first printed line may run on into its paragraph ("Part 1. Availability. The…")
        return lead.group(1).strip() if heading and lead_in and len(first_line.split()) > 12 else first_line
    if lead_in:
        return lead.group(1).strip()
    if len(first_line) <= 120 and first_line.isupper() and not is_caps_sentence(first_line):
        return first_line.rstrip(" .:")
    return ""


def is_caps_sentence(line: str) -> bool:
    """A clause typed in capitals ("NEITHER PARTY SHALL BE LIABLE FOR…"), not a capitalised heading."""
    words = line.split()
    return len(words) > 12 or any(fold(word) in COMMON_VERBS for word in words)


def reads_as_sentence(line: str) -> bool:
    """A clause's first sentence or a wrapped first line, not a title ("Le présent article s'applique…")."""
    if is_caps_title(line):
        return is_caps_sentence(line)
    ends_like_sentence = line.rstrip(" »”\"").endswith((".", ";", ",", ":", "!", "?")) or line.endswith(("»", "”"))
    words = len(line.split())
    return words > 12 or bool(SENTENCE_OPENERS.match(line)) and (words > 9 or ends_like_sentence) \
        or bool(ARTICLE_SENTENCE.match(line))


def is_caps_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def looks_like_reference(rest: str) -> bool:
    """True when the words after a number make it a reference ("du Code civil", "ci-dessous")."""
    return bool(REFERENCE_CONTINUATIONS.match(rest.lstrip(" \t")))


def parse_label(text: str) -> tuple[str, tuple[int, ...], str, str, str, tuple] | None:
    """Reads a clause number at the start of ``text``.

    Returns (scheme, values, token, label, rest, alternatives) or None.
    """
    if match := ARTICLE_LABEL.match(text):
        raw = match.group("num")
        key = fold(raw.replace(" ", ""))
        if key in ORDINALS:
            values: tuple[int, ...] = (ORDINALS[key],)
        elif raw[0].isdigit():
            values = tuple(int(part) for part in raw.split("."))
        elif (roman := roman_value(raw)) is not None:
            values = (roman,)
        else:
            return None
        token = ".".join(str(v) for v in values)
        return "article", values, token, match.group(0), text[match.end():], ()
    if match := PREFIXED_LABEL.match(text):
        values = tuple(int(part) for part in match.group("num").split("."))
        prefix = match.group("prefix") or match.group("prefix_a")
        return "lettered", values, f"{prefix}.{match.group('num')}", match.group(0), text[match.end():], ()
    if match := ORDINAL_PART_LABEL.match(text):
        value = ORDINALS.get(fold(match.group("ordinal")))
        if value is not None:
            return "part", (value,), str(value), match.group(0), text[match.end():], ()
    if match := ANNEX_LABEL.match(text):
        raw = match.group("num") or ""
        if raw.isdigit():
            value = int(raw)
        elif roman_value(raw) and len(raw) > 1:
            value = roman_value(raw) or 0
        elif raw[:1].isalpha() and len(raw) == 1:
            value = ord(raw.upper()) - 64
        elif raw.isalpha():
            value = 0  # a name ("DPA"), not a rank: it follows no other annex
        elif raw[:1].isalpha():  # "Exhibit A-1" comes after "Exhibit A"
            return "annex", (ord(raw[0].upper()) - 64, int(raw[2:])), raw, match.group(0), text[match.end():], ()
        else:
            value = 0
        return "annex", (value,), raw, match.group(0), text[match.end():], ()
    if match := PART_LABEL.match(text):
        raw = match.group("num")
        rest = text[match.end():]
        if fold(raw) == "premier" or raw.isdigit():
            return "part", (1 if not raw.isdigit() else int(raw),), raw, match.group(0), rest, ()
        if len(raw) > 1 and (cardinal := ORDINALS.get(fold(raw))) is not None:
            return "part", (cardinal,), str(cardinal), match.group(0), rest, ()
        letter = ("part", (ord(raw) - 64,), raw) if len(raw) == 1 else None
        if (roman := roman_value(raw)) and (len(raw) > 1 or raw in "IVX"):
            return "part", (roman,), raw, match.group(0), rest, (letter,) if letter else ()
        if letter is None:
            return None
        return "part", letter[1], raw, match.group(0), rest, ()
    if match := DECIMAL_LABEL.match(text):
        raw = match.group("num").replace("-", ".")
        parts = raw.split(".")
        if any(len(p) > 1 and p.startswith("0") for p in parts[1:]) and len(parts[-1]) == 3:
            return None  # "1.000" is an amount
        if len(parts) == 2 and parts[1] == "0":
            parts = parts[:1]  # "3.0 TERM" numbers the clause whose sub-clauses are "3.1", "3.2"
            raw = parts[0]
        values = tuple(int(p) for p in parts)
        close = match.group("close") or ""
        scheme = "paren_number" if close.endswith(")") or close[:1] in ("°", "º") else "decimal"
        return scheme, values, raw, match.group(0), text[match.end():], ()
    if match := LETTERED_LABEL.match(text):
        values = tuple(int(part) for part in match.group("num").split("."))
        token = f"{match.group('prefix')}.{match.group('num')}"
        return "lettered", values, token, match.group(0), text[match.end():], ()
    if match := PAREN_LABEL.match(text):
        raw = match.group("num")
        if raw.isdigit():
            return "paren_number", (int(raw),), raw, match.group(0), text[match.end():], ()
        readings = []
        if len(raw) == 1 and raw.islower():
            readings.append(("lower", (ord(raw) - 96,), raw))
        if raw.islower() and (value := roman_value(raw)):
            readings.append(("lower_roman", (value,), raw))
        if len(raw) == 1 and raw.isupper():
            readings.append(("upper", (ord(raw) - 64,), raw))
        if not readings:
            return None
        first, *others = readings
        return first[0], first[1], first[2], match.group(0), text[match.end():], tuple(others)
    if match := ROMAN_LABEL.match(text):
        raw = match.group("num")
        value = roman_value(raw)
        if value is None:
            return None
        others = (("upper", (ord(raw) - 64,), raw),) if len(raw) == 1 else ()
        return "roman", (value,), raw, match.group(0), text[match.end():], others
    if match := LOWER_ROMAN_LABEL.match(text):
        raw = match.group("num")
        value = roman_value(raw)
        readings = []
        if len(raw) == 1:
            readings.append(("lower", (ord(raw) - 96,), raw))
        if value:
            readings.append(("lower_roman", (value,), raw))
        first, *others = readings
        return first[0], first[1], first[2], match.group(0), text[match.end():], tuple(others)
    if match := LETTER_LABEL.match(text):
        raw = match.group("num")
        scheme = "upper" if raw.isupper() else "lower"
        value = ord(raw.upper()) - 64
        return scheme, (value,), raw, match.group(0), text[match.end():], ()
    return None


def block_is_strong(block: Block, text: str) -> bool:
    return bool(
        block.label
        or block.heading_level
        or block.bold
        or (block.size_ratio is not None and block.size_ratio > 1.05)
        or is_caps_title(text.split("\n", 1)[0][:120])
    )


def previous_line_closed(document: Document, blocks: tuple[Block, ...], index: int) -> bool:
    """The text before this block ends a sentence (so a number here can start a clause)."""
    if index == 0:
        return True
    previous = document.text[blocks[index - 1].start:blocks[index - 1].end].rstrip()
    return not previous or previous.endswith(TERMINAL_PUNCTUATION) or blocks[index - 1].kind == "table_row"


def find_candidates(document: Document) -> list[Candidate]:
    blocks = document.blocks
    candidates: list[Candidate] = []
    full_line = typical_line_length(document) * 0.7
    quotation = None  # number of the open quotation, if any
    quotations = quotation_start = 0
    for index, block in enumerate(blocks):
        if block.kind in ("table_row", "footnote"):
            continue
        text = document.text[block.start:block.end]
        # Only a quotation that begins with a clause number quotes clauses ("« Article 10 bis – …"); a
        # quoted defined term ("“Services” means…") does not.
        opens = quotation is None and text.lstrip()[:1] in QUOTE_OPENERS \
            and parse_label(text.lstrip()[1:].lstrip()) is not None
        if opens:
            quotations += 1
        in_quotation = quotations if opens else quotation
        balance = sum(text.count(c) for c in "«“") - sum(text.count(c) for c in QUOTE_CLOSERS)
        if text.count('"') % 2:  # straight quotes open and close alike: an odd count opens or closes
            balance += 1 if opens else -1
        if opens and balance > 0:
            quotation, quotation_start = quotations, index
        elif quotation is not None and (balance < 0 or index - quotation_start > 40):
            quotation = None  # a quotation left open by a typo must not swallow the rest of the contract
        if in_quotation is not None:
            candidate = read_quoted_candidate(document, blocks, index, block, text, in_quotation)
            if candidate is not None:
                candidates.append(candidate)
            continue
        # The line after a heading line may start a clause even though the heading has no final stop.
        # An annex heading is a heading even with its name alone ("Annex SLA").
        # A title's own line may be long when it is the last of a heading wrapped over several lines.
        after_heading = bool(candidates) and (candidates[-1].title != "" or candidates[-1].scheme == "annex") and (
            candidates[-1].block_index == index - 1
            and blocks[index - 1].end - blocks[index - 1].start < max(full_line, 40)
            or candidates[-1].title_block == index - 1
        )
        candidate = read_candidate(document, blocks, index, block, text, after_heading, full_line)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def read_quoted_candidate(
    document: Document, blocks, index: int, block: Block, text: str, quotation: int
) -> Candidate | None:
    """A clause quoted in full by an amendment ("« Article 10 bis – …", "10.1 …")."""
    opening = text.lstrip()
    skipped = len(text) - len(opening)
    if opening[:1] in QUOTE_OPENERS:
        opening = opening[1:]
        skipped += 1 + len(opening) - len(opening.lstrip())
        opening = opening.lstrip()
    parsed = parse_label(opening)
    if parsed is None or parsed[0] not in ("article", "decimal"):
        return None
    unquoted = replace(block, start=block.start + skipped)
    candidate = read_candidate(document, blocks, index, unquoted, opening, after_heading=True)
    if candidate is None:
        return None
    return replace(candidate, start=block.start, quoted=quotation)


# A second annex named on the same line after a separator: the line lists annexes, it heads none.
ANNEX_IN_LIST = re.compile(r"[;,]\s*(?:l['’])?(?:annexe|annex|schedule|appendix)\s+\w", re.IGNORECASE)


def read_candidate(
    document: Document, blocks, index: int, block: Block, text: str, after_heading: bool = False,
    full_line: float = 0.0,
) -> Candidate | None:
    strong = block_is_strong(block, text)
    opening = text.lstrip()
    if block.label and parse_label(block.label.strip()) is None:
        return None  # a bullet or a custom Word label: a list item, not a clause
    parsed = parse_label(opening)
    if parsed is None:
        alone = block.starts_paragraph and (index + 1 >= len(blocks) or blocks[index + 1].starts_paragraph) \
            and len(text.strip()) <= 80
        return read_unnumbered_heading(block, index, text, strong, alone)
    scheme, values, token, label, rest, alternatives = parsed
    if rest and not rest[0].isspace() and rest[0] not in SEPARATORS and scheme != "annex":
        return None  # "12.1%" or "Article12bis" glued to other text
    if scheme == "annex":
        first_line = opening.split("\n", 1)[0].rstrip()
        if not strong and (first_line.endswith((";", ",")) or ANNEX_IN_LIST.search(first_line)):
            return None  # "…: Annexe 1 – SLA ; / Annexe 2 – Sauvegarde ; Annexe 3 – …" lists the annexes
        if not strong and first_line.endswith(".") and not previous_line_closed(document, blocks, index):
            return None  # "…sont définis en / Annexe 1.": a sentence wrapped before its reference
        following = document.text[blocks[index + 1].start:blocks[index + 1].end] if index + 1 < len(blocks) else ""
        alone = block.starts_paragraph and (
            index + 1 >= len(blocks) or blocks[index + 1].starts_paragraph or following[:1].isupper()
        )
        names_its_document = not token and (strong or alone) and re.match(r"^\s+(?:à|au|aux|to|of)\s", rest) \
            and len(opening) <= 120 and "\n" not in opening.strip() and not opening.rstrip().endswith((".", ";", ","))
        if rest.strip() and not re.match(r"^\s*(?:[–—:.\-]|\(|$)", rest) and not rest.strip()[0].isupper() \
                and not names_its_document:
            return None  # "annexe au présent contrat"; but a heading "Annexe à l'avenant n°1" is an annex
    elif scheme in ("article", "decimal", "lettered") and looks_like_reference(rest) and not block.label:
        return None  # list items ("a) le Bon de commande") may start in lower case; references are numbers
    if block.label:
        strong = True
    elif not (strong or block.starts_paragraph or after_heading or previous_line_closed(document, blocks, index)):
        return None  # a wrapped line that happens to begin with a number
    if scheme == "decimal" and len(values) == 1 and not label.endswith(".") and not block.label:
        # "1 Definitions" needs heading typography ("1 place de l'Hôtel" is an address), but a short
        # line "3 - Prix" is a heading whatever its typography: no address or sentence reads so.
        dashed_heading = re.match(r"^\s*[–—\-]\s+[A-ZÀ-Ý][^.;,|]{1,70}$", rest.split("\n", 1)[0].rstrip())
        if not dashed_heading and (not strong or not re.match(r"^\s*(?:[–—:\-]\s*)?[A-ZÀ-Ý]", rest)):
            return None
    if scheme == "decimal" and (values[0] == 0 or values[0] > 150 or any(v > 99 for v in values[1:])):
        return None
    # A line as long as the page is wide that goes on below is a sentence, not a title; so is a line whose
    # next line begins in lower case, unless that line begins with an address ("Noms de domaine" / "exemple.fr, …").
    following_line = document.text[blocks[index + 1].start:blocks[index + 1].end] if index + 1 < len(blocks) else ""
    continued = index + 1 < len(blocks) and continues_paragraph(document, blocks[index + 1]) and (
        len(text) >= full_line or following_line[:1].islower() and not ADDRESS_START.match(following_line)
    )
    run_in = scheme not in ("article", "annex", "part") and not strong and continued
    title = split_title(rest, run_in=run_in, heading=scheme in ("article", "annex", "part"))
    if title and title == rest.strip().lstrip(SEPARATORS + " \t").strip() and index + 1 < len(blocks):
        title, title_block = title_with_wrapped_line(document, blocks, index, title)
    else:
        title_block = None
    if not rest.strip() and index + 1 < len(blocks):
        title, title_block = title_from_next_block(document, blocks, index + 1)
    stripped_rest = rest.strip().lstrip(SEPARATORS + " ")
    if scheme in ("upper", "roman", "lower", "lower_roman", "paren_number") and stripped_rest[:1].isdigit():
        return None  # "L. 1111-8", "C. 12"
    if scheme in ("upper", "lower") and re.match(r"^[A-Z]\.\s?[A-Z]\.", opening):
        return None  # initials, "S.A.", "M. D."
    if scheme != "annex" and not stripped_rest and title_block is None and not strong:
        return None
    suffix_match = re.search(r"\b(bis|ter|quater)\b", label)
    return Candidate(
        block_index=index,
        start=block.start,
        scheme=scheme,
        values=values,
        token=token,
        label=label.strip(),
        title=title,
        strong=strong,
        shape=shape_of(block),
        suffix=suffix_match.group(1) if suffix_match else "",
        alternatives=alternatives,
        title_block=title_block,
    )


def typical_line_length(document: Document) -> float:
    """Length of a full line of body text (PDF and text files wrap paragraphs into lines)."""
    lengths = sorted(b.end - b.start for b in document.blocks if b.kind == "line" and b.end - b.start >= 20)
    return float(lengths[int(len(lengths) * 0.75)]) if lengths else 0.0


def continues_paragraph(document: Document, block: Block) -> bool:
    """A PDF or text line that carries on the previous line's sentence."""
    if block.kind != "line" or block.starts_paragraph:
        return False
    parsed = parse_label(document.text[block.start:block.end])
    return parsed is None or looks_like_reference(parsed[4])


def title_with_wrapped_line(document: Document, blocks, index: int, title: str) -> tuple[str, int | None]:
    """A long heading wrapped onto the next lines of the same look ("NOMS DE" / "DOMAINE"); a title in
    capitals may wrap twice and leave a last line of one short word ("… D'ACTIVITÉ" / "A").

    Returns the title and the index of its last wrapped line, if any."""
    block = blocks[index]
    last = None
    if not (block.bold or is_caps_title(title)):
        return title, last
    for last_index, following in enumerate(blocks[index + 1:index + 3], start=index + 1):
        if following.kind != "line" or following.starts_paragraph or following.bold != block.bold:
            break
        line = document.text[following.start:following.end].strip()
        letters = [c for c in line if c.isalpha()]
        in_capitals = bool(letters) and all(c.isupper() for c in letters)
        if not line or len(line) > 80 or parse_label(line) or is_caps_title(title) != in_capitals:
            break
        if last is not None and any(fold(word) in COMMON_VERBS for word in f"{title} {line}".split()):
            break  # a clause typed in capitals ("… SHALL APPLY TO THE") runs on as its text, not its title
        title, last = f"{title} {line}", last_index
    return title, last


def title_from_next_block(document: Document, blocks, index: int) -> tuple[str, int | None]:
    """A label alone on its line ("ARTICLE 1") takes its title from the next line when it is one."""
    block = blocks[index]
    if block.kind != "paragraph" and block.kind != "line":
        return "", None
    text = document.text[block.start:block.end].strip()
    if not text or len(text) > 100 or text.endswith((".", ";", ",")) or parse_label(text):
        return "", None
    if block.bold or block.heading_level or is_caps_title(text) or (block.size_ratio or 1) > 1.05:
        return text.rstrip(" :"), index
    # Plain typing: "6." on its line, then "Résiliation" alone up to a blank line. A page number and the
    # next page's running header are parted by the page's gap, so they never read as one paragraph.
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    stands_alone = after is None or after.starts_paragraph or parse_label(document.text[after.start:after.end].lstrip())
    if block.kind == "line" and not block.starts_paragraph and stands_alone and len(text) <= 80 \
            and text[:1].isupper() and not reads_as_sentence(text):
        return text.rstrip(" :"), index
    return "", None


def read_unnumbered_heading(block: Block, index: int, text: str, strong: bool, alone: bool = False) -> Candidate | None:
    """Preamble and definitions headings are often not numbered ("PRÉAMBULE", "Définitions")."""
    line = text.strip().split("\n", 1)[0].strip()
    if (short := document_short_name(line)) and (strong or alone) and "\n" not in text.strip():
        return Candidate(index, block.start, "document", (0,), "", "", line.rstrip(" :"), True, shape_of(block),
                         short=short)
    if len(line) > 90:
        return None
    if PREAMBLE_TITLES.match(line) and (strong or len(line) < 40):
        scheme = "preamble"
    elif DEFINITION_TITLES.match(line) and strong:
        scheme = "definitions"
    else:
        return None
    return Candidate(index, block.start, scheme, (0,), "", "", line.rstrip(" :"), strong, shape_of(block))


def document_short_name(line: str) -> str:
    """The short name of a document whose heading this line is ("Conditions générales…" → "CG"), or ""."""
    if len(line) > 160 or line.rstrip(" »”\"").endswith((".", ";", ",")) or SENTENCE_OPENERS.match(line):
        return ""
    match = DOCUMENT_TITLES.match(fold(line))
    if match is None:
        return ""
    if match.group("conditions"):
        return CONDITION_SHORT[match.group("cond")]
    if match.group("terms"):
        return TERMS_SHORT[match.group("tkind")]
    if match.group("amendment"):
        number = match.group("anum") or "1"
        if not number.isdigit():
            number = str(roman_value(number) or 1)
        return f"{AMENDMENT_WORDS[match.group('akind')]} {number}"
    # Any other document goes by its own acronym ("CCTP"), or one made of its title's words.
    if acronym := re.search(r"\(([A-Z]{2,6})\)", line):
        return acronym.group(1)
    heading = re.split(r"\s+[–—:-]\s+|\s+n\s*°|\(", line, maxsplit=1)[0]
    return initials([w for w in re.split(r"[\s'’-]+", fold(heading)) if w and w not in ACRONYM_STOPWORDS])


def initials(words: list[str]) -> str:
    """The initials of a title's first four words ("data processing addendum" → "DPA"), or "" when
    fewer than two words or a word that is not a word (a number, a code)."""
    words = words[:4]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


def shape_of(block: Block) -> tuple:
    indent = None if block.indent is None else round(block.indent / 12)
    return (block.list_level, indent, block.bold)


# ---------------------------------------------------------------------------------------------
# Pass 2: table of contents


def drop_table_of_contents(document: Document, candidates: list[Candidate]) -> list[Candidate]:
    blocks = document.blocks
    toc_blocks = {i for i, b in enumerate(blocks) if b.toc}
    for i, block in enumerate(blocks):
        if TOC_ENTRY.search(document.text[block.start:block.end]):
            toc_blocks.add(i)
    # Entries following a "Sommaire" heading, even without leaders ("Article 3 – Durée 4").
    for i, block in enumerate(blocks):
        if TOC_TITLE.match(document.text[block.start:block.end].strip()):
            j = i + 1
            while j < len(blocks):
                line = document.text[blocks[j].start:blocks[j].end].strip()
                if j in toc_blocks or (ENDS_WITH_PAGE.search(line) and len(line) < 150):
                    toc_blocks.add(j)
                    j += 1
                else:
                    break
    kept = [c for c in candidates if c.block_index not in toc_blocks]
    return drop_annex_lists(document, drop_repeated_title_runs(kept))


ANNEX_WORD_START = re.compile(r"^(?:annexes?|annex|appendix|appendices|appendice|schedule|exhibit|attachment)", re.I)


# What follows a schedule's number when the schedule is the whole file: the agreement it belongs to
# ("SCHEDULE 3 TO THE MASTER SERVICES AGREEMENT", « ANNEXE 2 AU CONTRAT-CADRE », « ANNEXE 4 DU CONTRAT DE … »).
OF_ANOTHER_AGREEMENT = re.compile(
    r"^(?:to|of|au|aux|a|du|de|des)\s+(?:the\s+|this\s+|la\s+|le\s+|l['’]\s*)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:agreement|contract|contrat|convention|accord|marche|msa|ccap|cctp|cahier|conditions|terms|avenant|amendment)"
)


def drop_title_of_a_schedule(candidates: list[Candidate]) -> list[Candidate]:
    """A file that is itself a schedule of another agreement opens with its name ("SCHEDULE 3 TO THE MASTER
    SERVICES AGREEMENT"): that line is the document's title, not a part that would hold every clause below.

    Only as the file's first heading: a schedule after the clauses of the main agreement is a part, and so
    is the first of a series of schedules bound together ("Annexe 1 au contrat", "Annexe 2 au contrat")."""
    first = candidates[0] if candidates else None
    if first is None or first.scheme != "annex" or not OF_ANOTHER_AGREEMENT.match(fold(first.title)):
        return candidates
    series = (fold(first.label.split()[0]), first.token[:1].isalpha())
    if any(c.scheme == "annex" and (fold(c.label.split()[0]), c.token[:1].isalpha()) == series
           and c.values > first.values for c in candidates[1:]):
        return candidates
    return candidates[1:]


def drop_annex_lists(document: Document, candidates: list[Candidate]) -> list[Candidate]:
    """Annex names one under the other with nothing between them list the annexes; they are not annexes.

    French contracts list their annexes in the "Documents contractuels" clause; a real annex heading
    is followed by the annex's text.
    """
    dropped: set[int] = set()
    run: list[Candidate] = []

    def close_run() -> None:
        if len(run) >= 3 or (len(run) == 2 and not all(c.strong for c in run)):
            dropped.update(c.block_index for c in run)
        run.clear()

    def neighbour_names_an_annex(index: int) -> bool:
        if not 0 <= index < len(document.blocks):
            return False
        block = document.blocks[index]
        return bool(ANNEX_WORD_START.match(document.text[block.start:block.end]))

    for candidate in candidates:
        if run and (candidate.scheme != "annex" or candidate.block_index != run[-1].block_index + 1):
            close_run()
        if candidate.scheme == "annex":
            run.append(candidate)
            if not candidate.strong and (
                neighbour_names_an_annex(candidate.block_index + 1) or neighbour_names_an_annex(candidate.block_index - 1)
            ):
                dropped.add(candidate.block_index)
    close_run()
    return [c for c in candidates if c.block_index not in dropped]


def drop_repeated_title_runs(candidates: list[Candidate]) -> list[Candidate]:
    """A run of three or more adjacent headings with no text between them, repeated later, is a TOC."""
    dropped: set[int] = set()
    run: list[Candidate] = []

    def close_run() -> None:
        if len(run) >= 3:
            later = {(c.scheme, c.values, fold(c.title)) for c in candidates if c.block_index > run[-1].block_index}
            repeated = sum((c.scheme, c.values, fold(c.title)) in later for c in run)
            if repeated >= 0.6 * len(run):
                dropped.update(c.block_index for c in run)
        run.clear()

    for candidate in candidates:
        restarts = any((c.scheme, c.values) == (candidate.scheme, candidate.values) for c in run)
        if run and (candidate.block_index != run[-1].block_index + 1 or restarts):
            close_run()
        if candidate.title:  # a TOC lists titles; a bare "1)" is a list item of the body
            run.append(candidate)
    close_run()
    return [c for c in candidates if c.block_index not in dropped]


# ---------------------------------------------------------------------------------------------
# Pass 3: outline


@dataclass
class Node:
    candidate: Candidate | None  # None for the root
    ref: str = ""
    kind: str = "clause"
    children: list[Node] = field(default_factory=list)
    # Last value seen among this node's children, per numbering signature.
    last_child: dict[tuple, tuple[int, ...]] = field(default_factory=dict)
    # The ref inside the annex or document part holding the node ("4.1" for "Annexe 1.4.1").
    local_ref: str = ""

    @property
    def signature(self) -> tuple | None:
        return None if self.candidate is None else signature_of(self.candidate)


TOP_NUMBER_SCHEMES = ("article", "decimal", "paren_number")


def signature_of(candidate: Candidate) -> tuple:
    if candidate.scheme in ("article", "decimal"):
        # "Article 12" and "12." can coexist as different levels; dotted depth tells levels apart.
        return (candidate.scheme, len(candidate.values))
    if candidate.scheme == "lettered":
        return (candidate.scheme, candidate.token.split(".")[0], len(candidate.values))
    return (candidate.scheme,)




def follows(previous: tuple[int, ...] | None, current: tuple[int, ...], candidate: Candidate) -> bool:
    """``current`` plausibly comes after ``previous`` among siblings (a skipped number is tolerated)."""
    if previous is None:
        # A list starts at 1 (a, A, i); a styled heading may start at 2 when the first was missed;
        # "Article 12 –" or a heading "10. LIABILITY" may open an extract of a contract.
        return current[-1] == 1 or (candidate.strong and current[-1] <= 2) or candidate.opens_extract or (
            candidate.scheme == "article" and len(current) == 1 and bool(candidate.title)
        ) or (
            candidate.scheme == "decimal" and len(current) == 1 and current[0] < 100
            and is_caps_title(candidate.title) and not is_caps_sentence(candidate.title)
        )
    if current[:-1] != previous[:-1]:
        # "2.1" after "1.3" when no clause "2" is open (annex sections numbered only by their
        # items): the next section of the same list, not an item nested in "1.3".
        return len(current) > 1 and current[:-2] == previous[:-2] and current[-1] == 1 \
            and 1 <= current[-2] - previous[-2] <= (3 if candidate.strong else 1)
    step = current[-1] - previous[-1]
    if step == 0:
        return bool(candidate.suffix)
    return 1 <= step <= (3 if candidate.strong else 1)


def extract_skips(parent: Node, candidate: Candidate) -> bool:
    """A heading "Article 6 – Title" after "Article 4" is the next article even though a number is skipped:
    an annex reproducing extracts of another document skips some, and so does a copy with a page lost."""
    previous = parent.last_child.get(signature_of(candidate))
    return (
        candidate.scheme == "article" and len(candidate.values) == 1
        and bool(candidate.title) and previous is not None and candidate.values > previous
    )


def add_unnumbered_parts(document: Document, candidates: list[Candidate]) -> list[Candidate]:
    """An unnumbered heading styled like the numbered articles, after them, is a part of its own
    ("## DATA PROCESSING ADDENDUM" after "## 11. Law"): a heading of the articles' rank cannot be a
    title inside article 11. It is offered as a document heading; ``confirm_parts`` keeps it only
    when the numbering starts again at 1 below it.

    A document without numbered headings has none (its headings are its clauses), and a heading
    before the articles ("PRÉAMBULE", "IL A ÉTÉ CONVENU CE QUI SUIT") is the preamble's.
    """
    blocks = document.blocks
    ranks = [blocks[c.block_index].heading_level for c in candidates
             if c.scheme in ("article", "decimal") and len(c.values) == 1 and c.quoted is None
             and blocks[c.block_index].heading_level]
    if len(ranks) < 2:
        return candidates
    rank = max(set(ranks), key=ranks.count)
    numbered = [c.block_index for c in candidates if c.scheme in ("article", "decimal") and len(c.values) == 1
                and blocks[c.block_index].heading_level == rank]
    if len(numbered) < 2:
        return candidates
    taken = {c.block_index for c in candidates}
    added = []
    for index in range(numbered[1] + 1, len(blocks)):
        block = blocks[index]
        if index in taken or not block.heading_level or block.heading_level > rank or block.toc:
            continue
        line = document.text[block.start:block.end].strip()
        if not line or "\n" in line or len(line) > 100 or line.endswith((".", ";", ",", ":")) \
                or PREAMBLE_TITLES.match(line) or TOC_TITLE.match(line) or TOC_ENTRY.search(line) \
                or SIGNATURE_LINE.match(line) or fold(line).startswith("signature"):
            continue
        # The part's own clauses are headings too ("### 1. Subject matter"): a plain list "1.", "2."
        # under a stray heading is the list of the article it sits in.
        following = next((c for c in candidates if c.block_index > index and c.scheme not in ("preamble", "definitions")), None)
        if following is None or not (blocks[following.block_index].heading_level or following.scheme == "article"):
            continue
        short = document_short_name(line) or part_short_name(line)
        if short:
            added.append(Candidate(index, block.start, "document", (0,), "", "", line.rstrip(" :"), True,
                                   shape_of(block), short=short))
    return sorted([*candidates, *added], key=lambda c: (c.block_index, c.start)) if added else candidates


def part_short_name(line: str) -> str:
    """A short name for a part whose heading names no known kind of document: its initials ("DPA"), or
    its one word ("Glossaire")."""
    heading = re.split(r"\s+[–—:-]\s+|\(", line, maxsplit=1)[0]
    words = [w for w in re.split(r"[\s'’-]+", heading) if w and fold(w) not in ACRONYM_STOPWORDS]
    if len(words) == 1 and words[0].isalpha() and len(words[0]) <= 20:
        return words[0]
    return initials(words)


def confirm_parts(candidates: list[Candidate], document: Document | None = None) -> list[Candidate]:
    """A document heading opens a new part only after the first document's clauses and when the numbering
    starts again at 1 below it; elsewhere ("Conditions générales" listed in a clause) it is text."""
    kept: list[Candidate] = []
    numbered = in_annex = False
    annex_rank = None  # heading level of the open annex's heading, when styled (Markdown "##", Word)
    seen = 0
    heading_over_first_clauses = None  # « CONDITIONS PARTICULIÈRES » right above article 1

    def rank(candidate: Candidate) -> int | None:
        return document.blocks[candidate.block_index].heading_level if document is not None else None

    for index, candidate in enumerate(candidates):
        if candidate.scheme == "annex":
            in_annex, annex_rank = True, rank(candidate)
        if candidate.scheme == "document":
            # A heading styled as high as the annex's own heading is not inside the annex.
            beside_annex = annex_rank is not None and rank(candidate) is not None and rank(candidate) <= annex_rank
            if in_annex and candidate.short.split()[0] not in AMENDMENT_WORDS.values() and not beside_annex:
                continue  # a form or an extract reproduced in an annex belongs to the annex
            following = next((c for c in candidates[index + 1:] if c.quoted is None and c.scheme not in ("preamble", "definitions")), None)
            restarts = following is not None and (
                following.scheme in ("article", "decimal", "roman") and following.values in ((1,), (1, 1))
                or following.scheme == "lettered" and following.token == f"{candidate.short}.1")
            if not numbered and restarts and following is candidates[index + 1] \
                    and following.block_index == candidate.block_index + 1 and candidate.short in CONDITION_KINDS:
                heading_over_first_clauses = candidate
            if not (numbered and restarts):
                continue
            in_annex, annex_rank = False, None
        elif candidate.scheme in ("article", "decimal", "roman") and candidate.quoted is None:
            # The first document has begun at a clause heading, or at a third numbered paragraph: the
            # parties listed "1." and "2." on a cover page do not make the title after them a new part.
            seen += 1
            numbered = numbered or bool(candidate.title) or candidate.strong or seen >= 3
        kept.append(candidate)
    # A file binding special then general conditions, each headed alike right above its own article 1:
    # the first set is a part as the second is ("CP 3.2" beside "CG 3.2"). A heading over the parties
    # and recitals is the whole document's title, and its clauses keep bare refs.
    first = heading_over_first_clauses
    if first is not None and any(
        c.scheme == "document" and c.short in CONDITION_KINDS and c.short != first.short and rank(c) == rank(first)
        for c in kept
    ):
        kept = sorted([*kept, first], key=lambda c: (c.block_index, c.start))
    return kept


# Words that make a line cite a clause rather than head it ("Article 7.1 – pénalités, dérogation à l'article 14
# du CCAG-TIC" in a recap of the derogations, "Clause 4.2 – see Annex A").
CITING_WORDS = re.compile(r"\bd[ée]rog|\bderogat|\bcf\.|\bsee\b|\bvoir\b", re.IGNORECASE)


def drop_recalled_clauses(document: Document, candidates: list[Candidate]) -> list[Candidate]:
    """Inside a later article, a line that names a clause already read, with words of reference, recalls
    that clause: it is the article's text, not the clause opened again."""
    kept: list[Candidate] = []
    seen: set[tuple[int, ...]] = set()
    highest_article = -1  # article numbers start at 0 or 1
    for candidate in candidates:
        if candidate.scheme in ("annex", "document"):
            seen, highest_article = set(), -1  # an annex or another document numbers its own clauses
        elif candidate.scheme in ("article", "decimal") and candidate.quoted is None:
            block = document.blocks[candidate.block_index]
            line = document.text[candidate.start:block.end].split("\n", 1)[0][len(candidate.label):]
            later = highest_article > candidate.values[0]
            if candidate.values in seen and later and CITING_WORDS.search(line):
                continue
            seen.add(candidate.values)
            highest_article = max(highest_article, candidate.values[0])
        kept.append(candidate)
    return kept


class Outline:
    """Places candidates in a tree, keeping the numbering context of every open level."""

    def __init__(self, strict_root: bool = True, annex_items_repeat_number: bool = True) -> None:
        # With ``strict_root`` a top-level clause needs a heading's look (a title, typography or a
        # word like "Article"), so the parties' "(1)", "(2)" or recitals "(A)" stay in the preamble.
        self.strict_root = strict_root
        # Whether "3.1" under Annexe 3 is point 1 of the annex (see annex_items_repeat_their_number).
        self.annex_items_repeat_number = annex_items_repeat_number
        self.root = Node(None, kind="root")
        self.stack: list[Node] = [self.root]
        self.last_by_signature: dict[tuple, tuple[int, ...]] = {}
        self.used_refs: set[str] = set()
        # Refs already used inside each annex or part, by id of the part (id(None) for the first document).
        self.local_refs: dict[int, set[str]] = {}

    def add(self, candidate: Candidate) -> bool:
        for scheme, values, token in ((candidate.scheme, candidate.values, candidate.token), *candidate.alternatives):
            reading = candidate if scheme == candidate.scheme else _reinterpret(candidate, scheme, values, token)
            placement = self._place(reading)
            if placement is not None:
                self._attach(reading, placement)
                return True
        return False

    def _place(self, candidate: Candidate) -> int | None:
        """Index in the stack of the parent this candidate attaches to, or None if it fits nowhere."""
        if candidate.scheme == "document":
            return 0
        if candidate.scheme in ("annex", "preamble", "definitions"):
            return self._place_top_level(candidate)
        if candidate.scheme == "lettered":
            return self._place_lettered(candidate)
        if candidate.scheme == "part":
            # "Part A" inside a schedule divides the schedule; elsewhere it groups articles.
            holder = next((i for i in range(len(self.stack) - 1, 0, -1) if self.stack[i].kind == "annex"), 0)
            previous = self.stack[holder].last_child.get(("part",)) if holder else self.last_by_signature.get(("part",))
            # « TROISIÈME PARTIE – CCTP » may be the first part a file binds (the others printed apart).
            spelt_out = fold(candidate.label.split()[0]) not in PART_WORDS
            opens = previous is None and spelt_out and bool(candidate.title) and candidate.strong
            return holder if opens or follows(previous, candidate.values, candidate) else None
        if candidate.scheme in ("article", "decimal") and len(candidate.values) > 1:
            placed = self._place_by_prefix(candidate)
            if placed is not None:
                return placed
        signature = signature_of(candidate)
        # 1. A sibling of an open clause with the same numbering style, nearest first; prefer one with
        #    the same layout when several are open (a nested "1." list inside clause "2.").
        same_style = [i for i in range(len(self.stack) - 1, 0, -1) if self.stack[i].signature == signature]
        same_style.sort(key=lambda i: (self.stack[i].candidate.shape != candidate.shape, -i))
        for i in same_style:
            parent = self.stack[i - 1]
            if follows(parent.last_child.get(signature), candidate.values, candidate) or (
                extract_skips(parent, candidate)
            ):
                return i - 1
        if self._runs_on_at_top(candidate):
            return 0
        # 2. Article numbers that run on across parents ("Article 7" under "Titre II").
        top = len(self.stack) - 1
        runs_on = candidate.scheme in ("article", "decimal", "paren_number") and len(candidate.values) == 1
        for i in range(top, -1, -1) if runs_on else ():
            if any(n.signature == signature for n in self.stack[i + 1:]):
                continue
            previous = self.last_by_signature.get(signature)
            if previous is not None and follows(previous, candidate.values, candidate) \
                    and signature not in self.stack[i].last_child and self._is_open_parent(i):
                return i
        # 3. A list that starts again at "a)" level with the one just closed is a new list beside it,
        #    not a list nested in its last item (nested lists are indented further).
        innermost = self.stack[top].candidate
        if (
            innermost is not None and signature_of(innermost) == signature and innermost.shape == candidate.shape
            and candidate.scheme in ("lower", "upper", "lower_roman", "paren_number", "roman")
            and candidate.shape != (None, None, False) and follows(None, candidate.values, candidate)
        ):
            self.stack[top - 1].last_child.pop(signature, None)
            return top - 1
        # 4. The first child of the innermost open clause that may hold it.
        for i in range(top, -1, -1):
            if self._may_nest(self.stack[i], candidate):
                if signature not in self.stack[i].last_child and follows(None, candidate.values, candidate):
                    return i
                break
        previous = self.last_by_signature.get(signature)
        if previous is not None and signature not in self.stack[top].last_child \
                and follows(previous, candidate.values, candidate) and self._may_nest(self.stack[top], candidate):
            return top
        return None

    def _runs_on_at_top(self, candidate: Candidate) -> bool:
        """"3 - Prix" after "Art. 2 - Durée" and "1) Objet": conditions pasted together from several
        models number their articles in mixed styles, but a titled heading whose number follows the
        last article's is the next article, not text of the one before."""
        if candidate.scheme not in TOP_NUMBER_SCHEMES or len(candidate.values) != 1 or not candidate.title:
            return False
        last = self.root.children[-1].candidate if self.root.children else None
        return last is not None and last.scheme in TOP_NUMBER_SCHEMES and len(last.values) == 1 \
            and signature_of(last) != signature_of(candidate) and follows(last.values, candidate.values, candidate)

    def _is_open_parent(self, index: int) -> bool:
        node = self.stack[index]
        return node.candidate is None or node.candidate.scheme in ("part", "roman", "annex", "upper")

    def _may_nest(self, parent: Node, candidate: Candidate) -> bool:
        # "(A)", "(B)"; or "A. The Vendor publishes…", a sentence where a part would have a title
        recital = candidate.scheme in ("upper", "paren_number", "lower_roman") and (
            candidate.label.startswith("(") or candidate.scheme == "upper" and not candidate.title)
        if parent.candidate is None:
            if recital and self.strict_root and not any(n.kind == "clause" for n in parent.children):
                return False  # recitals before the first clause are the preamble's text
            return not self.strict_root or candidate.strong or bool(candidate.title) or candidate.scheme in (
                "article", "annex", "part"
            )
        if parent.candidate.scheme in ("preamble", "definitions") and candidate.scheme not in ("lower", "lower_roman", "paren_number"):
            return False
        if candidate.scheme == "article" and len(candidate.values) == 1 and candidate.title \
                and parent.candidate.scheme not in ("part", "roman", "upper", "annex", "document"):
            return False  # an "Article 6 – Title" heading is never a sub-item of clause 4.3
        return True

    def _place_top_level(self, candidate: Candidate) -> int | None:
        if candidate.scheme in ("preamble", "definitions"):
            if candidate.scheme == "preamble" and any(
                n.candidate and n.candidate.scheme not in ("preamble",) for n in self.root.children
            ):
                return None  # "Préambule" after clauses began is a title inside a clause
            if candidate.scheme == "definitions" and self.root.children and any(
                n.candidate and n.candidate.scheme in ("article", "decimal", "roman") for n in self.root.children
            ):
                return None
            return 0
        # Each annex word numbers its own series ("Schedule 2" then "Appendix A").
        # Lettered annexes after numbered ones ("Annexe 3" then "Annexe A") are a series of their own.
        series = ("annex", fold(candidate.label.split()[0]), candidate.token[:1].isalpha())
        previous = self.last_by_signature.get(series)
        if previous is None or candidate.values[0] == 0 or candidate.values > previous or not candidate.token:
            self.last_by_signature[series] = candidate.values
            return 0
        return None

    def _place_lettered(self, candidate: Candidate) -> int | None:
        """"A.1" is an item of the open annex, "A.1.2" an item of "A.1"; outside annexes it is text."""
        holder = next((i for i in range(len(self.stack) - 1, 0, -1) if self.stack[i].kind == "annex"), None)
        if holder is None:
            return None
        prefix = candidate.token.split(".")[0]
        if len(prefix) > 1 and not prefix[1:].isdigit() and prefix != self.stack[holder].candidate.short:
            return None  # "CP1." numbers the clauses of the part named "CP"; elsewhere "RJ45" is a word
        signature = signature_of(candidate)
        if len(candidate.values) == 1:
            return holder if follows(self.stack[holder].last_child.get(signature), candidate.values, candidate) else None
        for i in range(len(self.stack) - 1, holder, -1):
            node = self.stack[i]
            if node.candidate.scheme == "lettered" and signature_of(node.candidate)[1] == signature[1] \
                    and node.candidate.values == candidate.values[:-1]:
                return i if follows(node.last_child.get(signature), candidate.values, candidate) else None
        return None

    def _place_by_prefix(self, candidate: Candidate) -> int | None:
        """"12.1" goes under the open clause numbered 12 (an "Article 12" or a "12.")."""
        prefix = candidate.values[:-1]
        for i in range(len(self.stack) - 1, 0, -1):
            node = self.stack[i]
            if node.candidate.scheme in ("article", "decimal") and node.candidate.values == prefix:
                signature = signature_of(candidate)
                if follows(node.last_child.get(signature), candidate.values, candidate):
                    return i
                return None
        return None

    def _attach(self, candidate: Candidate, parent_index: int) -> None:
        del self.stack[parent_index + 1:]
        parent = self.stack[parent_index]
        signature = signature_of(candidate)
        # A second document bound in the file is shown as an annex is: by its name, not as a clause.
        kind = {"annex": "annex", "document": "annex", "preamble": "preamble"}.get(candidate.scheme, "clause")
        if candidate.scheme == "document":
            # Its numbering starts afresh: nothing in it continues the first document's clauses.
            self.last_by_signature = {k: v for k, v in self.last_by_signature.items() if k[0] == "annex"}
        container = next((n for n in reversed(self.stack[1:parent_index + 1]) if n.kind == "annex"), None)
        local = self._local_ref(candidate, parent if parent is not container else self.root, container)
        short = self._without_annex_number(candidate, container, parent_index)
        if short is not None and self._in_container(short, container, candidate) not in self.used_refs:
            local = short  # unless "1." items of the same annex already took that ref
        node = Node(candidate, ref=self._unique(self._in_container(local, container, candidate)), kind=kind,
                    local_ref=local)
        self.local_refs.setdefault(id(container), set()).add(local)
        parent.children.append(node)
        parent.last_child[signature] = candidate.values
        self.last_by_signature[signature] = candidate.values
        self.stack.append(node)

    def add_quotation(self, candidates: list[Candidate]) -> None:
        """Clauses quoted in full by the clause being read (an amendment's new wording of article 10).

        They keep their own numbers, written inside the quoting clause's ref: ``Avenant 1.3 « 10.1 »``,
        so that they are never taken for the clauses they replace.
        """
        host = self.stack[-1]
        if host.candidate is None:
            return  # a quotation in the preamble: text, not clauses
        quoted = Outline(strict_root=False)
        for candidate in candidates:
            quoted.add(candidate)

        def rename(node: Node) -> None:
            node.ref = self._unique(f"{host.ref} « {node.ref} »")
            for child in node.children:
                rename(child)

        for node in quoted.root.children:
            rename(node)
            host.children.append(node)

    def _without_annex_number(self, candidate: Candidate, container: Node | None, parent_index: int) -> str | None:
        """An annex item that repeats the annex's number ("3.1" in Annexe 3, "A.1" in Annexe A, "A1.1" in
        Annexe 1) is point 1 of the annex: its ref names the annex once ("Annexe 3.1"), as "1." would.

        Not so for the sub-clauses of an article reproduced in the annex ("Article 3" then "3.1"), which
        keep their full number under it ("Annexe 3.3.1").
        """
        if container is not None and candidate.scheme == "lettered" \
                and candidate.token.split(".")[0] == container.candidate.short:
            return ".".join(str(v) for v in candidate.values)  # "CP1." in « Conditions particulières »: "CP 1"
        if container is None or container.candidate.scheme != "annex" or len(candidate.values) < 1:
            return None
        annex = container.candidate
        number = annex.token.upper()
        if candidate.scheme == "lettered":
            prefix = candidate.token.split(".")[0]
            initial = fold(annex.label.split()[0])[:1].upper()
            if number and (prefix == number or prefix == f"{initial}{number}"):
                return ".".join(str(v) for v in candidate.values)
            return None
        if candidate.scheme not in ("decimal", "article") or len(candidate.values) < 2 or not number.isdigit() \
                or candidate.values[0] != int(number) or not self.annex_items_repeat_number:
            return None
        for node in self.stack[1:parent_index + 1]:
            own = node.candidate
            if own.scheme in ("article", "decimal") and own.values == candidate.values[:1]:
                return None
        return ".".join(str(v) for v in candidate.values[1:])

    @staticmethod
    def _in_container(local: str, container: Node | None, candidate: Candidate) -> str:
        """The ref a reader can find: the annex or document part's name, then the clause's own number."""
        if container is None:
            return local
        own = container.candidate
        separator = " " if own.scheme == "document" and not own.short[-1:].isdigit() else "."
        if own.scheme == "annex" and len(own.token) > 1 and own.token.isalpha() and roman_value(own.token) is None:
            separator = " "  # "Annexe DPA 1", as "DPA 1" for a document part: no dot after a name
        if candidate.scheme == "part":
            separator = ", "
        return f"{container.ref}{separator}{local}"

    def _unique(self, ref: str) -> str:
        unique = ref
        counter = 2
        while unique in self.used_refs:
            unique = f"{ref} ({counter})"
            counter += 1
        self.used_refs.add(unique)
        return unique

    def _local_ref(self, candidate: Candidate, parent: Node, container: Node | None) -> str:
        scheme = candidate.scheme
        used = self.local_refs.get(id(container), set())
        if scheme == "document":
            ref = candidate.short
        elif scheme == "preamble":
            ref = "preamble"
        elif scheme == "definitions":
            ref = "definitions"
        elif scheme == "annex":
            word = ANNEX_WORDS[fold(candidate.label.split()[0].rstrip("."))]
            ref = f"{word} {candidate.token.upper() if len(candidate.token) == 1 else candidate.token}".strip()
        elif scheme == "part":
            word = next(w for w in candidate.label.split() if fold(w.rstrip(".")) in PART_WORDS)  # "DEUXIÈME PARTIE"
            ref = f"{PART_WORDS[fold(word.rstrip('.'))]} {candidate.token}"
        else:
            own = candidate.token
            if candidate.suffix:
                own = f"{own} {candidate.suffix}"
            parent_ref = parent.local_ref if parent.candidate is not None else ""
            dotted = scheme in ("article", "decimal") and len(candidate.values) > 1 or scheme == "lettered"
            # Articles may be numbered on across "Titre I", "II"; items "1°", "2)" of an article
            # numbered "I." are its points ("I.1"), never articles of their own.
            numbered_at_top = parent.candidate is not None and (
                scheme in ("article", "decimal") and parent.candidate.scheme in ("part", "roman", "upper")
                or scheme == "paren_number" and parent.candidate.scheme == "part")
            if not parent_ref or dotted or (numbered_at_top and own not in used):
                ref = own
            else:
                ref = f"{parent_ref}.{own}"
        return ref


def _reinterpret(candidate: Candidate, scheme: str, values: tuple[int, ...], token: str) -> Candidate:
    return replace(candidate, scheme=scheme, values=values, token=token, alternatives=())


# ---------------------------------------------------------------------------------------------
# Assembly


def segment(document: Document) -> list[Clause]:
    """Splits ``document`` into its clause tree (preamble, numbered clauses, annexes), in order."""
    candidates = drop_recalled_clauses(document, confirm_parts(
        add_unnumbered_parts(
            document, drop_title_of_a_schedule(drop_table_of_contents(document, find_candidates(document)))
        ), document
    ))
    outline = outline_of(candidates, strict_root=True)
    if sum(n.kind == "clause" for n in first_clauses(outline)) < 2:
        # Plain contracts whose clauses are bare "1.", "2." paragraphs: accept them at the top.
        outline = outline_of(candidates, strict_root=False)
    numbered_top = numbered_clauses(outline)
    # an extract whose first heading stayed in the preamble ("14. Termination" above a top level of "14.1", "14.2")
    headless = not any(len(n.candidate.values) == 1 for n in numbered_top)
    if (len(numbered_top) < 2 or headless) and (extract := as_extract(candidates)) is not None:
        outline = outline_of(extract, strict_root=False)
        numbered_top = numbered_clauses(outline)
    if len(numbered_top) < 2:
        # Contracts whose clauses have headings but no numbers ("## Objet", a bold "Durée").
        return _segment_by_headings(document) or _whole_document(document, outline.root.children)
    return _build(document, outline.root.children)


def numbered_clauses(outline: Outline) -> list[Node]:
    return [n for n in first_clauses(outline) if n.candidate.scheme not in ("preamble", "definitions", "annex", "document")]


def as_extract(candidates: list[Candidate]) -> list[Candidate] | None:
    """An extract pasted from a longer contract opens at its own number ("14. Résiliation" then
    "14.1" or "15. Réversibilité"): its first titled number may open the outline when the next
    number follows it. Only tried when the text does not otherwise split into numbered clauses, or
    splits only into sub-clauses, so a list "3." inside a clause is not at stake."""
    numbered = [(i, c) for i, c in enumerate(candidates) if c.scheme == "decimal" and c.quoted is None]
    first_at = next((k for k, (_, c) in enumerate(numbered) if len(c.values) == 1), None)
    if first_at is None or first_at + 1 >= len(numbered):
        return None
    (index, first), (_, second) = numbered[first_at], numbered[first_at + 1]
    number, title = first.values[0], first.title
    if number < 2 or second.values not in ((number + 1,), (number, 1)) or not title \
            or len(title.split()) > 8 or reads_as_sentence(title) or title.endswith((".", ";", ",", ":")):
        return None
    return [*candidates[:index], replace(first, opens_extract=True), *candidates[index + 1:]]


def first_clauses(outline: Outline) -> list[Node]:
    """The top-level nodes, or the clauses of the part that opens the file when the first document's
    clauses sit in one (« CONDITIONS PARTICULIÈRES » right above article 1, see confirm_parts)."""
    nodes = outline.root.children
    opening = next((n for n in nodes if n.candidate.scheme != "preamble"), None)
    return opening.children if opening is not None and opening.candidate.scheme == "document" else nodes


def annex_items_repeat_their_number(candidates: list[Candidate]) -> bool:
    """Whether the numbered annexes type their items with the annex's own number ("3.1", "3.2" under
    Annexe 3). When one annex's items start again at "1.1", the "1.1" of Annexe 1 is item 1.1 too,
    not point 1 of Annexe 1: the refs of all annexes then keep the printed numbers alike."""
    annex_number, items = None, set()
    for candidate in candidates:
        if candidate.scheme == "annex":
            annex_number, items = (int(candidate.token) if candidate.token.isdigit() else None), set()
        elif candidate.scheme == "document":
            annex_number = None
        elif annex_number is None or candidate.quoted is not None:
            continue
        elif len(candidate.values) == 1:
            items.add(candidate.values[0])  # "1." or "Article 4": a "1.1" / "4.1" below it is its sub-item
        elif candidate.scheme == "decimal" and candidate.values[0] not in (annex_number, *items):
            return False
    return True


def outline_of(candidates: list[Candidate], strict_root: bool) -> Outline:
    outline = Outline(strict_root, annex_items_repeat_their_number(candidates))
    index = 0
    while index < len(candidates):
        candidate = candidates[index]
        if candidate.quoted is None:
            outline.add(candidate)
            index += 1
            continue
        end = index
        while end < len(candidates) and candidates[end].quoted == candidate.quoted:
            end += 1
        outline.add_quotation(candidates[index:end])
        index = end
    return outline


def _walk_nodes(node: Node):
    for child in node.children:
        yield child
        yield from _walk_nodes(child)


def _build(document: Document, top_level: list[Node]) -> list[Clause]:
    """Clauses from the outline: each ends where the next clause that is not inside it begins."""
    text_end = len(document.text)
    following: dict[int, int] = {}

    # "… A writing / executed by an officer of Contractor shall…" is a sentence wrapped at its verb.
    signatures = [
        b.start for i, b in enumerate(document.blocks)
        if b.kind in ("paragraph", "line") and (line := document.text[b.start:b.end].lstrip())
        and SIGNATURE_LINE.match(line) and (line[0].isupper() or previous_line_closed(document, document.blocks, i))
    ]

    def last_start(node: Node) -> int:
        return last_start(node.children[-1]) if node.children else node.candidate.start

    used_refs = {node.ref for node in _walk_nodes(Node(None, children=top_level))}

    def signatures_node(start: int, holder: str) -> Node:
        ref = base = f"{holder} signatures" if holder else "signatures"
        counter = 2
        while ref in used_refs:
            ref, counter = f"{base} ({counter})", counter + 1
        used_refs.add(ref)
        return Node(Candidate(-1, start, "signatures", (0,), "", "", "", False, ()), ref=ref)

    def assign(nodes: list[Node], end: int, holder: str = "") -> None:
        closing: list[tuple[int, Node, int]] = []
        for i, node in enumerate(nodes):
            node_end = nodes[i + 1].candidate.start if i + 1 < len(nodes) else end
            if node.kind == "clause":
                # "Fait à …, le …" and the signatures close the document: they are not its last clause,
                # but a clause map that leaves no text out (the quotes cite it) shows them on their own.
                cut = next((s for s in signatures if last_start(node) < s < node_end), None)
                if cut is not None:
                    closing.append((i + 1 + len(closing), signatures_node(cut, holder), node_end))
                    node_end = cut
            following[id(node)] = node_end
            assign(node.children, node_end, node.ref if node.kind == "annex" else holder)
        for position, node, node_end in closing:
            nodes.insert(position, node)
            following[id(node)] = node_end

    assign(top_level, text_end)
    clauses = [_to_clause(document, node, following) for node in top_level]
    if clauses[0].kind == "preamble":
        # The title page and the parties belong to the preamble that their "Préambule" heading opens.
        return [replace(clauses[0], start=0, page_start=document.page_at(0)), *clauses[1:]]
    first_start = clauses[0].start
    if document.text[:first_start].strip():
        end = _trim_end(document.text, 0, first_start)
        preamble = Clause(
            ref="preamble", title="", level=1, kind="preamble", label="", start=0, end=end, body_end=end,
            page_start=document.page_at(0), page_end=document.page_at(max(0, end - 1)),
        )
        clauses.insert(0, preamble)
    return clauses


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _to_clause(document: Document, node: Node, following: dict[int, int], level: int = 1) -> Clause:
    candidate = node.candidate
    start = candidate.start
    end = _trim_end(document.text, start, following[id(node)])
    children = tuple(_to_clause(document, child, following, level + 1) for child in node.children)
    body_end = _trim_end(document.text, start, children[0].start) if children else end
    title = candidate.title
    return Clause(
        ref=node.ref,
        title=title,
        level=level,
        kind=node.kind,  # type: ignore[arg-type]
        label=candidate.label,
        start=start,
        end=end,
        body_end=body_end,
        page_start=document.page_at(start),
        page_end=document.page_at(max(start, end - 1)),
        children=children,
    )


def _segment_by_headings(document: Document) -> list[Clause]:
    """Contracts with unnumbered headings: each styled heading starts a clause, "§1", "§2"..."""
    headings = [
        (i, b) for i, b in enumerate(document.blocks)
        if b.kind in ("paragraph", "line") and not b.toc
        and (b.heading_level or (b.bold and (b.size_ratio or 1) >= 1.0))
        and len(document.text[b.start:b.end]) <= 100
        and not document.text[b.start:b.end].rstrip().endswith((".", ";", ","))
        and not PREAMBLE_TITLES.match(document.text[b.start:b.end].strip())
    ]
    if len(headings) < 2:
        return []
    # The shallowest level used at least twice: a lone level-1 heading is the document's title.
    levels = [b.heading_level or 9 for _, b in headings]
    top = min((level for level in set(levels) if levels.count(level) >= 2), default=min(levels))
    headings = [(i, b) for i, b in headings if (b.heading_level or 9) == top]
    candidates = [
        Candidate(i, b.start, "heading", (k,), f"§{k}", "", document.text[b.start:b.end].strip(), True, shape_of(b))
        for k, (i, b) in enumerate(headings, start=1)
    ]
    return _build(document, [Node(c, ref=c.token) for c in candidates])


def _whole_document(document: Document, top_level: list[Node]) -> list[Clause]:
    """No numbered clause at all: the preamble and definitions found, or the text as one preamble."""
    if top_level:
        return _build(document, top_level)
    end = _trim_end(document.text, 0, len(document.text))
    return [Clause(
        ref="preamble", title="", level=1, kind="preamble", label="", start=0, end=end, body_end=end,
        page_start=document.page_at(0), page_end=document.page_at(max(0, end - 1)),
    )]
