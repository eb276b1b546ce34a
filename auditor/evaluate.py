"""Decide each control's status from the contract's sentences: evaluate(control, context) → ControlResult.

The rules come from the checklist (``auditor.rules``); this module only interprets them. A
control is ``missing`` when no sentence is in its scope, ``fail`` or ``weak`` when a flag of that
status matches, ``weak`` (or what the requirement says) when a required element is absent, and
``pass`` otherwise — always with the sentences that decided it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.models import Clause, ControlResult, Document, Evidence
from auditor.nlp import Sentence, Token, fold, table_bodies
from auditor.parties import (BOTH, Parties, actor, notice_addressee, notice_sender, pronoun_giving_notice,
                             pronoun_subject, stated_for)
from auditor import quantities
from auditor.dates import find_dates
from auditor.fees import RecurringFee, contract_monthly_fee
from auditor.rules import (AmountTest, CapTest, DateTest, Detect, Expression, PercentTest, QuantityTest, RowTest,
                           Threshold)

# The rules ask for the quantities of the same sentence many times (one test per flag): each
# sentence's text is read once. Results are tuples, so a caller cannot change what others get.
@lru_cache(maxsize=8192)
def find_durations(text: str, language: str) -> tuple:
    return tuple(quantities.find_durations(text, language))


@lru_cache(maxsize=8192)
def find_percentages(text: str, language: str) -> tuple:
    return tuple(quantities.find_percentages(text, language))


@lru_cache(maxsize=8192)
def find_amounts(text: str, language: str) -> tuple:
    return tuple(quantities.find_amounts(text, language))


@lru_cache(maxsize=8192)
def parse_cap(text: str, language: str):
    return quantities.parse_cap(text, language)


GAP = "..."
MAX_GAP = 3
DAYS_PER_UNIT = {"days": 1.0, "months": 30.0, "years": 365.0, "hours": 1 / 24, "business_days": 7 / 5}
NEGATIONS_BEFORE = {"ne", "n'", "not", "never", "no", "cannot", "n't", "jamais", "aucunement", "nullement", "aucun",
                    "aucune"}
RESTRICTIVE = {"que", "qu'", "qu", "except", "unless", "sauf", "only"}
NEGATION_PARTICLES = {"pas", "jamais", "point", "rien", "nullement", "aucunement"}  # the second half of "ne ... pas"
STATUS_ORDER = {"fail": 4, "weak": 3, "missing": 2, "review": 1}


@dataclass
class Context:
    """What the rules look at for one contract."""

    document: Document
    language: str
    sentences: list[Sentence]
    parties: Parties
    clause_of: dict[int, Clause]  # sentence start → innermost clause holding it
    titles_of: dict[int, str] = field(default_factory=dict)  # sentence start → its clauses' titles, folded
    cache: dict = field(default_factory=dict)  # (sentence start, phrase) → token positions
    fields: dict[str, bool] = field(default_factory=dict)  # applicability: "health_data" → True
    report_language: str = "fr"  # the language of the explanations the report shows
    audit_date: dt.date = field(default_factory=dt.date.today)  # "expired" means before this day

    def say(self, french: str, english: str | None) -> str:
        return english if self.report_language == "en" and english else french

    @property
    def index(self) -> DocumentIndex:
        if "document index" not in self.cache:
            self.cache["document index"] = DocumentIndex(self.sentences)
        return self.cache["document index"]

    @property
    def monthly_fee(self) -> RecurringFee | None:
        """The fees the contract states, per month (a cap written as an amount is weighed against them)."""
        if "monthly fee" not in self.cache:
            found = contract_monthly_fee([self.document.text[s.start:s.end] for s in self.sentences], self.language)
            self.cache["monthly fee"] = None if found is None else found[1]
        return self.cache["monthly fee"]


@dataclass(frozen=True)
class Hit:
    sentence: Sentence
    position: int  # index of the decisive token in the sentence
    values: tuple[tuple[str, str], ...] = ()  # parameters read on the way ("notice_days", "90")
    marks: tuple[tuple[int, int], ...] = ()  # the decisive words, as offsets in Document.text


def word_mark(sentence: Sentence, position: int) -> tuple[tuple[int, int], ...]:
    token = sentence.tokens[position]
    return ((token.start, token.end),)


# ---------------------------------------------------------------------------------------------
# Terms


@lru_cache(maxsize=None)
def compile_phrase(phrase: str) -> tuple[str, ...]:
    """'mettre ... fin' → ('mettre', '...', 'fin'); words folded, split after apostrophes."""
    words: list[str] = []
    for word in fold(phrase).replace("’", "'").split():
        if word == GAP:
            words.append(GAP)
        elif possessive := re.fullmatch(r"(.+)'s", word):
            # English tokens split a possessive before the apostrophe: "Customer's" → "customer", "'s"
            words.extend([possessive.group(1), "'s"])
        elif len(word) > 3 and word.endswith("s'"):
            # and a plural's possessive after it: "patients'" → "patients", "'" (French elisions end in other letters)
            words.extend([word[:-1], "'"])
        else:
            # split as the tokenizer splits: "l'" "offre", and "6" "°" (the degree sign of "1° à 6°")
            words.extend(part for part in re.split(r"(?<=')|(?<=\d)(?=°)", word) if part)
    return tuple(words)


def word_matches(token: Token, pattern: str) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return token.form.startswith(stem) or token.key.startswith(stem)
    return token.form == pattern or token.key == pattern


class DocumentIndex:
    """Which sentences hold each word, so that a control only reads the sentences that may concern it.

    Sets of sentences are integer bit masks (bit n: sentence n): a 200-page contract has thousands
    of sentences, and the rules ask for thousands of such sets.
    """

    def __init__(self, sentences: list[Sentence]) -> None:
        self.exact: dict[str, int] = {}
        for number, sentence in enumerate(sentences):
            bit = 1 << number
            for token in sentence.tokens:
                self.exact[token.form] = self.exact.get(token.form, 0) | bit
                self.exact[token.key] = self.exact.get(token.key, 0) | bit
        self.words = sorted(self.exact)
        self.everything = (1 << len(sentences)) - 1
        self._by_first_word: dict[str, int] = {}
        self.number_of = {(sentence.start, sentence.end): number for number, sentence in enumerate(sentences)}
        self._masks: dict[int, tuple[object, int]] = {}

    def mask_with(self, phrases) -> int:
        """Sentences holding the first word of some phrase (a superset of those holding the phrase)."""
        # The list's distinct first words, kept with the list: many of its phrases share one.
        firsts = phrase_set(phrases)
        found = 0
        for word in firsts.first_words:
            found |= self._mask_with_word(word)
        for stem in firsts.stems:
            found |= self._mask_with_word(stem + "*")
        return found

    def sentences_with(self, phrases) -> set[int]:
        return sentence_set(self.mask_with(phrases))

    def may_hold(self, number: int, phrases) -> bool:
        """Whether sentence ``number`` holds the first word of some phrase; the mask is kept per list
        (keyed by its identity, the list pinned so that the identity is not reused): the rules ask
        about every sentence they read."""
        kept = self._masks.get(id(phrases))
        if kept is None or kept[0] is not phrases:
            kept = self._masks[id(phrases)] = (phrases, self.mask_with(phrases))
        return bool(kept[1] >> number & 1)

    def _mask_with_word(self, word: str) -> int:
        known = self._by_first_word.get(word)
        if known is not None:
            return known
        if not word.endswith("*"):
            found = self.exact.get(word, 0)
        elif word == "*":
            found = self.everything
        else:
            stem = word[:-1]
            start = bisect.bisect_left(self.words, stem)
            end = bisect.bisect_left(self.words, stem + "\U0010ffff", start)
            found = 0
            for word_with_stem in self.words[start:end]:
                found |= self.exact[word_with_stem]
        self._by_first_word[word] = found
        return found


def sentence_set(mask: int) -> set[int]:
    """The sentence numbers of a bit mask."""
    # Read from the binary string, lowest bit first: clearing bits one by one on a document-sized
    # integer costs the integer's length at each bit, quadratic on long contracts.
    bits = bin(mask)[:1:-1]
    return {found.start() for found in _SET_BIT.finditer(bits)}


_SET_BIT = re.compile("1")


class WordIndex:
    """Where each word (written form and lemma) of a sentence stands, for fast phrase lookup."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.exact: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            for word in {token.form, token.key}:
                self.exact.setdefault(word, []).append(position)
        self.words = sorted(self.exact)
        # A set, not the dict: intersecting a set with a dict walks every key of the dict.
        self.word_set = frozenset(self.exact)
        # Every beginning of every word: whether a stem ("résili*") occurs is one set lookup.
        # The empty stem too: a phrase may open on "*" (any word), as in "* n' est pas dû".
        self.prefixes = frozenset(word[:end] for word in self.exact for end in range(0, len(word) + 1))

    def positions(self, pattern: str) -> list[int]:
        if not pattern.endswith("*"):
            return self.exact.get(pattern, [])
        stem = pattern[:-1]
        found: set[int] = set()
        for index in range(bisect.bisect_left(self.words, stem), len(self.words)):
            word = self.words[index]
            if not word.startswith(stem):
                break
            found.update(self.exact[word])
        return sorted(found)


