"""The command-line options that control reading (password, limits, OCR), shared by the commands
that read a contract: ``@reading_options`` adds them and hands the command one ``reading`` dict,
the keyword arguments of ``read_document``."""

from __future__ import annotations

import functools

import click

from auditor.limits import DEFAULT_LIMITS, Limits, format_size, parse_size


class Size(click.ParamType):
    """A size in bytes written like 50MB, 500KB or 2GB (0 turns the limit off)."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


def _mb(size: int) -> str:
    return format_size(size).replace(" ", "")


OPTIONS = (
    click.option("--password", envvar="AUDITOR_PDF_PASSWORD", metavar="TEXT",
                 help="Password of an encrypted PDF (or set AUDITOR_PDF_PASSWORD, which other users of the "
                      "machine cannot see in the process list)."),
    click.option("--max-file-size", type=Size(), default=_mb(DEFAULT_LIMITS.max_file_size), show_default=True,
                 help="Refuse larger files (exit code 4) before reading them; 0: no limit."),
    click.option("--max-pages", type=click.IntRange(min=0), default=DEFAULT_LIMITS.max_pages, show_default=True,
                 metavar="N",
                 help="Refuse documents with more pages (exit code 4) before reading them; 0: no limit."),
    click.option("--max-unpacked-size", type=Size(), default=_mb(DEFAULT_LIMITS.max_unpacked_size),
                 show_default=True,
                 help="Refuse a DOCX that unpacks to more (exit code 4: a zip bomb) before unpacking it; 0: no limit."),
    click.option("--ocr/--no-ocr", default=True, show_default=True,
                 help="Read the scanned pages of a PDF by OCR (needs ocrmypdf and tesseract-ocr-fra)."),
    click.option("--ocr-timeout", type=click.FloatRange(min=0), default=f"{DEFAULT_LIMITS.ocr_timeout:g}",
                 show_default=True, metavar="SECONDS",
                 help="Stop OCR of one file after this long (exit code 4); 0: no limit."),
)


def reading_options(command):
    """Adds the reading options to a click command, which receives them as ``reading``."""

    @functools.wraps(command)
    def with_reading(*args, password, max_file_size, max_pages, max_unpacked_size, ocr, ocr_timeout, **kwargs):
        limits = Limits(max_file_size=max_file_size, max_pages=max_pages, max_unpacked_size=max_unpacked_size,
                        ocr_timeout=ocr_timeout or None)
        return command(*args, reading={"password": password, "limits": limits, "ocr": ocr}, **kwargs)

    for option in reversed(OPTIONS):
        with_reading = option(with_reading)
    return with_reading
