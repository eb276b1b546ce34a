"""Errors a user can act on. Each carries the process exit code the CLI returns for it."""

from __future__ import annotations

# Exit codes are part of the CLI's public contract (documented in README.md).
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
# The input is refused for its size (bytes, pages, unpacked DOCX, OCR time), not its content.
EXIT_LIMIT = 4


class AuditorError(Exception):
    """Base class: ``str(error)`` is the one line shown to the user."""

    exit_code = EXIT_USAGE


class InputError(AuditorError):
    """The input file cannot be read as a contract (missing, empty, corrupt, encrypted, image-only...)."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LimitError(InputError):
    """The input exceeds a reading limit (``auditor.limits``); the message names the option to raise it.

    A subclass of InputError: whoever handles unreadable files handles these too.
    """

    exit_code = EXIT_LIMIT
