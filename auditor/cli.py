"""Command line: ``auditor parse FILE``. Commands parse options, call a stage, print a renderer's text."""

from __future__ import annotations

import sys
import traceback

import click

from auditor import __version__
from auditor.errors import EXIT_UNREADABLE, EXIT_USAGE, AuditorError


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
def parse(file: str, output_format: str, debug: bool) -> None:
    """Print the clause map of FILE (PDF, DOCX, Markdown or text): ref, title, pages, first words."""
    from auditor.read import read_document
    from auditor.report.clause_map import render_json, render_text
    from auditor.segment import segment

    try:
        document = read_document(file)
        clauses = segment(document)
    except Exception as error:  # noqa: BLE001 - every failure becomes one line and an exit code
        fail(error, debug)
        return
    rendered = render_json(document, clauses) if output_format == "json" else render_text(document, clauses)
    click.echo(rendered, nl=False)


from auditor.checklist_cli import checklist  # noqa: E402  (kept light: the group imports lazily)

cli.add_command(checklist)


def main() -> None:
    try:
        cli.main(prog_name="auditor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("auditor: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)
