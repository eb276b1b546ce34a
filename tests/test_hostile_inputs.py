"""Broken and hostile files: each gets a one-line answer that says what is wrong and what to do,
with its documented exit code, and never a crash, a hang, a fetch, a leak or half a report.

The office files are made at test time by LibreOffice from one short contract, then damaged or
weaponised in tmp_path: nothing hostile is committed to the repository.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tracemalloc
import zipfile
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from auditor.errors import EXIT_LIMIT, EXIT_UNREADABLE, InputError, LimitError
from auditor.limits import Limits
from auditor.read import ocr, read_document
from auditor.report.clause_map import document_record

CONTRACT = """CONTRAT DE PRESTATIONS DE MAINTENANCE

Article 1 – Objet
Le Prestataire assure la maintenance du parc informatique du Client.

Article 2 – Durée
Le contrat est conclu pour une durée de douze (12) mois à compter de sa signature.

Article 3 – Résiliation
Chaque partie peut résilier le contrat moyennant un préavis de trois (3) mois, notifié par lettre
recommandée avec avis de réception.
"""
PASSWORD = "s3cret-Contrat"
HOSTILE_XML = "declares XML entities or a document type (DOCTYPE)"
OCR_MISSING = ocr.unavailable_reason() if shutil.which("ocrmypdf") else "ocrmypdf is not installed"


def soffice(source: Path, target: str, out_dir: Path) -> Path:
    """Converts with LibreOffice headless, with a private profile (other runs may hold the default one)."""
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{out_dir}/profile",
                    "--convert-to", target, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=240)
    return out_dir / f"{source.stem}.{target.split(':')[0]}"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The contract as LibreOffice writes it: DOCX, ODT, PDF (two pages), encrypted PDF, and a
    scan of the PDF's first page (rendered to a 200 dpi greyscale image, wrapped in a PDF)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("made")
    files: dict[str, Path] = {}
    source = work / "contrat.txt"
    source.write_text(CONTRACT, encoding="utf-8")
    for kind in ("docx", "odt", "pdf", "doc"):
        files[kind] = soffice(source, kind, work)
    two_pages = work / "deux-pages.txt"
    two_pages.write_text(CONTRACT + "\f" + CONTRACT.replace("Article ", "Annexe "), encoding="utf-8")
    files["two_pages"] = soffice(two_pages, "pdf", work)
    protected = work / "protege.txt"
    protected.write_text(CONTRACT, encoding="utf-8")
    encryption = ('{"EncryptFile":{"type":"boolean","value":"true"},'
                  f'"DocumentOpenPassword":{{"type":"string","value":"{PASSWORD}"}}}}')
    files["encrypted"] = soffice(protected, f"pdf:writer_pdf_Export:{encryption}", work)
    files["scan"] = work / "scan.pdf"
    files["scan"].write_bytes(scanned_pdf(files["pdf"], dpi=200))
    return files


def scanned_pdf(text_pdf: Path, dpi: int) -> bytes:
    """The first page as a scanner would give it: an image, no text layer."""
    document = pdfium.PdfDocument(str(text_pdf))
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    output = io.BytesIO()
    image.save(output, format="PDF", resolution=float(dpi))
    return output.getvalue()


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, timeout=600,
                          env=env)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *phrases: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("auditor: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def rewritten_docx(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The package with some parts replaced or added, every other part copied as it was."""
    replace, add = replace or {}, add or {}
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return output.getvalue()


def with_doctype(document_xml: bytes, declarations: str, text: str) -> bytes:
    """word/document.xml with a DOCTYPE before its root and ``text`` as the first paragraph."""
    xml = document_xml.decode("utf-8")
    root = xml.index("<w:document")
    body = xml.index("<w:body>") + len("<w:body>")
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return (xml[:root] + f"<!DOCTYPE w:document [{declarations}]>" + xml[root:body] + paragraph
            + xml[body:]).encode("utf-8")


# --- empty, missing, random ------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n "], ids=["zero bytes", "whitespace"])
@pytest.mark.parametrize("name", ["contrat.pdf", "contrat.docx", "contrat.txt"])
def test_empty_file_is_refused(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match="the file is empty"):
        read_document(path)


def test_missing_file_through_the_cli(tmp_path):
    assert_one_line_error(run("parse", str(tmp_path / "absent.pdf")), EXIT_UNREADABLE, "no such file")


