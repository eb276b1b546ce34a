"""Audit many contracts: find them, audit them in parallel workers, and collect every outcome.

One broken or slow file never stops the batch: its outcome carries the reason instead of a report.
Workers load the spaCy model and the checklist once; results do not depend on the number of workers.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from auditor.checklist import Checklist
from auditor.errors import AuditorError
from auditor.models import AuditReport, Document

CONTRACT_SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# Notes that sit beside contracts in a folder by convention; named explicitly, they are audited.
DOCUMENTATION_NAMES = {"readme", "changelog", "changes", "license", "licence", "contributing", "todo", "notes"}
# Words nearly every contract uses early on, French or English; a text file holding fewer than
# two of them (a to-do list, an e-mail export) is not taken from a folder.
CONTRACT_WORDS = re.compile(
    r"\b(contrats?|prestataires?|clients?|articles?|conditions|parties|partie|agreements?|customers?|providers?"
    r"|suppliers?|party|clauses?|résiliation|termination)\b", re.IGNORECASE)
TEXT_SAMPLE_BYTES = 64 * 1024
# What a directory walk picks up besides the suffixes: files that are PDFs or Office zips by content.
CONTENT_MAGICS = (b"%PDF-", b"PK\x03\x04")
DEFAULT_TIME_LIMIT = 120.0  # seconds per file


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: a report, or the one-line reason it could not be audited."""

    path: str
    report: AuditReport | None = None
    error: str | None = None
    exit_code: int = 0


def collect_inputs(paths: Iterable[str | Path], skip: Iterable[str | Path] = ()) -> list[Path]:
    """The files to audit: files as given, directories walked recursively, in a stable order.

    In a directory, a file is taken when its suffix is a contract format or its content starts
    like a PDF or a DOCX (a contract renamed by hand); a text or Markdown file only when it reads
    like a contract (not a README, not a note without contract words); hidden files and ``skip``
    (the output directory) are left out. A file named explicitly is always taken, whatever it is.
    """
    skipped = {Path(p).resolve() for p in skip}
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        candidates = sorted(_walk(path, skipped)) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(directory: Path, skipped: set[Path]) -> Iterator[Path]:
    for root, directories, files in os.walk(directory):
        root_path = Path(root)
        directories[:] = [d for d in directories if not d.startswith(".") and (root_path / d).resolve() not in skipped]
        for name in files:
            if name.startswith("."):
                continue
            path = root_path / name
            suffix = path.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                if _reads_like_a_contract(path):
                    yield path
            elif suffix in CONTRACT_SUFFIXES or _starts_like_a_contract_file(path):
                yield path


