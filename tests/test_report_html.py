"""The HTML memo: every control with its quotes, nothing fetched, nothing from the contract executed."""

from __future__ import annotations

import contextlib
import re
import shutil
import struct
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.audit import audit_document
from auditor.checklist import default_checklist_path, load_checklist
from auditor.models import AuditReport
from auditor.read import read_document
from auditor.report.html import WORDS, _Layout, overall_risk, render_html
from auditor.report.labels import STATUS_LABELS

from conftest import SAMPLES, audited_sample

SAMPLE_FILES = sorted([*SAMPLES.glob("*.pdf"), *SAMPLES.glob("*.docx")])
BLOCKS = {"p", "div", "dt", "dd", "li", "tr", "th", "td", "h1", "h2", "h3", "h4", "caption", "figcaption", "blockquote",
          "section", "article", "header", "footer", "label", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes through which a page can make the browser fetch or navigate somewhere.
URL_ATTRIBUTES = {"src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "data", "background",
                  "cite", "manifest", "ping"}

INJECTIONS = (
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">voir</a>',
    '{{ 7*7 }}',
    '</textarea>',
)

HOSTILE_CONTRACT = """\
CONTRAT D'INFOGÉRANCE <script>window.__pwned = 1</script> {{ 7*7 }}

Entre les soussignés :
La société Hébergeur <img src=x onerror="window.__pwned=2"> SAS, ci-après « le Prestataire »,
Et la société "><svg onload=alert(1)> Client SARL, ci-après « le Client ».

Article 1 – Objet <script>window.__pwned = 3</script>
Le Prestataire héberge et sauvegarde les données du Client. </textarea><a href="javascript:alert(1)">voir</a>

Article 2 – Résiliation "><svg onload=alert(1)> {{ 7*7 }}
2.1 Le Client peut résilier le Contrat moyennant un préavis de six (6) mois <script>window.__pwned = 1</script> \
notifié par lettre recommandée avec accusé de réception.
2.2 Le Prestataire <img src=x onerror="window.__pwned=2"> peut résilier le Contrat à tout moment par simple \
courriel, sans préavis </textarea><svg onload=alert(3)>.

Article 3 – Responsabilité {{ 7*7 }}
La responsabilité du Prestataire est limitée au montant d'un mois de redevances <b onmouseover=alert(4)>x</b>.
"""


def normal(text: str) -> str:
    return " ".join(text.split())


class Memo(HTMLParser):
    """The page as a reader gets it: the text of each control, its badges and marked words, the links."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, tuple[str, ...]]] = []  # (href, ids of the elements around the link)
        self.controls: dict[str, list[str]] = {}
        self.badges: dict[str, list[str]] = {}
        self.marks: dict[str, list[str]] = {}
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, str | None, str]] = []  # (tag, id, role in the memo)
        self._buffer: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._separate(tag)
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        element_id = attributes.get("id")
        if element_id:
            self.ids.add(element_id)
        if tag == "a" and attributes.get("href") is not None:
            self.links.append((attributes["href"], tuple(i for _, i, _ in self._stack if i)))
        if tag in VOID:
            return
        role = ""
        if tag == "article" and element_id and element_id.startswith("control-"):
            role = "control"
            self.controls[element_id.removeprefix("control-")] = []
        elif "badge" in (attributes.get("class") or "").split() or tag in ("mark", "style", "script"):
            role = tag if tag in ("mark", "style", "script") else "badge"
            self._buffer = []
        self._stack.append((tag, element_id, role))

    def handle_endtag(self, tag):
        self._separate(tag)
        while self._stack:
            open_tag, _, role = self._stack.pop()
            control = self._control()
            if role in ("badge", "mark") and control:
                (self.badges if role == "badge" else self.marks).setdefault(control, []).append(
                    normal("".join(self._buffer)))
            elif role in ("style", "script"):
                (self.styles if role == "style" else self.scripts).append("".join(self._buffer))
            if open_tag == tag:
                break

    def handle_data(self, data):
        self._buffer.append(data)
        if any(role in ("style", "script") for _, _, role in self._stack):
            return
        self.text.append(data)
        if control := self._control():
            self.controls[control].append(data)

    def _separate(self, tag: str) -> None:
        """Block elements read apart, as a browser lays them out."""
        if tag in BLOCKS:
            self.text.append(" ")
            if control := self._control():
                self.controls[control].append(" ")

    def _control(self) -> str | None:
        for _, element_id, role in reversed(self._stack):
            if role == "control":
                return element_id.removeprefix("control-")
        return None

    def control_text(self, control_id: str) -> str:
        return normal("".join(self.controls[control_id]))

    def page_text(self) -> str:
        return normal("".join(self.text))


def outside_references(memo: Memo) -> list[str]:
    """Everything in the page that would reach beyond the file itself."""
    found = []
    for tag, attributes in memo.tags:
        for name, value in attributes.items():
            if name in URL_ATTRIBUTES and not (value or "").startswith("#"):
                found.append(f"<{tag} {name}={value!r}>")
            elif value and re.search(r"https?:|//", value) and name not in ("content",):
                found.append(f"<{tag} {name}={value!r}>")
    for css in memo.styles:
        found += re.findall(r"@import[^;]*|url\([^)]*\)", css)
    for script in memo.scripts:
        found += re.findall(r"fetch\(|XMLHttpRequest|import\(|https?://", script)
    return found


@dataclass
class Rendered:
    report: AuditReport
    html: str
    memo: Memo
    path: Path


def rendered(report: AuditReport, language: str, folder: Path, name: str = "report.html") -> Rendered:
    page = render_html(report, language)
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return Rendered(report, page, Memo(page), path)


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(default_checklist_path())


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda path: path.name)
def sample(request, checklist, tmp_path_factory) -> Rendered:
    report = audited_sample(request.param.name)
    return rendered(report, "fr", tmp_path_factory.mktemp("memo"))


@pytest.fixture(scope="module")
def english(checklist, tmp_path_factory) -> Rendered:
    report = audited_sample("en-managed-hosting.pdf", "en")
    return rendered(report, "en", tmp_path_factory.mktemp("memo-en"))


@pytest.fixture(scope="module")
def hostile(checklist, tmp_path_factory) -> Rendered:
    folder = tmp_path_factory.mktemp("hostile")
    # The file name is shown in the memo too.
    path = folder / 'contrat "><img src=x onerror=alert(5)>.txt'
    path.write_text(HOSTILE_CONTRACT, encoding="utf-8")
    report = audit_document(read_document(str(path)), checklist)
    return rendered(report, "fr", folder)


# --- the memo's content -------------------------------------------------------------------------


def test_every_control_is_shown_with_its_status_quotes_and_decisive_words(sample):
    report, memo = sample.report, sample.memo
    assert sorted(memo.controls) == sorted(f.control_id for f in report.findings)
    assert len(memo.controls) == 36
    for finding in report.findings:
        text = memo.control_text(finding.control_id)
        assert finding.title in text
        assert memo.badges[finding.control_id][0] == STATUS_LABELS["fr"][finding.status], finding.control_id
        for evidence in finding.evidence:
            assert normal(evidence.quote) in text, (finding.control_id, evidence.quote)
            for start, end in evidence.marks:
                decisive = normal(report.document.text[start:end])
                assert any(decisive in mark for mark in memo.marks[finding.control_id]), (finding.control_id, decisive)


def test_the_memo_identifies_the_document_and_the_audit(sample):
    report, text = sample.report, sample.memo.page_text()
    document = report.document
    assert Path(document.path).name in text
    assert document.sha256 in text
    assert f"{report.checklist_id} {report.checklist_version}" in text
    assert "auditor 0.1.0" in text
    assert re.search(r"Pages \d+", text)
    assert re.search(r"Date de l'audit \d{1,2}(er)? \w+ 20\d\d, \d\d:\d\d UTC", text)
    if document.revisions.count:
        assert f"{document.revisions.insertions} insertions, {document.revisions.deletions} suppressions" in text
    for status, count in report.status_counts.items():
        assert f"{STATUS_LABELS['fr'][status]} {count}" in text


def test_the_memo_asks_for_missing_clauses_and_keeps_not_applicable_controls_short(sample):
    for finding in sample.report.findings:
        text = sample.memo.control_text(finding.control_id)
        if finding.status == "missing":
            assert "À demander" in text and normal(finding.recommendation) in text
            assert "Clause de repli proposée" in text and normal(finding.fallback) in text
        elif finding.status == "not_applicable":
            assert all(normal(reason) in text for reason in finding.reasons)
            assert "Fondement juridique" not in text and "Clause de repli" not in text
        else:
            assert all(normal(citation) in text for citation in finding.legal_basis)


def test_clause_references_lead_to_the_clause_map_and_back(sample):
    memo = sample.memo
    assert [href for href, _ in memo.links if href.startswith("#") and href[1:] not in memo.ids] == []
    for finding in sample.report.findings:
        to_map = {href[1:] for href, around in memo.links
                  if f"control-{finding.control_id}" in around and href.startswith("#clause-")}
        if any(e.clause for e in finding.evidence):
            assert to_map, finding.control_id
        for row in to_map:
            assert f"#control-{finding.control_id}" in {href for href, around in memo.links if row in around}


def test_headings_follow_the_memo_outline(sample):
    levels = [int(tag[1]) for tag, _ in sample.memo.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:]))
    areas = [attributes["id"] for tag, attributes in sample.memo.tags if tag == "section" and "area" in
             (attributes.get("class") or "").split()]
    assert areas == [f"area-{area}" for area in ("TERM", "REV", "HDS", "BKP", "LIAB")]


def test_the_memo_references_nothing_outside_itself(sample):
    assert outside_references(sample.memo) == []
    assert len(sample.memo.scripts) == 1


def test_english_memo(english):
    memo, report = english.memo, english.report
    assert '<html lang="en">' in english.html
    text = memo.page_text()
    assert "Overall risk:" in text and "Legal basis" in text and "Proposed fallback clause" in text
    assert "Niveau de risque" not in text and "Fondement juridique" not in text
    assert sorted(memo.controls) == sorted(f.control_id for f in report.findings)
    for finding in report.findings:
        assert memo.badges[finding.control_id][0] == STATUS_LABELS["en"][finding.status]
        for evidence in finding.evidence:
            assert normal(evidence.quote) in memo.control_text(finding.control_id)
    assert outside_references(memo) == []


def test_document_warnings_and_tracked_changes_are_shown(english):
    report = english.report
    document = replace(report.document, warnings=("Pages estimated from the page layout.",),
                       revisions=replace(report.document.revisions, insertions=3, deletions=2,
                                         authors=("Client's counsel",)))
    text = Memo(render_html(replace(report, document=document), "en")).page_text()
    assert "Warnings Pages estimated from the page layout." in text
    assert "Tracked changes 3 insertions, 2 deletions, analysed as accepted (authors: Client's counsel)" in text


def test_overall_risk_follows_the_worst_findings(english):
    report = english.report
    high = next(f.control_id for f in report.findings if f.severity == "high")
    medium = next(f.control_id for f in report.findings if f.severity == "medium")

    def with_statuses(statuses: dict[str, str]) -> AuditReport:
        return replace(report, findings=tuple(replace(f, status=statuses.get(f.control_id, "pass"))
                                              for f in report.findings))

    assert overall_risk(with_statuses({})) == "low"
    assert overall_risk(with_statuses({medium: "weak"})) == "low"
    assert overall_risk(with_statuses({high: "weak"})) == "medium"
    assert overall_risk(with_statuses({medium: "missing"})) == "medium"
    assert overall_risk(with_statuses({high: "fail"})) == "high"
    assert overall_risk(with_statuses({high: "missing", medium: "weak"})) == "high"
    assert "Overall risk: low" in Memo(render_html(with_statuses({}), "en")).page_text()
    assert "Niveau de risque global : élevé" in Memo(render_html(with_statuses({high: "fail"}))).page_text()


def test_a_long_clause_is_cut_around_its_quote(checklist, write_text):
    filler = " ".join(f"Les Parties tiennent la réunion de suivi numéro {n:03d} chaque trimestre."
                      for n in range(1, 41))
    path = write_text("CONTRAT D'INFOGÉRANCE\n\nArticle 1 – Résiliation\n"
                      f"{filler} Le Prestataire peut résilier le Contrat à tout moment par simple courriel, "
                      f"sans préavis. {filler}\n")
    report = audit_document(read_document(str(path)), checklist)
    text = Memo(render_html(report)).control_text("TERM-01")
    assert "Le Prestataire peut résilier le Contrat à tout moment" in text
    assert "numéro 040" in text  # the sentence just before the quote
    assert "numéro 001" not in text.split("Le Prestataire peut résilier")[0]
    assert "[…]" in text


def test_contract_text_is_escaped_never_interpreted(hostile):
    page, memo = hostile.html, hostile.memo
    quoted = [e.quote for f in hostile.report.findings if f.area == "TERM" for e in f.evidence]
    assert any("<script>window.__pwned = 1</script>" in quote for quote in quoted)  # a termination quote
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<script>window" not in page
    tags = [tag for tag, _ in memo.tags]
    assert tags.count("script") == 1 and tags.count("svg") == 1  # the page's own script and chart
    assert "img" not in tags and "textarea" not in tags and "b" not in tags
    assert [name for _, attributes in memo.tags for name in attributes if name.startswith("on")] == []
    text = memo.page_text()
    for injection in INJECTIONS:
        assert normal(injection) in text, injection
    assert outside_references(memo) == []


# --- in a browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Visit:
    page: object
    errors: list[str]
    requests: list[str]
    dialogs: list[str]


@contextlib.contextmanager
def visit(browser, path: Path, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    seen = Visit(page, [], [], [])
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(path.as_uri())
        yield seen
    finally:
        context.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_the_memo_opens_offline_and_prints(sample, browser, tmp_path):
    import pypdfium2

    ids = [f.control_id for f in sample.report.findings]
    with visit(browser, sample.path) as seen:
        page = seen.page
        for control_id in ids:
            assert page.locator(f"#control-{control_id}").is_visible(), control_id
        shot = page.screenshot(path=tmp_path / "memo.png", full_page=True)
        width, height = png_size(shot)
        assert width == 1280 and height > 5000 and len(shot) > 200_000
        pdf = pypdfium2.PdfDocument(page.pdf(format="A4"))
        try:
            assert len(pdf) > 10
            width, height = pdf[0].get_size()
            assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
            printed = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
        assert [control_id for control_id in ids if control_id not in printed] == []
        assert seen.errors == []
        assert seen.requests == [sample.path.as_uri()]


@pytest.mark.browser
def test_filters_narrow_the_controls_shown(english, browser):
    counts = english.report.status_counts
    with visit(browser, english.path) as seen:
        page = seen.page
        visible = page.locator("article.control:visible")
        assert page.locator("#filters").is_visible()
        for box in page.locator("input[name=status]").all():
            if box.get_attribute("value") != "fail":
                box.uncheck()
        assert visible.count() == counts["fail"]
        assert page.locator(".filter-status").inner_text() == f"Controls shown: {counts['fail']} of 36"
        page.get_by_role("button", name="Show all").click()
        page.select_option("select[name=area]", "BKP")
        shown = [control.get_attribute("id") for control in visible.all()]
        assert shown and all(control_id.startswith("control-BKP-") for control_id in shown)
        assert not page.locator("#area-TERM").is_visible()
        page.get_by_role("button", name="Show all").click()
        assert visible.count() == 36
        page.emulate_media(media="print")
        assert not page.locator("#filters").is_visible()
        assert visible.count() == 36
        assert seen.errors == []


@pytest.mark.browser
def test_without_javascript_everything_is_shown(english, browser):
    with visit(browser, english.path, java_script_enabled=False) as seen:
        page = seen.page
        assert page.locator("article.control:visible").count() == 36
        assert not page.locator("#filters").is_visible()
        assert page.get_by_role("heading", level=1).count() == 1
        assert page.get_by_role("heading", level=2).filter(has_text="Termination").count() == 1


@pytest.mark.browser
def test_hostile_contract_text_stays_text_in_the_browser(hostile, browser):
    with visit(browser, hostile.path) as seen:
        page = seen.page
        page.mouse.move(400, 400)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert seen.dialogs == []
        for injection in ("<script>window.__pwned = 1</script>", '"><svg onload=alert(1)>', "{{ 7*7 }}",
                          '<img src=x onerror="window.__pwned=2">'):
            assert page.get_by_text(injection).first.is_visible(), injection
        assert seen.errors == []
        assert seen.requests == [hostile.path.as_uri()]


def test_quotes_from_pages_read_by_ocr_say_so():
    from dataclasses import replace

    from auditor.report.html import render_html

    report = audited_sample("fr-maintenance-pme.pdf")
    page = next(e.page for f in report.findings for e in f.evidence if e.page)
    scanned = replace(report, document=replace(report.document, ocr_pages=(page,)))
    assert "texte lu par OCR" not in render_html(report)
    assert f"p. {page} (texte lu par OCR : à vérifier sur l&#39;original)" in render_html(scanned)


def test_the_signature_lines_are_named_as_such_not_as_a_clause(checklist, write_text):
    path = write_text("CONTRAT D'HÉBERGEMENT\n\nArticle 1 – Résiliation\nLe Prestataire peut résilier le Contrat à "
                      "tout moment par simple courriel.\n\nFait à Lyon, le 2 mars 2026, en deux exemplaires.\n"
                      "Pour le Prestataire\nPour le Client\n")
    report = audit_document(read_document(str(path)), checklist)
    assert "signatures" in [clause.ref for clause in report.clauses]
    layout = _Layout(report, WORDS["fr"])
    assert layout.clause_label("signatures") == "Signatures"
    assert layout.clause_label("1") == "Clause 1"