@lru_cache(maxsize=None)
def later_words(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words and stems a phrase needs after its first word ("*" alone needs nothing)."""
    pattern = compile_phrase(phrase)[1:]
    words = tuple(w for w in pattern if w != GAP and not w.endswith("*"))
    stems = tuple(w[:-1] for w in pattern if w.endswith("*") and w != "*")
    return words, stems


def phrase_positions(tokens: tuple[Token, ...], phrase: str, index: WordIndex | None = None) -> list[int]:
    """Token indexes where ``phrase`` starts in ``tokens``."""
    pattern = compile_phrase(phrase)
    index = index or WordIndex(tokens)
    # A sentence that lacks one of the phrase's words cannot hold it: set lookups say so before
    # the phrase is tried at every place its first word occurs.
    words, stems = later_words(phrase)
    if not (index.word_set.issuperset(words) and index.prefixes.issuperset(stems)):
        return []
    return [start for start in index.positions(pattern[0]) if _match_from(tokens, pattern, 1, start + 1)]


def _match_from(tokens, pattern, p: int, t: int) -> bool:
    if p == len(pattern):
        return True
    if pattern[p] == GAP:
        return any(_match_from(tokens, pattern, p + 1, t + skip) for skip in range(0, MAX_GAP + 1))
    return t < len(tokens) and word_matches(tokens[t], pattern[p]) and _match_from(tokens, pattern, p + 1, t + 1)


class PhraseSet:
    """A list of phrases by first word, to try on a sentence only those whose first word it has."""

    def __init__(self, phrases) -> None:
        self.by_first_word: dict[str, list[str]] = {}
        self.by_stem: dict[str, list[str]] = {}  # phrases whose first word is a prefix ("résili*")
        for phrase in phrases:
            first = compile_phrase(phrase)[0]
            if first.endswith("*"):
                self.by_stem.setdefault(first[:-1], []).append(phrase)
            else:
                self.by_first_word.setdefault(first, []).append(phrase)
        self.first_words = frozenset(self.by_first_word)
        self.stems = frozenset(self.by_stem)

    def candidates(self, index: WordIndex) -> list[str]:
        # Most sentences hold none of a list's first words: two set operations (in C) say so.
        words = self.first_words.intersection(index.word_set)
        stems = self.stems.intersection(index.prefixes)
        if not words and not stems:
            return []
        return [phrase for word in words for phrase in self.by_first_word[word]] + [
            phrase for stem in stems for phrase in self.by_stem[stem]]


_phrase_sets: dict[int, tuple[object, PhraseSet]] = {}


def phrase_set(phrases) -> PhraseSet:
    # Keyed by the list's identity (the lists live in the checklist); the entry keeps the list alive
    # so that its identity is never reused by another one.
    kept = _phrase_sets.get(id(phrases))
    if kept is None or kept[0] is not phrases:
        kept = _phrase_sets[id(phrases)] = (phrases, PhraseSet(phrases))
    return kept[1]


class SentenceLookups:
    """What has been looked up in one sentence: its word index, and the positions found for each
    phrase and each list of phrases (most answers are "nowhere", kept as one shared empty tuple)."""

    __slots__ = ("index", "by_phrase", "by_list")

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.index = WordIndex(tokens)
        self.by_phrase: dict[str, tuple[int, ...]] = {}
        self.by_list: dict[int, list[int] | tuple[()]] = {}


NOWHERE: tuple[()] = ()


def first_position(sentence: Sentence, phrases, cache: dict | None = None) -> list[int] | tuple[()]:
    """Where any of ``phrases`` starts in the sentence, in order (``cache`` spares repeated searches)."""
    if cache is None:
        return sorted(p for phrase in phrases for p in phrase_positions(sentence.tokens, phrase))
    span = (sentence.start, sentence.end)
    # Most lists start with none of a sentence's words: the document's index says so for a whole
    # sentence of the document in one bit test, before the sentence's own index is read.
    document = cache.get("document index")
    if document is not None and (number := document.number_of.get(span)) is not None \
            and not document.may_hold(number, phrases):
        return NOWHERE
    lookups = cache.get(span)
    if lookups is None:
        lookups = cache[span] = SentenceLookups(sentence.tokens)
    # The rules ask the same sentence about the same list of phrases many times (a scope, then
    # each flag): the answer for the whole list is kept, keyed by the list's identity, which
    # phrase_set() keeps from being reused by pinning the list.
    found = lookups.by_list.get(id(phrases))
    if found is not None:
        return found
    positions: list[int] = []
    for phrase in phrase_set(phrases).candidates(lookups.index):
        known = lookups.by_phrase.get(phrase)
        if known is None:
            known = lookups.by_phrase[phrase] = tuple(phrase_positions(sentence.tokens, phrase, lookups.index)) or NOWHERE
        positions.extend(known)
    found = lookups.by_list[id(phrases)] = sorted(positions) if positions else NOWHERE
    return found


@dataclass(frozen=True)
class Segment(Sentence):
    offset: int = 0  # index of the segment's first token in its sentence


def segments(sentence: Sentence) -> list[Sentence]:
    """The stretches of a sentence between semicolons (the whole sentence when there are none)."""
    bounds = [i for i, token in enumerate(sentence.tokens) if token.text == ";"]
    if not bounds:
        return [sentence]
    parts, start = [], 0
    for end in [*bounds, len(sentence.tokens)]:
        tokens = sentence.tokens[start:end]
        if tokens:
            # a table row carries its header's words, whose offsets lie before the row (nlp.carry_table_headers)
            first = min((t.start for t in tokens if t.start >= sentence.start), default=sentence.start)
            parts.append(Segment(first, max(first, tokens[-1].end), tokens, start))
        start = end + 1
    return parts


# « à moins que … ne », « avant qu'il ne », « de peur que … ne » take a « ne » that negates nothing (ne
# explétif): « à moins que la perte ne résulte d'un manquement » names the case where the provider answers
EXPLETIVE_LEADS = {("moins", "que"), ("moins", "qu'"), ("avant", "que"), ("avant", "qu'"), ("peur", "que"),
                   ("peur", "qu'"), ("crainte", "que"), ("crainte", "qu'")}


def _expletive_ne(tokens, at: int, position: int) -> bool:
    if tokens[at].form not in ("ne", "n'"):
        return False
    if any(t.form in NEGATION_PARTICLES or t.form in ("plus", "aucun", "aucune", "personne", "guere")
           for t in tokens[at + 1:position + 3]):
        return False
    before = [t.form for t in tokens[max(0, at - 5):at]]
    return any(pair in EXPLETIVE_LEADS for pair in zip(before, before[1:]))


# "at no charge, an export of the data": a negating determiner denies its own noun phrase; a comma that
# opens another one (an article) ends its reach, unlike a verb's "not" ("shall not, however, disclose")
DETERMINER_NEGATIONS = {"no", "aucun", "aucune"}
# (compared as written: the folded "a" of « à » is no article)
ARTICLES = {"a", "an", "the", "un", "une", "le", "la", "les", "l'", "l’", "des", "du", "its", "their", "son", "sa", "ses",
            "leur", "leurs"}


# "give rise to no service credit and are treated as force majeure": after "and" a verb of its own starts another
# predicate, which the determiner does not deny
COORDINATORS = {"and", "or", "et", "ou"}
FINITE_AUXILIARIES = {"are", "is", "shall", "will", "may", "must", "were", "was", "sont", "est", "seront", "sera",
                      "peut", "peuvent", "doit", "doivent"}


def _determiner_negation_closed(tokens, at: int, position: int) -> bool:
    if tokens[at].form not in DETERMINER_NEGATIONS:
        return False
    # a condition that denies a noun and closes at its comma: "if no solution is agreed, terminate", « si aucun
    # accord n'est trouvé, résilier » (the verb after the comma is affirmed)
    if at > 0 and tokens[at - 1].form in ("if", "si", "where", "when", "unless", "once", "lorsque", "quand") \
            and any(tokens[j].text == "," for j in range(at + 1, position)):
        return True
    return any(tokens[j].text == "," and tokens[j + 1].text.lower() in ARTICLES
               or tokens[j].form in COORDINATORS and tokens[j + 1].form in FINITE_AUXILIARIES
               for j in range(at + 1, position))


# "No" that opens a comparison, not a denial: "No later than thirty days after…, the Provider shall return…"
NOT_A_DENIAL_AFTER_NO = {"later", "earlier", "sooner", "less", "more", "fewer", "longer", "shorter", "matter"}
# what a list of denied nouns cannot hold: a verb's auxiliary, a preposition opening a complement, an exception
LEAVES_A_DENIED_LIST = {";", ":", "but", "mais", "except", "unless", "sauf", "save", "other", "however", "toutefois",
                        "provided", "whereas", "while", "than", "to", "for", "against", "in", "on", "at", "by", "with",
                        "from", "under", "where", "when", "if", "à", "pour", "contre", "par", "avec", "sous", "dans", "sur",
                        "lorsque", "si"} | FINITE_AUXILIARIES
LIST_JOINTS = {",", "or", "and", "nor", "ou", "et", "ni"}


def _subject_denied(tokens, position: int) -> bool:
    """The word is in a list of nouns that the sentence's opening "No" denies, however long the list: "No switching
    charges, data egress charges or early-termination fee are payable" denies the fee. The verb after the list is
    left to the rules, which read "No limitation applies to …" as a whole."""
    opening = next((i for i, token in enumerate(tokens) if any(c.isalpha() for c in token.text)), None)
    if opening is None or opening >= position or tokens[opening].form not in ("no", "neither") \
            or tokens[opening + 1].form in NOT_A_DENIAL_AFTER_NO:
        return False
    between = tokens[opening + 1:position]
    return any(token.form in LIST_JOINTS or token.text == "," for token in between) \
        and not any(token.form in LEAVES_A_DENIED_LIST for token in between)


OWN_NEGATIONS = {"ne", "n'", "not", "n't", "never", "jamais"}


def _clause_after_colon_denies_itself(tokens, colon: int) -> bool:
    """The words after a colon, up to a semicolon, carry a negation of their own."""
    for token in tokens[colon + 1:]:
        if token.form == ";":
            return False
        if token.form in OWN_NEGATIONS:
            return True
    return False


def is_negated(sentence: Sentence, position: int) -> bool:
    """"ne peut pas résilier", "may not terminate" are negated; "ne peut résilier qu'avec..." restricts,
    and "ne ... sans mise en demeure" (not without) affirms."""
    tokens = sentence.tokens
    if _subject_denied(tokens, position):
        return True
    window = [t.form for t in tokens[max(0, position - 5):position]]
    after = [t.form for t in tokens[position + 1:position + 10]]
    # a negation does not reach across a table cell: "aucune | Pénalité 300 €" (no threshold, then the penalty)
    if "|" in window:
        cut = len(window) - window[::-1].index("|")
        window = ["|"] * cut + window[cut:]
    if "|" in after:
        after = after[:after.index("|")]
    if ":" in window:
        # « L'export n'est jamais interrompu : une facture contestée ne peut justifier aucune suspension »: the
        # clause after the colon has a negation of its own, the one before it does not reach its words
        colon = len(window) - 1 - window[::-1].index(":")
        if _clause_after_colon_denies_itself(tokens, max(0, position - 5) + colon):
            window = [":"] * (colon + 1) + window[colon + 1:]
    negators = [i for i, form in enumerate(window) if form in NEGATIONS_BEFORE
                and not _expletive_ne(tokens, max(0, position - 5) + i, position)
                and not _determiner_negation_closed(tokens, max(0, position - 5) + i, position)]
    # "point" closes a "ne" ("ne … point"), never alone: "last valid restore point" denies nothing
    french_ne = any(t.form in ("ne", "n'") for t in tokens[max(0, position - 8):position])
    if not negators and not any(f in ("pas", "jamais") or f == "point" and french_ne for f in after[:2]):
        return False
    if negators and any(form in ("sans", "without") for form in window[negators[-1] + 1:]):
        return False
    particle = bool(negators) and any(form in NEGATION_PARTICLES for form in window[negators[-1] + 1:])
    # the word is what "ne ... que" restricts to: "ne fait appel qu'aux sous-traitants certifiés" affirms them
    if negators and not particle and not any(f in ("aucun", "aucune") for f in window[negators[-1] + 1:]) \
            and any(f in ("que", "qu'", "qu") for f in window[negators[-1] + 1:]):
        return False
    for i, form in enumerate(after):
        if form not in RESTRICTIVE:
            continue
        # "ne ... que" restricts, but once "pas" has closed the negation a "que" opens a relative
        # clause: "n'inclut pas la sauvegarde, que le Client organise" stays negated; so does "ne détient
        # aucun accès autre que…" ("aucun" closes it too: an exception to a denial, not a restriction).
        if form in ("que", "qu'", "qu") and (particle or any(f in NEGATION_PARTICLES or f in ("aucun", "aucune")
                                                               for f in after[:i])):
            continue
        return False
    return True


def actor_matches(wanted: str, roles: frozenset) -> bool:
    if wanted == "any":
        return True
    if wanted == "either":
        return roles == BOTH
    return wanted in roles


# ---------------------------------------------------------------------------------------------
# Expressions


def matches(expression: Expression, sentence: Sentence, context: Context, parameters: dict) -> Hit | None:
    """The first way ``expression`` holds in ``sentence``, or None."""
    if expression.terms is not None:
        for position in first_position(sentence, expression.terms, context.cache):
            if is_negated(sentence, position) != expression.negated:
                continue
            if expression.named_after and expression.named_after not in party_named_after(sentence, position, context):
                continue
            roles = actor(sentence, position, context.parties)
            if not roles and expression.actor not in ("any", "either"):
                # « Il peut modifier … »: a pronoun opening the sentence stands for the party the one before opens on
                roles = pronoun_subject(sentence, position, preceding_stretch(sentence, context), context.parties)
            if actor_matches(expression.actor, roles):
                return Hit(sentence, position, marks=word_mark(sentence, position))
        return None
    if expression.all is not None:
        # Every part in the same stretch of the sentence: "ne pourra résilier à tout moment ; il peut
        # mettre fin au contrat à son échéance" does not give a right to end it at any time.
        key = ("segments", sentence.start, sentence.end)
        if key not in context.cache:
            context.cache[key] = segments(sentence)
        for part_of_sentence in context.cache[key]:
            hits = []
            for part in expression.all:
                hit = matches(part, part_of_sentence, context, parameters)
                if hit is None:
                    break  # the other parts need not be tried
                hits.append(hit)
            else:
                return Hit(sentence, hits[0].position + getattr(part_of_sentence, "offset", 0),
                           tuple(v for h in hits for v in h.values), tuple(m for h in hits for m in h.marks))
        return None
    if expression.any is not None:
        for part in expression.any:
            if hit := matches(part, sentence, context, parameters):
                return hit
        return None
    if expression.none is not None:
        if any(matches(part, sentence, context, parameters) for part in expression.none):
            return None
        return Hit(sentence, 0)
    if expression.applies is not None:
        return Hit(sentence, 0) if context.fields.get(expression.applies) else None
    if expression.superseded is not None:
        return Hit(sentence, 0) if is_superseded(sentence, context) else None
    if expression.lead_in is not None:
        introduction = lead_in_sentence(sentence, context)
        found = introduction is not None and matches(expression.lead_in, introduction, context, parameters)
        return Hit(sentence, 0) if found else None
    if expression.previous is not None:
        earlier = previous_sentence(sentence, context)
        found = earlier is not None and matches(expression.previous, earlier, context, parameters)
        if not found and (before := earlier_stretch(sentence, context)) is not None:
            # past a semicolon the stretch before it is read first ("des tests de restauration sont réalisés
            # chaque semestre ; leur compte rendu est adressé au Client")
            found = bool(matches(expression.previous, before, context, parameters))
        return Hit(sentence, 0) if found else None
    if expression.following is not None:
        later = following_sentence(sentence, context)
        return Hit(sentence, 0) if later is not None and matches(expression.following, later, context, parameters) \
            else None
    if expression.whole_sentence is not None:
        found = matches(expression.whole_sentence, enclosing_sentence(sentence, context), context, parameters)
        return Hit(sentence, 0) if found else None
    if expression.title is not None:
        title = context.titles_of.get(sentence.start)
        if title is None:
            # a stretch after a semicolon starts inside its sentence: the title is that sentence's
            index = sentence_index_at(sentence.start, context)
            title = context.titles_of.get(context.sentences[index].start, "") if index >= 0 else ""
        return Hit(sentence, 0) if any(fold(word) in title for word in expression.title) else None
    if expression.anywhere is not None:
        key = ("anywhere", id(expression.anywhere))
        if key not in context.cache:
            context.cache[key] = any(matches(expression.anywhere, s, context, parameters)
                                     for s in worth_trying(expression.anywhere, context.sentences, context))
        return Hit(sentence, 0) if context.cache[key] else None
    if expression.duration is not None:
        return duration_hit(expression.duration, sentence, context, parameters)
    if expression.percent is not None:
        return bounded_quantity_hit(expression.percent, find_percentages, sentence, context, parameters)
    if expression.amount is not None:
        return bounded_quantity_hit(expression.amount, find_amounts, sentence, context, parameters)
    if expression.cap is not None:
        return cap_hit(expression.cap, sentence, context, parameters)
    if expression.date is not None:
        return date_hit(expression.date, sentence, context)
    if expression.row_numbers is not None:
        return Hit(sentence, 0) if row_numbers(expression.row_numbers, sentence, context) else None
    if expression.cited is not None:
        found = any(matches(expression.cited, s, context, parameters) for s in cited_sentences(sentence, context))
        return Hit(sentence, 0) if found else None
    raise AssertionError("validated expressions have one operator")


def possible_sentences(expression: Expression, context: Context) -> int | None:
    """The sentences where ``expression`` may hold (a bit mask), from the document's word index;
    None when any sentence may (a negation, a cap formula, a fact about the whole contract).

    A superset: ``matches`` still decides. It spares trying an expression on sentences that lack
    the words it needs, which is most of them.
    """
    key = ("possible", id(expression))
    if key in context.cache:
        return context.cache[key][1]
    found: int | None = None
    if expression.terms is not None:
        found = context.index.mask_with(expression.terms)
    elif (test := expression.duration or expression.percent or expression.amount or expression.date) is not None:
        found = context.index.mask_with(test.near)
    elif expression.all is not None:
        for part in expression.all:
            if (mask := possible_sentences(part, context)) is not None:
                found = mask if found is None else found & mask
    elif expression.any is not None:
        parts = [possible_sentences(part, context) for part in expression.any]
        if not any(mask is None for mask in parts):
            found = 0
            for mask in parts:
                found |= mask
    context.cache[key] = (expression, found)  # the expression is kept so that its identity is not reused
    return found


def sentence_numbers(context: Context) -> dict[int, int]:
    """Sentence start → its number in ``context.sentences``."""
    if "sentence numbers" not in context.cache:
        context.cache["sentence numbers"] = {s.start: n for n, s in enumerate(context.sentences)}
    return context.cache["sentence numbers"]


def worth_trying(expression: Expression, sentences: list[Sentence], context: Context) -> list[Sentence]:
    """``sentences`` without those where ``expression`` cannot hold, in the same order."""
    possible = possible_sentences(expression, context)
    if possible is None:
        return sentences
    key = ("possible numbers", id(expression))  # the expression's identity is pinned by possible_sentences
    if key not in context.cache:
        context.cache[key] = sentence_set(possible)
    allowed = context.cache[key]
    if sentences is context.sentences:
        # the whole document: walking the few possible sentences beats filtering every sentence
        return [sentences[n] for n in sorted(allowed)]
    numbers = sentence_numbers(context)
    return [s for s in sentences if numbers[s.start] in allowed]


def resolve(value, parameters: dict) -> float:
    if isinstance(value, str):
        return float(parameters[value.strip("{}")])
    return float(value)


def in_days(threshold: Threshold, parameters: dict) -> float:
    return resolve(threshold.value, parameters) * DAYS_PER_UNIT[threshold.unit]


def token_index_at(sentence: Sentence, offset: int) -> int:
    for index, token in enumerate(sentence.tokens):
        if token.end > offset:
            return index
    return len(sentence.tokens) - 1


def quantity_mark(sentence: Sentence, quantity) -> tuple[tuple[int, int], ...]:
    return ((sentence.start + quantity.start, sentence.start + quantity.end),)


BUSINESS_HOURS_PER_DAY = 9  # "9 h – 18 h", the business day of French support and maintenance contracts


def calendar_days(quantity) -> float:
    """A duration in calendar days, for comparison with the thresholds. The quantities keep business
    days and hours in their own unit (control catalogue); on average a week holds five business days
    ("jours ouvrés", "business days") or six ("jours ouvrables", Saturdays included), and a business
    day nine business hours: "4 heures ouvrées" is about 0.6 days, not 4 × 7/5."""
    if quantity.days is not None:
        return quantity.days
    per_week = 6 if "business_incl_saturday" in quantity.qualifiers else 5
    days = quantity.value * 7 / per_week
    return days / BUSINESS_HOURS_PER_DAY if quantity.unit == "business_hour" else days


def within_thresholds(test: QuantityTest, days: float, parameters: dict) -> bool:
    """Whether a duration in calendar days meets every bound of the test."""
    return not (
        test.longer_than and not days > in_days(test.longer_than, parameters)
        or test.shorter_than and not days < in_days(test.shorter_than, parameters)
        or test.at_least and not days >= in_days(test.at_least, parameters)
        or test.at_most and not days <= in_days(test.at_most, parameters)
    )


def duration_hit(test: QuantityTest, sentence: Sentence, context: Context, parameters: dict) -> Hit | None:
    text = context.document.text[sentence.start:sentence.end]
    near = first_position(sentence, test.near, context.cache)
    if not near:
        return None
    quantities = [(token_index_at(sentence, sentence.start + q.start), q) for q in find_durations(text, context.language)]
    if test.not_after:
        announcers = first_position(sentence, test.not_after, context.cache)
        quantities = [(where, q) for where, q in quantities if not any(0 < where - p <= 3 for p in announcers)]
    if test.not_qualified:
        quantities = [(where, q) for where, q in quantities if not set(q.qualifiers) & set(test.not_qualified)]
    if test.not_before:
        followers = first_position(sentence, test.not_before, context.cache)
        quantities = [(where, q) for where, q in quantities
                      if not any(0 < p - token_index_at(sentence, sentence.start + q.end - 1) <= 2 for p in followers)]
    if test.by_party:
        if hit := _duration_by_party(test, sentence, quantities, near, context, parameters):
            return hit
    for anchor in near:
        # The duration a "préavis" announces follows it ("un préavis de trois mois"); one before it
        # counts only when none follows within the window.
        candidates = [(where - anchor if where >= anchor else test.window + anchor - where, where, q)
                      for where, q in quantities if abs(where - anchor) <= test.window
                      and not _in_another_cell(sentence, anchor, where)]
        if paired := _slash_list_partner(text, sentence, anchor, quantities):
            candidates = [(0, *paired)]
        if not candidates:
            continue
        _, where, quantity = min(candidates, key=lambda c: c[0])
        if test.by_party and _party_of_duration(sentence, quantity, context):
            continue  # judged above for the party it is stated for
        days = calendar_days(quantity)
        roles = actor(sentence, anchor, context.parties)
        if test.by_party and not roles:
            roles = notice_addressee(sentence, context.parties) or notice_sender(sentence, context.parties) \
                or pronoun_giving_notice(sentence, anchor, preceding_stretch(sentence, context), context.parties)
        if not actor_matches(test.actor, roles):
            continue
        if not within_thresholds(test, days, parameters):
            continue
        values = ((test.record, f"{days:g}"),) if test.record else ()
        return Hit(sentence, where, values, quantity_mark(sentence, quantity))
    return None


def _slash_list_partner(text: str, sentence: Sentence, anchor: int, quantities):
    """A table cell listing several names beside a cell listing as many values, both split by slashes
    ("Rétention / RPO / RTO | 35 jours / 24 heures / 4 heures"): each name takes the value in its own
    position, not the nearest one. None when the row is not laid out that way."""
    at = sentence.tokens[anchor].start - sentence.start
    cells = [(m.start(), m.end()) for m in re.finditer(r"[^|]+", text)]
    for cell, (start, end) in enumerate(cells[:-1]):
        if not start <= at < end:
            continue
        names = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^/]+", text[start:end])]
        values = [(m.start() + cells[cell + 1][0], m.end() + cells[cell + 1][0])
                  for m in re.finditer(r"[^/]+", text[slice(*cells[cell + 1])])]
        if len(names) < 2 or len(names) != len(values):
            return None
        position = next(i for i, (a, b) in enumerate(names) if a <= at < b)
        first, last = values[position]
        return next(((where, q) for where, q in quantities if first <= q.start < last), None)
    return None


def _in_another_cell(sentence: Sentence, anchor: int, where: int) -> bool:
    """A column's name carried into a table row (nlp.carry_table_headers) speaks only of its own cell:
    "Conservation" heads "12 versions", not the "7 jours" of the next column (the RPO)."""
    tokens, row = sentence.tokens, sentence.start
    if tokens[anchor].start >= row:
        return False  # a word of the row itself, not a header
    if where < anchor:
        return True
    cell = anchor
    while cell < where and tokens[cell].start < row:
        cell += 1  # the rest of the header's words
    return any(token.start < row for token in tokens[cell:where])


def _party_of_duration(sentence: Sentence, quantity, context: Context) -> frozenset:
    first = token_index_at(sentence, sentence.start + quantity.start)
    last = token_index_at(sentence, sentence.start + quantity.end - 1)
    return stated_for(sentence, first, last, context.parties)


def _duration_by_party(test: QuantityTest, sentence: Sentence, quantities, near, context: Context,
                       parameters: dict) -> Hit | None:
    """A duration stated for a party ("six mois pour le Client"), with a ``near`` term within twice the
    window: the list of each party's notices may run long after the word "préavis"."""
    for where, quantity in quantities:
        if not any(abs(where - anchor) <= 2 * test.window for anchor in near):
            continue
        roles = _party_of_duration(sentence, quantity, context)
        if not roles or not actor_matches(test.actor, roles):
            continue
        days = calendar_days(quantity)
        if not within_thresholds(test, days, parameters):
            continue
        values = ((test.record, f"{days:g}"),) if test.record else ()
        return Hit(sentence, where, values, quantity_mark(sentence, quantity))
    return None


def bounded_quantity_hit(test: PercentTest | AmountTest, finder, sentence: Sentence, context: Context,
                         parameters: dict) -> Hit | None:
    """A percentage or an amount near the test's terms, within its bounds."""
    text = context.document.text[sentence.start:sentence.end]
    near = first_position(sentence, test.near, context.cache)
    if not near:
        return None
    for quantity in finder(text, context.language):
        where = token_index_at(sentence, sentence.start + quantity.start)
        if min(abs(p - where) for p in near) > test.window:
            continue
        if test.above is not None and not quantity.value > resolve(test.above, parameters):
            continue
        if test.below is not None and not quantity.value < resolve(test.below, parameters):
            continue
        record = getattr(test, "record", None)
        values = ((record, f"{quantity.value:g} {quantity.unit}"),) if record else ()
        return Hit(sentence, where, values, quantity_mark(sentence, quantity))
    return None


def table_rows(context: Context) -> list[tuple[int, int, str, str]]:
    """Every row of a table below its first row: (start, end, the first row's text, the row's text). The
    first row is taken as the headings whatever its words (a statute number, "Activités R. 1111-9 confiées",
    does not make it a data row); rows with another number of cells are left out."""
    if "table rows" not in context.cache:
        text = context.document.text
        rows = [(row.start, row.end, text[first.start:first.end], text[row.start:row.end])
                for first, body in table_bodies(context.document) for row in body]
        context.cache["table rows"] = rows
    return context.cache["table rows"]


# A list of small numbers ("3, 4 et 5", "1 à 6", "5° et 6°", "1-2"), on folded text
_SMALL = r"\d{1,2}(?:°|er)?"
_NUMBER_LIST = re.compile(rf"(?<![\w.-]){_SMALL}(?:\s*(?:,|;|et|a|au|-|–|and|to|&|/)\s*{_SMALL})*(?![\w-])"
                          # not a date, a delay or an amount ("1er avril 2025", "30 jours", "4 h")
                          r"(?!\s*(?:janv|fevr|mars|avril|mai|juin|juil|aout|sept|oct|nov|dec|jan|feb|mar|apr|may|jun|jul"
                          r"|aug|sep|jour|day|mois|month|ans?\b|year|heure|hour|h\b|min|%|€|eur))")


def _listed_numbers(found: str) -> set[int]:
    numbers, parts = set(), re.split(r"(\d+)", found)
    values = [int(p) for p in parts[1::2]]
    separators = parts[2::2]
    for i, value in enumerate(values):
        numbers.add(value)
        if i + 1 < len(values) and re.search(r"(?:\ba\b|\bau\b|-|–|\bto\b)", separators[i]):
            numbers.update(range(value, values[i + 1]))
    return numbers


def _heading_matches(heading: str, words: list[str]) -> bool:
    found = re.findall(r"\w+", fold(heading))
    return any(w.startswith(fold(t)[:-1]) if t.endswith("*") else w == fold(t) for t in words for w in found)


def _cell_numbers(cell: str, listed: list[str]) -> set[int]:
    cell = fold(cell).strip()
    numbers = set()
    if opening := _NUMBER_LIST.match(cell):
        numbers |= _listed_numbers(opening.group())
    words = "|".join(re.escape(fold(t)[:-1]) + r"\w*" if t.endswith("*") else re.escape(fold(t)) + r"\b" for t in listed)
    for after in re.finditer(rf"\b(?:{words})\s*(?:n°\s*)?", cell):
        if found := _NUMBER_LIST.match(cell, after.end()):
            numbers |= _listed_numbers(found.group())
    return numbers


def _row_starts(context: Context) -> list[int]:
    if "table row starts" not in context.cache:
        context.cache["table row starts"] = [r[0] for r in table_rows(context)]
    return context.cache["table row starts"]


def _row_at(sentence: Sentence, context: Context) -> tuple[int, int, str, str] | None:
    """The heading and cells of the table row the sentence starts in, or None."""
    rows = table_rows(context)
    at = bisect.bisect_right(_row_starts(context), sentence.start) - 1
    if at < 0 or not rows[at][0] <= sentence.start < rows[at][1]:
        return None
    return rows[at]


def row_numbers(test: RowTest, sentence: Sentence, context: Context) -> bool:
    if test.compare == "holder_exceeds":
        # every row the sentence spans: a sentence may run over several short matrix rows
        rows, starts = table_rows(context), _row_starts(context)
        at = bisect.bisect_right(starts, sentence.start) - 1
        last = bisect.bisect_left(starts, sentence.end)
        return any(_row_beyond_holder_certificate(test, heading, row, context)
                   for start, end, heading, row in rows[max(at, 0):last] if end > sentence.start)
    if (found := _row_at(sentence, context)) is None:
        return False
    _, _, heading, row = found
    entrusted, certified = set(), set()
    for name, cell in zip(heading.split("|"), row.split("|")):
        if _heading_matches(name, test.within):
            certified |= _cell_numbers(_row_party_certificate(cell), test.listed)
        elif _heading_matches(name, test.cell):
            entrusted |= _cell_numbers(cell, test.listed)
    if not certified or not entrusted:
        return False
    return bool(entrusted - certified) if test.compare == "exceeds" else entrusted <= certified


_CERTIFICATE_MENTION = re.compile(r"hds|certif", re.IGNORECASE)


def _row_party_certificate(cell: str) -> str:
    """The row's own party's certificate when the cell states several ("HDS-2023-01; storage operator HDS-77
    (activities 1 and 2)"): the later ones are of the companies whose equipment the party uses."""
    parts = cell.split(";")
    if len(parts) > 1 and all(_CERTIFICATE_MENTION.search(part) for part in parts):
        return parts[0]
    return cell


# words of a certificates row's first cell that name no company ("Le GIP", "COFFRE SAS (tiers conservateur)")
_HOLDER_FILLERS = {"le", "la", "les", "l", "the", "societe", "company", "sas", "sa", "sarl", "ltd"}


def _cells(row: str) -> list[str]:
    """A row's cells, without the empty ones its outer bars make ("| Coffre SAS | 1 |")."""
    return row.strip().strip("|").split("|")


def _holder_name(cell: str) -> str | None:
    """The word a certificates row names its company by: the first of its first cell past articles."""
    return next((w for w in re.findall(r"\w+", fold(cell)) if w not in _HOLDER_FILLERS and len(w) > 2
                 and not w.isdigit()), None)


def _certified_by_holder(test: RowTest, context: Context) -> dict[str, set[int]]:
    """The activities each company is certified for, read in the tables that have a ``within`` column."""
    key = ("certified by holder", tuple(test.within), tuple(test.listed))
    if key not in context.cache:
        text, holders = context.document.text, {}
        for first, body in table_bodies(context.document):
            headings = _cells(text[first.start:first.end])
            columns = [i for i, name in enumerate(headings) if i and _heading_matches(name, test.within)]
            for row in body if columns else ():
                cells = _cells(text[row.start:row.end])
                certified = set().union(*(_cell_numbers(cells[i], test.listed) for i in columns if i < len(cells)))
                if (name := _holder_name(cells[0])) and certified:
                    holders[name] = certified
        context.cache[key] = holders
    return context.cache[key]


# (also without an article before the storage named: "Acme, on storage provided by Nimbus", « Acme, sur stockage fourni
# par Nimbus »)
_WHERE_IT_IS_DONE = re.compile(r"[,;(]?\s*\b(?:(?:sur|chez|dans|au sein d\w*|on|at|in|within)\s+(?:les?|la|l['’]|des?|du|the|its)\b"
                               r"|(?:sur|on|using|via)\s+(?:storage|stockage|servers?|serveurs?|hardware|infrastructure|equipment"
                               r"|équipements?|baies?|arrays?)\b)",
                               re.IGNORECASE)


def _row_beyond_holder_certificate(test: RowTest, heading: str, row: str, context: Context) -> bool:
    """A matrix row ("6 – Sauvegarde externalisée | Coffre, qui restaure") naming a company whose row in a
    certificates table does not list the row's activities."""
    names, cells = _cells(heading), _cells(row)
    if any(_heading_matches(name, test.within) for name in names):
        return False  # a certificates table, or a row that states its own certificate (``exceeds``)
    entrusted = set().union(*(_cell_numbers(cell, test.listed) for name, cell in zip(names, cells)
                              if _heading_matches(name, test.cell)))
    # (the company that performs the activity, not the one whose site or storage it uses: "Domisillon SAS, sur le
    # stockage objet du site secondaire de Nuvestra Cloud SAS", "Acme, on the object storage of Nimbus")
    named = set(re.findall(r"\w+", fold(" ".join(_WHERE_IT_IS_DONE.split(cell, 1)[0] for name, cell in zip(names, cells)
                                                  if not _heading_matches(name, test.cell)))))
    return bool(entrusted) and any(entrusted - certified for holder, certified
                                   in _certified_by_holder(test, context).items() if holder in named)


DATE_RANGE_TO = re.compile(r"\s*(?:au|à|jusqu'au|jusqu’au|to|until|through|-|–|—)\s*", re.IGNORECASE)


def date_hit(test: DateTest, sentence: Sentence, context: Context) -> Hit | None:
    """The date a ``near`` term announces ("valable jusqu'au 1er juillet 2021"), compared with the
    day of the audit."""
    near = first_position(sentence, test.near, context.cache)
    if not near:
        return None
    if test.column:
        return _column_date_hit(test, sentence, context)
    text = context.document.text[sentence.start:sentence.end]
    dates = [(token_index_at(sentence, sentence.start + d.start), d) for d in find_dates(text)]
    for anchor in near:
        following = [(where, d) for where, d in dates if 0 <= where - anchor <= test.window]
        if not following:
            continue
        where, mention = following[0]
        # a validity stated as a range ("valable du 1er octobre 2023 au 30 septembre 2026") runs to its last day
        for later_where, later in dates:
            if later.start > mention.end and DATE_RANGE_TO.fullmatch(text[mention.end:later.start]):
                where, mention = later_where, later
                break
        day = mention.day
        if test.valid_for:
            day = _end_of_stated_validity(test.valid_for, sentence, where, day, context)
            if day is None:
                continue
        if (day < context.audit_date) != test.before_audit:
            continue
        values = ((test.record, day.isoformat()),) if test.record else ()
        return Hit(sentence, where, values, ((sentence.start + mention.start, sentence.start + mention.end),))
    return None


def _column_date_hit(test: DateTest, sentence: Sentence, context: Context) -> Hit | None:
    """The date in the cells of the sentence's table row that sit under a heading naming the end ("Échéance",
    "Expiry"), compared with the day of the audit; an issue date in another column is not read."""
    if (found := _row_at(sentence, context)) is None:
        return None
    start, _, heading, row = found
    offset = start
    for name, cell in zip(heading.split("|"), row.split("|")):
        if _heading_matches(name, test.column):
            # the last date of the cell: a range under "Validité" runs to its last day
            for mention in list(find_dates(cell))[-1:]:
                if (mention.day < context.audit_date) == test.before_audit:
                    values = ((test.record, mention.day.isoformat()),) if test.record else ()
                    where = token_index_at(sentence, offset + mention.start)
                    return Hit(sentence, where, values, ((offset + mention.start, offset + mention.end),))
        offset += len(cell) + 1
    return None


def _end_of_stated_validity(valid_for: list[str], sentence: Sentence, date_at: int, start: dt.date,
                            context: Context) -> dt.date | None:
    """The last day of a validity stated as a period after ``start`` ("pour une durée de trois ans",
    "valid for three (3) years"), counted in calendar years or months as written; None without one."""
    announced = [at for at in first_position(sentence, valid_for, context.cache) if at > date_at]
    if not announced:
        return None
    text = context.document.text[sentence.start:sentence.end]
    for duration in find_durations(text, context.language):
        if token_index_at(sentence, sentence.start + duration.start) - announced[0] not in range(0, 6):
            continue
        count, unit = duration.as_written
        if unit in ("year", "month") and count == int(count):
            months = int(count) * (12 if unit == "year" else 1)
            year, month = divmod(start.month - 1 + months, 12)
            last = calendar.monthrange(start.year + year, month + 1)[1]
            return start.replace(year=start.year + year, month=month + 1, day=min(start.day, last)) - dt.timedelta(days=1)
        if duration.days:
            return start + dt.timedelta(days=duration.days - 1)
    return None


LIABILITY_WORDS = ["responsabilit*", "liabilit*", "liable"]


CAP_OWNER_FILLERS = {"totale", "globale", "cumulee", "maximale", "contractuelle", "entiere", "et", "de", "du", "des",
                     "la", "l'", "l", "d'", "total", "aggregate", "cumulative", "maximum", "entire", "and", "of", "the"}


def party_named_after(sentence: Sentence, position: int, context: Context) -> frozenset:
    """The party named just after the word at ``position``, its complement: "la responsabilité du
    Prestataire", "bénéficie à l'Association", "applies to the Customer" (empty when none)."""
    for offset, token in enumerate(sentence.tokens[position + 1:position + 7], 1):
        if role := context.parties.role_of(token.text):
            return frozenset({role})
        # "la responsabilité totale et cumulée de l'Opérateur": past three words, only through qualifiers
        if offset >= 3 and token.form not in CAP_OWNER_FILLERS:
            break
    return frozenset()


def cap_owner(sentence: Sentence, context: Context) -> frozenset:
    """Whose liability a cap limits: "la responsabilité du Prestataire", "Provider's liability", or the subject."""
    tokens = sentence.tokens
    for position in first_position(sentence, LIABILITY_WORDS, context.cache):
        if roles := party_named_after(sentence, position, context):
            return roles
        for token in tokens[max(0, position - 3):position]:
            if role := context.parties.role_of(token.text.replace("'s", "")):
                return frozenset({role})
        roles = actor(sentence, position, context.parties)
        if roles:
            return roles
    return frozenset()


# ---------------------------------------------------------------------------------------------
# Superseded clauses: an amendment or particular conditions replace or set aside a numbered clause
# ("L'article 12.2 du Contrat est supprimé et remplacé par ...", "Par dérogation à l'article 12.3 des
# CG", "Clause 9.2 is deleted and replaced"). A partial exception ("nonobstant", "notwithstanding")
# adds to a clause and is not read here.

_CLAUSE_NUMBER = r"\d+(?:\.\d+)*(?:\s*bis|\s*ter)?"
# (alternatives too: "en application des articles 6.5 ou 15.2", "under clause 9.2 or 9.3")
_CLAUSE_NUMBERS = rf"({_CLAUSE_NUMBER}(?:\s*(?:,|et|and|&|ou|or)\s*(?:(?:l['’]\s*)?(?:articles?|clauses?|sections?)\s+)?{_CLAUSE_NUMBER})*)"
_CLAUSE_WORD = r"(?:articles?|art\.|clauses?|sections?|paragraphes?|paragraphs?)"
_SUPERSEDING = [
    re.compile(rf"{_CLAUSE_WORD}\s+{_CLAUSE_NUMBERS}(?:\s+(?:(?:du|de\s+la|des|of\s+the|of|to\s+the)\s+|de\s+l['’]\s*)[\w.'’ -]{{1,40}}?)?"
               r"\s+(?:est|sont|is|are|shall\s+be)\s+(?:hereby\s+)?(?:purement\s+et\s+simplement\s+)?"
               r"(?:supprim|abrog|annul|remplac|deleted|replaced|superseded|repealed|struck|amended\s+(?:and\s+restated|to\s+read)"
               r"|d[ée]sormais\s+r[ée]dig|r[ée]dig[ée]e?s?\s+(?:comme\s+suit|ainsi)|modifi[ée]e?s?\s+(?:comme\s+suit|ainsi)"
               r"|amended\s+as\s+follows)", re.IGNORECASE),
    re.compile(rf"(?:par\s+d[ée]rogation|en\s+d[ée]rogation|d[ée]rogeant|d[ée]rogen?t|pr[ée]va(?:ut|udra|lent|udront)\s+sur"
               rf"|prevails?\s+over|in\s+place\s+of)\s+(?:aux\s+stipulations\s+de\s+|au\s+|à\s+)?(?:the\s+)?"
               rf"(?:l['’]\s*)?{_CLAUSE_WORD}\s+{_CLAUSE_NUMBERS}", re.IGNORECASE),
    re.compile(rf"(?:by\s+way\s+of\s+derogation|in\s+derogation)\s+(?:from|of|to)\s+(?:the\s+)?{_CLAUSE_WORD}\s+"
               rf"{_CLAUSE_NUMBERS}", re.IGNORECASE),
    # (a special condition that says which clause it amends: "SC-1 (amends Section 14.3).", « modifie l'article 9 »)
    re.compile(rf"(?:annule\s+et\s+remplace|remplace|supersedes|replaces|amends|modifie|en\s+lieu\s+et\s+place\s+(?:de|du|des)|in\s+lieu\s+of)"
               rf"\s+(?:l['’]\s*|the\s+)?{_CLAUSE_WORD}\s+{_CLAUSE_NUMBERS}", re.IGNORECASE),
]
# "par dérogation à l'article 1231-3 du Code civil", "Article 28 of the GDPR": a statute, not a clause
_STATUTE_AFTER = re.compile(r"\s*(?:-\s*\d|(?:du|de\s+la|des|of\s+the|of)\s+(?:code|loi|r[èe]glement|d[ée]cret|directive|"
                            r"regulation|civil|gdpr|rgpd)|c\.\s*(?:civ|com)|code\b|gdpr|rgpd"
                            # a public buyer's standard general terms (« l'article 14.1 du CCAG-TIC »): a text outside
                            # the contract, whose numbers are not the contract's own
                            r"|(?:du|des|of\s+the|of)\s+ccag\b"
                            # an annex numbered on its own: which clause 3 is meant cannot be told from the number
                            r"|(?:de\s+l['’]\s*|du\s+|of\s+(?:the\s+)?)(?:annexe|avenant|schedule|annex|appendix|exhibit))",
                            re.IGNORECASE)
# "the cap in clause 15.2 is replaced, for breaches of clause 11, by ...", « est remplacé, pour les
# manquements à ..., par »: a replacement for some cases only leaves the clause in force for the others
_PARTIAL_REPLACEMENT = re.compile(r"\w*\s*,?\s*(?:for\s+(?:any\s+|the\s+)?(?:breach|claim|loss|damage|failure)"
                                  r"|in\s+respect\s+of|as\s+regards|with\s+respect\s+to|solely\s+for|only\s+for"
                                  r"|pour\s+les\s+(?:manquements|dommages|pr[ée]judices|violations|r[ée]clamations)"
                                  r"|en\s+ce\s+qui\s+concerne|s['’]agissant|uniquement\s+pour|pour\s+ce\s+qui)",
                                  re.IGNORECASE)
# « Par dérogation à l'article 15.2, les manquements aux obligations de sécurité relèvent d'un plafond
# distinct », "By way of derogation from clause 9.1, claims for breach of clause 11 are capped at ...": a
# derogation for some breaches or losses only sets a rule of their own beside the clause, still in force
_PARTIAL_DEROGATION = re.compile(r"\w*\s*,?\s*(?:(?:les|tous\s+les|toutes\s+les|tout|toute|the|any|all)\s+)?"
                                 r"(?:manquements?|dommages?|pr[ée]judices?|violations?|r[ée]clamations?|breach(?:es)?"
                                 r"|claims?|loss(?:es)?|damages?|failures?)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(rf"\s*(?:{_CLAUSE_WORD}\s+)?({_CLAUSE_NUMBER})(?![.\d]*\d)(?=[\s.)–—:-]|$)", re.IGNORECASE)


def _clause_numbers(found: str) -> list[str]:
    return [re.sub(r"\s+", " ", n).lower() for n in re.findall(_CLAUSE_NUMBER, found, re.IGNORECASE)]


def superseding_statements(context: Context) -> list[tuple[str, int, int, frozenset[str] | None]]:
    """(clause number replaced, start, end of the clause saying so) for the whole contract."""
    if "superseding" not in context.cache:
        text, found = context.document.text, []
        for number, pattern in enumerate(_SUPERSEDING):
            for match in pattern.finditer(text):
                if _STATUTE_AFTER.match(text, match.end(1)):
                    continue
                if number == 0 and _PARTIAL_REPLACEMENT.match(text, match.end()):
                    continue
                # the same restriction ahead of it: "For any breach of clause 7, the cap in clause 13.1 is
                # replaced by a cap of EUR 250,000" sets a cap beside clause 13.1, still in force for the rest
                if number == 0 and context.sentences and _PARTIAL_REPLACEMENT.search(
                        text, context.sentences[max(0, sentence_index_at(match.start(), context))].start, match.start()):
                    continue
                if number in (1, 2) and (_PARTIAL_REPLACEMENT.match(text, match.end())
                                         or _PARTIAL_DEROGATION.match(text, match.end())):
                    continue
                sentence = context.sentences[max(0, sentence_index_at(match.start(), context))] \
                    if context.sentences else None
                clause = context.clause_of.get(sentence.start) if sentence is not None else None
                start = sentence.start if sentence is not None else match.start()
                end = sentence.end if sentence is not None else match.end()
                if number == 0 and clause is not None:
                    # "est supprimé et remplacé par ce qui suit :" the new wording follows, up to the end
                    # of the clause; a derogation states the new rule in its own sentence
                    end = max(clause.end, end)
                # A derogation changes what it restates (« par dérogation à l'article 13.2, la période est
                # fixée à 20 jours »), not the rest of the clause it cites; a replacement replaces it all.
                about = None if number == 0 or sentence is None else _subject_words(sentence, context)
                found.extend((replaced, start, end, about) for replaced in _clause_numbers(match.group(1)))
        context.cache["superseding"] = found
    return context.cache["superseding"]


# Words any clause may use, which say nothing of what a derogation is about
_GENERIC_WORDS = {
    "derogation", "deroger", "article", "clause", "section", "stipulation", "present", "contrat", "agreement",
    "convention", "condition", "disposition", "provision", "etre", "avoir", "pouvoir", "devoir", "fixer",
    "prevoir", "shall", "which", "that", "this", "with", "from", "dans", "pour", "avec", "leur", "elle", "celui",
    "ceux", "cette", "notwithstanding", "terms", "where", "their", "other", "autre", "toute", "tout",
}


def _subject_words(sentence: Sentence, context: Context) -> frozenset[str]:
    """The words of a sentence that say what it is about: not the parties, nor the words of any clause."""
    return frozenset(
        token.key for token in sentence.tokens
        if len(token.key) > 3 and token.key.isalpha() and token.key not in _GENERIC_WORDS
        and context.parties.role_of(token.text) is None
    )


def sentence_clause_numbers(sentence: Sentence, context: Context) -> set[str]:
    """The numbers a sentence is under: its paragraph's leading number, its clause's label and ref."""
    text = context.document.text
    numbers = set()
    line_start = text.rfind("\n", 0, sentence.start) + 1
    if leading := _LEADING_NUMBER.match(text, line_start):
        numbers.add(re.sub(r"\s+", " ", leading.group(1)).lower())
    if clause := context.clause_of.get(sentence.start):
        for written in (clause.label, clause.ref.split(" (")[0]):
            if leading := _LEADING_NUMBER.match(written or ""):
                numbers.add(re.sub(r"\s+", " ", leading.group(1)).lower())
    return numbers


# every number of an enumeration: « les obligations des articles 8, 10 et 18 »
_CITATION = re.compile(rf"{_CLAUSE_WORD}\s+{_CLAUSE_NUMBERS}", re.IGNORECASE)


def sentences_within(context: Context) -> dict[str, list[int]]:
    """Clause number → the indexes of the sentences under it, sub-clauses included."""
    if "clause numbers" not in context.cache:
        # Every number and each of its parents ("9.4.1" also under "9.4" and "9"): a citation finds the
        # sentences of the clause and its sub-clauses in one lookup, not a walk over all numbers.
        within: dict[str, list[int]] = {}
        for index, each in enumerate(context.sentences):
            parents: set[str] = set()
            for number in sentence_clause_numbers(each, context):
                parts = number.split(".")
                parents.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
            for parent in parents:
                within.setdefault(parent, []).append(index)
        context.cache["clause numbers"] = within
    return context.cache["clause numbers"]


def cited_sentences(sentence: Sentence, context: Context) -> list[Sentence]:
    """The sentences of the clauses ``sentence`` cites by number ("visé à l'article 9.4", "under clause 4.3"),
    sub-clauses included; not the sentence's own clause, nor a statute's article ("article 1231-3 du Code
    civil") or an annex's."""
    within = sentences_within(context)
    whole = enclosing_sentence(sentence, context)
    text = context.document.text[whole.start:whole.end]
    own = sentence_clause_numbers(whole, context)
    found: list[Sentence] = []
    for match in _CITATION.finditer(text):
        if _STATUTE_AFTER.match(text, match.end(1)):
            continue
        for cited in _clause_numbers(match.group(1)):
            if cited in own:
                continue
            found.extend(context.sentences[i] for i in within.get(cited, ()) if context.sentences[i].start != whole.start)
    return found


def is_superseded(sentence: Sentence, context: Context) -> bool:
    statements = superseding_statements(context)
    if not statements:
        return False
    sentence = enclosing_sentence(sentence, context)
    numbers = sentence_clause_numbers(sentence, context)
    return any(
        not (start <= sentence.start < end)
        and any(number == replaced or number.startswith(replaced + ".") for number in numbers)
        and (about is None or _derogation_reaches(sentence, replaced, about, context))
        for replaced, start, end, about in statements
    )


def _derogation_reaches(sentence: Sentence, replaced: str, about: frozenset[str], context: Context) -> bool:
    """Whether a derogation from clause ``replaced`` sets ``sentence`` aside: when some sentences of that
    clause share its subject, those only; when none does (it restates the rule in other words, or in
    another language), the whole clause."""
    key = ("derogation targets", replaced, about)
    if key not in context.cache:
        context.cache[key] = {
            context.sentences[i].start for i in sentences_within(context).get(replaced, ())
            if not about.isdisjoint(_subject_words(context.sentences[i], context))
        }
    targets = context.cache[key]
    return not targets or sentence.start in targets


# An item of a list: "a)", "(ii)", "1°", "-", "•".
_LIST_ITEM = re.compile(r"\s*(?:\(?(?:[a-z]|[ivx]{1,4})\)|\d{1,2}\s*[°)]|[-–—•·▪])\s", re.IGNORECASE)
_LIST_REACH = 30  # items between an item and the sentence introducing its list


def lead_in_sentence(sentence: Sentence, context: Context) -> Sentence | None:
    """The sentence ending with a colon that introduces the list ``sentence`` is an item of."""
    whole = enclosing_sentence(sentence, context)
    text = context.document.text
    if (inline := _inline_lead_in(sentence, whole, text)) is not None:
        return inline
    number = sentence_numbers(context).get(whole.start)
    if number is None or not _LIST_ITEM.match(text, whole.start):
        return None
    for previous in range(number - 1, max(-1, number - 1 - _LIST_REACH), -1):
        candidate = context.sentences[previous]
        if text[candidate.start:candidate.end].rstrip().endswith(":"):
            return candidate
        if not _LIST_ITEM.match(text, candidate.start):
            return None
    return None


def _inline_lead_in(sentence: Sentence, whole: Sentence, text: str) -> Sentence | None:
    """A list typed inside one sentence (« Le plafond ne s'applique pas : a) … ; b) … ; c) … »): for an
    item after a semicolon, the words before the colon that opens the list."""
    if not isinstance(sentence, Segment) or not sentence.offset or not _LIST_ITEM.match(text, sentence.start):
        return None
    colon = next((i for i, token in enumerate(whole.tokens[:sentence.offset]) if token.text == ":"), None)
    if not colon or not _LIST_ITEM.match(text, whole.tokens[colon].end):
        return None
    words = whole.tokens[:colon]
    return Segment(words[0].start, words[-1].end, words, 0)


def previous_sentence(sentence: Sentence, context: Context) -> Sentence | None:
    """The sentence just before ``sentence`` in the same top-level clause (None at its start)."""
    return _neighbour_in_article(sentence, context, -1)


def preceding_stretch(sentence: Sentence, context: Context) -> Sentence | None:
    """What comes just before ``sentence``: the stretch before its semicolon when it is one, the previous
    sentence of its clause otherwise (a pronoun opening it stands for a party named there)."""
    if isinstance(sentence, Segment) and sentence.offset > 0:
        whole = enclosing_sentence(sentence, context)
        tokens = whole.tokens[:sentence.offset - 1]
        if tokens:
            return Sentence(tokens[0].start, tokens[-1].end, tokens)
    return previous_sentence(sentence, context)


def following_sentence(sentence: Sentence, context: Context) -> Sentence | None:
    """The sentence just after ``sentence`` in the same top-level clause (None at its end)."""
    return _neighbour_in_article(sentence, context, 1)


def _neighbour_in_article(sentence: Sentence, context: Context, step: int) -> Sentence | None:
    whole = enclosing_sentence(sentence, context)
    number = sentence_numbers(context).get(whole.start)
    if number is None or not 0 <= number + step < len(context.sentences):
        return None
    neighbour = context.sentences[number + step]
    here, there = context.clause_of.get(whole.start), context.clause_of.get(neighbour.start)
    if here is None or there is None:
        return None
    # an article's heading standing as a sentence of its own names all its sub-clauses, often several subjects
    # at once ("Article 2 – Réversibilité et changement de fournisseur" above an exit transition in 2.1): it
    # lends its words to none of them. A sub-clause's own heading ("16.2 Exit Data Package") describes it.
    if there is not here and is_heading(neighbour, context):
        return None
    # sub-clauses of one article ("9.1", "9.2") share their first number; a new article starts afresh
    if here.ref.split(" (")[0].split(".")[0] != there.ref.split(" (")[0].split(".")[0]:
        return None
    return neighbour


def is_heading(sentence, context: Context) -> bool:
    """The sentence is only its clause's number and title ("6.3 Noms de domaine")."""
    clause = context.clause_of.get(sentence.start)
    if clause is None or not clause.title:
        return False
    words = re.findall(r"\w+", fold(context.document.text[sentence.start:sentence.end]))
    title = re.findall(r"\w+", fold(clause.title))
    label = re.findall(r"\w+", fold(clause.label))
    return bool(title) and words[-len(title):] == title and len(words) <= len(title) + len(label)


def earlier_stretch(sentence: Sentence, context: Context) -> Sentence | None:
    """The stretch just before ``sentence`` in its sentence when it follows a semicolon (None otherwise)."""
    if not isinstance(sentence, Segment) or not sentence.offset:
        return None
    earlier = [part for part in segments(enclosing_sentence(sentence, context))
               if getattr(part, "offset", 0) < sentence.offset]
    return earlier[-1] if earlier else None


def sentence_index_at(offset: int, context: Context) -> int:
    """The number of the sentence ``offset`` falls in (the last one starting at or before it); -1 before the first."""
    if "sentence starts" not in context.cache:
        context.cache["sentence starts"] = [s.start for s in context.sentences]
    return bisect.bisect_right(context.cache["sentence starts"], offset) - 1


def enclosing_sentence(sentence: Sentence, context: Context) -> Sentence:
    """The whole sentence a stretch between semicolons belongs to (the sentence itself otherwise)."""
    if not isinstance(sentence, Segment):
        return sentence
    index = sentence_index_at(sentence.start, context)
    whole = context.sentences[index] if index >= 0 else sentence
    return whole if whole.start <= sentence.start and sentence.end <= whole.end else sentence


def cap_hit(test: CapTest, sentence: Sentence, context: Context, parameters: dict) -> Hit | None:
    # A cap is read in its whole sentence, even from one stretch of it: caps are listed between
    # semicolons ("est limitée : pour la phase de réalisation, à ... ; pour la période de service, au
    # montant des redevances des six derniers mois", "the lower of: (a) EUR 150,000; and (b) ...").
    whole = enclosing_sentence(sentence, context)
    text = context.document.text[whole.start:whole.end]
    cap = parse_cap(text, context.language)
    if cap is None:
        return None
    owner = cap_owner(sentence, context)
    if test.actor != "any" and not actor_matches(test.actor, owner) and not (test.actor != "either" and owner == BOTH):
        return None
    months, basis, weighed = cap.months_of_fees, cap.basis, ()
    if basis == "amount" and cap.amount is not None and (fee := context.monthly_fee) is not None \
            and cap.amount.unit == fee.amount.unit:
        # "plafonnée à 50 000 €" with fees of 4 500 € a month: about eleven months of fees
        months, basis = round(cap.amount.value / fee.per_month, 2), "amount_over_fees"
        weighed = (("fees_per_month", f"{fee.per_month:g}"),)
    elif cap.combination == "lower_of" and months is not None and cap.amount is not None \
            and (fee := context.monthly_fee) is not None and cap.amount.unit == fee.amount.unit:
        # "the lower of EUR 50,000 and the fees of the last twelve months" with fees of 10,000 a month: five
        # months, whatever the period says
        months = min(months, round(cap.amount.value / fee.per_month, 2))
        weighed = (("fees_per_month", f"{fee.per_month:g}"),)
    if test.basis is not None and basis not in test.basis:
        return None
    if test.months_below is not None and not (months is not None and months < resolve(test.months_below, parameters)):
        return None
    if test.months_at_least is not None and not (
        months is not None and months >= resolve(test.months_at_least, parameters)
    ):
        return None
    if test.months_at_most is not None and not (
        months is not None and months <= resolve(test.months_at_most, parameters)
    ):
        return None
    values = ((test.record, f"{months:g}"),) if test.record and months is not None else ()
    return Hit(sentence, token_index_at(sentence, whole.start + cap.start), values + weighed, quantity_mark(whole, cap))


# ---------------------------------------------------------------------------------------------
# Decision


def in_scope(detect: Detect, sentence: Sentence, context: Context, parameters: dict | None = None) -> bool:
    parts = segments(sentence) if detect.scope.exclude_reach == "segment" and (detect.scope.exclude or detect.scope.exclude_soft) \
        else [sentence]
    return any(_part_in_scope(detect, part, sentence, context, parameters or {}) for part in parts)


def _part_in_scope(detect: Detect, part: Sentence, sentence: Sentence, context: Context, parameters: dict) -> bool:
    # In scope = concerned and not excluded; the cheap tests of concern come first, the exclusion
    # (long lists of look-alikes) is read only for a sentence that concerns the control.
    title = context.titles_of.get(sentence.start, "")
    if first_position(part, detect.scope.terms, context.cache) or any(fold(word) in title for word in detect.scope.titles):
        return not _excluded(detect, part, context)
    if detect.scope.match is None:
        return False
    return not _excluded(detect, part, context) and matches(detect.scope.match, part, context, parameters) is not None


def _excluded(detect: Detect, part: Sentence, context: Context) -> bool:
    scope = detect.scope
    if scope.exclude_soft and first_position(part, scope.exclude_soft, context.cache) \
            and not matches(scope.keep_when, part, context, {}):
        return True
    if not scope.exclude or not (excluded := first_position(part, scope.exclude, context.cache)):
        return False
    if scope.exclude_unless and first_position(part, scope.exclude_unless, context.cache):
        return False
    if scope.exclude_unless_match is not None and matches(scope.exclude_unless_match, part, context, {}):
        return False
    return scope.exclude_negated or any(not is_negated(part, p) for p in excluded)


def scope_sentences(detect: Detect, context: Context, parameters: dict | None = None) -> list[Sentence]:
    """The sentences a control looks at, found through the document's word index first."""
    candidates = context.index.sentences_with(detect.scope.terms)
    if detect.scope.match is not None:
        by_match = possible_sentences(detect.scope.match, context)
        candidates |= set(range(len(context.sentences))) if by_match is None else sentence_set(by_match)
    if detect.scope.titles:
        titles = [fold(word) for word in detect.scope.titles]
        for title, numbers in sentences_by_title(context).items():
            if any(word in title for word in titles):
                candidates |= numbers
    return [context.sentences[i] for i in sorted(candidates) if in_scope(detect, context.sentences[i], context, parameters)]


def sentences_by_title(context: Context) -> dict[str, set[int]]:
    """The folded titles of the clauses holding each sentence → the numbers of those sentences."""
    if "sentences by title" not in context.cache:
        grouped: dict[str, set[int]] = {}
        for number, sentence in enumerate(context.sentences):
            grouped.setdefault(context.titles_of.get(sentence.start, ""), set()).add(number)
        context.cache["sentences by title"] = grouped
    return context.cache["sentences by title"]


def evidence_of(hit: Hit, context: Context, say: str, rule: str) -> Evidence:
    sentence = hit.sentence
    clause = context.clause_of.get(sentence.start)
    return Evidence(
        clause=clause.ref if clause else "",
        clause_title=clause.title if clause else "",
        page=context.document.page_at(sentence.start),
        quote=context.document.text[sentence.start:sentence.end],
        start=sentence.start,
        end=sentence.end,
        rule=rule,
        say=say,
        marks=tuple(sorted({m for m in hit.marks if sentence.start <= m[0] < m[1] <= sentence.end})),
    )


def evaluate(control_id: str, detect: Detect, parameters: dict, context: Context,
             applies: tuple[bool, str] | None = None) -> ControlResult:
    """One control's status with its evidence and the reasons a reader needs."""
    if applies is not None and not applies[0]:
        return ControlResult(control_id, "not_applicable", reasons=(applies[1],))
    if detect.not_applicable_when is not None:
        outside = next((hit for s in worth_trying(detect.not_applicable_when, context.sentences, context)
                        if (hit := matches(detect.not_applicable_when, s, context, parameters))), None)
        if outside is not None:
            say = context.say(detect.not_applicable_say, detect.not_applicable_say_en)
            return ControlResult(control_id, "not_applicable", (evidence_of(outside, context, say, "not_applicable"),),
                                 (say,))
    scope = scope_sentences(detect, context, parameters)
    if not scope:
        return ControlResult(control_id, detect.silent, reasons=(context.say(detect.silent_say, detect.silent_say_en),))

    status, evidence, reasons, values = None, [], [], {}
    for flag in detect.flags:
        hits = [hit for s in worth_trying(flag.match, scope, context) if (hit := matches(flag.match, s, context, parameters))]
        if not hits:
            continue
        for hit in hits[:3]:
            evidence.append(evidence_of(hit, context, context.say(flag.say, flag.say_en), flag.id))
            values.update(hit.values)
        reasons.append(context.say(flag.say, flag.say_en))
        if flag.status != "pass" and (status is None or STATUS_ORDER[flag.status] > STATUS_ORDER[status]):
            status = flag.status
    unmet = []
    for requirement in detect.require:
        hit = next((h for s in worth_trying(requirement.match, scope, context)
                    if (h := matches(requirement.match, s, context, parameters))), None)
        if hit is None:
            unmet.append(requirement)
            continue
        values.update(hit.values)
        if status is None:
            evidence.append(evidence_of(hit, context, context.say(requirement.say, requirement.say_en), requirement.id))
    nothing_met = bool(detect.none_met and detect.require and status is None and len(unmet) == len(detect.require))
    if nothing_met and detect.none_met_unless is not None:
        nothing_met = not any(matches(detect.none_met_unless, s, context, parameters)
                              for s in worth_trying(detect.none_met_unless, context.sentences, context))
    for requirement in unmet:
        missing = context.say(f"Absent : {requirement.say}", requirement.say_en and f"Missing: {requirement.say_en}")
        reasons.append(missing)
        if status is None or STATUS_ORDER[requirement.missing_status] > STATUS_ORDER[status]:
            status = requirement.missing_status if status != "fail" else status
    if nothing_met:
        status = detect.none_met
    if status is None:
        status = "pass"
        if not evidence:
            evidence = [evidence_of(Hit(s, 0), context, "", "scope") for s in scope[:2]]
    if not evidence:
        evidence = [evidence_of(Hit(s, 0), context, "", "scope") for s in scope[:2]]
    return ControlResult(control_id, status, tuple(evidence), tuple(reasons), tuple(sorted(values.items())))
