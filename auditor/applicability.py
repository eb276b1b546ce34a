"""Whether a field of the checklist concerns the contract at all (health data, a cloud data
processing service, specific developments, domain names): the words that bring it in, read
against what denies them, names a certificate or carves them out of the contract."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.checklist import ApplicabilityRule
from auditor.evaluate import (
    NEGATION_PARTICLES,
    NEGATIONS_BEFORE,
    RESTRICTIVE,
    Context,
    Hit,
    evidence_of,
    first_position,
    is_heading,
    segments,
)
from auditor.models import Applicability
from auditor.nlp import fold


def denied(part, position: int) -> bool:
    """The words at ``position`` are what a negation denies: "does not store personal health data",
    "n'a pas vocation à héberger de données de santé", "aucune donnée relative aux patients", "les
    dossiers de médecine du travail ne sont pas hébergés". A restriction affirms ("n'héberge les
    données de santé que dans des centres certifiés")."""
    forms = [t.form for t in part.tokens]
    # Words that open with their own negation name an absence ("aucun dépôt des sources", "no source code
    # escrow"): in "Aucun dépôt des sources du Logiciel n'est prévu" the "ne" completes that negation, and the
    # package named is code the client depends on without holding it. An escrow refused of nothing named says
    # nothing of a package.
    # The package may be named before, in the same stretch of the sentence ("aucun code source du Logiciel ne vous est remis,
    # et nous ne procédons à aucun dépôt des sources auprès d'un tiers").
    if forms[position] in NEGATIONS_BEFORE and any(f.startswith(PACKAGE) for f in forms[:position + 10]):
        return False
    # "n'est pas responsable de la perte des dossiers patients" denies a liability, not the data
    negators = [i for i, form in enumerate(forms) if form in NEGATIONS_BEFORE and i != position
                and not any(f.startswith(LIABILITY) for f in forms[i + 1:i + 4])]
    # "autre que" after the words excepts from another denial ("il ne constitue pas un développement spécifique
    # et ne confère aucun droit autre que le droit d'usage"); before them it affirms, as "other than" does
    if without_before(forms, position):
        return True
    if not negators or any(restricts(forms, j, negators, position) and not (j > position and forms[j - 1] in ("autre", "autres"))
                           for j in range(negators[0] + 1, len(forms))) \
            or any(forms[i:i + 2] == ["other", "than"] for i in range(negators[0] + 1, position)):
        return False
    # "n'héberge pas lui-même les données de santé": the party denies doing it itself, another does it
    before = [i for i in negators if i < position and not any(f in ONESELF for f in forms[i + 1:position])]
    # A negation after the words denies them only when its verb is what brings them into the contract:
    # "les dossiers de médecine du travail ne sont pas hébergés", not "le code source n'est pas communiqué".
    after = [i for i in negators if position < i <= position + 8
             and not any(f in (",", ";", "et", "and", "qui", "which") for f in forms[position:i])
             and any(f.startswith(BRINGING_IN) for f in forms[i + 1:i + 5])]
    return bool(before or after)


# The software a client uses under licence, as contracts name it ("le Logiciel", "la Plateforme", "the Software")
PACKAGE = ("logiciel", "progiciel", "plateforme", "solution", "application", "software", "platform")


ONESELF = {"lui-meme", "elle-meme", "eux-memes", "elles-memes", "itself", "themselves", "directement", "directly"}


# "ne … pas", "ne … ni … ni" close a negation: a "que" after them opens another clause ("ne comportent ni
# diagnostic ni pièce médicale et que la Plateforme n'a pas vocation à…"), it restricts nothing.
CLOSING_PARTICLES = NEGATION_PARTICLES | {"ni", "plus", "aucun", "aucune"}
CONJUNCTIONS = {"et", "ou", "mais", "and", "or"}


def restricts(forms: list[str], j: int, negators: list[int], position: int) -> bool:
    """``forms[j]`` makes the negation before it a restriction: "n'héberge les données de santé que dans des
    centres certifiés", "except", "only". A « ne … que » opened after the words restricts another verb:
    "Aucun dossier patient n'est transmis, les plans ne comportant que des informations techniques"."""
    if forms[j] not in RESTRICTIVE:
        return False
    if forms[j] not in ("que", "qu'", "qu"):
        return True
    opening = max((i for i in negators if i < j), default=None)
    return opening is not None and opening < position and forms[j - 1] not in CONJUNCTIONS \
        and not any(f in CLOSING_PARTICLES for f in forms[opening + 1:j])


