"""OCR of scanned PDF pages with ocrmypdf (which runs tesseract), as a separate process.

ocrmypdf adds an invisible text layer over each page image; the PDF reader then reads that layer
like any other. It runs in its own process group with a deadline, inside a private temporary
folder that also holds its own work files: when it finishes, fails, runs out of time or the
caller is interrupted, every process it started is stopped and nothing is left on disk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from auditor.errors import InputError, LimitError

LANGUAGES = "fra+eng"  # French contracts first; English annexes and terms are common
INSTALL = "apt-get install ocrmypdf tesseract-ocr tesseract-ocr-fra"


def unavailable_reason() -> str | None:
    """What is missing for OCR (ocrmypdf, tesseract or its French data), or None when all is there."""
    missing = [program for program in ("ocrmypdf", "tesseract") if shutil.which(program) is None]
    if missing:
        return f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed"
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60,
                                env=_clean_environment())
    except (OSError, subprocess.SubprocessError):
        return "tesseract does not run"
    languages = set((listed.stdout + listed.stderr).split())
    if "fra" not in languages:
        return "tesseract has no French language data"
    return None


def _clean_environment(**extra: str) -> dict[str, str]:
    """The environment for the OCR programs, without this interpreter's Python settings:
    ocrmypdf may run under another Python (Debian's), which they would mislead."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")}
    environment.update(extra)
    return environment


def ocr_pdf(path: Path, pdf: bytes, timeout: float | None) -> bytes:
    """``pdf`` (every page a scan) with a text layer recognised by OCR.

    Raises:
        LimitError: OCR did not finish within ``timeout`` seconds.
        InputError: ocrmypdf failed (the message gives its last words).
    """
    with tempfile.TemporaryDirectory(prefix="auditor-ocr-") as work:
        source, target = Path(work) / "scan.pdf", Path(work) / "ocr.pdf"
        source.write_bytes(pdf)
        # --force-ocr: the pages sent here are images, possibly with a few stray characters that
        # --skip-text would take for a text layer. --output-type pdf: PDF/A conversion is slow
        # and the file is only read. --optimize 0: the file is thrown away after reading.
        command = ["ocrmypdf", "-l", LANGUAGES, "--force-ocr", "--output-type", "pdf", "--optimize", "0",
                   "--quiet", str(source), str(target)]
        # TMPDIR: ocrmypdf's own work folder goes inside ours, and goes with it even if it is killed.
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, env=_clean_environment(TMPDIR=work),
                                       start_new_session=True)
        except OSError as error:
            raise InputError(str(path), f"OCR of its scanned pages could not start (ocrmypdf: {error.strerror}); "
                                        f"reinstall it ({INSTALL}), or give a PDF with text") from None
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise LimitError(str(path), f"OCR of its scanned pages did not finish within {timeout:g} s; raise the "
                                        "limit with --ocr-timeout, or give a PDF with text") from None
        except BaseException:  # interrupted (Ctrl-C, a batch's time limit): leave no OCR running
            _stop(process)
            raise
        if process.returncode != 0 or not target.is_file():
            said = [line.strip() for line in errors.decode("utf-8", "replace").splitlines() if line.strip()]
            detail = said[-1][:200] if said else f"exit code {process.returncode}"
            raise InputError(str(path), f"OCR of its scanned pages failed (ocrmypdf: {detail}); "
                                        "give a PDF with text")
        return target.read_bytes()


def _stop(process: subprocess.Popen) -> None:
    """Kills ocrmypdf and the tesseract processes it started (its whole process group)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    # Its workers may take a moment to die; the temporary folder is removed after they have.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)
