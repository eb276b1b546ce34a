"""The checklist: controls as data (``checklists/*.yaml``), their schema and the loader.

A control says what is checked, how its status is decided, on what legal basis, and what to ask
for instead; it holds no detection logic. :func:`load_checklist` validates a YAML file and reports
every problem with its line, so that a lawyer editing the file can fix them all in one pass.

The statuses are those of the control catalogue (``pass``, ``weak``, ``fail``, ``missing``,
``not_applicable``, ``review``). A status line set to ``null`` means the control never gives that
status (a "—" in the catalogue, or ``missing`` for the liability controls that pass when the
contract limits nothing).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from auditor.rules import Detect, parameter_names
from auditor.errors import EXIT_USAGE, AuditorError

CONTROL_ID_PATTERN = r"^(TERM|REV|HDS|BKP|LIAB|[A-Z]{2,5})-\d{2}$"
DEFAULT_CHECKLIST_NAME = "fr-it-services.yaml"

Severity = Literal["high", "medium", "low"]
Area = Literal["TERM", "REV", "HDS", "BKP", "LIAB"]
Status = Literal["pass", "weak", "fail", "missing", "not_applicable", "review"]
# What one wording alone should give; `review` marks a wording that shows the topic but not enough
# to decide (a heading, a bare term).
SignalExpectation = Literal["pass", "weak", "fail", "review"]
Applicability = Literal["always", "health_data", "data_processing_service", "specific_developments", "domain_names"]
ParameterType = Literal["int", "float", "bool", "str"]
Unit = Literal["days", "working_days", "hours", "months", "percent", "ratio", "count", "none"]
ThresholdSource = Literal["PRACTICE", "LAW", "CASE"]
Language = Literal["fr", "en"]

AREAS: tuple[str, ...] = get_args(Area)
STATUSES: tuple[str, ...] = get_args(Status)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ControlId = Annotated[str, StringConstraints(pattern=CONTROL_ID_PATTERN)]
ParameterName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


# ───────────────────────────── problems and the error ─────────────────────────────


@dataclass(frozen=True)
class ChecklistProblem:
    """One problem found in a checklist: where (file, line, path in the document) and what."""

    source: str
    line: int | None
    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        path = " -> ".join(str(part) for part in self.path)
        return f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"


class ChecklistError(AuditorError):
    """A checklist file or a parameter override is invalid; the message lists every problem, one a line."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: Sequence[ChecklistProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _single_problem(source: str, message: str) -> ChecklistError:
    return ChecklistError([ChecklistProblem(source, None, (), message)])


