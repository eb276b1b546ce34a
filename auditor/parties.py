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
    "prestataire", "fournisseur", "hebergeur", "editeur", "agence", "infogereur", "infogerant", "titulaire",
    "integrateur", "mainteneur", "concedant", "provider", "supplier", "vendor", "contractor", "licensor", "host", "consultant",
    # a managed-services agreement names its provider "the MSP"
    "msp",
    # an equipment lease with hosting and maintenance: the lessor provides, the lessee is the client
    "loueur", "lessor",
    # the operator of a data centre, a network, a platform
    "operateur", "operator",
    # a reseller sells the client a service it does not make itself
    "revendeur", "reseller",
}
CLIENT_WORDS = {
    "client", "beneficiaire", "acheteur", "acquereur", "souscripteur", "abonne", "licencie", "adjudicateur",
    "adjudicatrice", "adherent", "adherente", "mandant", "collectivite",
    "customer", "licensee", "buyer", "purchaser", "subscriber", "locataire", "lessee",
    # the tenant of racks in a colocation data centre
    "colocataire",
}
# In provider's terms the provider speaks as "nous" and addresses the client as "vous".
FIRST_PERSON = {"nous", "notre", "nos", "we", "our", "us"}
SECOND_PERSON = {"vous", "votre", "vos", "you", "your"}
EITHER_PARTY = re.compile(
    r"\b(?:chaque partie|chacune des parties|l'une ou l'autre des parties|l'une des parties|les parties|"
    r"les deux parties|either party|each party|both parties|the parties|a party|any party)\b"
)
# Parts of a sentence opening with these words are adverbial: the subject is elsewhere.
SUBORDINATORS = {
    "si", "s'", "lorsque", "lorsqu'", "quand", "apres", "avant", "sauf", "en", "des", "faute", "a", "au", "dans",
    "pour", "afin", "notamment", "outre", "if", "when", "where", "after", "before", "unless", "upon", "in",
    "following", "save", "except", "without", "sans", "par", "by",
}
# A party named after one of these words is an object or a complement, not the subject.
GOVERNING_WORDS = {
    "a", "au", "aux", "de", "du", "des", "d", "d'", "par", "pour", "contre", "envers", "aupres", "chez", "avec", "sans",
    "entre", "sur", "to", "of", "by", "from", "with", "for", "against", "toward", "towards", "upon", "on", "at",
}
DEFINED_NAME = re.compile(
    r"(?:ci-apr[eè]s|ci-dessous|hereinafter|hereafter)?\s*(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|referred to as|called)?"
    # (a party standing for several entities: '(together the "Group")', « (ensemble « le Groupement ») »)
    r"\s*[(:,]?\s*(?:(?:together|collectively|jointly|ensemble)\s*,?\s*)?"
    r"(?:l['’]|le |la |les |the )?[«“\"]\s*(?:l['’]|le |la |the )?(?P<name>[^»”\"]{2,40}?)\s*[»”\"]"
)


@dataclass(frozen=True)
class Parties:
    """Folded single words that name each party in this contract."""

    # None: a role word the contract defines as a third company's name (« Hébergeur » : la société X, sous-traitant)
    names: dict[str, Role | None] = field(default_factory=dict)

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

    def role_at(self, tokens, index: int) -> Role | None:
        """The role of the party named by token ``index``, unless the word there names no party:
        "titulaire" in "le Client est titulaire du nom de domaine" is the holder of a right."""
        role = self.role_of(tokens[index].text)
        if role is not None and self._another_of_its_kind(tokens, index):
            return None
        if role is None or tokens[index].form not in HOLDER_WORDS:
            return role
        if index > 0 and tokens[index - 1].form in COPULAS:
            return None
        following = [t.form for t in tokens[index + 1:index + 4] if t.form not in ("le", "la", "les", "l'", "l")]
        if following and following[0] in ("de", "du", "des", "d'", "d"):
            return role if len(following) > 1 and following[1] in AWARDED_CONTRACTS else None
        return role

    def _another_of_its_kind(self, tokens, index: int) -> bool:
        """« vers un autre hébergeur », "a switch to another provider", « le nouveau prestataire », « un prestataire
        tiers »: a company of the same trade, not the party (unless the contract names a party so, « le Nouveau
        Titulaire » of a transfer)."""
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        return (before is not None and before.form in OTHER_OF_ITS_KIND and fold(before.text) not in self.names
                or after is not None and after.form in THIRD_OF_ITS_KIND)


# words that make a provider or client word name another company of that trade: « un autre hébergeur »,
# « le nouveau prestataire », "another provider", "the successor supplier", « un prestataire tiers »
OTHER_OF_ITS_KIND = {"autre", "autres", "nouveau", "nouvel", "nouvelle", "nouveaux", "another", "other", "new",
                     "successor", "alternative", "incoming", "replacement", "subsequent", "third-party", "tiers"}
THIRD_OF_ITS_KIND = {"tiers", "successeur", "entrant", "repreneur"}

# "titulaire" names the provider of a public contract ("le titulaire du marché") but also the holder
# of a right ("titulaire du nom de domaine", "titulaire des droits de propriété intellectuelle").
HOLDER_WORDS = {"titulaire"}
AWARDED_CONTRACTS = {"marche", "contrat", "present", "accord-cadre", "accord", "lot", "bon", "marches"}
# professions whose holder of the office or practice is called « titulaire » (« le Pharmacien titulaire » of a
# pharmacy, « le Notaire titulaire » of an office): a client, unlike « le Nouveau titulaire » of a public contract
OFFICE_HOLDERS = {"pharmacien", "pharmacienne", "notaire", "huissier", "commissaire", "medecin", "praticien",
                  "praticienne", "chirurgien-dentiste", "biologiste", "veterinaire", "avocat", "avocate"}
COPULAS = {"est", "sera", "soit", "reste", "restera", "demeure", "demeurera", "devient", "deviendra", "etre", "sont"}


