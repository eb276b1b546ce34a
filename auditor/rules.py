"""The checklist's detection language: a small, closed vocabulary, validated when the YAML loads.

A control's ``detect`` section says which sentences concern it (``scope``: terms, clause titles,
look-alikes to exclude, and an optional ``match`` expression for a meaning no single phrase
carries), which wordings create a risk (``flags``, each with the status it gives) and what a
compliant clause contains (``require``). Matching is on words, not on exact sentences:

- ``terms``: phrases matched on lemmas or written forms, case and accents ignored
  ("résilier" matches "résiliera", "résilié"); a trailing ``*`` matches any ending
  ("sauvegard*"); ``...`` inside a phrase allows up to three words between ("mettre ... fin");
- ``negated: true``: the terms only where they are negated ("n'est pas certifié"); by default a
  negated term does not match;
- ``actor``: whose act the first term is — ``provider``, ``client`` or ``either`` (a right
  given to both parties), read from the sentence (see ``auditor.parties``); ``named_after``: the
  party named just after the first term, its complement ("la responsabilité du Client", "bénéficie au
  Client", "applies to the Customer");
- ``duration`` / ``percent`` / ``amount``: a quantity (days, per cent, money) near some terms, compared with a
  threshold that may name a control parameter (``"{client_max_notice_months}"``); with ``by_party``, a
  duration stated for a party ("six mois pour le Client", "in the case of the Supplier") or a notice
  addressed to one ("notifiée au Titulaire") counts for that party (resp. the other one);
- ``cap``: a limitation-of-liability cap, compared in months of fees (a cap written as an amount is
  weighed against the recurring fees the contract states, `auditor/fees.py`);
- ``date``: a calendar date a term announces ("valable jusqu'au 1er juillet 2021"), past or still
  to come on the day of the audit (``before_audit``);
- ``applies``: the contract is in a field of the checklist's ``applicability`` (e.g. the Data
  Act's "data processing service");
- ``title``: words of the title of the clause the sentence belongs to;
- ``superseded``: the sentence is in a clause that another clause replaces or derogates from (an
  amendment, particular conditions over general ones): the text no longer in force;
- ``lead_in``: an expression that holds in the sentence introducing the list the sentence is an
  item of ("ne pourra être tenu responsable :" above "a) de la perte des données ;");
- ``anywhere``: an expression that holds in some sentence of the whole contract (cross-clause
  checks: "backups are sold" anywhere, "data loss excluded" here);
- ``previous``: an expression that holds in the sentence just before, in the same article (what
  "Ce délai", "Cette assistance" stand for);
- ``following``: an expression that holds in the sentence just after, in the same article (the
  safeguard "Cette suspension ne peut affecter…" that qualifies the right just given);
- ``cited``: an expression that holds in a clause the sentence cites by its number ("sauf dans le
  cas visé à l'article 9.4": whether 9.4 is a termination for the client's breach);
- ``row_numbers``: a table row whose cells under some headings list a number that its cells under
  other headings do not (``exceeds``: activities entrusted beyond those certified), or only numbers
  they list (``within``), or (``holder_exceeds``) a row of a matrix whose activities go beyond those
  another table of the contract certifies for a company the row names;
- ``all`` / ``any`` / ``none``: combinations; the parts of ``all`` must hold in the same stretch
  of a sentence (between semicolons);
- ``whole_sentence``: an expression that holds in the whole sentence of the stretch being read, on
  either side of its semicolons (within ``all``: « les pénalités sont libératoires ; elles ne font pas
  obstacle à la réparation des autres préjudices »).
"""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["pass", "weak", "fail", "missing", "not_applicable", "review"]
Actor = Literal["provider", "client", "either", "any"]
ThresholdValue = Union[float, str]