# Words that say the data are absent: "Absence de données de santé", "un service sans donnée de santé",
# "without any health data". Only articles may stand between them and the words.
ABSENCE = {"absence", "sans", "without", "free"}
ARTICLES = {"de", "d'", "des", "du", "la", "le", "les", "l'", "toute", "tout", "any", "of"}


def without_before(forms: list[str], position: int) -> bool:
    i = position - 1
    while i >= 0 and forms[i] in ARTICLES and position - i <= 3:
        i -= 1
    return i >= 0 and i < position and forms[i] in ABSENCE and (i < position - 1 or forms[i] != "free")


# Verbs by which data, developments or a service come into a contract: hosted, processed, stored, included.
BRINGING_IN = ("heberg", "trait", "stock", "conserv", "collect", "concern", "inclu", "prevu", "realis", "fourni",
               "host", "process", "stor", "includ", "provid")


# A clause whose whole title says it lists what the contract leaves out ("Article 14 – Exclusions",
# "Hors périmètre"): the subjects it names are not in the contract. "Exclusions de responsabilité" is
# another matter (the data are in scope, the damage is not), hence the whole title must match.
CARVE_OUT_TITLE = re.compile(
    r"(?:^|/ )(?:(?:article|clause|section)?\s*[\d.]*\s*[-–—:.]?\s*)"
    r"(?:exclusions?|exclusions? du perimetre|exclusions? de perimetre|elements? exclus|prestations? exclues?"
    r"|services? exclus|perimetre exclu|hors perimetre|hors champ|out of scope|excluded services?|exclusions? from scope)"
    r"\s*(?:$| /)")


def carve_out_title(title: str) -> bool:
    return bool(CARVE_OUT_TITLE.search(title))


LIABILITY = ("responsab", "liab", "dommage", "damage", "garanti", "warrant", "indemn")


def carving_out(part) -> list[tuple[int, int]]:
    """Where the words open a carve-out from the contract's scope: "Sont exclus du présent contrat :
    l'hébergement du dossier patient", "à l'exclusion de toute donnée de santé", "hors périmètre",
    "The Services exclude any hosting". What follows them is left out of the contract, not brought in.
    "exclusivement" restricts, it carves nothing; a liability exclusion ("la responsabilité du
    Prestataire est exclue pour…") leaves the data in scope. Each carve-out is a span of token positions: a
    list opened by a colon runs to the end, one in a relative clause ("le Prestataire, qui exclut toute
    sous-traitance, héberge…") stops at its comma."""
    forms = [t.form for t in part.tokens]
    heads = []
    for i, form in enumerate(forms):
        following = forms[i + 1:i + 4]
        if form.startswith("exclu") and not form.startswith("exclusi"):
            pass
        elif form in ("exclusion", "exclusions"):
            if not following or following[0] not in (":", "de", "des", "du", "d'", "of"):
                continue
        elif form == "exception":
            # "à l'exception des dossiers patients", "with the exception of patient records"
            if forms[i - 1:i] not in (["l'"], ["the"]) or following[:1] not in (["de"], ["des"], ["du"], ["d'"], ["of"]):
                continue
        elif form == "hors":
            if not any(f in ("perimetre", "champ", "contrat") for f in following[:3]):
                continue
        elif form in ("out", "outside"):
            if "scope" not in following[:3]:
                continue
        elif form == "other":
            # "all business data other than patient records"; after a negation it restricts ("no data other
            # than patient records"), which denied() reads as affirming
            if following[:1] != ["than"] or any(f in NEGATIONS_BEFORE for f in forms[:i]):
                continue
        else:
            continue
        before = forms[max(0, i - 4):i]
        if any(f in NEGATIONS_BEFORE for f in before) or any(f.startswith(LIABILITY) for f in before + following[:2]):
            continue
        end = min(len(forms), i + 25)
        if ":" in forms[i + 1:i + 6]:
            end = len(forms)
        elif any(f in ("qui", "which", "who") for f in forms[max(0, i - 3):i]):
            end = next((j for j in range(i + 1, len(forms)) if forms[j] == ","), len(forms))
        heads.append((i, end))
    return heads