def find_parties(text: str) -> Parties:
    """Reads the names the contract defines ("ci-après « NuageSûr »", "(the “Host”)") and their roles.

    A defined name takes the role of a role word inside it ("le Prestataire") or, for a company
    name, of the role word closest to the definition ("agissant en qualité d'hébergeur").
    """
    names: dict[str, Role] = {}
    unresolved: list[str] = []
    # each party of unknown role: its name's words and its description
    unknown_parties: list[tuple[list[str], str]] = []
    # the role words that name each party where it is introduced ('("Vendor"); and … ("Operator")')
    party_role_words: list[list[str]] = []
    head = text[:30_000]
    previous_end = 0
    # (the end of the last definition that introduced a party: names quoted inside a description, « agissant pour
    # ses filiales éditrices des titres « L'Écho » et « Combes Hebdo » », do not start a new one)
    party_end = 0
    # the words of the last defined name, which a pronoun right after it may give a role ("Veltrion", "we" or "us")
    last_words: list[str] = []
    previous_is_entry = False
    # the role the previous defined name took, which a second name of the same party shares
    previous_role: Role | None = None
    for match in DEFINED_NAME.finditer(head):
        first_name_role, previous_role = previous_role, None
        # a party's description starts after the previous definition: the other party's is not its own
        description_start, previous_end = previous_end, match.end()
        party_start = party_end
        if _introduces_a_party(match, head):
            party_end = match.end()
        # ('"Including" means "including without limitation"': the quoted meaning of a definitions entry is no
        # second name of a party)
        second_name = match.start() - description_start <= 12 and not previous_is_entry
        previous_is_entry = bool(DEFINITION_ENTRY.match(head, match.end()))
        if second_name:
            description_start = 0  # a second name of the same party (« le Client » ou « les Résidences »)
        name = fold(match.group("name")).strip()
        if second_name and name in FIRST_PERSON | SECOND_PERSON:
            # ("Veltrion", "we", "us" or "our"), ("the Clinic", "you"): terms speak as the provider and to the client
            for word in last_words:
                names.setdefault(word, "provider" if name in FIRST_PERSON else "client")
            continue
        words = last_words = _name_words(name)
        if not words or len(words) > 4:
            continue
        if ACTIVITY_NAME.search(name):
            # « hébergeur de données de santé » names an activity or a certificate, not a party: its words
            # ("santé") must not become a party's name
            continue
        role = _role_in(re.findall(r"[a-z]+", name))
        if len(words) == 2 and words[1] in HOLDER_WORDS and words[0] in OFFICE_HOLDERS:
            # « le Pharmacien titulaire » (of the pharmacy it runs), « le Notaire titulaire »: « titulaire »
            # qualifies a profession, the professional holding an office who buys the service; it names no
            # public contract's provider, here or anywhere in the text
            role = "client"
            for word in words:
                names.setdefault(word, role)
        role_named = role is not None
        if role_named and _introduces_a_party(match, head):
            party_role_words.append(words)
        if role is None and second_name:
            # « Pouvoir adjudicateur » ou « GIP » désigne …: the short name of a party whose first name says its role
            role = first_name_role
        # a party defined as « le Membre » (of a GIP, a syndicate) is served by the body it belongs to, as
        # « l'Adhérent » is: the client. Only as a party's defined name: "États membres" names no party, nor does
        # an entry of the definitions ('"Member" means any person covered by the Insurer') naming the client's
        # own members or users.
        member = words in (["membre"], ["member"]) and not DEFINITION_ENTRY.match(head, match.end())
        if role is None and (words[0] in LOCAL_AUTHORITIES or member):
            # « la Ville de Lormeval (ci-après « la Ville ») »: a local authority buys the services
            role = "client"
        if role is None and (alias := ALIAS_AFTER.match(head, match.end())):
            # ci-après « Hébergia » ou « le Prestataire »: the second name says the role of the first (before any
            # label line above, which may open the other party's entry: « Titulaire : X SAS » … « le Syndicat » ou
            # « le pouvoir adjudicateur »)
            role = _role_in(re.findall(r"[a-z]+", fold(alias.group("name"))))
        if role is None and _introduces_a_party(match, head) and (
                label := _party_label_before(head, max(description_start, match.start() - 600), match.start())):
            # « Pouvoir adjudicateur : le Service départemental …, ci-après « le SDIS » », "Supplier: X Ltd
            # (“Nimbus”)": the label that opens the party's entry says its role
            role = label
        if role is None and _introduces_a_party(match, head) and _author_of_the_terms(
                head, max(0, match.start() - 600), match.start()):
            # « Les présentes conditions générales sont proposées par X, société par actions simplifiée …
            # (« X ») »: the company whose terms they are provides the service they sell
            role = "provider"
        if role != "client" and PUBLIC_BUYER_ENTRY.match(head, match.end()):
            # « le Grand Port » : le Grand Port Maritime de …, pouvoir adjudicateur ; — an entry of the
            # definitions naming the public buyer by its legal capacity. The capacity outweighs a role word in
            # the name: « Agence » : l'Agence de l'eau …, pouvoir adjudicateur is the buyer, not a web agency.
            if role is not None:
                for word in words:
                    names[word] = "client"
            role = "client"
        if role is None and not DEFINITION_ENTRY.match(head, match.end()) and (
                second_name or _introduces_a_party(match, head)):
            # A company's defined name takes the role stated in its party description (not an entry of the
            # definitions article, « Tiers Hébergeur » : la société X SAS, sous-traitant de l'Éditeur, whose
            # next entries would otherwise take the role of the company described before them; nor a term
            # quoted in passing near « la Société », « un audit de santé du code (« bilan de santé ») »).
            before = head[max(0, match.start() - 250, description_start):match.start()]
            # « représentée par sa pharmacienne titulaire » describes the signatory, not the party's role
            before = REPRESENTATIVE.sub(" ", before)
            # « titulaire d'une délégation ministérielle » is the holder of a right, not a public contract's holder
            before = RIGHT_HOLDER.sub(" ", before)
            if COMPANY_MARKERS.search(before):
                role = _role_in(re.findall(r"[a-z]+", fold(before)))
        previous_role = role
        if role is not None and _introduces_a_party(match, head) and not DEFINITION_ENTRY.match(head, match.end()):
            # « Escarbel Systèmes, SAS au capital de…, ci-après « le Titulaire » », then « Escarbel Systèmes peut
            # suspendre l'accès… »: the company's own name, where the text keeps using it, is the party's too
            for word in _brand_name(text, head, max(description_start, match.start() - 600), match.start()):
                names.setdefault(word, role)
        if role is not None:
            for word in words:
                # « Espace Client », « Fiche Bénéficiaire », "Successor Provider", "Client Environment": beside
                # a role word, only a word naming an organisation is the party's name; the others name
                # something of the party, or another provider
                if word not in PROVIDER_WORDS | CLIENT_WORDS and (
                        not role_named or len(words) == 1 or word in ORGANISATION_WORDS):
                    names.setdefault(word, role)
        elif _names_a_party(match, head, min(description_start, party_start)) and len(words) <= 3:
            # « le Centre Hospitalier », « le Groupe Mutualiste »: the words that qualify the organisation name
            # it; « centre » or « groupe » alone would also name a data centre or a company group
            found = list(words) if len(words) == 1 else [w for w in words if w not in ORGANISATION_WORDS]
            if alias := ALIAS_AFTER.match(head, match.end()):
                alias_words = _name_words(fold(alias.group("name")))
                # ci-après « Nebulor » ou « l'Opérateur »: the second name is the same party's; « le Groupe
                # d'imagerie » ou « le Groupe »: the short name the contract then uses is its name even when
                # it is an organisation's word
                if len(words) == 1 or len(alias_words) == 1:
                    found += alias_words
            unresolved.extend(found)
            unknown_parties.append((found, head[max(0, description_start, match.start() - 900):match.start()]))
    _operator_buying_from_a_provider(names, party_role_words)
    public = [i for i, (_, description) in enumerate(unknown_parties) if PUBLIC_BODY.search(description)]
    if len(unknown_parties) == 2 and len(public) == 1:
        # two parties of unknown role (« le CHU », établissement public de santé, and « la Société »): the role
        # words of the text then name a third company (« l'Hébergeur » : la société X), and no single role fits
        # both; the public body buys, the other provides
        _name_provider_and_client(names, unknown_parties, provider=1 - public[0])
        unresolved = []
    entrusted = list(THIRD_COMPANY_ENTRUSTED_BY.finditer(head))
    if len(unknown_parties) == 2 and (served := _party_served_by_a_third_company(entrusted, unknown_parties)) is not None:
        # « Hébergeur » : la société X, à laquelle la Société confie l'hébergement: the party that entrusts the
        # hosting to a third company provides the service; the other one buys it
        _name_provider_and_client(names, unknown_parties, provider=served)
        unresolved = []
    if len(unknown_parties) == 2 and unresolved and (publisher := _party_publishing_software(head, unknown_parties)) is not None:
        # two parties of unknown role (« la Société » and « le Praticien ») where the preamble says one of them
        # publishes or hosts the software (« La Société édite et exploite en mode hébergé un logiciel… »): that
        # one provides, the other buys (the role nobody names would give both parties the same role)
        _name_provider_and_client(names, unknown_parties, provider=publisher)
        unresolved = []
    if unresolved and (role := _role_nobody_names(text, names)):
        # « la société X SAS, ci-après « l'Opérateur » » in a contract that otherwise only ever speaks
        # of « le Client »: the party of unknown role is the one the contract names no other way.
        for word in unresolved:
            names.setdefault(word, role)
    if "provider" not in names.values():
        for word in _letterhead_name(head):
            names.setdefault(word, "provider")
    if "provider" not in names.values() and _role_nobody_names(text, names) == "provider":
        # terms that name only the client (« ci-après « le Souscripteur » ») and speak of the provider by
        # its company name, introduced with its legal form: « ACME INFO, SARL au capital de… »
        for word in _company_opening_name(head):
            names.setdefault(word, "provider")
    for label in BUYER_LABEL_LINE.finditer(head, 0, 5000):
        # « Acheteur : Communauté de communes des Coteaux… », then « la Communauté de communes en informe le
        # titulaire »: a public buyer labelled in the heading and called by its kind without a defined name
        kind = re.findall(r"[a-z]+", fold(label.group("name")))[:1]
        if kind and (kind[0] in LOCAL_AUTHORITIES or kind[0] in PUBLIC_BUYER_KINDS):
            names.setdefault(kind[0], "client")
    if "client" not in names.values() and not _client_role_word_used(text):
        # « la Région en informe le titulaire » with the Région named only in the letterhead: a local authority
        # the text keeps calling by its kind, where nothing else names the client, is the buyer
        kinds = [fold(kind) for kind in AUTHORITY_IN_TEXT.findall(text)]
        if PUBLIC_PROCUREMENT.search(head):
            # « le Syndicat en informe le titulaire » in a public contract: the public body it keeps naming by its
            # kind is the buyer too
            kinds += [fold(kind) for kind in PUBLIC_BUYER_IN_TEXT.findall(text)]
        if kinds and kinds.count(top := max(set(kinds), key=kinds.count)) >= 3:
            names.setdefault(top, "client")
    if first_person := FIRST_PERSON_DEFINED.search(head):
        # « ci-après « le Prestataire » ou « je » »: a sole trader writing in the first person; « je », « me »,
        # « mon » then name that party (terms in « nous » are already read as the provider's)
        role = _role_in(re.findall(r"[a-z]+", fold(first_person.group("name"))))
        role = role or next((names[w] for w in _name_words(fold(first_person.group("name"))) if w in names), None)
        if role is not None:
            for word in FIRST_PERSON_SINGULAR:
                names.setdefault(word, role)
    for entry in (*ROLE_WORD_FOR_A_THIRD_COMPANY.finditer(head), *entrusted):
        # « Hébergeur » : la société X, sous-traitant de l'Éditeur — « Hébergeur Physique » : la société X, qui met
        # à disposition du Prestataire ses locaux: the role word names a company serving the provider, not the
        # provider, and the hosting it certifies is not the provider's own
        role_words = [w for w in re.findall(r"[a-z]+", fold(entry.group("name"))) if w in PROVIDER_WORDS]
        served = fold(entry.group("served"))
        if (len(role_words) == 1 and role_words[0] != served and role_words[0] not in names
                and (served in PROVIDER_WORDS or names.get(served) == "provider")):
            names[role_words[0]] = None
    return Parties(names)


# « Hébergeur » : la société X, … — a role word defined as a company's name, then what that company is
_ROLE_WORD_DEFINED = (
    r"[«“\"]\s*(?:\*\*)?\s*(?:l['’]\s*|le |la |the )?(?P<name>[^»”\"*]{2,30}?)\s*(?:\*\*)?\s*[»”\"]\s*(?:\*\*)?"
    r"\s*(?::|d[ée]sign\w*\s|means\b|shall mean|refers to)[^\n.;]{0,160}?"
)
ROLE_WORD_FOR_A_THIRD_COMPANY = re.compile(
    _ROLE_WORD_DEFINED +
    r"\b(?:sous-traitant\s+(?:de|du)|retenue?\s+par|choisie?\s+par|mandat[ée]e?\s+par|s[ée]lectionn[ée]e?\s+par"
    r"|(?:qui\s+)?met\s+à\s+(?:la\s+)?disposition\s+(?:de|du)|subcontractor\s+(?:of|to)|engaged\s+by|selected\s+by"
    r"|appointed\s+by|retained\s+by|used\s+by)\s+(?:l['’]\s*|le\s+|la\s+|the\s+)?(?P<served>\w+)",
    re.IGNORECASE)


# « Hébergeur » : la société X, à laquelle la Société confie l'hébergement — "Host" means X, to which the Supplier
# subcontracts the hosting: the party named after the relative pronoun hands work to that company
THIRD_COMPANY_ENTRUSTED_BY = re.compile(
    _ROLE_WORD_DEFINED +
    r"\b(?:[àa]\s+laquelle|auquel|[àa]\s+qui|to\s+which|to\s+whom)\s+(?:l['’]\s*|le\s+|la\s+|the\s+)?(?P<served>\w+)\s+"
    r"(?:confie|sous-traite|d[ée]l[èe]gue|a\s+confi[ée]|entrusts|subcontracts|outsources|delegates|has\s+entrusted)\b",
    re.IGNORECASE)


