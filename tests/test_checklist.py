"""The checklist: the packaged YAML against the catalogue and the seeds, the loader's errors, overrides, the CLI."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.checklist import (
    Checklist,
    ChecklistError,
    Decision,
    LegalText,
    apply_parameter_assignments,
    default_checklist_path,
    load_checklist,
)
from auditor.checklist_cli import checklist as checklist_command
from auditor.errors import EXIT_USAGE, AuditorError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CATALOGUE = SHARED / "docs" / "controls.md"
SEED_TEXTS = SHARED / "seeds"
BAD = Path(__file__).resolve().parent / "checklist_bad"

# The five seed decisions, as their texts in the project read: (court, date) → (chamber, number).
# The Laval référé order carries no number in its text.
SEEDS = {
    ("CA Aix-en-Provence", dt.date(2022, 6, 23)): ("ch. 1-2", "RG 21/05342"),
    ("CA Douai", dt.date(2022, 12, 8)): ("ch. 2 sect. 1", "RG 21/01153"),
    ("TGI Laval", dt.date(2016, 10, 4)): ("réf.", None),
    ("CA Agen", dt.date(2025, 12, 1)): (None, "n° 25/00266"),
    ("CA Paris", dt.date(2020, 2, 7)): ("pôle 5 ch. 11", "RG 18/03616"),
}

# The liability controls that pass when the contract limits nothing (catalogue, "Statuses").
PASS_WHEN_NOTHING_IS_LIMITED = {"LIAB-01", "LIAB-02", "LIAB-03", "LIAB-04", "LIAB-05", "LIAB-06", "LIAB-09"}


@pytest.fixture(scope="module")
def packaged() -> Checklist:
    return load_checklist(default_checklist_path())


def catalogue_rows() -> list[list[str]]:
    """The core-control rows of the catalogue: id, title, pass, weak, fail, severity."""
    if not CATALOGUE.is_file():
        pytest.skip(f"the control catalogue is not beside the repository ({CATALOGUE.relative_to(ROOT.parent)})")
    rows = []
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\| (TERM|REV|HDS|BKP|LIAB)-\d{2} \|", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def decisions(checklist: Checklist) -> list[tuple[str, Decision]]:
    return [
        (control.id, reference)
        for control in checklist.controls
        for reference in control.legal_basis
        if isinstance(reference, Decision)
    ]


# ───────────────────────────── the packaged checklist ─────────────────────────────


def test_the_packaged_checklist_lives_in_the_top_level_checklists_directory():
    assert default_checklist_path() == ROOT / "checklists" / "fr-it-services.yaml"


def test_the_packaged_checklist_loads(packaged):
    assert packaged.info.id == "fr-it-services"
    assert packaged.info.point_of_view == "client"
    assert len(packaged.controls) == 36


def test_ids_titles_and_severities_are_those_of_the_catalogue_in_order(packaged):
    rows = catalogue_rows()
    assert [(row[0], row[1], row[5]) for row in rows] == [
        (control.id, control.title_en, control.severity) for control in packaged.controls
    ]


def test_a_status_the_catalogue_marks_with_a_dash_has_no_line(packaged):
    for control_id, _title, _pass, weak, fail, _severity in catalogue_rows():
        statuses = packaged.control(control_id).statuses
        assert (weak == "—") == (statuses.weak is None), control_id
        assert (fail == "—") == (statuses.fail is None), control_id


def test_liability_controls_that_pass_when_nothing_is_limited_never_give_missing(packaged):
    for control in packaged.controls:
        assert (control.statuses.missing is None) == (control.id in PASS_WHEN_NOTHING_IS_LIMITED), control.id


def test_applicability_follows_the_catalogue(packaged):
    expected = {"REV-05": "specific_developments", "REV-06": "domain_names", "REV-08": "data_processing_service"}
    expected |= {control.id: "health_data" for control in packaged.controls if control.area == "HDS"}
    for control in packaged.controls:
        assert control.applies_when == expected.get(control.id, "always"), control.id
        assert (control.statuses.not_applicable is not None) == (control.applies_when != "always"), control.id


def test_every_control_cites_a_confirmed_reference(packaged):
    for control in packaged.controls:
        assert control.citable_legal_basis, control.id


def test_seed_decisions_are_cited_by_court_chamber_date_and_number(packaged):
    cited = set()
    for control_id, decision in decisions(packaged):
        key = (decision.court, decision.date)
        if decision.seed:
            assert key in SEEDS, f"{control_id}: {decision.citation()} is marked seed but is not one"
            assert (decision.chamber, decision.number) == SEEDS[key], control_id
            assert decision.confirmed, control_id
            cited.add(key)
        else:
            assert key not in SEEDS, f"{control_id}: a seed decision not marked seed: true"
    assert cited == set(SEEDS)


def test_seed_decisions_come_first(packaged):
    for control in packaged.controls:
        kinds = ["seed" if isinstance(r, Decision) and r.seed else "other" for r in control.legal_basis]
        assert kinds == sorted(kinds, key=lambda kind: kind != "seed"), control.id


def test_seed_numbers_and_courts_are_those_of_the_seed_texts():
    if not SEED_TEXTS.is_dir():
        pytest.skip("the seed decision texts are not beside the repository")
    texts = [path.read_text(encoding="utf-8").casefold() for path in SEED_TEXTS.glob("*.txt")]
    for (court, date), (_chamber, number) in SEEDS.items():
        city = court.split()[-1].split("-")[0].casefold()  # "douai", "aix", "laval"…
        wanted = [city, str(date.year)] + ([number.split()[-1]] if number else [])
        assert any(all(part in text for part in wanted) for text in texts), (court, date, number)


def test_references_the_brief_could_not_confirm_are_never_citable(packaged):
    unconfirmed = {
        "n° 21-21.432",  # Cass. 29 March 2023: chamber and holding not found
        "n° 96-21.485",  # Tocqueville, from memory
        "n° 22-12.345",  # Cass. civ. 1 13 March 2024, cited second-hand
        "n° 22/15660",  # CA Paris 4 April 2025, outcome not read
    }
    seen = set()
    for control in packaged.controls:
        citable = control.citable_legal_basis
        assert all(reference.confirmed for reference in citable), control.id
        for reference in control.legal_basis:
            if isinstance(reference, Decision) and reference.number in unconfirmed:
                assert not reference.confirmed and reference not in citable, control.id
                seen.add(reference.number)
            if isinstance(reference, LegalText) and (reference.text, reference.article) == ("Code de commerce", "D442-2"):
                assert not reference.confirmed, control.id
            if isinstance(reference, LegalText) and "(RGPD)" in reference.text and reference.article.startswith("28"):
                assert not reference.confirmed, control.id  # GDPR art. 28 paraphrases were from memory
    assert seen == unconfirmed


def test_citations_read_the_way_french_lawyers_write_them(packaged):
    douai = packaged.control("TERM-02").legal_basis[0]
    assert douai.citation() == "CA Douai, ch. 2 sect. 1, 8 déc. 2022, RG 21/01153"
    agen = next(r for r in packaged.control("LIAB-03").legal_basis if isinstance(r, Decision) and r.court == "CA Agen")
    assert agen.citation() == "CA Agen, 1er déc. 2025, n° 25/00266"
    laval = packaged.control("TERM-05").legal_basis[0]
    assert laval.citation() == "TGI Laval, réf., 4 oct. 2016"
    texts = [r.citation() for r in packaged.control("LIAB-01").legal_basis if isinstance(r, LegalText)]
    assert "C. civ., art. 1231-3" in texts
    data_act = packaged.control("TERM-01").legal_basis[-1]
    assert data_act.citation() == "Règlement (UE) 2023/2854 (Data Act), art. 25(2)(c)-(d)"


def test_every_control_has_signals_and_a_red_flag_wording_where_it_can_be_weak_or_fail(packaged):
    for control in packaged.controls:
        expects = {signal.expect for signal in control.signals.all()}
        assert control.signals.fr and control.signals.en, control.id
        if control.statuses.weak or control.statuses.fail:
            assert expects & {"weak", "fail"}, control.id
        assert expects <= set(control.statuses.given()), control.id


def test_signals_and_traps_are_distinct_wordings(packaged):
    for control in packaged.controls:
        signals = [signal.text for signal in control.signals.all()]
        assert len(signals) == len(set(signals)), control.id
        assert not set(signals) & set(control.traps.all()), control.id


def test_cross_checks_the_brief_asks_for_are_present(packaged):
    pairs = [("TERM-03", "HDS-05"), ("BKP-05", "LIAB-02"), ("BKP-05", "LIAB-03"), ("REV-04", "TERM-05")]
    for first, second in pairs:
        assert second in packaged.control(first).cross_checks
        assert first in packaged.control(second).cross_checks
    assert "ADJ-07" in packaged.control("LIAB-01").cross_checks  # insurance, in the extended catalogue


@pytest.mark.parametrize(
    ("control_id", "name", "default"),
    [
        ("TERM-01", "provider_min_notice_months", 3),
        ("TERM-01", "client_max_notice_months", 3),
        ("TERM-01", "client_weak_notice_months", 6),
        ("TERM-01", "data_act_max_notice_months", 2),
        ("TERM-02", "min_cure_days", 8),
        ("TERM-02", "max_cure_days_security", 60),
        ("LIAB-01", "min_months", 12),
        ("LIAB-01", "fail_months", 3),
        ("REV-02", "min_retrieval_days", 30),
        ("BKP-01", "max_rpo_hours", 24),
        ("BKP-01", "min_retention_days", 14),
        ("LIAB-09", "min_time_bar_months", 12),
    ],
)
def test_thresholds_of_the_catalogue_are_parameters(packaged, control_id, name, default):
    assert packaged.control(control_id).parameters[name].default == default


def test_law_thresholds_cannot_be_overridden(packaged):
    law = [p for c in packaged.controls for p in c.parameters.values() if p.tag == "LAW"]
    assert law and not any(parameter.overridable for parameter in law)
    assert packaged.control("TERM-01").parameters["data_act_max_notice_months"].tag == "LAW"
    assert packaged.control("LIAB-09").parameters["min_time_bar_months"].tag == "LAW"


# ───────────────────────────── invalid files ─────────────────────────────

BAD_FILES = {
    "unknown_field.yaml": "controls -> 0 -> colour: unknown field",
    "bad_severity.yaml": "controls -> 0 -> severity: Input should be 'high', 'medium' or 'low' (got 'critical')",
    "severity_no.yaml": "controls -> 0 -> severity: Input should be 'high', 'medium' or 'low' (got 'NO')",
    "duplicate_id.yaml": "controls -> 1 -> id: duplicate control id TERM-01 (first used at line 11)",
    "missing_legal_basis.yaml": "controls -> 0 -> legal_basis: field required",
    "unconfirmed_only.yaml": "controls -> 0 -> legal_basis: at least one reference must be confirmed",
    "wrong_parameter_type.yaml": "parameters -> min_notice_months -> default: default 'three' is not a whole number (int)",
    "law_overridable.yaml": "parameters -> min_notice_months -> overridable: a [LAW] threshold is fixed by a text",
    "missing_status.yaml": "controls -> 0 -> statuses -> weak: field required (write null",
    "english_statuses_differ.yaml": "controls -> 0 -> statuses_en: statuses_en must give the same statuses as statuses",
    "signal_expects_never_given.yaml": "signals -> fr -> 1 -> expect: fail is a status this control never gives",
    "one_way_cross_check.yaml": "cross_checks -> 0: TERM-02 does not list TERM-01 in its cross_checks",
    "malformed.yaml": "invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence begun at line 13)",
    "duplicate_key.yaml": 'invalid YAML: found duplicate key "title_en"',
}


def marked_line(path: Path) -> int:
    """The line a fixture marks with ``# <- error``: where the loader must point."""
    lines = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "# <- error" in line]
    assert len(lines) == 1, path.name
    return lines[0]


