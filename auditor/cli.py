"""Command line: ``auditor parse FILE``. Commands parse options, call a stage, print a renderer's text."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from auditor import __version__
from auditor.errors import EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_USAGE, AuditorError
from auditor.read.cli_options import reading_options


def fail(error: Exception, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    code = error.exit_code if isinstance(error, AuditorError) else EXIT_UNREADABLE
    message = str(error) if isinstance(error, AuditorError) else (
        f"the file could not be processed ({type(error).__name__}: {error}); run again with --debug for details"
    )
    click.echo(f"auditor: error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def cli() -> None:
    """Audit IT hosting, maintenance, managed-services and SaaS contracts against French case law."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the clause map for a reader; json: the same, for tools (schema in README).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@reading_options
def parse(file: str, output_format: str, debug: bool, reading: dict) -> None:
    """Print the clause map of FILE (PDF, DOCX, Markdown or text): ref, title, pages, first words."""
    from auditor.read import read_document
    from auditor.report.clause_map import render_json, render_text
    from auditor.segment import segment

    try:
        document = read_document(file, **reading)
        clauses = segment(document)
    except Exception as error:  # noqa: BLE001 - every failure becomes one line and an exit code
        fail(error, debug)
        return
    rendered = render_json(document, clauses) if output_format == "json" else render_text(document, clauses)
    click.echo(rendered, nl=False)


REPORT_FORMATS = ("text", "json", "html", "csv", "xlsx")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_formats", type=click.Choice(REPORT_FORMATS), multiple=True,
              help="text (default): a summary table by area; json: the full report for tools (schema in README); "
                   "html: a self-contained memo for legal reviewers; csv/xlsx: one row per control. "
                   "Repeatable with --out-dir.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write the report to this file (replaced only by a complete report).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=str),
              help="Audit every contract given (files, directories searched recursively) and write one report per "
                   "contract and format here, with a portfolio dashboard (index.html) and workbook (portfolio.xlsx).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for a batch [default: the cores].")
@click.option("--time-limit", type=click.FloatRange(min=1), default=120, show_default=True,
              help="Seconds allowed per contract in a batch; a slower one is listed as not audited.")