# role words that name a provider in most contracts but may name the buyer: the operator of marinas, of a car park
AMBIGUOUS_PROVIDER_WORDS = {"operateur", "operator"}


def _operator_buying_from_a_provider(names: dict[str, Role | None], party_role_words: list[list[str]]) -> None:
    """'("Vendor"); and … ("Operator")': both parties named by provider words, one of them only an operator
    (of marinas, of a network of sites). The other one provides; the operator is the client."""
    roles = [_role_in(words) for words in party_role_words]
    if len(party_role_words) != 2 or roles != ["provider", "provider"]:
        return
    ambiguous = [words[-1] in AMBIGUOUS_PROVIDER_WORDS for words in party_role_words]
    if ambiguous.count(True) == 1:
        names.setdefault(party_role_words[ambiguous.index(True)][-1], "client")


def _party_served_by_a_third_company(entrusted: list[re.Match], unknown_parties: list[tuple[list[str], str]]) -> int | None:
    """Which of the parties of unknown role hands work to a third company the definitions name by a role word."""
    for entry in entrusted:
        served = fold(entry.group("served"))
        holders = [i for i, (found, _) in enumerate(unknown_parties) if served in found]
        if len(holders) == 1:
            return holders[0]
    return None


FIRST_PERSON_SINGULAR = ("je", "j", "me", "m", "moi", "mon", "ma", "mes")
FIRST_PERSON_DEFINED = re.compile(
    r"[«“\"]\s*(?P<name>[^»”\"]{2,40}?)\s*[»”\"]\s*(?:ou|et|,)\s*(?:encore\s+)?(?:simplement\s+)?[«“\"]\s*(?:je|moi)\s*[»”\"]",
    re.IGNORECASE)
# Local authorities called by their kind with a capital (« la Région », « le Département », « la Mairie »)
AUTHORITY_IN_TEXT = re.compile(r"\b(?:[Ll]a |[Ll]e |[Ll]['’])(Région|Département|Commune|Ville|Métropole|Mairie)\b")
PUBLIC_BUYER_IN_TEXT = re.compile(r"\b(?:[Ll]a |[Ll]e |[Ll]['’])(Syndicat|Université|Hôpital|CHU|Ministère|Institut|École|Lycée|"
                                  r"Collège|Musée|Préfecture|Conservatoire)\b")
PUBLIC_PROCUREMENT = re.compile(r"\b(?:marché public|marchés publics|CCAP|CCAG|commande publique|pouvoir adjudicateur|"
                                r"titulaire du marché)\b", re.IGNORECASE)


# « La Société édite et exploite en mode hébergé un logiciel », "the Company develops and hosts a platform": a party
# named as the subject of publishing or hosting software (a company name needs no article: "Nodewright hosts…")
SOFTWARE_PUBLISHED_BY = re.compile(
    r"\b(?:l['’]\s*|le\s+|la\s+|the\s+)?(?P<name>[^\W\d]+)\s+(?:(?:a\s+|has\s+)?(?:con[çc]u|d[ée]velopp[ée])\s+et\s+)?"
    r"(?:[ée]dite|publie|d[ée]veloppe|commercialise|h[ée]berge|publishes|develops|markets|hosts)\b"
    r"[^.]{0,80}?\b(?:logiciel|progiciel|solution|plateforme|application|software|platform|saas)",
    re.IGNORECASE)
# "(B) Nodewright operates the Nodewright Cloud platform from data centres", « X exploite des centres de données »: a
# party operating cloud or hosting infrastructure provides (a client operating its own platform, "Marketplace operates
# an online auction platform", names no cloud or hosting)
INFRASTRUCTURE_OPERATED_BY = re.compile(
    r"\b(?:l['’]\s*|le\s+|la\s+|the\s+)?(?P<name>[^\W\d]+)\s+(?:exploite|operates)\b[^.]{0,60}?"
    r"\b(?:cloud|centres? de donn[ée]es|data\s*cent(?:re|er)s?|datacent(?:re|er)s?|h[ée]bergement|hosting)\b",
    re.IGNORECASE)


def _name_provider_and_client(names: dict[str, Role], unknown_parties: list[tuple[list[str], str]], provider: int) -> None:
    """Of two parties of unknown role, the one at ``provider`` provides and the other buys."""
    for i, (found, _) in enumerate(unknown_parties):
        for word in found:
            names.setdefault(word, "provider" if i == provider else "client")


def _party_publishing_software(head: str, unknown_parties: list[tuple[list[str], str]]) -> int | None:
    """Which one of two parties of unknown role the text names as publishing or hosting the software."""
    acting = {i for pattern in (SOFTWARE_PUBLISHED_BY, INFRASTRUCTURE_OPERATED_BY) for match in pattern.finditer(head)
              for i, (found, _) in enumerate(unknown_parties) if fold(match.group("name")) in found}
    return acting.pop() if len(acting) == 1 else None


def _client_role_word_used(text: str) -> bool:
    return bool({fold(word) for word in ROLE_WORD_IN_TEXT.findall(text)} & CLIENT_WORDS)


def _name_words(folded_name: str) -> list[str]:
    """The words of a defined name that may name a party (not « le », « de », « ci-après »)."""
    return [w for w in re.findall(r"[a-z0-9-]+", folded_name) if w not in GENERIC_WORDS and len(w) > 2]


# A public body, the buyer of a public contract, in a party's description.
PUBLIC_BODY = re.compile(r"\b(?:établissement public|etablissement public|pouvoir adjudicateur|collectivité territoriale|"
                         r"public body|public authority|contracting authority)\b", re.IGNORECASE)


# A line opening on a label and a colon (« Pouvoir adjudicateur : », « Titulaire : », "Customer:")
PARTY_LABEL = re.compile(r"^\W*(?P<label>[^\W\d][^\W\d' -]*(?:[' -][^\W\d]+){0,2})\s*:", re.M)


def _party_label_before(head: str, start: int, end: int) -> Role | None:
    """The role a label names when the last labelled line before a party's name opens its entry."""
    labels = list(PARTY_LABEL.finditer(head, start, end))
    return _role_in(re.findall(r"[a-z]+", fold(labels[-1].group("label")))) if labels else None


BUYER_LABEL_LINE = re.compile(r"^\W*(?:acheteur|pouvoir adjudicateur|client|b[ée]n[ée]ficiaire)\s*:\s*(?P<name>[^\n,]{2,80})",
                              re.I | re.M)


# A definitions entry whose body ends on the public buyer's capacity: « X » : <its full name>, pouvoir adjudicateur ;
PUBLIC_BUYER_ENTRY = re.compile(
    r"\s*:[^;\n«»]{0,160}?,\s*(?:en (?:sa )?qualité d['’]\s*)?(?:pouvoir adjudicateur|entité adjudicatrice|"
    r"acheteur(?: public)?|contracting authority)\s*(?:[;.]|\n|$)"
    # « l'établissement » désigne le CHU de X en qualité d'acheteur et de responsable de traitement: the capacity
    # is stated, whatever follows it
    r"|\s*(?::|d[ée]sign\w*\s)[^;\n«»]{0,160}?\ben (?:sa |leur )?qualité (?:d['’]\s*|de )"
    r"(?:pouvoir adjudicateur|entité adjudicatrice|acheteur)", re.IGNORECASE)
DEFINITION_ENTRY = re.compile(r"\s*(?::|d[ée]sign\w*\s|signifi\w*\s|s['’]entend|means\b|shall mean|refers to)",
                              re.IGNORECASE)
REPRESENTATIVE = re.compile(r"\b(?:repr[ée]sent[ée]e?s?\s+par|represented\s+by)\b[^,;()«»]*", re.IGNORECASE)
RIGHT_HOLDER = re.compile(r"\btitulaire\s+(?:d['’]\s*|de\s+|du\s+|des\s+)(?:la\s+|l['’]\s*|une?\s+)?"
                          r"(?!march|contrat|pr[ée]sent|accord|lot\b|bon\b)\w+", re.IGNORECASE)
# Company legal forms, as a regex alternation ("SAS", "SARL", "Ltd"...).
LEGAL_FORMS = r"SAS|SARL|SA|SASU|EURL|SCOP|GIE|Ltd|Limited|Inc|LLC|GmbH|PLC"
COMPANY_OPENING = re.compile(
    r"^\W*(?P<name>[A-Z0-9ÀÂÉÈÊËÎÏÔÛÙÜÇ][A-Z0-9ÀÂÉÈÊËÎÏÔÛÙÜÇ&'’ .-]{1,40}?)\s*,\s*"
    rf"(?:soci[ée]t[ée]\s+)?(?:{LEGAL_FORMS})\b",
    re.MULTILINE,
)


# The line a party's entry opens with (or the "and" that opens the second party's on the same line): « Et : »,
# « ENTRE LES SOUSSIGNÉS », a number or a label, then « la société » or its name, then its legal form or description
# (« Psycordia SAS, société par actions simplifiée… », "…; and Brennac Foods SAS, a company…").
_ENTRY_WORDS = r"et|entre|and|between|d['’]une part|d['’]autre part"
PARTY_ENTRY_OPENING = re.compile(
    rf"(?:^|[;),]\s*(?=(?:and|et)\s))[\s\W\d]*(?:(?:{_ENTRY_WORDS})\b\s*:?\s*)?"
    # (a label opening the entry: « Client : École de danse… », "Supplier: Kestrel Data Ltd")
    r"(?P<label>(?:client|prestataire|titulaire|fournisseur|acheteur|pouvoir adjudicateur|h[ée]bergeur|[ée]diteur"
    r"|customer|supplier|provider|vendor)\s*:\s*)?"
    r"(?:(?:la |the )?(?:soci[ée]t[ée]|company)\s+|l['’]|la |le |les |the )?(?P<word>[A-ZÀ-ÖØ-Þ][\w’'-]{3,})"
    r"(?P<rest>[^\n]{0,60})",
    re.IGNORECASE | re.MULTILINE)