BEING = ("est", "sont", "demeure", "demeurent", "reste", "restent", "is", "are", "remain", "remains", "be", "etre")


def said_excluded(part, position: int) -> bool:
    """The words at ``position`` are the subject said to be excluded: "l'hébergement des dossiers patients
    est exclu du Contrat", "Hosting is excluded from the Services and remains with Customer"."""
    forms = [t.form for t in part.tokens]
    for i in range(position + 1, min(len(forms), position + 13)):
        if forms[i] in ("exclu", "exclus", "exclue", "exclues", "excluded") and forms[i - 1] in BEING \
                and not any(f in NEGATIONS_BEFORE or f.startswith(LIABILITY) for f in forms[max(0, i - 5):i]):
            return True
    return False


def names_a_certificate(part, position: int) -> bool:
    """ "certifiée Hébergeur de Données de Santé", "certificat hébergeur de données de santé": the name of
    a certification, which says nothing of the data this contract hosts."""
    window = part.tokens[max(0, position - 4):position]
    # a capitalised article starts a new sentence glued to a heading ("Article 20 – Certification HDS\nLes données
    # de santé des patients sont hébergées…"): the certificate was the heading's subject, not this one's
    opening = max((i for i, t in enumerate(window) if t.text in OPENING_ARTICLES), default=-1)
    return any(t.form.startswith(("certifi", "certificat")) for t in window[opening + 1:])


OPENING_ARTICLES = {"Les", "Le", "La", "L'", "L’", "Des", "Ces", "Ses", "Leurs", "The", "All", "Toutes", "Tous"}


WITHOUT = ("sans", "without", "ni", "nor")


def brings_in(part) -> bool:
    """A stretch that goes on after a denial ("Le Client s'interdit d'y héberger des données de santé ; les
    associations de patients se limitent à un site vitrine sans formulaire collectant de telles informations")
    brings the field back only with a verb of its own that hosts, processes or stores it ("… ; il les héberge
    en France"): naming the same people again is the denial's elaboration, not an affirmation."""
    forms = [t.form for t in part.tokens]
    return any(form.startswith(BRINGING_IN)
               and not any(f in NEGATIONS_BEFORE or f in WITHOUT for f in forms[max(0, i - 5):i])
               for i, form in enumerate(forms))


def decide_applicability(name: str, rule: ApplicabilityRule, context: Context) -> Applicability:
    if rule.other_sense and len(context.index.sentences_with(rule.other_sense)) >= rule.other_sense_sentences:
        return Applicability(name, False, context.say(rule.say_not, rule.say_not_en))
    hits = affirmed_hits(rule.terms, rule, context)
    declaration = said(rule.declared_outside, context) if rule.declared_outside else None
    setting = affirmed_hits(rule.weak_terms, rule, context) if rule.weak_terms and (declaration or not hits) else []
    in_setting = bool(setting) and len({hit.sentence.start for hit in setting}) >= rule.weak_terms_sentences
    # a declaration that the data fall outside the field's law holds, unless the contract is set where it applies
    if declaration and not in_setting:
        say = context.say(rule.say_declared_outside or rule.say_not, rule.say_declared_outside_en or rule.say_not_en)
        return Applicability(name, False, say, (evidence_of(declaration, context, say, "applicability"),))
    if not hits and in_setting:
        hits = setting
    if not hits:
        return Applicability(name, False, context.say(rule.say_not, rule.say_not_en))
    say = context.say(rule.say, rule.say_en)
    evidence = tuple(evidence_of(hit, context, say, "applicability") for hit in hits[:3])
    return Applicability(name, True, say, evidence)


def said(phrases: tuple[str, ...], context: Context) -> Hit | None:
    """The first sentence saying one of ``phrases``."""
    for i in sorted(context.index.sentences_with(phrases)):
        if positions := first_position(context.sentences[i], phrases, context.cache):
            return Hit(context.sentences[i], positions[0])
    return None