PARAMETER_REFERENCE = re.compile(r"^\{([a-z][a-z0-9_]*)\}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_value(value: ThresholdValue) -> ThresholdValue:
    if isinstance(value, str) and not PARAMETER_REFERENCE.match(value):
        raise ValueError(f"{value!r} is neither a number nor a parameter reference like '{{min_months}}'")
    return value


class Threshold(Strict):
    """A quantity limit; ``value`` may name a parameter of the control."""

    value: ThresholdValue
    unit: Literal["days", "months", "years", "hours", "business_days"] = "days"  # business days: 7/5 calendar days

    _value = field_validator("value")(classmethod(lambda cls, v: _check_value(v)))


class QuantityTest(Strict):
    near: list[str] = Field(min_length=1)
    record: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")  # report the value as this parameter
    window: int = Field(default=15, ge=1, le=60)  # words between the quantity and a ``near`` term
    actor: Actor = "any"
    # Whose duration it is may be said beside the duration rather than by the subject: "un préavis de
    # trois mois pour le Client et de six mois pour le Prestataire", "in the case of the Supplier, not
    # less than three months", or by the addressee of the notice ("notifiée au Titulaire": the
    # client's). With ``by_party`` such a duration counts for that party up to twice the window away.
    by_party: bool = False
    # Durations right after these words are another thing's period, not the one measured: "audits sur
    # préavis de quinze jours, restitution et effacement en fin de contrat" gives no retrieval window.
    not_after: list[str] = []
    # Durations right before these words measure something else too: "up to twelve months after the end of this
    # Agreement" (a period after the contract)
    not_before: list[str] = []
    # Durations qualified so ("six consecutive months", « douze mois glissants ») count a window, not a delay
    not_qualified: list[Literal["consecutive", "rolling", "preceding", "first", "following", "full", "additional"]] = []
    longer_than: Threshold | None = None
    shorter_than: Threshold | None = None
    at_least: Threshold | None = None
    at_most: Threshold | None = None


class PercentTest(Strict):
    near: list[str] = Field(min_length=1)
    window: int = Field(default=15, ge=1, le=60)
    above: ThresholdValue | None = None
    below: ThresholdValue | None = None

    _above = field_validator("above", "below")(classmethod(lambda cls, v: v if v is None else _check_value(v)))


class AmountTest(Strict):
    """A sum of money near some terms ("des frais de sortie de 5 000 € HT"), in any currency."""

    near: list[str] = Field(min_length=1)
    window: int = Field(default=15, ge=1, le=60)
    above: ThresholdValue | None = None
    below: ThresholdValue | None = None
    record: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")

    _limits = field_validator("above", "below")(classmethod(lambda cls, v: v if v is None else _check_value(v)))


class CapTest(Strict):
    actor: Actor = "provider"
    record: str | None = Field(default="cap_months_of_fees", pattern=r"^[a-z][a-z0-9_]*$")
    months_below: ThresholdValue | None = None
    months_at_least: ThresholdValue | None = None
    months_at_most: ThresholdValue | None = None  # "les trois derniers mois" is at most a 3-month threshold
    # e.g. ["order_value"]: the price of the failed order only. A cap written as an amount has the
    # basis "amount", or "amount_over_fees" when the contract states its fees: it is then read in
    # months of those fees ("50 000 €" against "4 500 € HT par mois").
    basis: list[str] | None = None

    _months = field_validator("months_below", "months_at_least", "months_at_most")(
        classmethod(lambda cls, v: v if v is None else _check_value(v))
    )


class DateTest(Strict):
    """A date near some terms, compared with the day of the audit: "certificat valable jusqu'au
    1er juillet 2021" read in 2026 is a certificate that has expired."""

    near: list[str] = Field(min_length=1)
    window: int = Field(default=8, ge=1, le=60)  # words between the date and a ``near`` term
    before_audit: bool  # true: the date is past on the day of the audit; false: it is still to come
    record: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")  # report the date as this parameter
    # terms announcing a validity period after the date ("délivré le 14 septembre 2023 ... pour une durée de
    # trois ans"): when set, the date compared is the one found plus that period, and a date with no such
    # period is not compared at all (an issue date alone says nothing of expiry)
    valid_for: list[str] | None = None
    # a table row whose heading row names the column of the end date ("Entité | Certificat | … | Échéance" above
    # "X | HDS-… | … | 12 septembre 2023 | 11 septembre 2026"): when set, the date compared is the one in the cells
    # under a heading with one of these words, ``near`` being then only a word of the row
    column: list[str] | None = None


class RowTest(Strict):
    """A table row whose cells under one heading list a number that its cells under another heading do
    not: a row of a hosting matrix "Coffre SAS | sauvegarde externalisée | 6 | … | 1" under the headings
    "Activités confiées" and "Activités certifiées" entrusts activity 6 to a company certified for 1.

    Headings are words of the table's first row (``*`` for any ending); a heading that matches
    ``within`` is read as such even when it also matches ``cell``. A cell's numbers are those that open
    it ("3, 4 et 5", "6° Sauvegarde", "1 à 4") or follow one of the ``listed`` words ("HDS-…-0952,
    activités 1 et 2"); nothing is concluded when either side lists none. ``compare: within`` holds
    instead for a row whose numbers are all listed on the other side (a matrix row that is in order).
    ``compare: holder_exceeds`` joins two tables: a matrix row "6 – Sauvegarde externalisée | Coffre"
    (its ``cell`` column, no ``within`` one) against the row of a certificates table whose first cell
    names the same company ("COFFRE SAS | … | 1"), read under its ``within`` heading."""

    cell: list[str] = Field(min_length=1)
    within: list[str] = Field(min_length=1)
    listed: list[str] = Field(min_length=1)
    compare: Literal["exceeds", "within", "holder_exceeds"] = "exceeds"


OPERATORS = ("terms", "all", "any", "none", "duration", "percent", "amount", "cap", "title", "anywhere", "applies",
             "superseded", "date", "lead_in", "previous", "row_numbers", "cited", "following", "whole_sentence")


class Expression(Strict):
    """Exactly one of the operators; ``actor`` qualifies ``terms``."""

    terms: list[str] | None = Field(default=None, min_length=1)
    actor: Actor = "any"
    # the party named just after the first term, its complement: whom a limitation concerns or benefits
    # ("la responsabilité de l'Exploitant", "bénéficie à l'Association", "applies to the Customer")
    named_after: Literal["provider", "client"] | None = None
    negated: bool = False  # match the terms only where they are negated ("n'est pas certifié")
    all: list[Expression] | None = Field(default=None, min_length=1)
    any: list[Expression] | None = Field(default=None, min_length=1)
    none: list[Expression] | None = Field(default=None, min_length=1)
    duration: QuantityTest | None = None
    percent: PercentTest | None = None
    amount: AmountTest | None = None
    cap: CapTest | None = None
    title: list[str] | None = Field(default=None, min_length=1)  # words of the title of the sentence's clause
    anywhere: Expression | None = None  # holds when some sentence of the whole contract matches
    applies: str | None = None  # holds when the contract is in that field ("data_processing_service", "health_data")
    # true: holds in a clause that another part of the contract replaces or derogates from ("L'article
    # 12.2 est supprimé et remplacé par ...", "Par dérogation à l'article 12.3 des CG"): not in force
    superseded: Literal[True] | None = None
    date: DateTest | None = None
    # holds in an item of a list ("a) de la perte des données ;") when the sentence introducing the list
    # ("Le Prestataire ne pourra être tenu responsable :") matches
    lead_in: Expression | None = None
    # holds when the sentence just before, in the same article, matches: what "Ce délai", "Cette
    # assistance", "It" stand for ("…pendant trente jours pour exporter vos données. Ce délai n'est pas
    # garanti en cas de manquement de votre part.")
    previous: Expression | None = None
    # holds when the sentence just after, in the same article, matches: the safeguard a right is given with
    # ("…peut suspendre les fonctions d'administration. Cette suspension ne peut en aucun cas affecter l'export
    # des données.")
    following: Expression | None = None
    # holds in a row of a table whose cells under some headings list a number the cells under others do not
    row_numbers: RowTest | None = None
    # holds when a clause the sentence cites by number ("sauf dans le cas visé à l'article 9.4", "during the
    # suspension under clause 4.3") has a sentence that matches: what the cross-reference brings in
    cited: Expression | None = None
    # holds when the whole sentence matches, beyond the stretch between semicolons ``all`` reads
    whole_sentence: Expression | None = None

    @model_validator(mode="after")
    def one_operator(self) -> Expression:
        operators = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(operators) != 1:
            raise ValueError(f"an expression needs exactly one of {', '.join(OPERATORS)} "
                             f"(found {', '.join(operators) or 'none'})")
        if (self.actor != "any" or self.negated or self.named_after) and self.terms is None:
            raise ValueError("'actor', 'named_after' and 'negated' qualify 'terms'; put them beside a terms list")
        return self


class Scope(Strict):
    terms: list[str] = Field(min_length=1)
    titles: list[str] = []  # clause titles whose sentences are all in scope
    exclude: list[str] = []  # terms that take a sentence out of scope (look-alikes)
    # Sentences where this expression holds are in scope too, for a meaning no single phrase
    # carries: a backup "incluse" in a price table, a penalty for a missed backup.
    match: Expression | None = None
    # How far an exclude word reaches: its whole sentence, or only its stretch between semicolons
    # ("Aucune indemnité n'est due ; les sommes payées d'avance sont remboursées" keeps the first).
    exclude_reach: Literal["sentence", "segment"] = "sentence"
    # Whether an exclude word still excludes where it is negated: false keeps "ne donne lieu à aucun
    # remboursement" in scope when a refund is the look-alike.
    exclude_negated: bool = True
    # Terms that keep a sentence in scope despite an exclude word: a list of purposes naming the hosting
    # beside the look-alike ("sous-traiter notamment l'hébergement des sauvegardes et le support de premier niveau").
    exclude_unless: list[str] = []
    # An expression that keeps a sentence in scope despite an exclude word, for what no phrase can say: the
    # client, under whatever name the contract gives it, holding the domain a sub-domain belongs to.
    exclude_unless_match: Expression | None = None
    # Look-alikes that take a sentence out of scope only when ``keep_when`` does not hold in it: a price
    # notice is no notice to end the contract, unless the same sentence also lets a party end it (« peut
    # résilier le contrat ou modifier ses tarifs moyennant un préavis d'un mois »).
    exclude_soft: list[str] = []
    keep_when: Expression | None = None

    @model_validator(mode="after")
    def _soft_exclusion_says_what_keeps(self):
        if self.exclude_soft and self.keep_when is None:
            raise ValueError("'exclude_soft' needs 'keep_when' (otherwise put the words in 'exclude')")
        return self


class Flag(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    # "missing": a wording that says the element is absent where the catalogue has no weak column (a flat backup
    # fee with failure reports but no credit: neither the fail situation nor a pass)
    status: Literal["fail", "weak", "missing", "review", "pass"]
    say: str  # one sentence for the report: what this wording means for the client
    say_en: str | None = None
    match: Expression


class Requirement(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    say: str  # what a compliant contract contains ("un préavis du Prestataire d'au moins trois mois")
    say_en: str | None = None
    match: Expression
    # "missing" when the absent element is the control's whole subject (backups made, nothing on where
    # they are kept: BKP-02 is silent)
    missing_status: Literal["weak", "fail", "review", "missing"] = "weak"


class Detect(Strict):
    scope: Scope
    flags: list[Flag] = []
    require: list[Requirement] = []
    # The status when no sentence is in scope: ``missing`` for a clause the client needs; ``pass``
    # where silence leaves the law in full force (a contract that limits no liability).
    silent: Literal["missing", "pass"] = "missing"
    silent_say: str = "Aucune clause du contrat ne traite ce point."
    silent_say_en: str = "No clause of the contract deals with this point."
    # The status when sentences are in scope but no flag holds and every requirement is unmet (a
    # reversibility clause that only returns the data says nothing of the transition): ``missing``
    # where such a clause is silence on the point; by default the requirements' own status.
    none_met: Literal["missing"] | None = None
    # ... unless this holds in some sentence of the contract (help offered on an open quotation: weak, not silence)
    none_met_unless: Expression | None = None
    # A contract outside the control's field although the catalogue's ``applies_when`` cannot say so: the
    # control is ``not_applicable`` where this holds in some sentence (an administrative contract with a
    # public buyer, to which the commercial-relationship rule of C. com. L442-1 II does not apply).
    not_applicable_when: Expression | None = None
    not_applicable_say: str = "Le contrat n'entre pas dans le champ de ce contrôle."
    not_applicable_say_en: str = "The contract is outside the field of this control."


def parameter_names(detect: Detect) -> set[str]:
    """Every ``{parameter}`` the rules refer to, to check them against the control's parameters."""
    found: set[str] = set()

    def visit(value) -> None:
        if isinstance(value, str):
            if match := PARAMETER_REFERENCE.match(value):
                found.add(match.group(1))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                visit(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                if not isinstance(item, str):  # a list of phrases: thresholds are never list items
                    visit(item)

    visit(detect)
    return found