SOLE_TRADER = re.compile(r"\b(?:SIRE[NT]|RCS|entrepreneur individuel|auto-entrepreneur|micro-entrepr\w*|sole trader)\b",
                         re.IGNORECASE)
OFFERED_TO = re.compile(r"\b(?:propos|offr|fourni|vend|commercialis|destin|r[ée]serv|provid|offer|suppl|sell)\w*"
                        r"(?:\s+[^\s(«“\"]+){0,4}?\s+(?:aux|au|[àa]|to)\s", re.IGNORECASE)
ENTRY_LABELS = {"entre", "between", "soussignes", "parties", "titulaire", "prestataire", "client", "acheteur"}


# Terms presented as their author's (« Les présentes conditions … sont proposées par », "These Terms are issued by"),
# the company's description following up to its defined name
TERMS_AUTHOR = re.compile(
    r"\b(?:conditions|CG[AUV]|pr[ée]sentes|terms|agreement)\b[^.;]{0,80}?\b(?:sont|est|are|is)\s+"
    r"(?:propos[ée]e?s|[ée]tablie?s|[ée]dit[ée]e?s|[ée]mise?s|offered|issued|provided|published)\s+(?:par|by)\s",
    re.IGNORECASE)


COMPANY_AFTER_AUTHOR = re.compile(r"\s*(?:(?:la |the )?(?:soci[ée]t[ée]|company)\s+)?(?P<word>[A-ZÀ-Þ][\w’'-]{3,})",
                                  re.IGNORECASE)


ENTRY_LABEL_LINE = re.compile(rf"\W*(?:{_ENTRY_WORDS}|entre les soussign[ée]s)\W*",
                              re.IGNORECASE)


def _brand_name(text: str, head: str, start: int, end: int) -> list[str]:
    """The distinctive first word of the company name a party's entry opens with: a name written only with a
    capital in the whole text (« Escarbel », "Gridmoor"), never a word of running text (« Cloud », « Santé »),
    an organisation's kind or a role word."""
    entries = [m for m in PARTY_ENTRY_OPENING.finditer(head, start, end)
               if m.group("word")[0].isupper() and fold(m.group("word")) not in ENTRY_LABELS
               and (m.group("label") or _opens_an_entry(head, m.start("word")))
               and (COMPANY_MARKERS.search(described := m.group("rest") + head[m.end():end])
                    or SOLE_TRADER.search(described))]
    # (or the company the terms say they are proposed by: « Les présentes CGA sont proposées par DEXTRELLE, société… »)
    entries += [m for author in TERMS_AUTHOR.finditer(head, start, end)
                if (m := COMPANY_AFTER_AUTHOR.match(head, author.end(), end))]
    if not entries:
        return []
    last = max(entries, key=lambda m: m.start("word"))
    word = last.group("word")
    if OFFERED_TO.search(head, last.start("word"), end):
        # « BOCAGE NUMÉRIQUE, SARL …, propose (ses services) aux artisans (ci-après « le Souscripteur ») »: the name
        # defined is the one the company offers to, not the company
        return []
    folded = fold(word)
    if folded in NO_COMPANY_NAME or not folded.isalpha():
        return []
    # a common word is written in lower case somewhere; a company's name never is
    if re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text):
        return []
    return [folded]


def _opens_an_entry(head: str, word: int) -> bool:
    """Whether the name at ``word`` opens a paragraph or a party's entry, not a line a PDF wrapped mid-sentence
    (« … immatriculée au RCS de\nGrenoble sous le numéro … »)."""
    line = head.rfind("\n", 0, word) + 1
    if re.search(r"[;),]", head[line:word]):
        return True  # within a line, after "; and": the second party's entry
    previous = head[max(0, line - 200):line].rstrip("\n").rsplit("\n", 1)[-1].strip()
    return not previous or previous[-1] in ".;:»)”\"" or bool(ENTRY_LABEL_LINE.fullmatch(previous)) \
        or bool(re.search(r"[;,)]\s*(?:and|et)$", previous, re.IGNORECASE)) or head[max(0, line - 2):line] == "\n\n"


def _author_of_the_terms(head: str, start: int, end: int) -> bool:
    """Whether the party defined at ``end`` is the one the terms say they are proposed by."""
    found = list(TERMS_AUTHOR.finditer(head, start, end))
    # nothing but the company's description after it: no sentence closes before the defined name
    return bool(found) and not re.search(r"[.;]\s+[A-ZÀ-Þ]", head[found[-1].end():end])


def _company_opening_name(head: str) -> list[str]:
    match = COMPANY_OPENING.search(head)
    if not match:
        return []
    words = re.findall(r"[a-z0-9-]+", fold(match.group("name")))
    if not 1 <= len(words) <= 3 or TITLE_WORDS & set(words):
        return []
    return [w for w in words if w not in GENERIC_WORDS and len(w) > 2 and w not in PROVIDER_WORDS | CLIENT_WORDS]


def _names_a_party(match: re.Match, head: str, description_start: int | None = None) -> bool:
    """« la société X SAS, au capital de…, ci-après dénommée « l'Opérateur » »: a party's definition,
    not that of a service or a document. A long party description (a group acting for its affiliates,
    a public body with its deliberation) may put its legal form further back: its whole description
    counts, up to 900 characters."""
    introduced = _introduces_a_party(match, head)
    start = match.start() - 300
    if description_start is not None:
        start = min(start, max(description_start, match.start() - 900))
    return bool(introduced) and bool(LEGAL_FORM.search(head, max(0, start), match.start()))


def _introduces_a_party(match: re.Match, head: str) -> bool:
    """ "ci-après", "hereinafter", or a bracketed name closing a description: how a party is named."""
    # '..., registered office at ... (the "Company"); and': a bracketed name closing a party's description
    # introduces it as surely as "hereinafter" does; a term defined mid-sentence ('(the "Platform") used by')
    # does not close one
    if PARTY_DEFINITION.search(match.group(0)):
        return True
    return bool(match.group(0).lstrip().startswith("(") and PARTY_CLOSE.match(head, match.end()))


# (or its signatory after the name: '(together the "Group"), represented by its Chairman'; or the group it belongs
# to: « (« Lithomnia »), filiale du groupe X », '("Acme"), a subsidiary of X')
PARTY_CLOSE = re.compile(r"\s*\)\s*[;,.]?\s*(?:and\b|et\b|\n|$|represented by\b|représenté|filiale\b|(?:a |an )?subsidiary\b)",
                         re.IGNORECASE)


PARTY_DEFINITION = re.compile(r"ci-apr[eè]s|d[ée]nomm|d[ée]sign|hereinafter|hereafter|referred to", re.IGNORECASE)
LEGAL_FORM = re.compile(rf"\b(?:{LEGAL_FORMS}|RCS|SIRE[NT]|immatricul\w*|"
                        r"registered|capital|si[èe]ge social|établissement public|association)\b")


def _role_nobody_names(text: str, names: dict[str, Role]) -> Role | None:
    """The one role the contract never names by a role word ("le Prestataire") or a defined name."""
    # « Locataire Microsoft 365 » : l'espace souscrit auprès de Microsoft — a thing the contract defines under a
    # name that opens on a role word names no party where the text uses that name ("dans le Locataire Microsoft 365")
    # « Éditeur » : l'outil en ligne de X — a role word alone may name a tool the definition describes as one
    defined = list(DEFINED_NAME.finditer(text[:30_000]))
    things = [name for m in defined
              if (name := fold(m.group("name")).strip()).split() and name.split()[0] in PROVIDER_WORDS | CLIENT_WORDS
              and DEFINITION_ENTRY.match(text, m.end())
              and (len(name.split()) > 1 or THING_DEFINITION.match(text, m.end()))]
    capitalised = {fold(m.group(1)) for m in ROLE_WORD_IN_TEXT.finditer(text)
                   if not any(fold(text[m.start(1):m.start(1) + len(thing)]) == thing for thing in things)}
    named = set(names.values())
    # a party introduced under a role word without an article ('... represented by its CEO ("Provider")', then
    # "Provider shall..."): that role is named
    named |= {role for m in defined if _introduces_a_party(m, text)
              and (role := _role_in(re.findall(r"[a-z]+", fold(m.group("name")))))}
    named |= {"provider"} if capitalised & PROVIDER_WORDS else set()
    named |= {"client"} if capitalised & CLIENT_WORDS else set()
    # terms that call the client « vous » name it: the company they define besides is the provider
    named |= {"client"} if SECOND_PERSON_DEFINED.search(text[:30_000]) else set()
    missing = {"provider", "client"} - named
    return missing.pop() if len(missing) == 1 else None


# A definition that describes a thing, not a party: « Éditeur » : l'outil en ligne…, "Host" means the software…
THING_DEFINITION = re.compile(
    r"\s*(?::|d[ée]sign\w*|signifi\w*|means\b|shall mean|refers to)\s*(?:l['’]\s*|le\s+|la\s+|les\s+|the\s+|an?\s+|une?\s+)?"
    r"(?:outil|logiciel|progiciel|plateforme|application|interface|module|tool|software|platform)s?\b",
    re.IGNORECASE)


SECOND_PERSON_DEFINED = re.compile(r"[«“\"]\s*(?:vous|you)\s*[»”\"]", re.IGNORECASE)


# A role word followed by its complement ("hébergeur de données de santé", "provider of cloud services").
ACTIVITY_NAME = re.compile(r"\b(?:" + "|".join(sorted(PROVIDER_WORDS | CLIENT_WORDS)) + r")\s+(?:de|des|du|d'|of)\b")


# Local authorities a contract names by their kind (« ci-après « la Ville » », « le Département »): the
# buyer of public contracts, and only where the contract defines them so (a "département" elsewhere may
# be a provider's department).
LOCAL_AUTHORITIES = {"ville", "commune", "departement", "metropole", "agglomeration", "communaute", "mairie",
                     # « la Régie » (des eaux, des remontées mécaniques): a public operator defined as a party buys
                     "regie"}