@click.option("--lang", "report_language", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the report's labels and explanations.")
@click.option("--checklist", "checklist_path", type=click.Path(dir_okay=False, path_type=str),
              help="A checklist YAML file instead of the bundled one.")
@click.option("--param", "params", multiple=True, metavar="ID.NAME=VALUE",
              help="Override a control parameter, e.g. --param LIAB-01.min_months=6 (repeatable).")
@click.option("--fail-on", type=click.Choice(["high", "medium", "low"]),
              help="Pre-signature gate: exit 1 when a control of this severity or above has a blocking status.")
@click.option("--fail-statuses", default="fail,missing", show_default=True, metavar="STATUS,...",
              help="The statuses that block the gate, among fail, missing, weak, review.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the verdict line (the report still goes to -o).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@reading_options
def audit(paths: tuple[str, ...], output_formats: tuple[str, ...], output: str | None, out_dir: str | None,
          jobs: int | None, time_limit: float, report_language: str, checklist_path: str | None,
          params: tuple[str, ...], fail_on: str | None, fail_statuses: str, quiet: bool, debug: bool,
          reading: dict) -> None:
    """Check contracts against the case-law checklist and report each control's status.

    PATHS is one contract file, or (with --out-dir) any number of files and directories.
    Exit codes: 0 audited (and the gate, if any, passed); 1 the --fail-on gate failed; 2 usage error;
    3 unreadable input; 4 input over a limit (in a batch: 3 when at least one contract could not be
    audited, the others were).
    """
    from auditor.checklist import apply_parameter_assignments, default_checklist_path, load_checklist

    statuses = parse_gate_statuses(fail_statuses)
    batch = out_dir is not None or len(paths) > 1 or Path(paths[0]).is_dir()
    if batch and out_dir is None:
        raise click.UsageError("several contracts or a directory: give --out-dir DIR for their reports.")
    if batch and output:
        raise click.UsageError("-o names one report; with --out-dir each contract gets its own.")
    if not batch and len(output_formats) > 1:
        raise click.UsageError("one --format per report; use --out-dir to write several formats.")
    try:
        checklist = apply_parameter_assignments(load_checklist(checklist_path or default_checklist_path()), params)
    except Exception as error:  # noqa: BLE001 - every failure becomes one line and an exit code
        fail(error, debug)
        return
    if batch:
        run_batch(paths, out_dir, output_formats or ("json", "html"), checklist, report_language, jobs, time_limit,
                  fail_on, statuses, quiet, reading)
    else:
        audit_single(paths[0], output_formats[0] if output_formats else "text", output, checklist, report_language,
                     fail_on, statuses, quiet, debug, reading)


def audit_single(file: str, output_format: str, output: str | None, checklist, report_language: str,
                 fail_on: str | None, statuses: tuple[str, ...], quiet: bool, debug: bool,
                 reading: dict | None = None) -> None:
    from auditor.audit import audit_document
    from auditor.gate import gate_verdict
    from auditor.read import read_document
    from auditor.report.terminal import render_verdict

    if output_format == "xlsx" and not output:
        raise click.UsageError("--format xlsx writes a workbook: give the file with -o FILE.")
    try:
        report = audit_document(read_document(file, **(reading or {})), checklist, report_language)
        rendered = render_report(report, output_format, report_language,
                                 color=output is None and not quiet and sys.stdout.isatty())
    except Exception as error:  # noqa: BLE001 - every failure becomes one line and an exit code
        fail(error, debug)
        return
    if output:
        try:
            write_atomically(output, rendered)
        except OSError as error:
            fail(AuditorError(f"cannot write the report to {output}: {error.strerror or error}"), debug)
            return
    elif not quiet:
        if isinstance(rendered, bytes):
            sys.stdout.buffer.write(rendered)
        else:
            click.echo(rendered, nl=False)
    verdict = gate_verdict(report, fail_on, statuses) if fail_on else None
    if quiet or verdict is not None:
        # With the report on stdout the verdict goes to stderr, so that the report stays parseable.
        to_stderr = not quiet and output is None
        click.echo(render_verdict(report, verdict, report_language), err=to_stderr)
    if verdict is not None and not verdict.passed:
        sys.exit(EXIT_FINDINGS)


FORMAT_SUFFIXES = {"text": "txt", "json": "json", "html": "html", "csv": "csv", "xlsx": "xlsx"}


def run_batch(paths: tuple[str, ...], out_dir: str, formats: tuple[str, ...], checklist, report_language: str,
              jobs: int | None, time_limit: float, fail_on: str | None, statuses: tuple[str, ...],
              quiet: bool, reading: dict | None = None) -> None:
    """Audits every contract, writes its reports as soon as it is done, then the portfolio summary."""
    from auditor.batch import audit_many, collect_inputs, default_jobs, report_names
    from auditor.gate import gate_verdict
    from auditor.report.portfolio import render_dashboard, render_workbook
    from auditor.report.terminal import render_outcome_line, render_verdict

    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(AuditorError(f"cannot create the output directory {out_dir}: {error.strerror or error}"), False)
        return
    # A path that does not exist is kept: its reader says so, and it is listed like any unreadable file.
    inputs = collect_inputs(paths, skip=[target])
    names = report_names(inputs)
    written: dict[str, dict[str, str]] = {}
    progress = batch_progress(len(inputs), quiet)

    def done(outcome) -> None:
        if outcome.report is not None:
            written[outcome.path] = write_reports(outcome.report, target, names[outcome.path], formats,
                                                  report_language)
        progress(render_outcome_line(outcome, report_language))

    outcomes = audit_many(inputs, checklist, report_language, jobs or default_jobs(), time_limit, reading,
                          on_outcome=done)
    verdicts = {o.path: gate_verdict(o.report, fail_on, statuses) for o in outcomes if o.report and fail_on}
    write_atomically(str(target / "index.html"), render_dashboard(outcomes, written, verdicts, report_language))
    write_atomically(str(target / "portfolio.xlsx"), render_workbook(outcomes, report_language))
    for outcome in outcomes:
        if outcome.path in verdicts:
            click.echo(render_verdict(outcome.report, verdicts[outcome.path], report_language))
    audited = sum(o.report is not None for o in outcomes)
    click.echo(f"{audited}/{len(outcomes)} contracts audited; reports in {target}/ (index.html, portfolio.xlsx)",
               err=quiet)
    if any(o.report is None for o in outcomes):
        sys.exit(EXIT_UNREADABLE)
    if any(not v.passed for v in verdicts.values()):
        sys.exit(EXIT_FINDINGS)


def write_reports(report, target: Path, name: str, formats: tuple[str, ...], language: str) -> dict[str, str]:
    """Writes one contract's reports; returns format → file name (relative to the output directory)."""
    files = {}
    for output_format in formats:
        file_name = f"{name}.{FORMAT_SUFFIXES[output_format]}"
        write_atomically(str(target / file_name), render_report(report, output_format, language, color=False))
        files[output_format] = file_name
    return files


def batch_progress(total: int, quiet: bool):
    """A callable that reports one finished contract: a rich progress bar on a terminal, plain lines otherwise."""
    if quiet:
        return lambda line: None
    if sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # No refresh thread: the batch forks its workers, and a fork must not copy a running thread.
        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       console=Console(stderr=True), transient=True, auto_refresh=False)
        task = bar.add_task("audit", total=total)
        bar.start()

        def advance(line: str) -> None:
            bar.console.print(line, markup=False, highlight=False)
            bar.advance(task)
            bar.refresh()
            if bar.finished:
                bar.stop()

        return advance
    counter = {"n": 0}

    def plain(line: str) -> None:
        counter["n"] += 1
        click.echo(f"[{counter['n']}/{total}] {line}", err=True)

    return plain


def parse_gate_statuses(text: str) -> tuple[str, ...]:
    from auditor.gate import GATE_STATUSES

    statuses = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [s for s in statuses if s not in GATE_STATUSES]
    if unknown or not statuses:
        raise click.BadParameter(f"use statuses among {', '.join(GATE_STATUSES)}, separated by commas",
                                 param_hint="--fail-statuses")
    return statuses


def render_report(report, output_format: str, language: str, color: bool) -> str | bytes:
    """The report in one format; each renderer is imported only when asked for (start-up stays fast)."""
    if output_format == "json":
        from auditor.report.audit_json import render_json

        return render_json(report)
    if output_format == "html":
        from auditor.report.html import render_html

        return render_html(report, language)
    if output_format == "csv":
        from auditor.report.tables import render_csv

        return render_csv(report, language)
    if output_format == "xlsx":
        from auditor.report.tables import render_xlsx

        return render_xlsx(report, language)
    from auditor.report.terminal import render_terminal

    return render_terminal(report, color=color, language=language)


def write_atomically(path: str, content: str | bytes) -> None:
    """Writes through a temporary file and a rename: a reader never sees half a report."""
    import os
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".auditor-", suffix=".tmp")
    try:
        # mkstemp creates the file private (0600); a report gets the usual permissions of a new file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=str), default="evaluation")