class _ItemError(ValueError):
    """Raised by a validator that knows which item inside its field is wrong.

    pydantic locates a validator's error at the field; the loader adds ``subpath`` so that the
    line reported is the item's, not the field's.
    """

    def __init__(self, subpath: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.subpath = subpath


# ───────────────────────────────── the schema ─────────────────────────────────


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_FRENCH_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")

# Citations use the abbreviations French lawyers write; other texts keep their full name.
_TEXT_ABBREVIATIONS = {
    "Code civil": "C. civ.",
    "Code de commerce": "C. com.",
    "Code de la santé publique": "CSP",
    "Code pénal": "C. pén.",
    "Code de la propriété intellectuelle": "CPI",
    "Code de procédure civile": "CPC",
    "Code des assurances": "C. assur.",
}


def french_date(day: dt.date) -> str:
    """``8 déc. 2022``; the first of the month is ``1er``, as French citations write it."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_FRENCH_MONTHS[day.month - 1]} {day.year}"


class LegalReference(_Frozen):
    """A decision or a text a control relies on. Only ``confirmed`` references reach reports."""

    confirmed: bool

    def citation(self) -> str:
        raise NotImplementedError


class Decision(LegalReference):
    """A court decision (or a regulator's sanction), cited by court, chamber, date and number."""

    kind: Literal["decision"]
    # One of the project's seed decisions; they come first in a control's legal basis.
    seed: bool = False
    court: Text
    chamber: Text | None = None
    date: dt.date
    number: Text | None = None
    parties: Text | None = None
    holding: Text

    def citation(self) -> str:
        """``CA Douai, ch. 2 sect. 1, 8 déc. 2022, RG 21/01153``."""
        parts = (self.court, self.chamber, french_date(self.date), self.number)
        return ", ".join(part for part in parts if part)


class LegalText(LegalReference):
    """A statute (code article), a regulation (EU regulation, arrêté) or official guidance."""

    kind: Literal["statute", "regulation", "guidance"]
    text: Text
    article: Text | None = Field(default=None, validate_default=True)
    note: Text | None = None

    @field_validator("article")
    @classmethod
    def _statute_names_an_article(cls, article: str | None, info: ValidationInfo) -> str | None:
        if article is None and info.data.get("kind") == "statute":
            raise ValueError("a statute is cited with its article")
        return article

    def citation(self) -> str:
        """``C. civ., art. 1231-3``; guidance keeps its own section name, without ``art.``."""
        name = _TEXT_ABBREVIATIONS.get(self.text, self.text)
        if not self.article:
            return name
        return f"{name}, {self.article}" if self.kind == "guidance" else f"{name}, art. {self.article}"


Reference = Union[Decision, LegalText]
AnyLegalReference = Annotated[Reference, Field(discriminator="kind")]


class Statuses(_Frozen):
    """What decides each status for one control, one line each (shown as "what was checked")."""

    pass_: Text = Field(alias="pass")
    weak: Text | None
    fail: Text | None
    missing: Text | None
    not_applicable: Text | None = None
    review: Text | None = None

    def line(self, status: str) -> str | None:
        return self.pass_ if status == "pass" else getattr(self, status)

    def given(self) -> tuple[str, ...]:
        """The statuses this control can give (``review`` always can: a person decides)."""
        return tuple(status for status in STATUSES if status == "review" or self.line(status) is not None)


def _is_of_type(value: object, declared: str) -> bool:
    # bool is a subclass of int in Python: `default: true` must not pass as an int.
    if declared == "bool":
        return isinstance(value, bool)
    if declared == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if declared == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)


_TYPE_NAMES = {
    "int": "a whole number (int)",
    "float": "a number (float)",
    "bool": "true or false (bool)",
    "str": "text (str)",
}
_TRUE_WORDS = {"true", "yes", "oui", "1"}
_FALSE_WORDS = {"false", "no", "non", "0"}


class Parameter(_Frozen):
    """A threshold of a control. [LAW] thresholds are fixed by a text and cannot be overridden."""

    type: ParameterType
    default: bool | int | float | str
    unit: Unit
    tag: ThresholdSource
    overridable: bool = Field(default=True, validate_default=True)
    description: Text
    description_en: Text

    @field_validator("default")
    @classmethod
    def _default_matches_type(cls, default: object, info: ValidationInfo) -> object:
        declared = info.data.get("type")
        if declared is None:  # `type` itself is invalid and already reported
            return default
        if not _is_of_type(default, declared):
            raise ValueError(f"default {default!r} is not {_TYPE_NAMES[declared]}, as `type: {declared}` declares")
        return float(default) if declared == "float" else default

    @field_validator("overridable")
    @classmethod
    def _law_is_fixed(cls, overridable: bool, info: ValidationInfo) -> bool:
        if overridable and info.data.get("tag") == "LAW":
            raise ValueError("a [LAW] threshold is fixed by a text: set `overridable: false`")
        return overridable

    def parse_value(self, raw: object) -> bool | int | float | str:
        """Turn an override (text from the command line, or a Python value) into the declared type."""
        value = _parse_text_value(raw, self.type) if isinstance(raw, str) else raw
        if value is None or not _is_of_type(value, self.type):
            raise ValueError(f"expected {_TYPE_NAMES[self.type]}, got {raw!r}")
        if self.type in ("int", "float") and value < 0:  # type: ignore[operator]
            raise ValueError(f"must not be negative, got {raw!r}")
        return float(value) if self.type == "float" else value


def _parse_text_value(raw: str, declared: str) -> bool | int | float | str | None:
    text = raw.strip()
    if declared == "int":
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else None
    if declared == "float":
        # French users write decimal commas ("2,5").
        normalised = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
        return float(normalised) if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", normalised) else None
    if declared == "bool":
        lowered = text.lower()
        return True if lowered in _TRUE_WORDS else False if lowered in _FALSE_WORDS else None
    return text or None


class Signal(_Frozen):
    """A realistic wording, and the status that wording alone should give."""

    text: Text
    expect: SignalExpectation


class Signals(_Frozen):
    fr: tuple[Signal, ...] = ()
    en: tuple[Signal, ...] = ()

    def all(self) -> tuple[Signal, ...]:
        return self.fr + self.en


class Traps(_Frozen):
    """Look-alike wordings that must not trigger the control."""

    fr: tuple[Text, ...] = ()
    en: tuple[Text, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.fr + self.en


_LEGAL_BASIS_RANK = {"seed decision": 0, "decision": 1, "text": 2}


def _rank_name(reference: Reference) -> str:
    if isinstance(reference, Decision):
        return "seed decision" if reference.seed else "decision"
    return "text"


class Control(_Frozen):
    """One control of the checklist. Field order matters: validators read the fields above them."""

    id: ControlId
    area: Area
    title: Text
    title_en: Text
    severity: Severity
    applies_when: Applicability = "always"
    rationale: Text
    legal_basis: tuple[AnyLegalReference, ...]
    statuses: Statuses
    statuses_en: Statuses | None = None  # the same lines in English, for reports in English
    parameters: dict[ParameterName, Parameter] = Field(default_factory=dict)
    signals: Signals
    traps: Traps = Traps()
    recommendation: Text
    recommendation_en: Text
    fallback: Text
    fallback_en: Text
    cross_checks: tuple[ControlId, ...] = ()
    # How the tool decides the status (auditor.rules); a control without it is reported for review.
    detect: Detect | None = None

    @field_validator("area")
    @classmethod
    def _area_matches_id(cls, area: str, info: ValidationInfo) -> str:
        control_id = info.data.get("id")
        if control_id and not control_id.startswith(f"{area}-"):
            raise ValueError(f"control {control_id} cannot belong to area {area}")
        return area

    @field_validator("legal_basis")
    @classmethod
    def _legal_basis_is_citable_and_ordered(cls, references: tuple[Reference, ...]) -> tuple[Reference, ...]:
        if not references:
            raise ValueError("every control cites at least one reference")
        if not any(reference.confirmed for reference in references):
            raise ValueError("at least one reference must be confirmed: reports only cite confirmed ones")
        for position in range(1, len(references)):
            before, here = _rank_name(references[position - 1]), _rank_name(references[position])
            if _LEGAL_BASIS_RANK[here] < _LEGAL_BASIS_RANK[before]:
                raise _ItemError(
                    (position,), f"a {here} after a {before}: seed decisions come first, then other decisions, then texts"
                )
        return references

    @field_validator("statuses")
    @classmethod
    def _not_applicable_matches_applies_when(cls, statuses: Statuses, info: ValidationInfo) -> Statuses:
        applies_when = info.data.get("applies_when", "always")
        if applies_when != "always" and statuses.not_applicable is None:
            raise ValueError(f"not_applicable is required: the control applies only when {applies_when}")
        if applies_when == "always" and statuses.not_applicable is not None:
            raise ValueError("not_applicable is only for controls with `applies_when`")
        return statuses

    @field_validator("signals")
    @classmethod
    def _signals_expect_given_statuses(cls, signals: Signals, info: ValidationInfo) -> Signals:
        if not signals.all():
            raise ValueError("at least one signal (fr or en) is needed")
        statuses: Statuses | None = info.data.get("statuses")
        if statuses is None:  # already reported
            return signals
        for language in ("fr", "en"):
            for position, signal in enumerate(getattr(signals, language)):
                if signal.expect not in statuses.given():
                    raise _ItemError(
                        (language, position, "expect"), f"{signal.expect} is a status this control never gives"
                    )
        return signals

    @field_validator("cross_checks")
    @classmethod
    def _cross_checks_name_other_controls(cls, cross_checks: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if info.data.get("id") in cross_checks:
            raise ValueError("a control cannot cross-check itself")
        if len(set(cross_checks)) != len(cross_checks):
            raise ValueError("a control is listed twice")
        return cross_checks

    @field_validator("detect")
    @classmethod
    def _detect_names_declared_parameters(cls, detect: Detect | None, info: ValidationInfo) -> Detect | None:
        if detect is not None:
            unknown = sorted(parameter_names(detect) - set(info.data.get("parameters") or {}))
            if unknown:
                raise ValueError(f"the rules use undeclared parameters: {', '.join(unknown)}")
        return detect

    @property
    def citable_legal_basis(self) -> tuple[Reference, ...]:
        """The references reports may cite: unconfirmed ones stay in the YAML for the maintainers only."""
        return tuple(reference for reference in self.legal_basis if reference.confirmed)

    @field_validator("statuses_en")
    @classmethod
    def _english_statuses_match(cls, statuses_en: Statuses | None, info: ValidationInfo) -> Statuses | None:
        statuses: Statuses | None = info.data.get("statuses")
        if statuses_en is not None and statuses is not None and statuses_en.given() != statuses.given():
            raise ValueError(f"statuses_en must give the same statuses as statuses ({', '.join(statuses.given())})")
        return statuses_en

    def statuses_in(self, language: str) -> Statuses:
        return self.statuses_en if language == "en" and self.statuses_en is not None else self.statuses

    def title_in(self, language: str) -> str:
        return self.title_en if language == "en" else self.title

    def recommendation_in(self, language: str) -> str:
        return self.recommendation_en if language == "en" else self.recommendation

    def fallback_in(self, language: str) -> str:
        return self.fallback_en if language == "en" else self.fallback


class ApplicabilityRule(_Frozen):
    """Words showing a contract is in a control's field ("données de santé"), and denials to ignore."""

    terms: tuple[str, ...] = Field(min_length=1)
    # Words of the setting rather than of the field itself ("patients", "établissement de santé"): they
    # bring the field in only when they come back in ``weak_terms_sentences`` sentences or more; once, they
    # may be an elector's address or a market ("les électeurs accueillis en établissement de santé").
    weak_terms: tuple[str, ...] = ()
    weak_terms_sentences: int = Field(default=2, ge=1)
    exclude: tuple[str, ...] = ()  # a sentence with these denies it ("n'est pas conçu pour...")
    # Words giving the terms another sense in the whole contract: a veterinary practice calls its animals
    # « patients ». Said in ``other_sense_sentences`` sentences or more, they keep the field out.
    other_sense: tuple[str, ...] = ()
    other_sense_sentences: int = Field(default=2, ge=1)
    # Words by which the contract declares that its data fall outside the field's law (« recueillies pour la
    # défense de ses clients et non à l'occasion d'activités de prévention, de diagnostic ou de soins »): said
    # once, they keep the field out unless the weak terms (the care setting: patients) come back as above.
    declared_outside: tuple[str, ...] = ()
    say_declared_outside: str | None = None  # the reason then given, with the declaration quoted
    say_declared_outside_en: str | None = None
    say: str  # "Le contrat porte sur des données de santé"
    say_not: str  # "Le contrat ne porte pas sur des données de santé"
    say_en: str | None = None
    say_not_en: str | None = None


class ChecklistInfo(_Frozen):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    title_en: Text | None = None
    version: Text
    language: Language
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    point_of_view: Literal["client", "provider"]


class Checklist(_Frozen):
    """A validated checklist. Build it with :func:`load_checklist`; derive variants with :meth:`with_parameters`.

    Loads of an unchanged file share one instance: treat it, its controls and their parameter
    mappings as read-only.
    """

    schema_version: Literal[1]
    info: ChecklistInfo = Field(alias="checklist")
    # How to tell whether a contract is in the field of an ``applies_when`` condition.
    applicability: dict[str, ApplicabilityRule] = Field(default_factory=dict)
    # Files of detection rules (paths relative to this file), kept apart from the legal content.
    detection: tuple[str, ...] = ()
    controls: tuple[Control, ...]

    # A validator rather than Field(min_length=1): pydantic would also count invalid controls as
    # missing and report "0 items" on top of their own errors.
    @field_validator("controls")
    @classmethod
    def _has_controls(cls, controls: tuple[Control, ...]) -> tuple[Control, ...]:
        if not controls:
            raise ValueError("a checklist holds at least one control")
        return controls

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(control.id for control in self.controls)

    def control(self, control_id: str) -> Control:
        """The control with this id (case-insensitive); :class:`ChecklistError` if there is none."""
        wanted = control_id.strip().upper()
        for control in self.controls:
            if control.id == wanted:
                return control
        raise _single_problem(self.info.id, f"unknown control {control_id!r} (see `auditor checklist list`)")

    def with_parameters(self, overrides: Mapping[str, object]) -> Checklist:
        """A copy whose parameters take the given values, e.g. ``{"LIAB-01.min_months": "6"}``.

        Text values are parsed to each parameter's declared type. Unknown controls or parameters,
        values of the wrong type and [LAW] parameters are refused, all of them in one error.
        """
        problems: list[ChecklistProblem] = []
        new_values: dict[str, dict[str, object]] = {}
        for key, raw in overrides.items():
            try:
                control_id, name, value = self._resolve_override(key, raw)
            except ValueError as error:
                problems.append(ChecklistProblem(f"parameter {key}", None, (), str(error)))
                continue
            new_values.setdefault(control_id, {})[name] = value
        if problems:
            raise ChecklistError(problems)
        controls = tuple(_with_defaults(control, new_values.get(control.id, {})) for control in self.controls)
        return self.model_copy(update={"controls": controls})

    def _resolve_override(self, key: str, raw: object) -> tuple[str, str, object]:
        control_id, dot, name = key.strip().rpartition(".")
        if not dot or not control_id or not name:
            raise ValueError("expected CONTROL-ID.name, e.g. LIAB-01.min_months")
        control = next((c for c in self.controls if c.id == control_id.upper()), None)
        if control is None:
            raise ValueError(f"unknown control {control_id!r}")
        parameter = control.parameters.get(name)
        if parameter is None:
            known = ", ".join(control.parameters) or "none"
            raise ValueError(f"{control.id} has no parameter {name!r} (its parameters: {known})")
        if not parameter.overridable:
            raise ValueError(f"fixed by law [{parameter.tag}]: it cannot be changed")
        return control.id, name, parameter.parse_value(raw)


def _with_defaults(control: Control, values: Mapping[str, object]) -> Control:
    if not values:
        return control
    parameters = {
        name: parameter.model_copy(update={"default": values[name]}) if name in values else parameter
        for name, parameter in control.parameters.items()
    }
    return control.model_copy(update={"parameters": parameters})


def apply_parameter_assignments(checklist: Checklist, assignments: Iterable[str]) -> Checklist:
    """``checklist`` with ``--param`` style assignments applied; every bad one is reported at once."""
    problems: list[ChecklistProblem] = []
    overrides: dict[str, str] = {}
    for assignment in assignments:
        try:
            key, value = parse_parameter_assignment(assignment)
        except ChecklistError as error:
            problems.extend(error.problems)
            continue
        overrides[key] = value
    try:
        updated = checklist.with_parameters(overrides)
    except ChecklistError as error:
        problems.extend(error.problems)
    if problems:
        raise ChecklistError(problems)
    return updated


def parse_parameter_assignment(assignment: str) -> tuple[str, str]:
    """``"LIAB-01.min_months=6"`` → ``("LIAB-01.min_months", "6")`` (the ``--param`` syntax)."""
    key, equals, value = assignment.partition("=")
    if not equals or not key.strip():
        raise _single_problem(f"parameter {assignment!r}", "expected CONTROL-ID.name=value, e.g. LIAB-01.min_months=6")
    return key.strip(), value


# ───────────────────────────────── the loader ─────────────────────────────────


def default_checklist_path() -> Path:
    """The checklist shipped with the project: ``checklists/fr-it-services.yaml`` at the repository top.

    It lives outside the package so that lawyers find the controls at the top of the repository;
    an editable install (``pip install -e .``) reads it in place. A wheel would not carry it.
    """
    return Path(__file__).resolve().parents[1] / "checklists" / DEFAULT_CHECKLIST_NAME


def display_path(path: str | Path) -> str:
    """The path as a user would type it: relative to the current directory when inside it."""
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def load_checklist(path: str | Path) -> Checklist:
    """Read and validate a checklist file; :class:`ChecklistError` lists every problem with its line."""
    source = display_path(path)
    try:
        stat = Path(path).stat()
    except OSError:
        return _load_uncached(Path(path), source)  # reports the missing or unreadable file
    return _load_cached(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size, source)


# ruamel's YAML 1.2 parser is pure Python (about half a second for the packaged file); a batch
# run or a test session loads the same file many times. Checklists are frozen, so sharing one is
# safe; the modification time and size in the key make an edited file load afresh.
@functools.lru_cache(maxsize=8)
def _load_cached(resolved: str, mtime_ns: int, size: int, source: str) -> Checklist:
    return _load_uncached(Path(resolved), source)


def _load_uncached(path: Path, source: str) -> Checklist:
    text = _read_text(path, source)
    plain = _fast_plain(text)
    fast = _fast_validate_plain(plain, Checklist)
    if fast is not None and not any(_cross_control_problems(plain, source)):
        return _with_detection(fast, path.parent) if fast.detection else fast
    document = _parse_yaml(text, source)
    problems = list(_cross_control_problems(document, source))
    checklist: Checklist | None = None
    try:
        checklist = Checklist.model_validate(_to_plain(document))
    except ValidationError as error:
        problems.extend(_validation_problems(error, document, source))
    if problems:
        problems.sort(key=lambda problem: (problem.line is None, problem.line or 0))
        raise ChecklistError(problems)
    assert checklist is not None
    return _with_detection(checklist, path.parent) if checklist.detection else checklist


class DetectionFile(_Frozen):
    """Detection rules for some controls of a checklist: control id → ``detect`` section."""

    schema_version: Literal[1]
    checklist: str
    controls: dict[ControlId, Detect]


def _with_detection(checklist: Checklist, base: Path) -> Checklist:
    """The checklist with the rules of its detection files attached to their controls."""
    problems: list[ChecklistProblem] = []
    rules: dict[str, Detect] = {}
    declared = {control.id: set(control.parameters) for control in checklist.controls}
    for relative in checklist.detection:
        path = base / relative
        source = display_path(path)
        text = _read_text(path, source)
        detection = _fast_validate(text, DetectionFile)
        if detection is None:
            document = _parse_yaml(text, source)
            try:
                detection = DetectionFile.model_validate(_to_plain(document))
            except ValidationError as error:
                problems.extend(_validation_problems(error, document, source))
                continue
        else:
            document = None
        if detection.checklist != checklist.info.id:
            problems.append(ChecklistProblem(source, None, ("checklist",),
                                             f"these rules are for {detection.checklist!r}, not {checklist.info.id!r}"))
        for control_id, detect in detection.controls.items():
            if document is None and not _detection_problem(control_id, detect, declared, rules):
                rules[control_id] = detect
                continue
            document = document if document is not None else _parse_yaml(text, source)
            line, where = _locate(document, ("controls", control_id))
            if control_id not in declared:
                problems.append(ChecklistProblem(source, line, where, f"no control {control_id} in the checklist"))
            elif control_id in rules:
                problems.append(ChecklistProblem(source, line, where, f"{control_id} has rules in two files"))
            elif unknown := sorted(parameter_names(detect) - declared[control_id]):
                problems.append(ChecklistProblem(
                    source, line, where, f"the rules use parameters {control_id} does not declare: {', '.join(unknown)}"
                ))
            else:
                rules[control_id] = detect
    if problems:
        raise ChecklistError(problems)
    controls = tuple(
        control.model_copy(update={"detect": rules[control.id]}) if control.id in rules else control
        for control in checklist.controls
    )
    return checklist.model_copy(update={"controls": controls})


def _detection_problem(control_id: str, detect: Detect, declared: Mapping[str, set[str]],
                       rules: Mapping[str, Detect]) -> bool:
    return control_id not in declared or control_id in rules or bool(parameter_names(detect) - declared[control_id])


# Loading a checklist is on the path of every audit: ruamel's round-trip parser (pure Python, line
# numbers for error messages) costs seconds for the packaged rules, libyaml a tenth of that. A
# file is read with libyaml first; only a file with a problem is parsed again by ruamel, whose
# line numbers the error messages need. The resolvers are YAML 1.2's core schema (+ timestamps,
# as ruamel reads them), so that both parsers give the same values: `no` and `on` stay strings.
class _Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        if len(keys) != len(set(map(repr, keys))):
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep)


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$", "-+0123456789."),
):
    _Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern),
                                        list(_first) + ([""] if _tag == "null" else []))