# Other public buyers a procurement heading labels (« Pouvoir adjudicateur : Université de … ») and the text then
# calls by their kind (« l'Université demeure titulaire du nom de domaine »); only from that label, where the
# kind cannot be the provider's
PUBLIC_BUYER_KINDS = {"universite", "hopital", "chu", "etablissement", "syndicat", "ministere", "institut", "ecole",
                      "lycee", "college", "musee", "prefecture", "region", "caisse", "chambre", "conservatoire"}


# A role word used as a party's name is written with a capital ("le Prestataire", "the Customer").
ROLE_WORD_IN_TEXT = re.compile(r"\b(?:[Ll]e |[Ll]a |[Ll]['’]|[Tt]he )([A-ZÉÈ][a-zéèêëàâîïôûüç-]+)")


ALIAS_AFTER = re.compile(
    r"\s*(?:ou|or|et|and|/|,)\s*(?:encore\s+)?(?:l['’]|le |la |les |the )?[«“\"]\s*(?:l['’]|le |la |the )?"
    r"(?P<name>[^»”\"]{2,40}?)\s*[»”\"]"
)


# A purchase order or quote printed on the provider's letterhead names no provider: the company on
# its first line, with its legal form or registration just below, issues it to a client named by a
# label ("Client : ..."). A buyer's own order names its supplier by a label instead.
LETTERHEAD = re.compile(r"\A\s*(?P<name>[^\n]{2,100})\n(?P<below>(?:[^\n]*\n){1,3})")
LETTERHEAD_TAGLINE = re.compile(r"\s+[–—|-]\s+")
CLIENT_LABEL = re.compile(r"^\W*(?:client|customer|acheteur|buyer|b[ée]n[ée]ficiaire|souscripteur)\s*:", re.I | re.M)
PROVIDER_LABEL = re.compile(r"^\W*(?:fournisseur|prestataire|supplier|vendor|titulaire|h[ée]bergeur)\s*:", re.I | re.M)
TITLE_WORDS = {
    "contrat", "contract", "conditions", "generales", "particulieres", "bon", "commande", "devis", "proposition",
    "accord", "agreement", "terms", "annexe", "schedule", "convention", "avenant", "offre", "cahier", "marche",
    "ccap", "cctp", "acte", "order", "form", "quote", "quotation", "statement", "master", "services", "service",
    "entre", "between", "article", "preambule", "objet", "protocole", "charte", "licence", "license",
}


def _letterhead_name(head: str) -> list[str]:
    match = LETTERHEAD.match(head)
    if not match or not COMPANY_MARKERS.search(match.group("below")):
        return []
    if not CLIENT_LABEL.search(head, 0, 3000) or PROVIDER_LABEL.search(head, 0, 3000):
        return []
    # "KAOLINWEB – Création, hébergement et maintenance de sites internet": the name before the tagline
    line = LETTERHEAD_TAGLINE.split(match.group("name"), maxsplit=1)[0].strip()
    words = re.findall(r"[a-z0-9-]+", fold(line))
    if not line.isupper() or not 1 <= len(words) <= 3 or TITLE_WORDS & set(words):
        return []
    return [w for w in words if w not in GENERIC_WORDS and len(w) > 2 and w not in PROVIDER_WORDS | CLIENT_WORDS]


# Defined terms that name no party ("les Parties", "Services", "Data").
ORGANISATION_WORDS = {
    "societe", "entreprise", "etablissement", "entite", "structure", "organisme", "groupe", "groupement",
    "association", "cabinet", "centre", "office", "commune", "collectivite", "mutuelle", "cooperative",
    "company", "entity", "group", "firm", "organisation", "organization",
}
GENERIC_WORDS = {
    "partie", "parties", "party", "les", "une", "un", "la", "le", "des", "data", "donnees", "services", "service",
    "contrat", "agreement", "accord", "credentials", "documentation", "site", "logiciel", "software", "nous",
    "vous", "we", "you", "the", "and", "et", "ensemble", "together",
    # « le Tiers Hébergeur », "the Third-Party Host": a subcontractor, and "tiers" is every third party
    "tiers", "third", "third-party",
}
# Words that are no company's own name: an organisation's kind, a role word, a generic or a public buyer's word.
NO_COMPANY_NAME = frozenset(ORGANISATION_WORDS | GENERIC_WORDS | PROVIDER_WORDS | CLIENT_WORDS | LOCAL_AUTHORITIES
                            | PUBLIC_BUYER_KINDS)
COMPANY_MARKERS = re.compile(
    rf"\b(?:{LEGAL_FORMS}|soci[ée]t[ée]|company|corporation|"
    r"immatricul|registered|si[èe]ge|capital|repr[ée]sent[ée]e?|incorporated|établissement public)\b",
    re.IGNORECASE,
)


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
        # "by giving the Customer notice" says how, not who: a gerund after "by" opens no passive agent
        if tokens[index].form == "by" and index + 1 < len(tokens) and tokens[index + 1].form.endswith("ing"):
            break
        if tokens[index].form in ("par", "by") and index + 1 < len(tokens):
            for follower_index in range(index + 1, min(len(tokens), index + 4)):
                role = parties.role_at(tokens, follower_index)
                if role:
                    return frozenset({role})
            if (owner := _agent_owner(tokens, index, parties)) is not None:
                return frozenset({owner})
        if tokens[index].text in (";", ":", "."):
            break
    start = position
    while start > 0 and tokens[start - 1].text not in (";", ":"):
        start -= 1
    # Elided words are tokens of their own ("l'" "une"): glue them back so that "l'une ou l'autre des
    # parties" reads as the phrase EITHER_PARTY names.
    segment = _joined(tokens[start:position])
    either = list(EITHER_PARTY.finditer(segment))
    # The subject sits in the main clause: read the comma-separated parts from the verb backwards,
    # skipping adverbial ones ("En cas de manquement du Client, le Prestataire peut...").
    parts = split_at_commas(tokens, start, position)
    # A verb of a conditional clause with no comma before it has that clause's own subject: "le
    # Prestataire n'est pas responsable si le Laboratoire n'a pas conservé la copie" (the laboratory keeps).
    if (subject := _subordinate_clause_subject(tokens, parts[-1][0] if parts else start, position, parties)) is not None:
        return subject
    if parts and (subject := _relative_clause_subject(tokens, parts[-1][0], position, parties)) is not None:
        return subject
    for index, (first, last) in enumerate(reversed(parts)):
        is_first_part = index == len(parts) - 1
        if not is_first_part and tokens[first].form in SUBORDINATORS:
            continue
        if (antecedent := _pronoun_antecedent(tokens, parts, len(parts) - 1 - index, parties)) is not None:
            return antecedent
        for position_in_part in range(first, last):
            role = parties.role_at(tokens, position_in_part)
            if role is None or (is_governed(tokens, first, position_in_part)
                                and not _staff_of_party(tokens, first, position_in_part)):
                continue
            if position_in_part > first and parties.role_at(tokens, position_in_part - 1) == role:
                continue  # « le Pharmacien titulaire »: a name of two words is governed, or not, by its first
            mention_at = len(_joined(tokens[start:position_in_part]))
            if either and either[-1].start() > mention_at:
                return BOTH
            if _coordinated_with_the_other_party(tokens, position_in_part, last, role, parties):
                return BOTH
            return frozenset({role})
    if either:
        return BOTH
    return frozenset()


# Words opening a conditional clause whose subject follows them ("si le Client", "when the Customer",
# "except where the Publisher has kept its copies"). "where" may also be a relative of place ("the site
# where the Customer's servers are hosted"); a party named after it is still that clause's subject.
CONDITIONAL_OPENERS = {"si", "lorsque", "lorsqu'", "quand", "if", "when", "whenever", "unless", "while", "where"}
# « alors que », « dès lors que », « tant que », « pendant que », « au cas où »: the opener is two words
TWO_WORD_OPENERS = {("alors", "que"), ("alors", "qu'"), ("lors", "que"), ("lors", "qu'"), ("tant", "que"),
                    ("tant", "qu'"), ("pendant", "que"), ("pendant", "qu'"), ("cas", "ou"),
                    # « à condition que le Club ait procédé à ses exports »
                    ("condition", "que"), ("condition", "qu'"),
                    # « une période au cours de laquelle le Client n'a pas exporté », "a period during which the
                    # Customer did not": a relative clause of time with its own subject
                    ("de", "laquelle"), ("de", "lequel"), ("pendant", "laquelle"), ("pendant", "lequel"),
                    ("durant", "laquelle"), ("durant", "lequel"), ("during", "which")}


def _opens_condition(tokens, index: int) -> bool:
    return tokens[index].form in CONDITIONAL_OPENERS or (
        index > 0 and (tokens[index - 1].form, tokens[index].form) in TWO_WORD_OPENERS)


# Words opening an object relative or a complement clause, whose subject follows them when it is a party
# ("records that the Customer has not retained", « les données que le Client n'a pas conservées »)
OBJECT_CLAUSE_OPENERS = {"que", "qu'", "dont", "that", "which"}
# The only words allowed between such an opener and the party that is its clause's subject
CLAUSE_SUBJECT_DETERMINERS = {"le", "la", "les", "l'", "the"}


def _subordinate_clause_subject(tokens, first: int, position: int, parties: Parties) -> frozenset[Role] | None:
    """The party named right after the last conditional opener between ``first`` and the word at
    ``position`` ("si la Clinique n'a pas gardé": the clinic), or None when there is none. A party
    right after a nearer "that" / « que » is that clause's own subject; with none there ("data that are
    stored"), the search goes on before it."""
    for opener in range(position - 1, first - 1, -1):
        conditional = _opens_condition(tokens, opener)
        if not conditional and tokens[opener].form not in OBJECT_CLAUSE_OPENERS:
            continue
        if conditional and (role := _latter_named(tokens, opener, position, parties)) is not None:
            return frozenset({role})
        for index in range(opener + 1, min(position, opener + (4 if conditional else 3))):
            if (role := parties.role_at(tokens, index)) is not None:
                return frozenset({role})
            if not conditional and tokens[index].form not in CLAUSE_SUBJECT_DETERMINERS:
                break  # « ne … qu'en Vous prévenant »: a restriction, the party is a complement
        if conditional:
            return None
    return None


