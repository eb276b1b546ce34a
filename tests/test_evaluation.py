"""`auditor evaluate`: agreement between the tool and a lawyer's labels, on contracts and on excerpts."""

from __future__ import annotations

import textwrap

from conftest import run_auditor

CONTRACT = textwrap.dedent("""\
    Article 1 – Durée
    Le contrat est conclu pour un an et se renouvelle tacitement. Le Prestataire peut le résilier à tout
    moment par simple courriel.
    """)


def row(output: str, first: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(first + " "))


def write_set(root, term01_label: str) -> None:
    (root / "contracts").mkdir()
    (root / "labels").mkdir()
    (root / "contracts" / "contrat.txt").write_text(CONTRACT, encoding="utf-8")
    (root / "labels" / "contrat.yaml").write_text(
        f"contract: contrat.txt\nlabels:\n  TERM-01: {{status: {term01_label}, clause: '1', why: test}}\n",
        encoding="utf-8")


def test_agreement_on_contracts_names_each_disagreement(tmp_path):
    write_set(tmp_path, "pass")
    result = run_auditor("evaluate", str(tmp_path), "--details")
    assert result.returncode == 0, result.stderr
    assert row(result.stdout, "TERM-01") == ["TERM-01", "0%", "-", "100%", "1"]
    assert "contrat.txt: label pass, tool fail" in result.stdout
    # A provider that may end the contract at any time is a risk the tool flags: an alarm on a "pass".
    assert row(result.stdout, "overall") == ["overall", "0%", "-", "100%", "1"]


def test_excerpts_are_judged_for_their_own_control(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "TERM-01.yml").write_text(textwrap.dedent("""\
        control: TERM-01
        cases:
          provider_any_time:
            expect: fail
            text: |
              Article 9 – Résiliation
              Le Fournisseur peut résilier le contrat à tout moment, sans préavis.
          silent_on_term:
            expect: pass
            text: |
              Article 2 – Prix
              Les prix sont révisables chaque année au 1er janvier.
        """), encoding="utf-8")
    result = run_auditor("evaluate", str(tmp_path), "--details")
    assert result.returncode == 0, result.stderr
    assert "excerpts (2 in" in result.stdout
    assert "silent_on_term: label pass, tool missing" in result.stdout
    assert "provider_any_time" not in result.stdout
    assert row(result.stdout, "overall") == ["overall", "50%", "100%", "100%", "2"]


def test_a_folder_without_labels_or_excerpts_is_a_usage_error(tmp_path):
    result = run_auditor("evaluate", str(tmp_path))
    assert result.returncode == 2
    assert "holds no labels" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_label_file_is_one_line(tmp_path):
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "contrat.yaml").write_text("contract: [unclosed\n", encoding="utf-8")
    result = run_auditor("evaluate", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("auditor: error:")
    assert "contrat.yaml: not readable as YAML" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_figures_per_section_of_the_readme(tmp_path):
    write_set(tmp_path, "pass")
    (tmp_path / "contracts" / "autre.txt").write_text(
        "Article 1 – Durée\nLe contrat est conclu pour un an. Chaque partie peut le résilier avec un préavis de "
        "trois mois.\n", encoding="utf-8")
    (tmp_path / "labels" / "autre.yaml").write_text(
        "contract: autre.txt\nlabels:\n  TERM-01: {status: pass, clause: '1', why: test}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(textwrap.dedent("""\
        # A set
        ## First batch
        | contract | kind |
        |---|---|
        | `contrat.txt` | provider may end at any time |
        ## Second batch
        | `autre.txt` | mirrored notice |
        | `not-labelled.txt` | ignored |
        """), encoding="utf-8")
    result = run_auditor("evaluate", str(tmp_path), "--by-section")
    assert result.returncode == 0, result.stderr
    assert row(result.stdout, "First") == ["First", "batch", "0.0%", "-", "100.0%", "1"]
    assert row(result.stdout, "Second") == ["Second", "batch", "100.0%", "-", "0.0%", "1"]
    assert row(result.stdout, "overall") == ["overall", "50%", "-", "50%", "2"]


def test_a_saved_run_shows_what_moved_since(tmp_path):
    write_set(tmp_path, "fail")
    record = tmp_path / "run.json"
    first = run_auditor("evaluate", str(tmp_path), "--save", str(record))
    assert first.returncode == 0, first.stderr
    assert '"tool": "fail"' in record.read_text(encoding="utf-8")
    # The contract is rewritten with a fair notice: the tool's status moves away from the label.
    (tmp_path / "contracts" / "contrat.txt").write_text(
        "Article 1 – Durée\nLe contrat est conclu pour un an. Chaque partie peut le résilier avec un préavis de "
        "trois mois.\n", encoding="utf-8")
    second = run_auditor("evaluate", str(tmp_path), "--against", str(record))
    assert second.returncode == 0, second.stderr
    assert "since the saved run: 0 fixed, 1 new disagreements, 0 changed" in second.stdout
    assert "new      TERM-01  contrat.txt: label fail, tool fail → pass" in second.stdout
    unchanged = run_auditor("evaluate", str(tmp_path), "--against", str(record), "--save", str(record))
    assert "since the saved run: 0 fixed, 1 new" in unchanged.stdout
    again = run_auditor("evaluate", str(tmp_path), "--against", str(record))
    assert "since the saved run: 0 fixed, 0 new disagreements, 0 changed" in again.stdout


def test_a_record_not_written_by_save_is_one_line(tmp_path):
    write_set(tmp_path, "fail")
    record = tmp_path / "run.json"
    record.write_text('{"contrat.txt": ["fail", "fail"]}', encoding="utf-8")
    result = run_auditor("evaluate", str(tmp_path), "--against", str(record))
    assert result.returncode != 0
    assert "not a record written by `auditor evaluate --save`" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