for _first_char, _entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _entries:
        if _tag.endswith(":timestamp"):
            _Yaml12Loader.add_implicit_resolver(_tag, _regexp, [_first_char])


def _fast_plain(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a safe loader with YAML 1.2 resolvers
    except yaml.YAMLError:
        return None


def _fast_validate(text: str, model: type[BaseModel]) -> Any:
    """The validated model when the file is fine, else None (the caller parses again for precise errors)."""
    return _fast_validate_plain(_fast_plain(text), model)


def _fast_validate_plain(plain: Any, model: type[BaseModel]) -> Any:
    if not isinstance(plain, dict):
        return None
    try:
        return model.model_validate(plain)
    except ValidationError:
        return None


def _read_text(path: Path, source: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _single_problem(source, "no such file") from None
    except IsADirectoryError:
        raise _single_problem(source, "is a directory, not a checklist file") from None
    except UnicodeDecodeError as error:
        raise _single_problem(source, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise _single_problem(source, f"cannot be read ({error.strerror})") from None


def _parse_yaml(text: str, source: str) -> Any:
    # Round-trip mode: YAML 1.2 (`NO` stays a string) and every node remembers its line.
    try:
        document = YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        raise ChecklistError([_yaml_syntax_problem(error, source)]) from None
    except YAMLError as error:
        raise _single_problem(source, f"invalid YAML: {error}") from None
    if not isinstance(document, CommentedMap):
        raise ChecklistError(
            [ChecklistProblem(source, 1, (), "a checklist is a YAML mapping with schema_version, checklist and controls")]
        )
    return document


def _yaml_syntax_problem(error: MarkedYAMLError, source: str) -> ChecklistProblem:
    # The parser stops where it notices the problem (problem_mark), often a line after the mistake;
    # the construct it was reading (context_mark) points at the mistake itself, so say both.
    problem_line = error.problem_mark.line + 1 if error.problem_mark is not None else None
    message = f"invalid YAML: {error.problem or error.context}"
    if error.context and error.problem and error.context_mark is not None:
        message += f" ({error.context} begun at line {error.context_mark.line + 1})"
    return ChecklistProblem(source, problem_line, (), message)


def _to_plain(node: Any) -> Any:
    """ruamel's round-trip nodes as plain Python values (its str/float subclasses included)."""
    if isinstance(node, Mapping):
        return {_to_plain(key): _to_plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_to_plain(item) for item in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _validation_problems(error: ValidationError, document: Any, source: str) -> Iterator[ChecklistProblem]:
    for detail in error.errors(include_url=False):
        cause = detail.get("ctx", {}).get("error")
        loc = (*detail["loc"], *cause.subpath) if isinstance(cause, _ItemError) else detail["loc"]
        line, path = _locate(document, loc)
        yield ChecklistProblem(source, line, path, _readable_message(detail))


_PATTERN_HINTS = {
    CONTROL_ID_PATTERN: "a control id is an area, a dash and two digits, e.g. TERM-01",
    ParameterName.__metadata__[0].pattern: "a parameter name is lower-case snake_case, e.g. min_cure_days",
}


def _readable_message(detail: Mapping[str, Any]) -> str:
    kind, loc = detail["type"], detail["loc"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against checklists/README.md)"
    if kind == "missing" and len(loc) >= 2 and loc[-2] == "statuses":
        return "field required (write null if this control never gives this status)"
    if kind == "missing":
        return "field required"
    if kind == "string_pattern_mismatch" and detail["ctx"]["pattern"] in _PATTERN_HINTS:
        return f"{detail['input']!r}: {_PATTERN_HINTS[detail['ctx']['pattern']]}"
    if kind == "value_error":
        # Our own validators' messages arrive as "Value error, <ours>" and already name the input.
        return str(detail["msg"]).removeprefix("Value error, ")
    shown_input = detail.get("input")
    if isinstance(shown_input, (str, int, float, bool, dt.date)) or shown_input is None:
        # Show what was read: `severity: NO` must visibly stay the text 'NO' (YAML 1.2).
        return f"{detail['msg']} (got {shown_input!r})"
    return str(detail["msg"])


def _locate(document: Any, loc: Iterable[str | int]) -> tuple[int | None, tuple[str | int, ...]]:
    """The line of the deepest node of ``loc`` present in the file, and ``loc`` as the user wrote it.

    pydantic adds the union tag (``decision``, ``statute``…) and ``[key]`` to error paths; they
    are not in the file, so they are dropped from the path shown.
    """
    node, line, shown = document, None, []
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(node, CommentedMap):
            if part in node:
                line = node.lc.key(part)[0] + 1
                shown.append(part)
                node = node[part]
                continue
            if node.get("kind") == part:
                continue
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            shown.append(part)
            node = node[part]
            continue
        shown.append(part)
        node = None
    return line, tuple(shown)


def _cross_control_problems(document: Mapping, source: str) -> Iterator[ChecklistProblem]:
    """Checks across controls, run on the raw document so they are reported even when a field is invalid."""
    controls = document.get("controls")
    if not isinstance(controls, list):
        return
    positions: dict[str, int] = {}
    for position, control in enumerate(controls):
        if not isinstance(control, Mapping) or not isinstance(control.get("id"), str):
            continue
        control_id = str(control["id"])
        if control_id in positions:
            line, path = _locate(document, ("controls", position, "id"))
            first_line, _ = _locate(document, ("controls", positions[control_id], "id"))
            message = f"duplicate control id {control_id} (first used at line {first_line})"
            yield ChecklistProblem(source, line, path, message)
            continue
        positions[control_id] = position
    yield from _cross_check_problems(document, source, positions)


def _cross_check_problems(
    document: CommentedMap, source: str, positions: Mapping[str, int]
) -> Iterator[ChecklistProblem]:
    # An id from an area this file does not cover (e.g. ADJ-07, the extended catalogue) is a
    # forward reference; an id from a covered area must exist, and the link must go both ways.
    controls = document["controls"]
    listed = {control_id: _cross_checks_of(controls[position]) for control_id, position in positions.items()}
    areas = {control_id.split("-")[0] for control_id in positions}
    for control_id, others in listed.items():
        for index, other in enumerate(others):
            if not isinstance(other, str) or other.split("-")[0] not in areas:
                continue
            line, path = _locate(document, ("controls", positions[control_id], "cross_checks", index))
            if other not in listed:
                yield ChecklistProblem(source, line, path, f"unknown control {other}")
            elif control_id not in listed[other]:
                yield ChecklistProblem(
                    source, line, path, f"{other} does not list {control_id} in its cross_checks (links go both ways)"
                )


def _cross_checks_of(control: Mapping) -> list[Any]:
    listed = control.get("cross_checks")
    return list(listed) if isinstance(listed, list) else []