@click.option("--details", is_flag=True, help="List every disagreement.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Judge the contracts' dates (a certificate's expiry) as of this day, the day the labels were "
                   "written, instead of today.")
@click.option("--by-section", is_flag=True,
              help="Also give the figures of each batch: the sections of DIRECTORY/README.md whose tables list "
                   "contracts.")
@click.option("--save", "save_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write every contract's labels and the tool's statuses to this JSON file, to compare a later "
                   "run with (--against).")
@click.option("--against", "against_path", type=click.Path(dir_okay=False, exists=True, path_type=str),
              help="List the statuses that moved since a run written with --save: fixed, new disagreement, "
                   "changed.")
def evaluate(directory: str, details: bool, as_of, by_section: bool, save_path: str | None,
             against_path: str | None) -> None:
    """Compare the tool with the labels of an evaluation set: DIRECTORY/contracts with DIRECTORY/labels,
    and the labelled excerpts of DIRECTORY/cases, if any."""
    import json
    from dataclasses import replace
    from datetime import timezone
    from pathlib import Path

    from auditor.audit import audit_document
    from auditor.checklist import default_checklist_path, load_checklist
    from auditor.evaluation import (changes_since, compare, read_excerpts, read_labels, read_sections,
                                    read_statuses_record, statuses_record)
    from auditor.read import read_document
    from auditor.read.text import read_text

    root = Path(directory)
    try:
        labels = read_labels(root)
        excerpts = read_excerpts(root)
        checklist = load_checklist(default_checklist_path())
        before = read_statuses_record(Path(against_path)) if against_path else None
    except Exception as error:  # noqa: BLE001 - a broken label file or checklist is one line, not a traceback
        fail(error, debug=False)
    if not labels and not excerpts:
        raise click.UsageError(f"{directory} holds no labels/*.yaml and no cases/*.yml")
    audited_at = as_of.replace(hour=12, tzinfo=timezone.utc) if as_of else None
    found: dict[str, dict[str, str]] = {}
    for contract in labels:
        try:
            report = audit_document(read_document(root / "contracts" / contract), checklist, audited_at=audited_at)
        except AuditorError as error:
            click.echo(f"auditor: {error}", err=True)
            continue
        found[contract] = {finding.control_id: finding.status for finding in report.findings}
    if labels:
        print_agreement(checklist.ids, *compare(labels, found), details)
    if labels and by_section:
        print_sections({name: compare({contract: labels[contract] for contract in contracts}, found)[0]
                        for name, contracts in read_sections(root, set(labels)).items()})
    record = statuses_record(labels, found)
    if before is not None:
        print_changes(changes_since(before, record))
    if save_path:
        write_atomically(save_path, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    if excerpts:
        # Each excerpt is a tiny contract of its own, judged for its one control only.
        excerpt_labels, excerpt_found = {}, {}
        for excerpt in excerpts:
            only = checklist.model_copy(update={"controls": (checklist.control(excerpt.control_id),)})
            document = replace(read_text(Path(excerpt.name), excerpt.text.encode("utf-8")), path=excerpt.name)
            finding = audit_document(document, only, audited_at=audited_at).findings[0]
            excerpt_labels[excerpt.name] = {excerpt.control_id: excerpt.label}
            excerpt_found[excerpt.name] = {excerpt.control_id: finding.status}
        if labels:
            click.echo("")
        click.echo(f"excerpts ({len(excerpts)} in {root / 'cases'}):")
        print_agreement(checklist.ids, *compare(excerpt_labels, excerpt_found), details)
    click.echo("agree: statuses equal to the label; risks: labelled weak/fail/missing that the tool flags; "
               "alarms: labelled pass/not_applicable that the tool flags weak/fail/missing")


def percent(value: float | None, spec: str = "5.0%") -> str:
    return "  -  " if value is None else f"{value:{spec}}"


def print_sections(tallies: dict) -> None:
    width = max([len("section of README.md"), *map(len, tallies)])
    click.echo("")
    click.echo(f"{'section of README.md':<{width}} {'agree':>7} {'risks':>7} {'alarms':>7}  n")
    for name, tally in tallies.items():
        click.echo(f"{name:<{width}} {percent(tally.agreement, '6.1%'):>7} {percent(tally.recall, '6.1%'):>7} "
                   f"{percent(tally.false_alarm_rate, '6.1%'):>7}  {tally.compared}")


def print_changes(changes: list) -> None:
    click.echo("")
    counts = {kind: sum(change.kind == kind for change in changes) for kind in ("fixed", "new", "changed")}
    click.echo(f"since the saved run: {counts['fixed']} fixed, {counts['new']} new disagreements, "
               f"{counts['changed']} changed")
    for change in sorted(changes, key=lambda change: (change.kind, change.control_id, change.contract)):
        click.echo(f"  {change.kind:<8} {change.control_id:<8} {change.contract}: label {change.label}, "
                   f"tool {change.before} → {change.after}")


def print_agreement(control_ids, overall, per_control, details: bool) -> None:
    click.echo(f"{'control':<9} {'agree':>6} {'risks':>6} {'alarms':>7}  n")
    for control_id in control_ids:
        tally = per_control.get(control_id)
        if tally is None:
            continue
        click.echo(f"{control_id:<9} {percent(tally.agreement):>6} {percent(tally.recall):>6} "
                   f"{percent(tally.false_alarm_rate):>7}  {tally.compared}")
        if details:
            for contract, label, status in tally.disagreements:
                click.echo(f"    {contract}: label {label}, tool {status}")
    click.echo(f"{'overall':<9} {percent(overall.agreement):>6} {percent(overall.recall):>6} "
               f"{percent(overall.false_alarm_rate):>7}  {overall.compared}")


from auditor.checklist_cli import checklist  # noqa: E402  (kept light: the group imports lazily)

cli.add_command(checklist)


def main() -> None:
    try:
        cli.main(prog_name="auditor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("auditor: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        # One line, like every other error: what is wrong, and where to read how to do it.
        if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):
            click.echo(error.format_message(), err=True)  # plain `auditor`: the help is the answer
            sys.exit(EXIT_USAGE)
        hint = ""
        if isinstance(error, click.UsageError) and error.ctx is not None:
            hint = f" (see '{error.ctx.command_path} --help')"
        click.echo(f"auditor: error: {error.format_message()}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)
