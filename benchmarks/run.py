#!/usr/bin/env python
"""The auditor's speed and memory benchmark (README: "Speed and memory").

    .venv/bin/python benchmarks/run.py [--quick] [--jobs N] [--repeat R] [--json FILE]

Generates long French contracts with LibreOffice once (cached in benchmarks/.corpus/), then
measures, each in a child process of its own so that its peak memory is its own:

1. one contract: a cold ``python -m auditor audit FILE --format json -o OUT`` (time, peak
   memory) and a warm read + audit in a process that has already audited (ms per page), per
   format and size, with the growth of the warm cost from 40 to 200 pages against the growth of
   the text read (the target: no worse than linear);
2. batches: contracts per minute with 1 and N workers, and the batch's peak memory;
3. bare pdfplumber text extraction of the same PDFs, for comparison;
4. the portfolio: 24 real PDFs (~300 pages) audited as a batch, against pdfplumber on the same files.

Tables go to stdout (Markdown, aligned), progress to stderr. The exit code is 0 whatever the
figures: targets are printed as OK or MISSED, they do not fail the run. ``--quick`` is the
smallest run (one 3-page contract per format, one repetition, a 2-file portfolio), for tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - the benchmark's own modules live beside this file, not in the package

from auditor import __version__  # noqa: E402
from auditor.batch import default_jobs, report_names  # noqa: E402

FORMATS = ("pdf", "docx")
SIZES, QUICK_SIZES = (10, 40, 200), (3,)
CUAD = ROOT.parent / "shared" / "corpus" / "cuad-it"
PORTFOLIO_FILES, PORTFOLIO_PAGES = 24, 300

# cost(200 pages) / cost(40 pages) no worse than linear, that is no more than the text read grows (the
# generated 200-page contract holds a little more text per page than the 40-page one: 5.04× as much)
GROWTH_TARGET = 5.0  # when the text's own growth is unknown
PORTFOLIO_RATIO_TARGET = 0.5  # audit batch time / bare pdfplumber time
PORTFOLIO_MEMORY_TARGET = 600  # MB
SAMPLE_INTERVAL = 0.1  # seconds between two memory samples of a batch's processes
MB = 1024  # kB


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Measured child processes


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_mb: float  # the largest single process: the child or one of its descendants (ru_maxrss)
    total_mb: float | None  # all its processes together, sampled (PSS, shared pages split); None: not sampled
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(command: list[str], sample: bool = False) -> Run:
    """Runs a command to its end; wall time, and peak memory from the kernel's accounting.

    ``os.wait4`` gives the rusage of this child alone; on Linux its ru_maxrss is the largest
    resident size of the child and of every descendant it waited for (a batch's workers), so it
    is the largest process, not a sum. With ``sample`` the process tree's proportional set size is
    also summed every SAMPLE_INTERVAL: what the batch costs the machine as a whole.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        total = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            total = max(total, tree_memory_kb(process.pid))
            time.sleep(SAMPLE_INTERVAL)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak = usage.ru_maxrss / (MB * MB if sys.platform == "darwin" else MB)
        return Run(seconds, process.returncode, peak, total / MB if sample and total else None,
                   out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def tree_memory_kb(root: int) -> float:
    return sum(process_memory_kb(pid) for pid in descendants(root))


def descendants(root: int) -> list[int]:
    pids, index = [root], 0
    while index < len(pids):
        pid = pids[index]
        index += 1
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pids += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return pids


def process_memory_kb(pid: int) -> float:
    # Forked workers share the parent's pages: summing their RSS would count them once per worker.
    try:
        with open(f"/proc/{pid}/smaps_rollup") as smaps:
            for line in smaps:
                if line.startswith("Pss:"):
                    return float(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024
    except (OSError, ValueError, IndexError):
        return 0.0


def python(*arguments: str | Path) -> list[str]:
    return [sys.executable, *map(str, arguments)]


def probe(name: str, repeat: int, files: list[Path]) -> tuple[Run, dict]:
    run = run_measured(python(HERE / "probes.py", name, repeat, *files))
    if not run.ok:
        raise BenchmarkError(f"the {name} probe failed: {tail(run.stderr)}")
    return run, json.loads(run.stdout)


class BenchmarkError(Exception):
    pass


def tail(text: str, lines: int = 5) -> str:
    return " / ".join(text.strip().splitlines()[-lines:]) or "(no message)"


# ---------------------------------------------------------------------------------------------
# Sections


def single_contracts(contracts: dict[int, corpus.Contract], repeat: int, work: Path) -> list[dict]:
    rows = []
    for file_format in FORMATS:
        for size, contract in contracts.items():
            path = contract.path(file_format)
            log(f"cold audit: {file_format}, {contract.pages} pages ({repeat}×)")
            runs = []
            for attempt in range(repeat):
                report = work / f"cold-{file_format}-{size}-{attempt}.json"
                run = run_measured(python("-m", "auditor", "audit", path, "--format", "json", "-o", report))
                if not run.ok or not report.is_file():
                    raise BenchmarkError(f"auditor audit {path.name} failed ({run.returncode}): {tail(run.stderr)}")
                runs.append(run)
            rows.append({"format": file_format, "size": size, "pages": contract.pages, "file": str(path),
                         "cold_seconds": statistics.median_low([r.seconds for r in runs]),
                         "cold_peak_mb": max(r.peak_mb for r in runs)})
    log(f"warm audits: {len(rows)} contracts ({repeat}× each) in one process")
    _, warm = probe("warm", repeat, [Path(row["file"]) for row in rows])
    for row in rows:
        figures = warm["files"][row["file"]]
        row["warm_seconds"] = figures["seconds"]
        row["warm_ms_per_page"] = 1000 * figures["seconds"] / row["pages"]
        row["warm_read_share"] = figures["read_seconds"] / figures["seconds"]
        row["pages_read"] = figures["pages_read"]  # a DOCX's pages as the reader estimates them
        row["characters_read"] = figures.get("characters_read")
    return rows


def growth(rows: list[dict]) -> list[dict]:
    out = []
    for file_format in FORMATS:
        cost = {row["size"]: row["warm_seconds"] for row in rows if row["format"] == file_format}
        text = {row["size"]: row.get("characters_read") for row in rows if row["format"] == file_format}
        ratio = cost[200] / cost[40] if 40 in cost and 200 in cost else None
        text_ratio = text[200] / text[40] if text.get(40) and text.get(200) else None
        target = text_ratio or GROWTH_TARGET
        out.append({"format": file_format, "ratio": ratio, "text_ratio": text_ratio, "target": target,
                    "ok": None if ratio is None else ratio <= target})
    return out


def batch_audit(files: list[Path], pages: int, jobs: int, out_dir: Path) -> dict:
    command = python("-m", "auditor", "audit", *files, "--out-dir", out_dir, "--format", "json", "--format", "html",
                     "--jobs", jobs, "--quiet")
    run = run_measured(command, sample=True)
    names = report_names(files)
    expected = [out_dir / f"{names[str(f)]}.{suffix}" for f in files for suffix in ("json", "html")]
    expected += [out_dir / "index.html", out_dir / "portfolio.xlsx"]
    written = sum(p.is_file() and p.stat().st_size > 0 for p in expected)
    ocr = 0
    for path in files:
        report = out_dir / f"{names[str(path)]}.json"
        if report.is_file():
            warnings = json.loads(report.read_text(encoding="utf-8"))["document"].get("warnings", [])
            ocr += any("OCR" in str(w) for w in warnings)
    return {"jobs": jobs, "files": len(files), "seconds": run.seconds, "returncode": run.returncode,
            "contracts_per_minute": 60 * len(files) / run.seconds, "pages_per_minute": 60 * pages / run.seconds,
            "peak_process_mb": run.peak_mb, "peak_total_mb": run.total_mb,
            "reports_written": written, "reports_expected": len(expected), "read_by_ocr": ocr,
            "error": None if run.ok else tail(run.stderr)}


def batches(files: list[Path], pages: int, jobs: int, work: Path) -> list[dict]:
    rows = []
    for count in dict.fromkeys((1, jobs)):
        log(f"batch: {len(files)} contracts, --jobs {count}")
        rows.append(batch_audit(files, pages, count, work / f"batch-{count}"))
    return rows


def pdfplumber_rows(single: list[dict], repeat: int) -> list[dict]:
    rows = []
    for row in single:
        if row["format"] != "pdf":
            continue
        log(f"pdfplumber: {row['pages']} pages ({repeat}×)")
        run, figures = probe("pdfplumber", repeat, [Path(row["file"])])
        seconds = figures["files"][row["file"]]["seconds"]
        rows.append({"size": row["size"], "pages": row["pages"], "ms_per_page": 1000 * seconds / row["pages"],
                     "peak_mb": run.peak_mb, "auditor_warm_ms_per_page": row["warm_ms_per_page"],
                     "auditor_cold_peak_mb": row["cold_peak_mb"],
                     "time_ratio": row["warm_ms_per_page"] / (1000 * seconds / row["pages"])})
    return rows


# The evaluation PDFs of the portfolio, named: the labelled sets grow, and a portfolio that took
# "the first PDFs found" changed its composition (and its figure) whenever they did.
PORTFOLIO_EVALUATION = (
    "en-managed-hosting-agreement-stratelia-cap-horizon.pdf",
    "en-saas-subscription-kestrel.pdf",
    "fr-ccap-infogerance-agglo.pdf",
    "fr-hebergement-infogerance-ehpad-val-dourcq.pdf",
    "en-cloud-services-agreement-cirrusvale-vermeil.pdf",
    "fr-ccap-hebergement-cc-val-de-sorre.pdf",
)


def portfolio_files(quick: bool) -> tuple[list[Path], list[str]]:
    """The portfolio's real PDFs, in a fixed order, and notes on what is missing."""
    notes = []
    evaluation = [ROOT / "evaluation" / "contracts" / name for name in PORTFOLIO_EVALUATION]
    groups = [("samples", sorted((ROOT / "samples").glob("*.pdf"))),
              ("evaluation", [path for path in evaluation if path.is_file()])]
    if quick:
        return groups[0][1][:1], notes
    if CUAD.is_dir():
        groups.insert(0, ("cuad-it", sorted(p for p in CUAD.iterdir() if p.suffix.lower() == ".pdf")))
    else:
        notes.append("../shared/corpus/cuad-it/ is absent: generated contracts take the place of its 12 PDFs")
    return [p for _, paths in groups for p in paths][:PORTFOLIO_FILES], notes


def filler_specs(real: list[Path], quick: bool) -> list[corpus.Spec]:
    """Generated contracts that complete the portfolio to 24 files and about 300 pages."""
    if quick:
        return [corpus.Spec(QUICK_SIZES[0])]
    missing = PORTFOLIO_FILES - len(real)
    if missing <= 0:
        return []
    pages = sum(corpus.page_count(p) for p in real)
    each = min(40, max(3, round((PORTFOLIO_PAGES - pages) / missing)))
    # Variants from 100 on: not the contracts of the other sections under another name.
    return [corpus.Spec(each, 100 + index) for index in range(missing)]


def portfolio(files: list[Path], jobs: int, work: Path) -> dict:
    pages = sum(corpus.page_count(f) for f in files)
    log(f"portfolio: {len(files)} PDFs, auditor batch --jobs {jobs}")
    audit = batch_audit(files, pages, jobs, work / "portfolio")
    log(f"portfolio: {len(files)} PDFs, pdfplumber in one process")
    run, figures = probe("pdfplumber", 1, files)
    plumber = {"seconds": run.seconds, "extraction_seconds": figures["seconds"], "peak_mb": run.peak_mb,
               "pages_per_minute": 60 * pages / run.seconds}
    ratio = audit["seconds"] / run.seconds
    return {"files": len(files), "pages": pages, "audit": audit, "pdfplumber": plumber, "ratio": ratio,
            "ratio_target": PORTFOLIO_RATIO_TARGET, "ratio_ok": ratio < PORTFOLIO_RATIO_TARGET,
            "memory_target_mb": PORTFOLIO_MEMORY_TARGET,
            "memory_ok": (audit["peak_total_mb"] or audit["peak_process_mb"]) < PORTFOLIO_MEMORY_TARGET}


# ---------------------------------------------------------------------------------------------
# Output


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table padded to align in a terminal; first column left, the others right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells: list[str]) -> str:
        padded = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ("-" if i == 0 else ":") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def number(value: float | None, digits: int = 0, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{suffix}".replace(",", " ")


def seconds(value: float | None) -> str:
    return number(value, 1 if value is not None and value >= 10 else 2)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "OK" if ok else "MISSED"


def render(figures: dict) -> str:
    out = []
    settings = figures["settings"]
    out.append(f"auditor {settings['auditor']} · Python {settings['python']} · {settings['cores']} cores "
               f"(load {settings['load']}) · jobs N = {settings['jobs']} · repeat {settings['repeat']}"
               f"{' · quick mode' if settings['quick'] else ''}")

    single = figures["single"]
    if single:
        out.append("\n### One contract\n")
        out.append(table(
            ["format", "pages", "cold s", "cold peak MB", "warm ms/page", "warm: reading"],
            [[r["format"], str(r["pages"]), seconds(r["cold_seconds"]), number(r["cold_peak_mb"]),
              number(r["warm_ms_per_page"], 1), number(100 * r["warm_read_share"], 0, " %")] for r in single]))
        out.append("")
        out.append(table(
            ["growth of the warm cost", "cost(200) / cost(40)", "text(200) / text(40)", "target", "verdict"],
            [[g["format"], number(g["ratio"], 2, "×") if g["ratio"] is not None else "n/a (needs 40 and 200 pages)",
              number(g.get("text_ratio"), 2, "×"),
              f"≤ {g['target']:.2f}× (linear)", verdict(g["ok"])] for g in figures["growth"]]))

    if figures["batch"]:
        batch = figures["batch"]
        out.append(f"\n### Batch ({figures['batch_set']})\n")
        out.append(table(
            ["workers", "wall s", "contracts/min", "pages/min", "peak MB, largest process",
             "peak MB, all processes", "reports"],
            [[str(b["jobs"]), seconds(b["seconds"]), number(b["contracts_per_minute"], 1),
              number(b["pages_per_minute"]), number(b["peak_process_mb"]), number(b["peak_total_mb"]),
              f"{b['reports_written']}/{b['reports_expected']}"] for b in batch]))

    if figures["pdfplumber"]:
        out.append("\n### Bare pdfplumber text extraction, same PDFs\n")
        out.append(table(
            ["pdf pages", "pdfplumber ms/page", "pdfplumber peak MB", "auditor warm ms/page",
             "auditor cold peak MB", "auditor / pdfplumber"],
            [[str(r["pages"]), number(r["ms_per_page"], 1), number(r["peak_mb"]),
              number(r["auditor_warm_ms_per_page"], 1), number(r["auditor_cold_peak_mb"]),
              number(r["time_ratio"], 2, "×")] for r in figures["pdfplumber"]]))

    folio = figures["portfolio"]
    if folio:
        audit, plumber = folio["audit"], folio["pdfplumber"]
        out.append(f"\n### Portfolio: {folio['files']} PDFs, {folio['pages']} pages ({folio['described']})\n")
        out.append(table(
            ["run", "wall s", "pages/min", "peak MB, largest process", "peak MB, all processes"],
            [[f"auditor audit --out-dir, json + html, --jobs {audit['jobs']}", seconds(audit["seconds"]),
              number(audit["pages_per_minute"]), number(audit["peak_process_mb"]), number(audit["peak_total_mb"])],
             ["pdfplumber extract_text, one process", seconds(plumber["seconds"]), number(plumber["pages_per_minute"]),
              number(plumber["peak_mb"]), number(plumber["peak_mb"])]]))
        out.append("")
        peak = audit["peak_total_mb"] if audit["peak_total_mb"] is not None else audit["peak_process_mb"]
        out.append(table(
            ["portfolio target", "measured", "target", "verdict"],
            [["audit time / pdfplumber time", number(folio["ratio"], 2, "×"), f"< {PORTFOLIO_RATIO_TARGET:g}×",
              verdict(folio["ratio_ok"])],
             ["batch peak memory, all processes", number(peak, 0, " MB"), f"< {PORTFOLIO_MEMORY_TARGET} MB",
              verdict(folio["memory_ok"])],
             ["reports written", f"{audit['reports_written']}/{audit['reports_expected']}",
              f"{audit['reports_expected']}/{audit['reports_expected']}",
              verdict(audit["reports_written"] == audit["reports_expected"])]]))
        if audit["read_by_ocr"]:
            out.append(f"\n{audit['read_by_ocr']} of the PDFs have pages read by OCR "
                       "(pdfplumber returns no text for them).")
    for note in figures["notes"]:
        out.append(f"\nNote: {note}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smallest run: one 3-page contract per format, one repetition, a 2-file portfolio")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="workers of the N-worker batches "
                        "[default: the cores, %(default)s]")
    parser.add_argument("--repeat", type=int, help="runs per measure, the median kept [default: 3, quick: 1]")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--corpus", type=Path, default=corpus.DEFAULT_CACHE,
                        help="where generated contracts are cached [default: benchmarks/.corpus]")
    arguments = parser.parse_args(argv)
    repeat = arguments.repeat or (1 if arguments.quick else 3)
    sizes = QUICK_SIZES if arguments.quick else SIZES
    jobs = max(1, arguments.jobs)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    figures: dict = {
        "settings": {"auditor": __version__, "python": platform.python_version(), "cores": default_jobs(),
                     "load": load, "jobs": jobs, "repeat": repeat, "quick": arguments.quick},
        "single": [], "growth": [], "batch": [], "batch_set": "", "pdfplumber": [], "portfolio": None, "notes": []}

    real, notes = portfolio_files(arguments.quick)
    figures["notes"] += notes
    if arguments.quick:
        batch_specs = [corpus.Spec(QUICK_SIZES[0])]
        batch_set = f"the {QUICK_SIZES[0]}-page contract as PDF and DOCX"
    else:
        batch_specs = [corpus.Spec(10, v) for v in range(6)] + [corpus.Spec(40, v) for v in range(2)]
        batch_set = "6 × 10-page + 2 × 40-page contracts, PDF and DOCX alternating"
    fillers = filler_specs(real, arguments.quick)
    try:
        contracts = corpus.build([corpus.Spec(s) for s in sizes] + batch_specs + fillers, arguments.corpus, log)
    except corpus.CorpusError as error:
        figures["notes"].append(f"no generated contracts ({error}); only the portfolio's real PDFs are measured")
        contracts = {}

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as directory:
        work = Path(directory)
        try:
            if contracts:
                by_size = {s: contracts[corpus.Spec(s)] for s in sizes}
                figures["single"] = single_contracts(by_size, repeat, work)
                figures["growth"] = growth(figures["single"])
                if arguments.quick:
                    batch = [(contracts[batch_specs[0]], file_format) for file_format in FORMATS]
                else:
                    batch = [(contracts[s], FORMATS[i % 2]) for i, s in enumerate(batch_specs)]
                figures["batch_set"] = batch_set
                figures["batch"] = batches([c.path(f) for c, f in batch], sum(c.pages for c, _ in batch), jobs, work)
                figures["pdfplumber"] = pdfplumber_rows(figures["single"], repeat)
            files = real + [contracts[s].pdf for s in fillers if s in contracts]
            figures["portfolio"] = portfolio(files, jobs, work)
            figures["portfolio"]["described"] = describe(files)
        except BenchmarkError as error:
            figures["notes"].append(f"stopped: {error}")
            log(f"benchmark stopped: {error}")
    print(render(figures), end="")
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def describe(files: list[Path]) -> str:
    counts: dict[str, int] = {}
    for path in files:
        resolved = path.resolve()
        if resolved.is_relative_to(corpus.DEFAULT_CACHE.resolve()) or path.name.startswith("fr-bench-"):
            group = "generated"
        elif resolved.is_relative_to(CUAD.resolve()):
            group = "CUAD"
        else:
            group = resolved.relative_to(ROOT).parts[0] if resolved.is_relative_to(ROOT) else "other"
        counts[group] = counts.get(group, 0) + 1
    return ", ".join(f"{group} {n}" for group, n in counts.items())


if __name__ == "__main__":
    sys.exit(main())