@pytest.mark.parametrize("name, phrase", [
    ("contrat.pdf", "is named .pdf but is not a PDF file"),
    ("contrat.docx", "is named .docx but is not a DOCX file"),
    ("contrat.txt", "binary data"),
])
def test_random_bytes_are_refused_whatever_their_name(tmp_path, name, phrase):
    path = tmp_path / name
    path.write_bytes(random.Random(name).randbytes(8192))
    assert_one_line_error(run("parse", str(path)), EXIT_UNREADABLE, phrase)


@pytest.mark.parametrize("magic", [b"%PDF-1.7\n", b"PK\x03\x04"], ids=["pdf", "zip"])
def test_random_bytes_behind_a_magic_number_are_refused(tmp_path, magic):
    path = tmp_path / "contrat.bin"
    path.write_bytes(magic + random.Random(7).randbytes(8192))
    with pytest.raises(InputError, match="not a readable PDF|not a valid DOCX"):
        read_document(path)


def test_devices_and_pipes_are_refused_without_reading_them(tmp_path):
    # Reading would never end: /dev/zero has no end, a pipe without a writer blocks.
    pipe = tmp_path / "contrat.pdf"
    os.mkfifo(pipe)
    for path in (pipe, Path("/dev/zero")):
        if path.exists():
            with pytest.raises(InputError, match="is not a regular file"):
                read_document(path)


# --- formats recognised by content, not by name ----------------------------------------------


def test_docx_renamed_pdf_is_read_as_docx(made, tmp_path):
    renamed = tmp_path / "contrat.pdf"
    shutil.copy(made["docx"], renamed)
    result = run("parse", str(renamed), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["document"]["format"] == "docx"
    assert [clause["ref"] for clause in payload["clauses"]][-3:] == ["1", "2", "3"]


def test_pdf_renamed_docx_and_text_renamed_pdf_are_read_for_what_they_are(made, tmp_path):
    pdf_as_docx = tmp_path / "contrat.docx"
    shutil.copy(made["pdf"], pdf_as_docx)
    assert read_document(pdf_as_docx).format == "pdf"
    text_as_pdf = tmp_path / "contrat-texte.pdf"
    text_as_pdf.write_text(CONTRACT, encoding="utf-8")
    document = read_document(text_as_pdf)
    assert document.format == "text" and "préavis de trois (3) mois" in document.text


def test_odt_is_refused_with_what_to_do(made):
    result = run("parse", str(made["odt"]))
    assert_one_line_error(result, EXIT_UNREADABLE, "OpenDocument text", "save it as DOCX or PDF")


def test_legacy_word_file_is_refused_with_what_to_do(made):
    with pytest.raises(InputError, match=r"legacy Word \.doc file .*save it as DOCX or PDF"):
        read_document(made["doc"])


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    path = tmp_path / "contrat.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("contrat.txt", CONTRACT)
    assert_one_line_error(run("parse", str(path)), EXIT_UNREADABLE, "is not a valid DOCX file")


def test_rtf_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "contrat.doc"
    path.write_bytes(rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Article 1 \endash  Objet\par }")
    with pytest.raises(InputError, match="RTF document.*save it as DOCX or PDF"):
        read_document(path)


# --- text encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding, prefix", [
    ("cp1252", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""), ("utf-16", b""), ("latin-1", b""),
])
def test_text_in_the_encodings_of_french_offices(tmp_path, encoding, prefix):
    text = CONTRACT if encoding != "latin-1" else CONTRACT.replace("–", "-")
    path = tmp_path / "contrat.txt"
    path.write_bytes(prefix + text.encode(encoding))
    document = read_document(path)
    assert "Article 3 – Résiliation" in document.text or "Article 3 - Résiliation" in document.text
    assert "préavis de trois (3) mois" in document.text


def test_binary_data_named_txt_through_the_cli(tmp_path):
    path = tmp_path / "contrat.txt"
    path.write_bytes(bytes(range(256)) * 64)
    assert_one_line_error(run("parse", str(path)), EXIT_UNREADABLE, "binary data")


# --- damaged and encrypted PDFs --------------------------------------------------------------


def test_truncated_pdf_through_the_cli(made, tmp_path):
    data = made["pdf"].read_bytes()
    path = tmp_path / "tronque.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert_one_line_error(run("parse", str(path)), EXIT_UNREADABLE, "not a readable PDF (corrupt or truncated)")


