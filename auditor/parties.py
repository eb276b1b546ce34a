"""Who is who: the provider and the client under the names the contract gives them, and who acts.

Many clauses are mirrored — the provider's right to terminate and the client's, a cap on the
provider's liability and one on the client's — so a check must know whose right or duty a
sentence states before it scores it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from auditor.nlp import Sentence, fold

Role = Literal["provider", "client"]
BOTH: frozenset[Role] = frozenset({"provider", "client"})

PROVIDER_WORDS = {
    "prestataire", "fournisseur", "hebergeur", "editeur", "agence", "infogereur", "titulaire", "integrateur",
    "mainteneur", "concedant", "provider", "supplier", "vendor", "contractor", "licensor", "host", "consultant",
}
CLIENT_WORDS = {
    "client", "beneficiaire", "acheteur", "acquereur", "souscripteur", "abonne", "licencie", "adjudicateur",
    "customer", "licensee", "buyer", "purchaser", "subscriber",
}
# In provider's terms the provider speaks as "nous" and addresses the client as "vous".
FIRST_PERSON = {"nous", "notre", "nos", "we", "our", "us"}
SECOND_PERSON = {"vous", "votre", "vos", "you", "your"}
EITHER_PARTY = re.compile(
    r"\b(?:chaque partie|chacune des parties|l'une ou l'autre des parties|l'une des parties|les parties|"
    r"les deux parties|either party|each party|both parties|the parties|a party|any party)\b"
)
# A party named after one of these words is an object or a complement, not the subject.
GOVERNING_WORDS = {
    "a", "au", "aux", "de", "du", "des", "d", "par", "pour", "contre", "envers", "aupres", "chez", "avec", "sans",
    "entre", "sur", "to", "of", "by", "from", "with", "for", "against", "toward", "towards", "upon", "on", "at",
}
DEFINED_NAME = re.compile(
    r"(?:ci-apr[eè]s|ci-dessous|hereinafter|hereafter)?\s*(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|referred to as|called)?"
    r"\s*[(:,]?\s*(?:l['’]|le |la |les |the )?[«“\"]\s*(?:l['’]|le |la |the )?(?P<name>[^»”\"]{2,40}?)\s*[»”\"]"
)


@dataclass(frozen=True)
class Parties:
    """Folded single words that name each party in this contract."""

    names: dict[str, Role] = field(default_factory=dict)

    def role_of(self, word: str) -> Role | None:
        key = fold(word).strip("'’")
        if key in self.names:
            return self.names[key]
        if key in PROVIDER_WORDS:
            return "provider"
        if key in CLIENT_WORDS:
            return "client"
        if key in FIRST_PERSON:
            return "provider"
        if key in SECOND_PERSON:
            return "client"
        return None


def find_parties(text: str) -> Parties:
    """Reads the names the contract defines ("ci-après « NuageSûr »", "(the “Host”)") and their roles.

    A defined name takes the role of a role word inside it ("le Prestataire") or, for a company
    name, of the role word closest to the definition ("agissant en qualité d'hébergeur").
    """
    names: dict[str, Role] = {}
    head = text[:30_000]
    for match in DEFINED_NAME.finditer(head):
        name = fold(match.group("name")).strip()
        words = re.findall(r"[a-z0-9-]+", name)
        if not words or len(words) > 4:
            continue
        role = _role_in(words) or _role_in(re.findall(r"[a-z]+", fold(head[max(0, match.start() - 250):match.start()])))
        if role is not None:
            for word in words:
                if word not in PROVIDER_WORDS | CLIENT_WORDS and len(word) > 2:
                    names.setdefault(word, role)
    return Parties(names)


def _role_in(words: list[str]) -> Role | None:
    for word in reversed(words):
        if word in PROVIDER_WORDS:
            return "provider"
        if word in CLIENT_WORDS:
            return "client"
    return None


def actor(sentence: Sentence, position: int, parties: Parties) -> frozenset[Role]:
    """The party (or parties) that does what the word at token ``position`` says.

    Passive voice first ("résilié par le Prestataire"), then the subject: the last party named
    before the word, in the same part of the sentence, that is not the complement of a
    preposition ("au Client", "by the Customer").
    """
    tokens = sentence.tokens
    for index in range(position + 1, min(len(tokens), position + 8)):
        if tokens[index].form in ("par", "by") and index + 1 < len(tokens):
            for follower in tokens[index + 1:index + 4]:
                role = parties.role_of(follower.text)
                if role:
                    return frozenset({role})
        if tokens[index].text in (";", ":", "."):
            break
    start = position
    while start > 0 and tokens[start - 1].text not in (";", ":"):
        start -= 1
    segment = " ".join(t.form for t in tokens[start:position])
    either = list(EITHER_PARTY.finditer(segment))
    for index in range(position - 1, start - 1, -1):
        role = parties.role_of(tokens[index].text)
        if role is None:
            continue
        governed = any(tokens[j].form in GOVERNING_WORDS for j in range(max(start, index - 2), index)
                       if tokens[j].form not in ("le", "la", "les", "l", "the", "l'"))
        if governed:
            continue
        mention_at = len(" ".join(t.form for t in tokens[start:index]))
        if either and either[-1].start() > mention_at:
            return BOTH
        return frozenset({role})
    if either:
        return BOTH
    return frozenset()
