"""Coverage-guided fuzzing of the readers with atheris (libFuzzer): any bytes, under any of the
names a contract arrives with, must give a Document or an InputError, nothing else, and what is
read must segment.

Not part of the test run (it runs until stopped, or for -runs=N); how to run it: fuzz/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from auditor.errors import InputError
    from auditor.limits import Limits
    from auditor.read import read_data
    from auditor.segment import segment

NAMES = ("contrat.pdf", "contrat.docx", "contrat.txt", "contrat.md")
LIMITS = Limits(max_file_size=1_000_000, max_pages=50, max_unpacked_size=5_000_000, max_part_size=2_000_000)


def one_input(data: bytes) -> None:
    if not data:
        return
    # In memory: libFuzzer ends the process without running Python's clean-up, so files would stay.
    path = Path(NAMES[data[0] % len(NAMES)])
    try:
        # OCR is off: it runs other programs for seconds, and its input is checked by ocrmypdf.
        document = read_data(path, data[1:], limits=LIMITS, ocr=False)
    except InputError as error:
        if "\n" in str(error):
            raise AssertionError(f"a message on several lines: {error!r}") from None
        return
    segment(document)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