def affirmed_hits(terms: tuple[str, ...], rule: ApplicabilityRule, context: Context) -> list[Hit]:
    """The sentences where one of ``terms`` is affirmed: not denied, carved out, excluded or a certificate's name.
    A clause heading naming the terms does not count where its clause only denies them."""
    candidates = [context.sentences[i] for i in sorted(context.index.sentences_with(terms))]
    # Each stretch between semicolons counts on its own: "…s'interdit d'utiliser les dossiers à
    # d'autres fins ; il les héberge en France" still says the contract concerns them.
    hits = []
    # A heading names a subject its clause may then deny ("6.3 Noms de domaine — Le titulaire n'intervient pas
    # sur les noms de domaine de l'établissement"): it counts unless its clause, sub-clauses included, denies
    # and affirms nothing.
    headings: list[Hit] = []
    denying: list[int] = []  # where sentences name the terms only to deny them, and where others affirm them
    affirming: list[int] = []
    for s in candidates:
        if carve_out_title(context.titles_of.get(s.start, "")):
            continue
        found = len(hits)
        listed = False  # "Sont exclus du contrat : a) … ; b) …": the carve-out runs over every item
        refused = False  # a stretch already named the field only to deny or forbid it
        left_out_here = False  # a stretch named the field only to deny it or leave it out of the contract
        for part in segments(s):
            heads = carving_out(part)
            if not listed and (positions := first_position(part, terms, context.cache)):
                if rule.exclude and first_position(part, rule.exclude, context.cache):
                    # a denial or a prohibition carries over; a mere look-alike (another contract, a third
                    # party's software) says nothing of the stretches after it
                    refused = refused or any(t.form in NEGATIONS_BEFORE or t.form.startswith(("interdi", "prohib"))
                                             for t in part.tokens)
                else:
                    denials = [p for p in positions if denied(part, p)]
                    left_out = [p for p in positions if p in denials or any(h < p < end for h, end in heads)
                                or said_excluded(part, p)]
                    affirmed = [p for p in positions if p not in left_out and not names_a_certificate(part, p)]
                    if affirmed and (not refused or brings_in(part)):
                        hits.append(Hit(s, affirmed[0]))
                    # a certificate's name refuses nothing: "certifié hébergeur de données de santé ; il administre
                    # les systèmes contenant les données de santé des patients"
                    refused = refused or (not affirmed and bool(denials))
                    left_out_here = left_out_here or (not affirmed and bool(left_out))
            listed = listed or any(t.form == ":" for h, _ in heads for t in part.tokens[h + 1:h + 6])
        if is_heading(s, context) or (len(hits) > found and names_only(s, terms, context)):
            headings += hits[found:]
            del hits[found:]
        elif len(hits) > found:
            affirming.append(s.start)
        elif refused or left_out_here:  # a certificate's name or a look-alike neither affirms nor denies
            denying.append(s.start)

    def only_denied_under(heading: Hit) -> bool:
        clause = context.clause_of[heading.sentence.start]
        return any(clause.start <= d < clause.end for d in denying) \
            and not any(clause.start <= a < clause.end for a in affirming)

    return sorted(hits + [h for h in headings if not only_denied_under(h)], key=lambda hit: hit.sentence.start)


def names_only(sentence, terms: tuple[str, ...], context: Context) -> bool:
    """The sentence is only the terms' words, a title in running text with no number ("Données de santé.",
    "Health data:"): like a heading, it names the subject the next sentences deal with. A sentence with a
    word of its own ("Provider hosts patient records.") says something of it."""
    # its own line: a clause heading the sentence splitter glued before it does not count
    text = context.document.text[sentence.start:sentence.end].strip().rsplit("\n", 1)[-1]
    words = [fold(word) for word in re.findall(r"\w+", text)]
    return 0 < len(words) <= 6 and text[:1].isupper() and all(word in vocabulary_of(terms) for word in words)


@lru_cache(maxsize=32)
def vocabulary_of(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for term in terms for word in re.findall(r"\w+", fold(term))) | TITLE_WORDS


TITLE_WORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "of", "the", "and"}
