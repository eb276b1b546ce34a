"""``auditor checklist validate|list|show``: check a checklist file and read its controls.

Commands parse options, call :mod:`auditor.checklist` and print; the control sheet is built as
plain lines so that the same text reaches a terminal (styled with rich) and a pipe (unstyled).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from auditor.checklist import (
    AREAS,
    Checklist,
    ChecklistError,
    Control,
    Decision,
    apply_parameter_assignments,
    default_checklist_path,
    display_path,
    load_checklist,
)
from auditor.errors import EXIT_USAGE, AuditorError

CHECKLIST_OPTION_HELP = "Checklist YAML file (default: the packaged checklists/fr-it-services.yaml)."

_LABELS = {
    "fr": {
        "area": "domaine", "severity": "gravité", "applies": "s'applique :", "always": "toujours",
        "why": "Pourquoi", "checked": "Ce qui est vérifié", "never": "— (jamais attribué à ce contrôle)",
        "parameters": "Paramètres", "fixed": "fixé par la loi", "default": "défaut",
        "legal_basis": "Fondements juridiques", "withheld": "référence(s) non confirmée(s) non affichée(s)",
        "recommendation": "Recommandation", "fallback": "Clause de repli", "cross_checks": "Contrôles liés",
    },
    "en": {
        "area": "area", "severity": "severity", "applies": "applies:", "always": "always",
        "why": "Why", "checked": "What is checked", "never": "— (never given by this control)",
        "parameters": "Parameters", "fixed": "fixed by law", "default": "default",
        "legal_basis": "Legal basis", "withheld": "unconfirmed reference(s) not shown",
        "recommendation": "Recommendation", "fallback": "Fallback clause", "cross_checks": "Related controls",
    },
}

_UNITS = {
    "fr": {"days": "jours", "working_days": "jours ouvrés", "hours": "heures", "months": "mois", "percent": "%",
           "ratio": "×", "count": "", "none": ""},
    "en": {"days": "days", "working_days": "working days", "hours": "hours", "months": "months", "percent": "%",
           "ratio": "×", "count": "", "none": ""},
}

# The statuses every control has a line for, in the catalogue's order; the others only when set.
_CORE_STATUSES = ("pass", "weak", "fail", "missing")
_OPTIONAL_STATUSES = ("not_applicable", "review")

language_option = click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                               help="Language of titles, recommendations and headings.")
checklist_option = click.option("--checklist", "checklist_file", type=click.Path(dir_okay=False, path_type=Path),
                                help=CHECKLIST_OPTION_HELP)


@click.group(name="checklist")
def checklist() -> None:
    """Validate a checklist file, list its controls, show one control in full."""


@checklist.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check checklist files against the schema and print every problem with its line.

    With no FILES, checks the packaged checklist. Exits with 2 if any file has a problem.
    """
    any_invalid = False
    for path in files or (default_checklist_path(),):
        try:
            loaded = load_checklist(path)
        except ChecklistError as error:
            any_invalid = True
            _echo_error(error)
            continue
        click.echo(f"{display_path(path)}: ok: {len(loaded.controls)} controls")
    if any_invalid:
        sys.exit(EXIT_USAGE)


@checklist.command(name="list")
@checklist_option
@click.option("--area", type=click.Choice(AREAS, case_sensitive=False), help="Only the controls of this area.")
@language_option
def list_controls(checklist_file: Path | None, area: str | None, lang: str) -> None:
    """One line per control: id, area, severity, title."""
    loaded = _load_or_exit(checklist_file)
    for control in loaded.controls:
        if area is None or control.area == area.upper():
            click.echo(f"{control.id:<8} {control.area:<4} {control.severity:<6} {control.title_in(lang)}")


@checklist.command()
@click.argument("control_id", metavar="ID")
@checklist_option
@click.option("--param", "assignments", multiple=True, metavar="ID.name=value",
              help="Override a parameter, e.g. --param LIAB-01.min_months=6 (repeatable).")
@language_option
def show(control_id: str, checklist_file: Path | None, assignments: tuple[str, ...], lang: str) -> None:
    """Everything about control ID: statuses, parameters, legal basis, recommendation, fallback."""
    loaded = _load_or_exit(checklist_file)
    try:
        declared = loaded.control(control_id)
        effective = apply_parameter_assignments(loaded, assignments).control(control_id)
    except AuditorError as error:
        _exit_with(error)
    _print_sheet(control_sheet(effective, declared, lang))