# A demonstrative standing for the party named last (« lorsque celui-ci n'a pas réalisé l'export », « si ce
# dernier », "where the latter"): unlike « il », it never points back to the main clause's subject.
LATTER_PRONOUNS = {("celui-ci",), ("celle-ci",), ("ce", "dernier"), ("cette", "derniere"), ("the", "latter")}


def _latter_named(tokens, opener: int, position: int, parties: Parties) -> Role | None:
    """The party named last before ``opener`` when the condition's subject is such a demonstrative."""
    following = tuple(token.form for token in tokens[opener + 1:min(position, opener + 3)])
    if not any(following[:len(pronoun)] == pronoun for pronoun in LATTER_PRONOUNS):
        return None
    for index in range(opener - 1, -1, -1):
        if (role := parties.role_at(tokens, index)) is not None:
            return role
    return None


RELATIVE_SUBJECTS = {"qui", "who"}


def _relative_clause_subject(tokens, first: int, position: int, parties: Parties) -> frozenset[Role] | None:
    """The party a subject relative pronoun stands for, when the word is in that relative clause: "enregistré
    pour le compte de la Fédération, qui en est seule titulaire" (the federation holds it), although the
    party word itself is the complement of "de"."""
    for index in range(position - 1, first - 1, -1):
        if tokens[index].form not in RELATIVE_SUBJECTS:
            continue
        antecedent = index - 1
        if antecedent >= 0 and tokens[antecedent].text == ",":
            antecedent -= 1
        # "les données du Client, qui sont hébergées": a passive relative clause speaks of the noun before "de",
        # not of the party that owns it
        if _passive_after(tokens, index + 1, position):
            return None
        if antecedent >= 0 and tokens[antecedent].form in ("et", "and"):
            # « la Verrerie, qui en est titulaire et qui conserve sa zone DNS »: a second relative clause shares
            # the first one's antecedent
            continue
        if antecedent >= 0 and (role := parties.role_at(tokens, antecedent)) is not None:
            return frozenset({role})
        return None
    return None


BE_FORMS = {"est", "sont", "sera", "seront", "soit", "soient", "etait", "etaient", "serait", "seraient", "is", "are",
            "was", "were", "be", "been"}
PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "ed")


def _passive_after(tokens, start: int, end: int) -> bool:
    """The words from ``start`` are "être" then a past participle ("sont hébergées", "is stored")."""
    index = start
    while index < end and tokens[index].form in ("en", "y", "ne", "n'", "se", "s'", "not", "pas", "also", "aussi"):
        index += 1
    if index >= end or tokens[index].form not in BE_FORMS:
        return False
    following = [t.text.lower() for t in tokens[index + 1:min(end + 1, index + 4)]
                 if t.form not in ("pas", "plus", "not", "ensuite", "alors", "then", "also", "aussi", "toujours")]
    return bool(following) and following[0].endswith(PARTICIPLE_ENDINGS)


# A passive agent that is a party's own department or staff ("sauvegardées par la direction des systèmes
# d'information du Client", "par le service informatique de la Société"): the party owns the act.
AGENT_OWNER_OF = {"du", "des"}
AGENT_BREAKS = {"a", "au", "aux", "pour", "avec", "sur", "dans", "en", "vers", "chez", "aupres", "to", "for", "with",
                "on", "in", "at", "from", "et", "ou", "and", "or", "qui", "que", "which", "that"}


def _agent_owner(tokens, by_index: int, parties: Parties) -> Role | None:
    """The party owning the agent after "par" when the agent names no party itself: the first party
    named through "du/de la/des/of the" within a few words, with no other preposition in between."""
    for index in range(by_index + 2, min(len(tokens), by_index + 9)):
        if tokens[index].text in (",", ";", ":", ".", "(", ")") or tokens[index].form in AGENT_BREAKS:
            return None
        if (role := parties.role_at(tokens, index)) is None:
            continue
        before = [t.form for t in tokens[max(by_index + 1, index - 2):index]]
        if before and (before[-1] in AGENT_OWNER_OF or before[-2:] in (["de", "la"], ["de", "l'"], ["de", "l"], ["of", "the"])):
            return role
        return None
    return None


COORDINATORS = {"et", "ou", "and", "or"}
SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles", "it", "they"}
# "il est convenu que le Client...", "it is agreed that the Supplier...": no party is the subject
IMPERSONAL_AFTER = {"est", "sera", "serait", "etait", "appartient", "appartiendra", "incombe", "incombera", "revient",
                    "reviendra", "convient",
                    "conviendra", "y", "resulte", "resultera", "s'agit", "s", "suffit", "suffira", "faut", "faudra",
                    "importe", "is", "being", "was", "follows", "appears"}


# Words that link a stretch to the one before without being its subject ("et il", "mais elle", "then it").
LINKS = COORDINATORS | {"puis", "mais", "then", "but"}


def _past_links(tokens, first: int, last: int) -> int:
    """The index of the first token from ``first`` (before ``last``) that is not a linking word."""
    while first < last and tokens[first].form in LINKS:
        first += 1
    return first


def _pronoun_antecedent(tokens, parts, number: int, parties: Parties) -> frozenset[Role] | None:
    """ "Si la Ville décide de ne pas reconduire le marché, elle en informe le titulaire ...": the part
    of the verb opens with a subject pronoun, so the party named after it ("le titulaire") is an object;
    the subject is the party the earlier part names as its own subject."""
    first, last = parts[number]
    first = _past_links(tokens, first, last)
    if first + 1 >= last or tokens[first].form not in SUBJECT_PRONOUNS:
        return None
    if tokens[first].form in ("il", "it") and tokens[first + 1].form in IMPERSONAL_AFTER:
        return None
    for earlier_first, earlier_last in reversed(parts[:number]):
        if subject := _first_subject(tokens, earlier_first, earlier_last, parties):
            return subject
    if number == 0 and tokens[first].form in SINGULAR_SUBJECT_PRONOUNS and first + 1 < last \
            and tokens[first + 1].form not in IMPERSONAL_AFTER:
        # « Le Prestataire peut y mettre fin ; il en informe le Client six mois avant »: the pronoun opening the
        # stretch stands for the subject of the stretch before (at the sentence's start, for a party named
        # earlier: left to the caller)
        if subject := _subject_before(tokens, first, parties):
            return subject
        # a party named after the pronoun is its verb's object (« il en informe alors le Client »): no subject here
        if any(parties.role_at(tokens, i) and not is_governed(tokens, first, i) for i in range(first + 1, last)):
            return frozenset()
    return None


def _subject_before(tokens, stop: int, parties: Parties) -> frozenset[Role]:
    """The party opening the stretch of the sentence just before the semicolon ahead of ``stop``."""
    end = stop
    while end > 0 and tokens[end - 1].text not in (";", ":"):
        end -= 1
    if end == 0:
        return frozenset()
    begin = end - 1
    while begin > 0 and tokens[begin - 1].text not in (";", ":"):
        begin -= 1
    return _first_subject(tokens, begin, end - 1, parties)


def _first_subject(tokens, begin: int, end: int, parties: Parties) -> frozenset[Role]:
    """The first party named between ``begin`` and ``end`` that no preposition or verb of telling governs."""
    for index in range(begin, end):
        role = parties.role_at(tokens, index)
        if role is not None and not is_governed(tokens, begin, index):
            return frozenset({role})
    return frozenset()


SINGULAR_SUBJECT_PRONOUNS = {"il", "elle", "it"}


def pronoun_subject(sentence: Sentence, position: int, before: Sentence | None, parties: Parties) -> frozenset[Role]:
    """« Le Fournisseur fait évoluer le Service. Il peut modifier les niveaux de service »: the sentence opens on
    a subject pronoun and names no party before the word at ``position``, so the pronoun stands for the party
    the sentence ``before`` opens on, when no preposition governs it. Empty when that does not hold."""
    tokens = sentence.tokens
    first = _past_links(tokens, 0, position)
    if before is None or first + 1 >= position or tokens[first].form not in SINGULAR_SUBJECT_PRONOUNS:
        return frozenset()
    # « Il est convenu », « Il lui appartient de vérifier »: an impersonal "il" stands for no party
    verb = first + 2 if tokens[first + 1].form in ("lui", "leur", "nous", "vous") else first + 1
    if verb < len(tokens) and tokens[verb].form in IMPERSONAL_AFTER:
        return frozenset()
    if _another_subject_on_the_way(tokens, first, position, parties):
        return frozenset()
    return _opening_party(before, parties)


def _another_subject_on_the_way(tokens, first: int, position: int, parties: Parties) -> bool:
    """A stop, or a party named between the pronoun and the word, that is another subject, unless a preposition or a
    verb of telling governs it (« Il peut, à la demande du Client, … », « Il en informe le Client six mois avant »)."""
    return any(tokens[i].text in (";", ":") or (parties.role_at(tokens, i) and not is_governed(tokens, first, i))
               for i in range(first, position))


def _opening_party(before: Sentence, parties: Parties) -> frozenset[Role]:
    """The party a sentence opens on, which a pronoun in the next one stands for."""
    for index in range(len(before.tokens)):
        if (role := parties.role_at(before.tokens, index)) is not None:
            # an article in capitals opens that sentence, even run on after its clause's heading
            # (« 4.3 Évolutions du Service Le Fournisseur fait évoluer … »)
            opens = index > 0 and before.tokens[index - 1].text in ("Le", "La", "L'", "L’", "The")
            return frozenset({role}) if opens or not is_governed(before.tokens, 0, index) else frozenset()
    return frozenset()