def test_damaged_pdf_that_still_reads_prints_nothing_on_stderr(tmp_path):
    """A damaged file that still reads (fonts without bounding boxes) prints nothing on stderr
    around the command's own output, its tables included."""
    table_pdf = (Path(__file__).parent / "fixtures" / "pdf" / "contrat.pdf").read_bytes()
    # The fonts' bounding boxes blanked out, at the same length so that the offsets stay valid.
    damaged = re.sub(rb"/FontBBox\s*\[[^\]]*\]", lambda box: b"/FontBBox null".ljust(len(box.group())), table_pdf)
    path = tmp_path / "abime.pdf"
    path.write_bytes(damaged)
    text = read_document(path).text
    assert "Article 3" in text and " | " in text
    result = run("parse", str(path))
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_encrypted_pdf_without_password_says_to_pass_it(made):
    result = run("parse", str(made["encrypted"]))
    assert_one_line_error(result, EXIT_UNREADABLE, "password-protected", "--password")


def test_encrypted_pdf_with_a_wrong_password(made):
    result = run("parse", str(made["encrypted"]), "--password", "faux")
    assert_one_line_error(result, EXIT_UNREADABLE, "the password given is wrong")


def test_encrypted_pdf_reads_with_its_password(made):
    result = run("parse", str(made["encrypted"]), "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert any(line.startswith("3 ") and "Résiliation" in line for line in result.stdout.splitlines())
    # The variable keeps the password out of the process list.
    environment = dict(os.environ, AUDITOR_PDF_PASSWORD=PASSWORD)
    assert run("parse", str(made["encrypted"]), env=environment).returncode == 0


# --- scanned PDFs: OCR -----------------------------------------------------------------------


@pytest.mark.skipif(OCR_MISSING is not None, reason=f"OCR unavailable: {OCR_MISSING}")
def test_scanned_pdf_is_read_by_ocr_and_says_so(made, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    document = read_document(made["scan"])
    text = " ".join(document.text.split())
    assert "Résiliation" in text and "préavis de trois (3) mois" in text
    assert document.ocr_pages == (1,)
    assert "text of page 1 obtained by OCR: check quotes against the original" in document.warnings
    record = document_record(document)
    assert record["ocr_pages"] == [1] and record["format"] == "pdf"
    assert list(scratch.iterdir()) == []  # OCR's files went with it


def test_scanned_pdf_with_ocr_off_is_refused(made):
    with pytest.raises(InputError, match=r"no text layer \(scanned image\) and OCR is off \(--no-ocr\)"):
        read_document(made["scan"], ocr=False)


def test_scanned_pdf_without_ocr_installed_says_what_to_install(made, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run("parse", str(made["scan"]), env=dict(os.environ, PATH=str(empty)))
    assert_one_line_error(result, EXIT_UNREADABLE, "page 1 is a scanned image",
                          "ocrmypdf and tesseract are not installed",
                          "apt-get install ocrmypdf tesseract-ocr tesseract-ocr-fra")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_pdf_without_french_ocr_data_says_what_to_install(made, tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # where tesseract looks for its languages
    with pytest.raises(InputError, match="tesseract has no French language data.*tesseract-ocr-fra"):
        read_document(made["scan"])


def test_scan_too_coarse_for_ocr_is_refused_before_ocr(made, tmp_path, monkeypatch):
    """At 45 dpi tesseract reads noise; the audit must not run on it."""
    path = tmp_path / "fax.pdf"
    path.write_bytes(scanned_pdf(made["pdf"], dpi=45))

    def ocr_pdf(*args):
        raise AssertionError("OCR ran")

    monkeypatch.setattr(ocr, "ocr_pdf", ocr_pdf)
    with pytest.raises(InputError, match=r"too coarsely for OCR \(45 dpi; 70 dpi at least\): rescan at 300 dpi"):
        read_document(path)


def processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in command:
            found.append(command)
    return found


@pytest.mark.skipif(OCR_MISSING is not None, reason=f"OCR unavailable: {OCR_MISSING}")
def test_ocr_out_of_time_stops_and_leaves_nothing(made, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = run("parse", str(made["scan"]), "--ocr-timeout", "0.5", env=dict(os.environ, TMPDIR=str(scratch)))
    assert_one_line_error(result, EXIT_LIMIT, "did not finish within 0.5 s", "--ocr-timeout")
    assert list(scratch.iterdir()) == []
    assert processes_mentioning(str(scratch)) == []  # no ocrmypdf or tesseract left running


# --- DOCX bombs and XML attacks --------------------------------------------------------------


def test_docx_zip_bomb_is_refused_before_inflating(made, tmp_path, monkeypatch):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with zipfile.ZipFile(made["docx"]) as source:
            for entry in source.infolist():
                archive.writestr(entry.filename, source.read(entry.filename))
        with archive.open("word/media/image1.png", "w") as stream:
            chunk = bytes(1 << 20)
            for _ in range(256):
                stream.write(chunk)
    path = tmp_path / "bombe.docx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 2_000_000

    result = run("parse", str(path))
    assert_one_line_error(result, EXIT_LIMIT, "unpacks to 268.4 MB, over the 200 MB limit", "--max-unpacked-size")

    def inflate(*args, **kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", inflate)
    with pytest.raises(LimitError):
        read_document(path)


def test_highly_compressed_part_is_refused_as_a_zip_bomb(made, tmp_path):
    data = rewritten_docx(made["docx"].read_bytes(), add={"customXml/item1.xml": b" " * 8_000_000})
    path = tmp_path / "bombe.docx"
    path.write_bytes(data)
    with pytest.raises(LimitError, match=r"its part customXml/item1.xml inflates \d+ times .* zip bomb"):
        read_document(path)


@pytest.mark.parametrize("checksum", ["of the whole part", "of the declared bytes"])
def test_part_lying_about_its_size_is_not_inflated_beyond_it(made, tmp_path, checksum):
    """A zip's directory may declare a small size for a huge part. The part is inflated only up
    to the declared size: with the checksum of the whole part the file is damaged; with one
    forged for the declared bytes, those are all that is read."""
    with zipfile.ZipFile(made["docx"]) as source:
        document_xml = source.read("word/document.xml")
    padding = 200 * (1 << 20)
    honest = rewritten_docx(made["docx"].read_bytes(), replace={"word/document.xml": document_xml + b" " * padding})
    data = bytearray(honest)
    true_size = (len(document_xml) + padding).to_bytes(4, "little")
    crc = zlib.crc32(document_xml).to_bytes(4, "little")
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = data.find(signature)
        while position >= 0:
            if data[position + size_at:position + size_at + 4] == true_size:
                data[position + size_at:position + size_at + 4] = len(document_xml).to_bytes(4, "little")
                if checksum == "of the declared bytes":
                    crc_at = size_at - 8
                    data[position + crc_at:position + crc_at + 4] = crc
            position = data.find(signature, position + 4)
    path = tmp_path / "menteur.docx"
    path.write_bytes(bytes(data))

    tracemalloc.start()
    try:
        if checksum == "of the whole part":
            with pytest.raises(InputError, match="not a valid DOCX"):
                read_document(path)
        else:
            assert "préavis de trois (3) mois" in read_document(path).text
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000


def test_billion_laughs_docx_is_refused(made, tmp_path):
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{level} "{("&lol%s;" % (level - 1 or "")) * 10}">' for level in range(1, 10))
    original = made["docx"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        document_xml = source.read("word/document.xml")
    path = tmp_path / "rires.docx"
    path.write_bytes(rewritten_docx(original, replace={
        "word/document.xml": with_doctype(document_xml, laughs, "Début &lol9; fin")}))
    assert_one_line_error(run("parse", str(path)), EXIT_UNREADABLE, HOSTILE_XML, "re-save it")


class Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leak 'FETCHED-FROM-THE-NETWORK'>")

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_xxe_docx_fetches_nothing_and_is_refused(made, tmp_path, web_server, part):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-THE-DISK", encoding="utf-8")
    declarations = (f'<!ENTITY disk SYSTEM "file://{secret}">'
                    f'<!ENTITY web SYSTEM "{web_server}/entity">'
                    f'<!ENTITY % remote SYSTEM "{web_server}/parameter"> %remote;')
    original = made["docx"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        xml = source.read(part)
    if part == "word/document.xml":
        hostile = with_doctype(xml, declarations, "A &disk; B &web; C")
    else:
        text = xml.decode("utf-8")
        root = text.index("<", text.index("?>"))
        hostile = (text[:root] + f"<!DOCTYPE x SYSTEM \"{web_server}/dtd\" [{declarations}]>" + text[root:]).encode()
    path = tmp_path / "xxe.docx"
    path.write_bytes(rewritten_docx(original, replace={part: hostile}))

    result = run("parse", str(path), "--format", "json")
    assert Recorder.requests == []
    assert "SECRET-FROM-THE-DISK" not in result.stdout + result.stderr
    if result.returncode == 0:  # a part read without its entities, as if they were empty
        assert "FETCHED" not in result.stdout
    else:
        assert_one_line_error(result, EXIT_UNREADABLE)


# --- page and size limits, checked before the work they protect ------------------------------


def test_too_many_pdf_pages_is_refused_before_reading_a_page(made, monkeypatch):
    result = run("parse", str(made["two_pages"]), "--max-pages", "1")
    assert_one_line_error(result, EXIT_LIMIT, "has 2 pages, over the limit of 1", "--max-pages")

    def read_page(*args):
        raise AssertionError("a page was read")

    monkeypatch.setattr("auditor.read.pdf._read_page", read_page)
    with pytest.raises(LimitError):
        read_document(made["two_pages"], limits=Limits(max_pages=1))


def test_docx_page_count_saved_by_word_is_checked_before_parsing(made, tmp_path, monkeypatch):
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.'
           'openxmlformats.org/officeDocument/2006/extended-properties"><Pages>900</Pages></Properties>')
    path = tmp_path / "long.docx"
    path.write_bytes(rewritten_docx(made["docx"].read_bytes(), replace={"docProps/app.xml": app.encode()}))

    def parse(*args, **kwargs):
        raise AssertionError("the package was parsed")

    monkeypatch.setattr("docx.package.Package.open", parse)
    with pytest.raises(LimitError, match="has 900 pages .* over the limit of 500"):
        read_document(path)


def test_file_over_the_size_limit_is_refused_before_reading_it(made, monkeypatch):
    result = run("parse", str(made["pdf"]), "--max-file-size", "1KB")
    assert_one_line_error(result, EXIT_LIMIT, "over the 1 KB limit", "--max-file-size")

    def read(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "open", read)
    with pytest.raises(LimitError):
        read_document(made["pdf"], limits=Limits(max_file_size=1000))


def test_limits_can_be_raised_or_turned_off(made):
    assert read_document(made["two_pages"], limits=Limits(max_pages=0)).page_count == 2
    result = run("parse", str(made["pdf"]), "--max-file-size", "0", "--max-pages", "2")
    assert result.returncode == 0, result.stderr


def test_bad_limit_value_is_a_usage_error(made):
    result = run("parse", str(made["pdf"]), "--max-file-size", "fifty")
    assert result.returncode == 2 and "is not a size" in result.stderr


# --- reports are never half written ----------------------------------------------------------


@pytest.mark.parametrize("content, code", [(b"%PDF-1.7\ncut here", EXIT_UNREADABLE), (b"x" * 5000, EXIT_LIMIT)],
                         ids=["unreadable", "over a limit"])
def test_existing_report_is_untouched_when_the_input_is_bad(tmp_path, content, code):
    bad = tmp_path / "contrat.pdf"
    bad.write_bytes(content)
    reports = tmp_path / "reports"
    reports.mkdir()
    report = reports / "rapport.json"
    report.write_text('{"previous": "report"}', encoding="utf-8")
    result = run("audit", str(bad), "--format", "json", "-o", str(report), "--max-file-size", "4KB")
    assert_one_line_error(result, code)
    assert report.read_text(encoding="utf-8") == '{"previous": "report"}'
    assert [path.name for path in reports.iterdir()] == ["rapport.json"]


def test_no_report_file_is_created_when_the_input_is_bad(tmp_path):
    report = tmp_path / "rapport.json"
    result = run("audit", str(tmp_path / "absent.docx"), "--format", "json", "-o", str(report))
    assert_one_line_error(result, EXIT_UNREADABLE, "no such file")
    assert not report.exists() and list(tmp_path.iterdir()) == []


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "contrat.pdf"
    bad.write_bytes(b"%PDF-1.7\ncut here")
    result = run("parse", str(bad), "--debug")
    assert result.returncode == EXIT_UNREADABLE and "Traceback" in result.stderr