def _load_or_exit(checklist_file: Path | None) -> Checklist:
    try:
        return load_checklist(checklist_file or default_checklist_path())
    except AuditorError as error:
        _exit_with(error)


def _echo_error(error: AuditorError) -> None:
    for line in str(error).splitlines():
        click.echo(f"auditor: error: {line}", err=True)


def _exit_with(error: AuditorError) -> NoReturn:
    _echo_error(error)
    sys.exit(error.exit_code)


# ───────────────────────────── the control sheet ─────────────────────────────

Line = tuple[str, str]  # (style, text): style is "title", "meta", "heading" or "text"


def control_sheet(control: Control, declared: Control, language: str) -> list[Line]:
    """The lines ``show`` prints. ``declared`` is the control before ``--param`` overrides."""
    labels = _LABELS[language]
    applies = labels["always"] if control.applies_when == "always" else control.applies_when
    lines: list[Line] = [
        ("title", f"{control.id} · {control.title_in(language)}"),
        ("meta", " · ".join((
            f"{labels['area']} {control.area}", f"{labels['severity']} {control.severity}", f"{labels['applies']} {applies}"
        ))),
        ("heading", labels["why"]),
        ("text", control.rationale),
        ("heading", labels["checked"]),
        *_status_lines(control, labels),
    ]
    if control.parameters:
        lines += [("heading", labels["parameters"]), *_parameter_lines(control, declared, language)]
    lines += [("heading", labels["legal_basis"]), *_legal_basis_lines(control, labels)]
    lines += [
        ("heading", labels["recommendation"]),
        ("text", control.recommendation_in(language)),
        ("heading", labels["fallback"]),
        ("text", control.fallback_in(language)),
    ]
    if control.cross_checks:
        lines += [("heading", labels["cross_checks"]), ("text", ", ".join(control.cross_checks))]
    return lines


def _status_lines(control: Control, labels: dict[str, str]) -> list[Line]:
    lines = [("text", f"{status}: {control.statuses.line(status) or labels['never']}") for status in _CORE_STATUSES]
    lines += [
        ("text", f"{status}: {control.statuses.line(status)}")
        for status in _OPTIONAL_STATUSES
        if control.statuses.line(status) is not None
    ]
    return lines


def _parameter_lines(control: Control, declared: Control, language: str) -> list[Line]:
    labels = _LABELS[language]
    lines: list[Line] = []
    for name, parameter in control.parameters.items():
        notes = [parameter.tag]
        if not parameter.overridable:
            notes.append(labels["fixed"])
        original = declared.parameters[name].default
        if parameter.default != original:
            notes.append(f"--param; {labels['default']} {_format_value(original)}")
        description = parameter.description_en if language == "en" else parameter.description
        value = f"{_format_value(parameter.default)} {_UNITS[language][parameter.unit]}".rstrip()
        lines.append(("text", f"{name} = {value} [{'; '.join(notes)}]: {description}"))
    return lines


def _format_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _legal_basis_lines(control: Control, labels: dict[str, str]) -> list[Line]:
    lines: list[Line] = []
    for reference in control.citable_legal_basis:
        if isinstance(reference, Decision):
            parties = f" ({reference.parties})" if reference.parties else ""
            lines.append(("text", f"- {reference.citation()}{parties}: {reference.holding}"))
        else:
            note = f": {reference.note}" if reference.note else ""
            lines.append(("text", f"- {reference.citation()}{note}"))
    withheld = len(control.legal_basis) - len(control.citable_legal_basis)
    if withheld:
        lines.append(("text", f"({withheld} {labels['withheld']})"))
    return lines


def _print_sheet(lines: list[Line]) -> None:
    """Plain text when piped (tests, files); rich styling only for a person at a terminal."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        styles = {"title": "bold", "meta": "dim", "heading": "bold cyan", "text": ""}
        for style, text in _laid_out(lines):
            console.print(Text(text, style=styles.get(style, "")))
        return
    for _, text in _laid_out(lines):
        click.echo(text)


def _laid_out(lines: list[Line]) -> list[Line]:
    """A blank line before each heading, body text indented under it."""
    laid_out: list[Line] = []
    for style, text in lines:
        if style == "heading":
            laid_out.append(("blank", ""))
        laid_out.append((style, f"  {text}" if style == "text" else text))
    return laid_out