# what may stand between a subject pronoun and its verb of giving notice (« il en informe alors », "it shall then give")
_BEFORE_THE_VERB = {"en", "y", "le", "la", "les", "l'", "lui", "leur", "alors", "egalement", "aussi", "ensuite",
                    "shall", "will", "must", "then", "also", "promptly", "ne", "n'", "doit", "devra"}
NOTICE_VERBS = {"informe", "informera", "avise", "avisera", "previent", "previendra", "notifie", "notifiera",
                "give", "gives", "serve", "serves", "send", "sends", "notify", "notifies", "inform", "informs"}


def pronoun_giving_notice(sentence: Sentence, position: int, before: Sentence | None, parties: Parties) -> frozenset[Role]:
    """« Il en informe le Client six mois à l'avance », "It shall then give the Customer six months' notice": a
    pronoun that gives a notice stands for the party named before (not "It shall be updated within twenty days
    of any notice", where the pronoun is a document)."""
    tokens = sentence.tokens
    first = _past_links(tokens, 0, position)
    if tokens[first].form in ("s'", "si", "if", "when", "where") and first + 2 < position \
            and tokens[first + 1].form in SINGULAR_SUBJECT_PRONOUNS:
        return _pronoun_after_own_condition(sentence, first, position, before, parties)
    if not _gives_notice(tokens, first + 1, position):
        return frozenset()
    return pronoun_subject(sentence, position, before, parties)


def _gives_notice(tokens, start: int, position: int) -> bool:
    """Whether the verb after a subject pronoun, from ``start`` (past « en », « alors », "shall then"), gives a notice."""
    verb = start
    while verb < position and tokens[verb].form in _BEFORE_THE_VERB:
        verb += 1
    return verb < position and tokens[verb].form in NOTICE_VERBS


def _pronoun_after_own_condition(sentence: Sentence, first: int, position: int, before: Sentence | None,
                                 parties: Parties) -> frozenset[Role]:
    """« S'il décide de cesser la commercialisation d'un Service, il en informe le Client deux mois à l'avance »,
    "If it decides to withdraw a Service, it shall give the Customer two months' notice": a condition on the same
    pronoun opens the sentence, the main clause after its comma gives the notice; both stand for the party the
    sentence ``before`` opens on."""
    tokens = sentence.tokens
    commas = [i for i in range(first + 2, position) if tokens[i].text == ","]
    if before is None or not commas:
        return frozenset()
    main = _past_links(tokens, commas[-1] + 1, position)
    if tokens[main].form != tokens[first + 1].form:
        return frozenset()
    if not _gives_notice(tokens, main + 1, position) or _another_subject_on_the_way(tokens, first, position, parties):
        return frozenset()
    return _opening_party(before, parties)


def _coordinated_with_the_other_party(tokens, index: int, last: int, role: Role, parties: Parties) -> bool:
    """ "Le Titulaire et le Client peuvent chacun refuser ...", "the Supplier or the Customer may ...": the
    subject is both parties, unless a later party in the same part is the subject of the verb."""
    # « la Mairie comme le Prestataire peuvent y mettre fin »: "comme" joins two subjects as "et" does
    if index + 1 >= last or tokens[index + 1].form not in COORDINATORS | {"comme"}:
        return False
    other = index + 2
    while other < last and tokens[other].form in ("le", "la", "les", "l'", "l", "the"):
        other += 1
    if other >= last or parties.role_at(tokens, other) in (None, role):
        return False
    return not any(parties.role_at(tokens, later) for later in range(other + 1, last))


# "Les personnels de l'Éditeur ne disposent d'aucun identifiant", "the administrators of the Customer manage":
# a party's own people act for it, although the party word is the complement of "de"/"of".
STAFF_NOUNS = {"personnel", "personnels", "salarie", "salaries", "prepose", "preposes", "equipe", "equipes", "employe",
               "employes", "collaborateur", "collaborateurs", "agent", "agents", "technicien", "techniciens",
               "ingenieur", "ingenieurs", "intervenant", "intervenants", "administrateur", "administrateurs", "staff",
               "employee", "employees", "team", "teams", "engineers", "technicians", "administrator", "administrators"}
OWNER_OF = {"de", "du", "des", "d'", "d", "of"}


def _staff_of_party(tokens, first: int, index: int) -> bool:
    """The party word at ``index`` owns the noun before "de"/"of" and that noun names its people, who
    are not themselves the complement of a preposition ("aux administrateurs du Client")."""
    j = index - 1
    while j >= first and tokens[j].form in ("le", "la", "les", "l'", "l", "the"):
        j -= 1
    if j <= first or tokens[j].form not in OWNER_OF:
        return False
    j -= 1
    return j >= first and tokens[j].form in STAFF_NOUNS and not is_governed(tokens, first, j)


def _joined(tokens) -> str:
    return " ".join(t.form for t in tokens).replace("’", "'").replace("' ", "'")


def split_at_commas(tokens, start: int, end: int) -> list[tuple[int, int]]:
    parts, first = [], start
    for index in range(start, end):
        if tokens[index].text == ",":
            if index > first:
                parts.append((first, index))
            first = index + 1
    if end > first:
        parts.append((first, end))
    return parts


# « il en informe alors le Client », "shall then notify promptly the Customer": between a verb and its object
ADVERBS_BEFORE_OBJECT = {"alors", "egalement", "aussi", "immediatement", "then", "also", "promptly", "immediately"}


def is_governed(tokens, first: int, index: int) -> bool:
    """The party word is the complement of a preposition ("au Client", "by the Customer")."""
    # "en vous prévenant", "en nous notifiant": a pronoun after the gerund's "en" is its object
    if index > first and tokens[index].form in ("vous", "nous") and tokens[index - 1].form == "en":
        return True
    for j in range(index - 1, max(first, index - 3) - 1, -1):
        form = tokens[j].form
        if form in ("le", "la", "les", "l'", "the", "pouvoir", "service") or form in ADVERBS_BEFORE_OBJECT:
            # « 6.6 Révision des niveaux de service L'Éditeur peut … »: a heading run into its text; an article in
            # capitals after a word in lower case opens a new sentence, which no preposition before it governs
            if form != "service" and tokens[j].text[:1].isupper() and j > 0 and tokens[j - 1].text.islower():
                return False
            continue
        return form in GOVERNING_WORDS or form in NOTICE_TO_VERBS
    return False


# The English verbs of giving a notice, in their finite forms: read for their object (the party told) in
# NOTICE_TO_VERBS and for their subject (the party giving it) in GIVING
GIVE_NOTICE = {"give", "gives", "serve", "serves", "send", "sends"}

# "by giving the Supplier two months' notice", « en avisant le Prestataire trois mois avant »: the party
# right after a verb of giving notice is the one told, not the one who acts
NOTICE_TO_VERBS = GIVE_NOTICE | {"giving", "serving", "sending", "notifying",
                   "notify", "notifies", "informing", "inform", "informs", "advising", "advise", "advises",
                   "avisant", "informant", "prevenant", "notifiant", "avertissant",
                   # « il en informe le Client », « le Prestataire avise le Client »: the party after is the one told
                   "informe", "informent", "avise", "avisent", "previent", "previennent", "avertit", "avertissent",
                   # « sous réserve d'en informer le Client deux mois avant »: the infinitive's object is told too
                   "informer", "aviser", "prevenir", "avertir"}


# "pour le Client", "for the Supplier", "par le Client", "by the Supplier", "côté Client"; "s'agissant du",
# "à l'égard du", "de la part du", "in the case of", "in respect of" (the word before "du"/"de"/"of").
STATED_FOR = {"pour", "for", "par", "by", "cote"}
STATED_FOR_BEFORE_OF = {"agissant", "egard", "part", "regard", "cote", "case", "cas", "respect"}
ARTICLES = {"le", "la", "les", "l'", "l", "the", "du", "de", "d'", "of"}
BOUNDARIES = {";", ":", "."}


def stated_for(sentence: Sentence, first: int, last: int, parties: Parties) -> frozenset[Role]:
    """The party a quantity (tokens ``first``..``last``) is stated for: named just after it ("six mois
    pour le Client") or in the part of the sentence just before it ("in the case of the Client, not
    less than six months")."""
    tokens = sentence.tokens
    after = []
    for token in tokens[last + 1:last + 6]:
        if token.text in BOUNDARIES or token.text == ",":
            break
        after.append(token)
    before, commas, semicolon = [], 0, False
    for token in reversed(tokens[max(0, first - 9):first]):
        if token.text in BOUNDARIES:
            semicolon = token.text == ";"
            break
        if token.text == ",":
            commas += 1
            if commas > 1:
                break
        before.insert(0, token)
    if len(before) == first and getattr(sentence, "offset", 0) > 0:
        semicolon = True  # the stretch after a semicolon read alone (evaluate.segments)
    for stretch in (after, before):
        for index in range(len(stretch)):
            role = parties.role_at(stretch, index)
            if role and _stated_for(stretch, index):
                return frozenset({role})
        if stretch is after and (role := _sender_named_after(tokens, last, parties)):
            return role  # before the words ahead of the quantity, which may name the previous notice's sender
    return _gapped_subject(before, parties, semicolon) or _participle_subject(before, parties) \
        or _giver_before(tokens, first, parties) or _notice_given_by(tokens, first, parties)


# "unless the Client gives two months' notice, or the Provider at least six months", « par le Client au moins deux
# mois avant l'échéance, ou le Prestataire au moins six mois avant »: after "or"/"and" the verb is left out and the
# party named right before the quantity is its subject (only "at least"-like words between them)
GAPPED_LEAD = {"at", "least", "not", "no", "less", "than", "au", "moins", "minimum", "a", "of", "un", "une"}


