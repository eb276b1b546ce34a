"""The benchmark runs end to end in its smallest mode and prints every figure (never a timing assertion)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, needs_libreoffice

NUMBER = re.compile(r"\d")


def tables(output: str) -> dict[str, list[list[str]]]:
    """The Markdown tables of the output, by their first header cell; rows as lists of cells."""
    found: dict[str, list[list[str]]] = {}
    current = None
    for line in output.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if current is None:
            current = found.setdefault(cells[0], [])
        elif not set(line) <= set("|-: "):
            current.append(cells)
    return found


@pytest.mark.libreoffice
@needs_libreoffice()
def test_quick_benchmark_prints_every_figure(tmp_path):
    saved = tmp_path / "figures.json"
    # Minutes on a busy machine: every step starts Python and loads spaCy's model at least once.
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--jobs", "2",
                             "--json", str(saved)], capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Note: stopped" not in result.stdout, result.stdout + result.stderr

    printed = tables(result.stdout)
    assert [row[0] for row in printed["format"]] == ["pdf", "docx"]
    assert [row[0] for row in printed["workers"]] == ["1", "2"]
    assert len(printed["pdf pages"]) == 1
    assert len(printed["run"]) == 2
    for name in ("format", "workers", "pdf pages", "run"):
        for row in printed[name]:
            assert all(NUMBER.search(cell) for cell in row[1:]), f"{name} row without a number: {row}"
    # One size only in quick mode: the growth needs the 40- and 200-page contracts.
    assert all(row[1].startswith("n/a") for row in printed["growth of the warm cost"])
    verdicts = {row[0]: row for row in printed["portfolio target"]}
    assert set(verdicts) == {"audit time / pdfplumber time", "batch peak memory, all processes", "reports written"}
    for row in verdicts.values():
        assert NUMBER.search(row[1]) and row[3] in ("OK", "MISSED"), row
    assert verdicts["reports written"][3] == "OK"

    figures = json.loads(saved.read_text(encoding="utf-8"))
    for row in figures["single"]:
        for key in ("cold_seconds", "cold_peak_mb", "warm_ms_per_page"):
            assert row[key] > 0, (key, row)
    for row in figures["batch"] + [figures["portfolio"]["audit"]]:
        assert row["returncode"] == 0 and row["reports_written"] == row["reports_expected"], row
        assert row["contracts_per_minute"] > 0 and row["peak_process_mb"] > 0
    assert figures["pdfplumber"][0]["ms_per_page"] > 0 and figures["portfolio"]["pdfplumber"]["peak_mb"] > 0


def test_growth_is_judged_against_the_growth_of_the_text_read():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as benchmark
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    rows = [{"format": "pdf", "size": 40, "warm_seconds": 2.0, "characters_read": 100_000},
            {"format": "pdf", "size": 200, "warm_seconds": 10.2, "characters_read": 520_000},
            {"format": "docx", "size": 40, "warm_seconds": 2.0, "characters_read": 100_000},
            {"format": "docx", "size": 200, "warm_seconds": 10.6, "characters_read": 520_000}]
    pdf, docx = benchmark.growth(rows)
    # 5.1× the cost for 5.2× the text is linear; 5.3× is not
    assert (pdf["ratio"], pdf["text_ratio"], pdf["ok"]) == (pytest.approx(5.1), pytest.approx(5.2), True)
    assert (docx["ratio"], docx["ok"]) == (pytest.approx(5.3), False)
    # without the text's size the page ratio stands
    pdf, _ = benchmark.growth([{**row, "characters_read": None} for row in rows])
    assert (pdf["target"], pdf["ok"]) == (5.0, False)