def test_every_bad_fixture_is_tested():
    assert sorted(path.name for path in BAD.glob("*.yaml")) == sorted(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_its_line_and_path(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(ChecklistError) as caught:
        load_checklist(BAD / name)
    (problem,) = caught.value.problems  # each fixture has exactly one defect
    assert str(problem).startswith(f"tests/checklist_bad/{name}:{marked_line(BAD / name)}: ")
    assert BAD_FILES[name] in str(problem)
    assert caught.value.exit_code == EXIT_USAGE
    assert isinstance(caught.value, AuditorError)


def test_every_problem_of_a_file_is_listed_at_once(tmp_path):
    broken = (BAD / "unknown_field.yaml").read_text(encoding="utf-8")
    broken = broken.replace("severity: high", "severity: urgent").replace('article: "1211"', "article: 1211")
    path = tmp_path / "x.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    messages = [problem.message for problem in caught.value.problems]
    assert len(messages) == 3, messages
    assert [problem.line for problem in caught.value.problems] == sorted(problem.line for problem in caught.value.problems)


def test_yaml_1_2_keeps_no_and_yes_as_text(tmp_path):
    text = (BAD / "unknown_field.yaml").read_text(encoding="utf-8")
    text = text.replace("    colour: blue  # <- error\n", "").replace("jurisdiction: FR", "jurisdiction: NO")
    path = tmp_path / "norway.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_checklist(path).info.jurisdiction == "NO"


def test_detection_rules_using_a_parameter_their_control_does_not_declare_are_refused(tmp_path):
    import shutil

    copy = tmp_path / "checklists"
    shutil.copytree(ROOT / "checklists", copy)
    rules = copy / "fr-it-services" / "termination.yaml"
    text = rules.read_text(encoding="utf-8")
    assert text.count('"{provider_min_notice_months}"') >= 1
    rules.write_text(text.replace('"{provider_min_notice_months}"', '"{provider_notice_floor}"', 1), encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(copy / "fr-it-services.yaml")
    (problem,) = caught.value.problems
    assert "TERM-01" in str(problem.path) and "provider_notice_floor" in problem.message
    assert problem.source.endswith("termination.yaml") and problem.line is not None
    # a phrase that merely looks like a reference is a phrase, not a parameter: no problem
    phrases = '{terms: ["période de préavis", '
    assert phrases in text
    rules.write_text(text.replace(phrases, '{terms: ["{provider_notice_floor}", "période de préavis", ', 1),
                     encoding="utf-8")
    assert load_checklist(copy / "fr-it-services.yaml").control("TERM-01") is not None


def test_a_missing_file_is_a_checklist_error(tmp_path):
    with pytest.raises(ChecklistError, match="no such file"):
        load_checklist(tmp_path / "absent.yaml")


def test_an_empty_file_is_refused_at_line_1(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    assert caught.value.problems[0].line == 1


# ───────────────────────────── parameter overrides ─────────────────────────────


def test_an_override_is_parsed_to_the_declared_type_in_a_new_checklist(packaged):
    changed = packaged.with_parameters({"LIAB-01.min_months": "6", "LIAB-06.min_super_cap_multiplier": "2,5"})
    assert changed.control("LIAB-01").parameters["min_months"].default == 6
    assert changed.control("LIAB-06").parameters["min_super_cap_multiplier"].default == 2.5
    assert packaged.control("LIAB-01").parameters["min_months"].default == 12
    assert changed.control("LIAB-01").parameters["fail_months"].default == 3
    assert changed.control("TERM-01") == packaged.control("TERM-01")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("XX-01.min_months", "6", "parameter XX-01.min_months: unknown control 'XX-01'"),
        ("LIAB-01.max_months", "6", "LIAB-01 has no parameter 'max_months' (its parameters: min_months, fail_months)"),
        ("LIAB-01.min_months", "six", "parameter LIAB-01.min_months: expected a whole number (int), got 'six'"),
        ("LIAB-01.min_months", "-1", "must not be negative"),
        ("LIAB-09.min_time_bar_months", "6", "parameter LIAB-09.min_time_bar_months: fixed by law [LAW]"),
        ("min_months", "6", "expected CONTROL-ID.name"),
    ],
)
def test_a_bad_override_is_refused_precisely(packaged, key, value, message):
    with pytest.raises(ChecklistError) as caught:
        packaged.with_parameters({key: value})
    assert message in str(caught.value)


def test_every_bad_assignment_is_reported_at_once(packaged):
    with pytest.raises(ChecklistError) as caught:
        apply_parameter_assignments(packaged, ["LIAB-01.min_months=six", "oops", "LIAB-09.min_time_bar_months=6"])
    assert len(caught.value.problems) == 3


# ───────────────────────────── the command line ─────────────────────────────


def run(*args: str):
    return CliRunner().invoke(checklist_command, list(args), prog_name="auditor checklist")


def test_validate_the_packaged_checklist():
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("ok: 36 controls")


def test_validate_reports_every_file_and_exits_2_on_any_problem(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("validate", "checklists/fr-it-services.yaml", "tests/checklist_bad/bad_severity.yaml")
    assert result.exit_code == 2
    assert "checklists/fr-it-services.yaml: ok: 36 controls" in result.stdout
    line = marked_line(BAD / "bad_severity.yaml")
    assert f"tests/checklist_bad/bad_severity.yaml:{line}: controls -> 0 -> severity" in result.stderr


def test_list_prints_one_line_per_control():
    result = run("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 36
    assert re.match(r"^TERM-01\s+TERM\s+high\s+Préavis", lines[0])


def test_list_filters_by_area_and_speaks_english():
    result = run("list", "--area", "hds", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["HDS-01", "HDS-02", "HDS-03", "HDS-04", "HDS-05", "HDS-06"]
    assert "Provider's HDS certificate" in lines[0]


def test_show_prints_everything_about_a_control_and_only_confirmed_citations():
    result = run("show", "term-02")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("TERM-02 · Résiliation pour manquement")
    for heading in ("Ce qui est vérifié", "Paramètres", "Fondements juridiques", "Recommandation", "Clause de repli"):
        assert heading in out
    assert "fail: Le prestataire peut résilier" in out
    assert "min_cure_days = 8 jours [PRACTICE]" in out
    assert "CA Douai, ch. 2 sect. 1, 8 déc. 2022, RG 21/01153" in out
    assert "96-21.485" not in out  # Tocqueville, unconfirmed
    assert "1 référence(s) non confirmée(s) non affichée(s)" in out


def test_show_applies_param_overrides_and_says_so():
    result = run("show", "LIAB-01", "--param", "LIAB-01.min_months=6", "--lang", "en")
    assert result.exit_code == 0
    assert "min_months = 6 months [PRACTICE; --param; default 12]" in result.stdout
    assert "Fallback clause" in result.stdout
    assert "The Provider's liability is capped" in result.stdout


def test_show_marks_law_parameters_and_statuses_never_given():
    result = run("show", "LIAB-09")
    assert "min_time_bar_months = 12 mois [LAW; fixé par la loi]" in result.stdout
    assert "missing: — (jamais attribué à ce contrôle)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "TERM-99"], "unknown control 'TERM-99'"),
        (["show", "LIAB-09", "--param", "LIAB-09.min_time_bar_months=6"], "fixed by law"),
        (["show", "LIAB-01", "--param", "LIAB-01.min_months=six"], "expected a whole number (int), got 'six'"),
        (["list", "--checklist", "absent.yaml"], "absent.yaml: no such file"),
    ],
)
def test_command_errors_exit_2_with_one_line_each(args, message, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert all(line.startswith("auditor: error: ") for line in result.stderr.splitlines())


def test_the_fast_parser_reads_the_packaged_checklist_exactly_as_the_precise_one(monkeypatch):
    # Audits load the rules with libyaml; errors are located with ruamel. Both must read the same rules.
    import auditor.checklist as module

    fast = module._load_uncached(module.default_checklist_path(), "fast")
    monkeypatch.setattr(module, "_fast_validate", lambda text, model: None)
    precise = module._load_uncached(module.default_checklist_path(), "precise")
    assert fast.model_dump() == precise.model_dump()
    assert sum(control.detect is not None for control in fast.controls) == 36


def test_yaml_1_1_words_stay_text_for_the_fast_parser():
    import auditor.checklist as module

    assert module._fast_plain("a: [no, on, yes, off, 010, 1:30, 1.5, 3, true, ~, 2025-01-24]") == {
        "a": ["no", "on", "yes", "off", "010", "1:30", 1.5, 3, True, None, __import__("datetime").date(2025, 1, 24)]
    }
    assert module._fast_plain("a: 1\na: 2") is None  # duplicate keys go to the precise parser, which names them


def test_every_control_explains_its_statuses_in_english_too(packaged):
    missing = [control.id for control in packaged.controls if control.statuses_en is None]
    assert missing == []


def test_a_report_in_english_says_what_was_checked_in_english(packaged):
    from conftest import audited_sample

    report = audited_sample("en-managed-hosting.pdf", "en")
    for finding in report.findings:
        control = packaged.control(finding.control_id)
        assert finding.checked == (control.statuses_en.line(finding.status) or "")
    french = audited_sample("en-managed-hosting.pdf")
    assert [f.checked for f in french.findings] == [
        packaged.control(f.control_id).statuses.line(f.status) or "" for f in french.findings]