def _gapped_subject(before, parties: Parties, semicolon: bool = False) -> frozenset[Role]:
    j = len(before) - 1
    while j >= 0 and before[j].form in GAPPED_LEAD:
        j -= 1
    if j < 0 or not (role := parties.role_at(before, j)):
        return frozenset()
    k = j - 1
    while k >= 0 and before[k].form in ("le", "la", "les", "l'", "l", "the"):
        k -= 1
    if k < 0 and semicolon and j < len(before) - 1:
        # « le Client au moins trois mois avant l'échéance ; l'Éditeur au moins six mois »: the party alone
        # after a semicolon, the verb of the clause before left out
        return frozenset({role})
    if k < 0 or before[k].form not in COORDINATORS:
        return frozenset()
    # "by the Client or the Provider at least three months before": both give it
    m = k - 1
    return BOTH if m >= 0 and parties.role_at(before, m) not in (None, role) else frozenset({role})


# « …, le Client pouvant le faire jusqu'à deux mois avant celle-ci », "the Customer being entitled to do so on
# thirty days' notice": a party followed by a participle is the subject of the words that lead to the quantity
PARTICIPLES = {"pouvant", "devant", "disposant", "ayant", "conservant", "beneficiant", "restant", "being", "having",
               "remaining"}


def _participle_subject(before, parties: Parties) -> frozenset[Role]:
    for index in range(len(before) - 2, -1, -1):
        role = parties.role_at(before, index)
        if role and before[index + 1].form in PARTICIPLES:
            return frozenset({role})
    return frozenset()


# "the Provider gives the Customer at least twelve months' notice", « le Client adresse au Prestataire un
# préavis de trois mois »: the verb's subject gives the notice, not the party it is given to
GIVING = GIVE_NOTICE | {"adresse", "adressent", "donne", "donnent", "notifie", "notifient", "signifie", "signifient"}
MODALS = {"shall", "will", "must", "may", "ne", "n'", "doit", "devra", "peut", "pourra"}


def _giver_before(tokens, first: int, parties: Parties) -> frozenset[Role]:
    for index in range(first - 1, max(-1, first - 12), -1):
        if tokens[index].text in BOUNDARIES or tokens[index].text == ",":
            break
        if tokens[index].form not in GIVING:
            continue
        j = index - 1
        while j >= 0 and tokens[j].form in MODALS:
            j -= 1
        role = parties.role_at(tokens, j) if j >= 0 else None
        if role is None:
            return frozenset()
        # "either the Customer or the Provider gives": both parties give it
        k = j - 1
        while k >= 0 and tokens[k].form in ("le", "la", "les", "l'", "l", "the"):
            k -= 1
        if k >= 1 and tokens[k].form in COORDINATORS and parties.role_at(tokens, k - 1) not in (None, role):
            return BOTH
        return frozenset({role})
    return frozenset()


# « six mois avant l'échéance lorsqu'elle émane du Client », "90 days before expiry if given by the Customer",
# « à l'initiative du Prestataire »: the party a notice comes from, named after the deadline it sets
SENT_BY = {"emane", "emanant", "emanent", "emanera", "emaneront", "initiative", "part", "given", "served", "sent",
           "issued"}

# « au moins neuf mois avant l'échéance par le Prestataire », "before the end of the term by the Supplier": the
# agent named right after the deadline sends the notice
DEADLINES = {"echeance", "terme", "expiration", "expiry", "renouvellement", "reconduction", "anniversaire", "term",
             "renewal"}


def _sender_named_after(tokens, last: int, parties: Parties) -> frozenset[Role]:
    for index in range(last + 1, min(len(tokens), last + 13)):
        if tokens[index].text in BOUNDARIES or tokens[index].text == ",":
            break
        role = parties.role_at(tokens, index)
        if not role:
            continue
        if _introduced_by(tokens, index - 1, ("du", "de", "d'", "by", "par"), SENT_BY | DEADLINES):
            return frozenset({role})
        if _conditional_giver(tokens, index):
            return frozenset({role})
        break  # the nearest party named is another's
    return frozenset()


# "two months before the end of the period where the Customer gives notice", « six mois avant l'échéance
# lorsque le Prestataire dénonce le contrat »: the party of a condition on who sends the notice
CONDITIONALS = {"where", "when", "if", "lorsque", "lorsqu'", "quand", "si"}
GIVES_NOTICE_VERB = GIVE_NOTICE | {"issues", "denonce", "notifie", "resilie", "terminates"}


def _conditional_giver(tokens, index: int) -> bool:
    j = index - 1
    while j >= 0 and tokens[j].form in ARTICLES - {"du", "de", "d'", "of"}:
        j -= 1
    k = index + 1
    while k < len(tokens) and k <= index + 2 and tokens[k].form in ("le", "la", "l'", "les", "y", "en", "it"):
        k += 1  # « lorsque le Prestataire le dénonce »
    return j >= 0 and tokens[j].form in CONDITIONALS and k < len(tokens) and tokens[k].form in GIVES_NOTICE_VERB


def _introduced_by(tokens, j: int, prepositions, lead_words) -> bool:
    """Whether the words before position ``j`` (articles skipped) are a lead word and a preposition:
    « émanant du », « dénonciation par l' », "given by the"."""
    while j >= 0 and tokens[j].form in ARTICLES - {"du", "de", "d'", "of"}:
        j -= 1
    return j >= 1 and tokens[j].form in prepositions and tokens[j - 1].form in lead_words


NOTICE_NOUNS = {"denonciation", "notification", "resiliation", "preavis", "opposition", "notice", "termination"}
# (not « notification du Client », often the one sent to it)
OWNED_NOTICE_NOUNS = {"preavis", "non-renouvellement", "denonciation"}


def _notice_given_by(tokens, first: int, parties: Parties) -> frozenset[Role]:
    """« sauf dénonciation par l'Officine adressée par lettre recommandée avec accusé de réception au moins six
    (6) mois avant l'échéance »: the party giving the notice, named right after the notice, further back than
    the words just before the quantity, across one incise on the form of the notice (« dénonciation par le
    Client, par lettre recommandée, au moins deux mois avant l'échéance, ou par l'Éditeur, dans les mêmes
    formes, au moins six mois »)."""
    commas = 0
    for index in range(first - 1, max(-1, first - 20), -1):
        if tokens[index].text == ",":
            commas += 1
        if tokens[index].text in BOUNDARIES or commas > 2:
            break
        role = parties.role_at(tokens, index)
        if not role:
            continue
        j = index - 1
        # « par le Centre Hospitalier »: the other capitalised words of a party's name of several words
        while j >= 0 and index - j <= 2 and tokens[j].text[:1].isupper() and parties.role_at(tokens, j) is None:
            j -= 1
        if _introduced_by(tokens, j, ("par", "by"), NOTICE_NOUNS):
            return frozenset({role})
        # « dénonciation par le Client ..., ou par l'Éditeur ... »: the same notice, its noun not repeated
        if _introduced_by(tokens, j, ("par", "by"), COORDINATORS) and any(
                token.form in NOTICE_NOUNS for token in tokens[:j]):
            return frozenset({role})
        # « Préavis de non-renouvellement de l'Éditeur : deux mois », a table row's heading cell: the notice
        # that belongs to the party
        if _introduced_by(tokens, j, ("de", "du", "d'"), OWNED_NOTICE_NOUNS):
            return frozenset({role})
        break  # the nearest party named is another's: it decides, as before
    return frozenset()


# « une lettre reçue par la Clinique », "a notice received by the Customer": the party named is the one the notice
# reaches, not the one it is stated for
RECEIVED = {"recu", "recue", "recus", "recues", "received"}


def _stated_for(tokens, index: int) -> bool:
    j = index - 1
    while j >= 0 and tokens[j].form in ARTICLES - {"du", "de", "d'", "of"}:
        j -= 1
    if j < 0:
        return False
    if tokens[j].form in ("par", "by") and j > 0 and tokens[j - 1].form in RECEIVED:
        return False
    if tokens[j].form in STATED_FOR:
        return True
    return tokens[j].form in ("du", "de", "d'", "of", "des") and j > 0 and tokens[j - 1].form in STATED_FOR_BEFORE_OF


NOTIFYING = ("notifi", "adress", "signifi", "envoy", "remis", "notif", "given", "sent", "served", "deliver")


def notice_addressee(sentence: Sentence, parties: Parties) -> frozenset[Role]:
    """The other party when a notice is addressed to one ("notifiée au Titulaire", "given to the
    Supplier"): the notice is then the sender's."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if not token.form.startswith(NOTIFYING):
            continue
        following = [i for i in range(index + 1, min(len(tokens), index + 5))
                     if tokens[i].form not in ("le", "la", "les", "l'", "the")]
        if len(following) >= 2 and tokens[following[0]].form in ("au", "à", "a", "aux", "to"):
            role = parties.role_at(tokens, following[1])
            if role:
                return BOTH - {role}
    return frozenset()


SENDING = ("notifi", "denonc", "signifi", "previen", "preven", "notif", "gives", "give", "serves", "serve")


def notice_sender(sentence: Sentence, parties: Parties) -> frozenset[Role]:
    """The party that sends the notice, named as the subject just before the sending verb, when the
    notice's period sits in another part of the sentence ("sauf si le Locataire notifie par lettre
    recommandée, au moins neuf mois avant l'échéance, ..."). Only one party may send: a sentence in
    which both do is left to the other readings."""
    tokens = sentence.tokens
    senders = set()
    for index, token in enumerate(tokens):
        if not token.form.startswith(SENDING):
            continue
        for j in range(index - 1, max(-1, index - 4), -1):
            if tokens[j].form in ("le", "la", "les", "l'", "l", "the", "ne", "n'", "shall", "will", "may", "must"):
                continue
            role = parties.role_at(tokens, j)
            if role and not is_governed(tokens, 0, j):
                senders.add(role)
            break
        # the passive names the sender as its agent: « la décision est notifiée par écrit par l'Administration au
        # titulaire », "notice is given by the Customer"
        for k in range(index + 1, min(len(tokens), index + 6)):
            if tokens[k].form not in ("par", "by"):
                continue
            following = [i for i in range(k + 1, min(len(tokens), k + 4))
                         if tokens[i].form not in ("le", "la", "les", "l'", "l", "the")]
            if following and (role := parties.role_at(tokens, following[0])):
                senders.add(role)
                break
    return frozenset(senders) if len(senders) == 1 else frozenset()