def _reads_like_a_contract(path: Path) -> bool:
    """A text or Markdown file found in a folder is a contract unless it is a README-like note or
    uses almost none of the words contracts use."""
    if path.stem.casefold() in DOCUMENTATION_NAMES:
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(TEXT_SAMPLE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return True  # unreadable: its reader will say why, in the list of files not audited
    return len({word.casefold() for word in CONTRACT_WORDS.findall(head)}) >= 2


def _starts_like_a_contract_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return False
    return head.startswith(CONTENT_MAGICS)


# ---------------------------------------------------------------------------------------------
# Workers


_worker_checklist: Checklist | None = None
_worker_language = "fr"


def _start_worker(checklist: Checklist, report_language: str) -> None:
    global _worker_checklist, _worker_language
    _worker_checklist, _worker_language = checklist, report_language
    # Interrupting the batch (Ctrl-C) is the parent's business; workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class FileTimeout(BaseException):
    """A contract over its time limit. A BaseException, so that no reader's catch-all turns it into
    "not a readable PDF": it must reach audit_one."""


def _on_alarm(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    raise FileTimeout


def audit_one(path: str, time_limit: float | None = None, checklist: Checklist | None = None,
              report_language: str | None = None, reading: dict | None = None,
              document: Document | None = None) -> Outcome:
    """Audits one file (``document``: the file already read); every failure becomes an outcome
    with its reason (never an exception)."""
    from auditor.audit import audit_document
    from auditor.read import read_document

    checklist = checklist or _worker_checklist
    language = report_language or _worker_language
    previous = None
    if time_limit:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        document = document or read_document(path, **(reading or {}))
        return Outcome(path, report=audit_document(document, checklist, language))
    except FileTimeout:
        return Outcome(path, error=f"{path}: took longer than the {time_limit:g} s limit per file (--time-limit)",
                       exit_code=3)
    except AuditorError as error:
        return Outcome(path, error=str(error), exit_code=error.exit_code)
    except Exception as error:  # noqa: BLE001 - a bug on one file must not lose the batch
        return Outcome(path, error=f"{path}: could not be processed ({type(error).__name__}: {error})", exit_code=3)
    finally:
        if time_limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def audit_many(paths: list[Path], checklist: Checklist, report_language: str = "fr", jobs: int = 1,
               time_limit: float | None = DEFAULT_TIME_LIMIT, reading: dict | None = None,
               on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Audits every file, in ``jobs`` worker processes; outcomes in the order of ``paths``
    (``on_outcome`` hears of each as it is done).

    ``reading``: the keyword arguments of ``read_document`` (password, limits, OCR).
    """
    names = [str(p) for p in paths]
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            outcome = audit_one(name, time_limit, checklist, report_language, reading)
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        return outcomes
    # The model is loaded once, here, before the workers are forked: they share its memory pages
    # (copy-on-write) instead of each loading its own ~300 MB. gc.freeze() keeps the collector
    # from touching, and so copying, those pages in every worker. No collection before it: a full
    # one walks the model's millions of objects (0.15 s, the workers waiting) to free a few hundred.
    import gc
    import multiprocessing

    from auditor.nlp import pipeline

    # Files are handed out one at a time, largest first: a long contract started last would keep
    # one worker busy while the others wait. Each outcome is reported as soon as it is ready.
    order = sorted(range(len(names)), key=lambda i: -_file_size(names[i]))
    # The reader takes the smallest first: it reads more files by the time it is stopped, and the file
    # it is stopped on (whose reading is lost) is a small one.
    ahead = ReadAhead([names[i] for i in reversed(order)], reading)
    pipeline("fr")
    gc.freeze()
    already_read = ahead.collect()
    by_position: dict[int, Outcome] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(checklist, report_language)) as pool:
        positions = {pool.submit(_audit_in_worker, names[i], time_limit, reading, already_read.pop(names[i], None)): i
                     for i in order}
        for future in as_completed(positions):
            outcome = by_position[positions[future]] = future.result()
            if on_outcome:
                on_outcome(outcome)
    return [by_position[i] for i in range(len(names))]


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _audit_in_worker(path: str, time_limit: float | None, reading: dict | None,
                     document: Document | None) -> Outcome:
    return audit_one(path, time_limit, reading=reading, document=document)


class ReadAhead:
    """Reads the first files of a batch in a separate process while this one loads the language
    model: the load keeps one core busy for a second or two and the others idle, and reading is a
    quarter of an audit's time. ``collect`` stops the reader and returns what it has read by then;
    the workers read the rest, and any file the reader could not read (saying why, then)."""

    def __init__(self, paths: list[str], reading: dict | None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._queue = context.Queue()
        self._process = context.Process(target=_read_ahead, args=(paths, reading, self._stop, self._queue),
                                        daemon=True)
        try:
            self._process.start()
        except OSError:  # no process to spare (a process limit): the workers read every file
            self._process = None

    def collect(self, wait: float = 0) -> dict[str, Document]:
        """What has been read, after stopping the reader (``wait``: seconds to let it finish first)."""
        import queue

        if self._process is None:
            return {}
        if not wait:
            self._stop.set()
        documents: dict[str, Document] = {}
        try:
            while (read := self._queue.get(timeout=wait) if wait else self._queue.get_nowait()) is not None:
                documents[read[0]] = read[1]
        except queue.Empty:
            pass
        # The file being read is abandoned: its worker reads it under the batch's time limit.
        self._process.terminate()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._queue.close()
        return documents


def _read_ahead(paths: list[str], reading: dict | None, stop, documents) -> None:
    from auditor.read import read_document

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Stopped by SIGTERM as by a time limit: an OCR run in progress is stopped with it.
    signal.signal(signal.SIGTERM, _on_alarm)
    try:
        for path in paths:
            if stop.is_set():
                break
            try:
                documents.put((path, read_document(path, **(reading or {}))))
            except Exception:  # noqa: BLE001 - read again by its worker, which reports the reason
                continue
        documents.put(None)
        documents.close()
        documents.join_thread()  # everything read is handed over before the process ends
    except FileTimeout:
        documents.cancel_join_thread()  # stopped: nothing more is waited for


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform has it
        return max(1, os.cpu_count() or 1)


def report_names(paths: list[Path]) -> dict[str, str]:
    """A report name per input: the file's stem, made unique when two inputs share it.

    ``contrat.pdf`` → ``contrat``; with ``contrat.docx`` beside it → ``contrat-pdf`` and
    ``contrat-docx``; two ``contrat.pdf`` in different folders → ``contrat``, ``contrat-2``.
    """
    suffixes: dict[str, set[str]] = {}
    for path in paths:
        suffixes.setdefault(path.stem, set()).add(path.suffix.lower())
    names: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        mixed = len(suffixes[path.stem]) > 1
        name = f"{path.stem}-{path.suffix.lstrip('.').lower() or 'file'}" if mixed else path.stem
        candidate, counter = name, 2
        while candidate in used:
            candidate = f"{name}-{counter}"
            counter += 1
        used.add(candidate)
        names[str(path)] = candidate
    return names


# ---------------------------------------------------------------------------------------------
# Portfolio summary: what the dashboard and the workbook show, decided once here.

STATUS_WEIGHT = {"fail": 3, "missing": 3, "weak": 1, "review": 0, "pass": 0, "not_applicable": 0}
SEVERITY_WEIGHT = {"high": 3, "medium": 2, "low": 1}
WORST_FIRST = ("fail", "missing", "weak", "review", "pass", "not_applicable")


@dataclass(frozen=True)
class AreaCell:
    """One contract × one area of the heat map: the worst status and how many controls are at risk."""

    area: str
    worst: str
    at_risk: int  # controls fail, missing or weak
    controls: int


@dataclass(frozen=True)
class ContractSummary:
    outcome: Outcome
    risk_score: int  # severity-weighted count of fail/missing (×3) and weak (×1)
    areas: tuple[AreaCell, ...]
    high_risks: int  # high-severity controls failed or missing


def summarise(outcomes: list[Outcome], areas: tuple[str, ...]) -> list[ContractSummary]:
    """One summary per audited contract, the riskiest first (ties in input order)."""
    summaries = []
    for outcome in outcomes:
        report = outcome.report
        if report is None:
            continue
        cells = []
        for area in areas:
            statuses = [f.status for f in report.findings if f.area == area]
            worst = min(statuses, key=WORST_FIRST.index) if statuses else "not_applicable"
            at_risk = sum(s in ("fail", "missing", "weak") for s in statuses)
            cells.append(AreaCell(area, worst, at_risk, len(statuses)))
        score = sum(STATUS_WEIGHT[f.status] * SEVERITY_WEIGHT.get(f.severity, 1) for f in report.findings)
        high = sum(f.severity == "high" and f.status in ("fail", "missing") for f in report.findings)
        summaries.append(ContractSummary(outcome, score, tuple(cells), high))
    order = {id(s): i for i, s in enumerate(summaries)}
    return sorted(summaries, key=lambda s: (-s.risk_score, order[id(s)]))
