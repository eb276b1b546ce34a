"""Long French contracts for the benchmark, made by LibreOffice as PDF and DOCX, cached on disk.

Each contract is written as a flat ODT (numbered articles « Article 12 – … » with sub-clauses
« 12.1 … », a running header and a page-number footer) from the ``p:`` paragraphs of the
samples' French sources, grouped under the heading they belong to, shuffled per variant and
renumbered so that a contract reads as one long contract. LibreOffice headless converts it to
PDF and DOCX; the PDF's page count is checked with pypdfium2 and the text resized once when it
is far from the target.

Files are cached in ``benchmarks/.corpus/`` under a key that hashes everything the output
depends on (this file, the sample sources, the page target and the variant), so a change to
any of them makes new files and an unchanged generator never runs LibreOffice again.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = sorted((ROOT / "samples" / "src").glob("fr-*.txt"))
DEFAULT_CACHE = HERE / ".corpus"

# A first guess for 11 pt Liberation Serif on A4 with this layout; the page check corrects it.
CHARS_PER_PAGE = 3400
# Off by more than this share of the target: resize the text and rebuild, once.
PAGE_TOLERANCE = 0.05
SOFFICE_TIMEOUT = 900  # seconds; a 200-page conversion takes about a minute on a loaded machine


class CorpusError(Exception):
    """The contracts could not be generated (LibreOffice missing or failing)."""


@dataclass(frozen=True, order=True)
class Spec:
    """One generated contract: about ``pages`` pages; ``variant`` picks another order of articles."""

    pages: int
    variant: int = 0

    @property
    def stem(self) -> str:
        return f"fr-bench-{self.pages:03d}p-v{self.variant}"


@dataclass(frozen=True)
class Contract:
    spec: Spec
    pdf: Path
    docx: Path
    pages: int  # of the PDF; the DOCX has the same layout, as LibreOffice wrote both

    def path(self, file_format: str) -> Path:
        return self.pdf if file_format == "pdf" else self.docx


# ---------------------------------------------------------------------------------------------
# Text


INLINE = re.compile(r"\{\+(.+?)\+\}|\{-(.+?)-\}|\[\^(.+?)\]|\*\*(.+?)\*\*")
TYPED_ARTICLE = re.compile(r"^ARTICLE\s+\S+\s*[:–-]\s*", re.I)
# The SaaS terms speak to the reader (« nous », « vous »); mixed with the other samples' « le
# Prestataire » they would make the parties of one contract change from page to page.
SECOND_PERSON = re.compile(r"\b(nous|vous|votre|vos|notre|nos)\b", re.I)


# One provider throughout: the web agency's and the SaaS publisher's clauses speak of « l'Agence »
# and « l'Éditeur » where the others say « le Prestataire ».
PROVIDER_NAMES = [
    (re.compile(r"\bde l['’](Agence|Éditeur)\b"), "du Prestataire"),
    (re.compile(r"\bà l['’](Agence|Éditeur)\b"), "au Prestataire"),
    (re.compile(r"\bl['’](Agence|Éditeur)\b"), "le Prestataire"),
    (re.compile(r"\bL['’](Agence|Éditeur)\b"), "Le Prestataire"),
]


def one_provider(text: str) -> str:
    for pattern, name in PROVIDER_NAMES:
        text = pattern.sub(name, text)
    return text


def accepted(text: str) -> str:
    """The samples' inline markup resolved as the PDF shows it: insertions kept, deletions and notes dropped."""

    def keep(match: re.Match) -> str:
        inserted, _deleted, _note, bold = match.groups()
        return inserted or bold or ""

    return re.sub(r"\s{2,}", " ", INLINE.sub(keep, text)).strip()


def sections() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) for every heading of the French samples that has usable ``p:`` paragraphs."""
    found: list[tuple[str, list[str]]] = []
    title = None
    for source in SOURCES:
        title = None
        for line in source.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"^h[12]: (.+)$", line)
            if heading:
                text = TYPED_ARTICLE.sub("", accepted(heading.group(1)))
                # Section headings in capitals (« DISPOSITIONS GÉNÉRALES ») group articles; they
                # do not title one.
                if text != text.upper():
                    title = text
                    found.append((title, []))
            elif line.startswith("p: ") and title is not None:
                paragraph = one_provider(accepted(line[3:]))
                if paragraph and not SECOND_PERSON.search(paragraph):
                    found[-1][1].append(paragraph)
    return [(t, ps) for t, ps in found if ps]


def articles(spec: Spec, chars: int) -> list[tuple[str, list[str]]]:
    """Articles of about ``chars`` characters: the samples' sections shuffled, pass after pass.

    When the sections run out the contract goes on with another lot of the same services, so a
    repeated title reads « Réversibilité – lot 2 » rather than a copy.
    """
    pool = sections()
    rng = random.Random(f"{spec.pages}/{spec.variant}")
    out: list[tuple[str, list[str]]] = []
    total, lot = 0, 1
    while total < chars:
        order = pool[:]
        rng.shuffle(order)
        for title, paragraphs in order:
            if total >= chars:
                break
            out.append((title if lot == 1 else f"{title} – lot {lot}", paragraphs))
            total += len(title) + sum(len(p) for p in paragraphs)
        lot += 1
    return out


PARTIES = [
    "ENTRE LES SOUSSIGNÉS :",
    "La société Hébergement Fictif SAS, société par actions simplifiée au capital de 250 000 euros, "
    "immatriculée au registre du commerce et des sociétés sous le numéro 000 000 000, dont le siège "
    "social est situé 1 rue de l'Exemple, 75000 Paris, représentée par son président, ci-après « le "
    "Prestataire »,",
    "ET :",
    "La société Client Fictif SA, société anonyme au capital de 1 000 000 euros, immatriculée au "
    "registre du commerce et des sociétés sous le numéro 000 000 001, dont le siège social est situé "
    "2 avenue du Modèle, 69000 Lyon, représentée par son directeur général, ci-après « le Client »,",
    "ci-après ensemble « les Parties ».",
]


# ---------------------------------------------------------------------------------------------
# Flat ODT


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="fr" fo:country="FR"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
  style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.18cm" fo:text-align="justify"
   fo:orphans="2" fo:widows="2"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="1"
  style:class="text">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm"
   fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style>
   <style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/>
  </style:header-style>
  <style:footer-style>
   <style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/>
  </style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">Page <text:page-number
   text:select-page="current">1</text:page-number> sur <text:page-count>1</text:page-count></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"


def fodt(spec: Spec, chars: int) -> str:
    reference = f"BENCH-{spec.pages:03d}-{spec.variant}"
    title = "CONTRAT-CADRE DE SERVICES D'HÉBERGEMENT, DE MAINTENANCE ET D'INFOGÉRANCE"
    out = [FODT_HEAD.replace("{header}", escape(f"Contrat-cadre n° {reference} – Confidentiel"))]

    def paragraph(style: str, text: str, outline: int | None = None) -> None:
        if outline:
            out.append(f'<text:h text:style-name="{style}" text:outline-level="{outline}">{escape(text)}</text:h>\n')
        else:
            out.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>\n')

    paragraph("Title", title)
    paragraph("Text_20_body", f"Référence : {reference}")
    for line in PARTIES:
        paragraph("Text_20_body", line)
    paragraph("Heading_20_1", "Préambule", 1)
    paragraph("Text_20_body", "Le Client a souhaité confier au Prestataire l'hébergement, la maintenance et "
                              "l'infogérance de son système d'information, dans les conditions ci-après.")
    for number, (heading, paragraphs) in enumerate(articles(spec, chars), 1):
        paragraph("Heading_20_1", f"Article {number} – {heading}", 1)
        if len(paragraphs) == 1:
            paragraph("Text_20_body", paragraphs[0])
        else:
            for sub, text in enumerate(paragraphs, 1):
                paragraph("Text_20_body", f"{number}.{sub} {text}")
    paragraph("Text_20_body", "Fait à Paris, en deux exemplaires originaux.")
    out.append(FODT_TAIL)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# LibreOffice and the cache


def cache_key(spec: Spec) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for source in SOURCES:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(f"{spec.pages}/{spec.variant}".encode())
    return digest.hexdigest()[:12]


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


def convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """One LibreOffice run for all files: its start-up costs more than a short conversion."""
    export = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}[target]
    # A private profile: two LibreOffice processes sharing one would wait on each other's lock.
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", export, "--outdir", str(outdir), *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
    missing = [f.name for f in files if not (outdir / f"{f.stem}.{target}").is_file()]
    if result.returncode != 0 or missing:
        raise CorpusError(f"LibreOffice did not convert {', '.join(missing) or 'the contracts'} to {target} "
                          f"(exit {result.returncode}): {result.stderr.strip()[-500:]}")


def page_count(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def build(specs: list[Spec], cache: Path = DEFAULT_CACHE, log=print) -> dict[Spec, Contract]:
    """The contracts of ``specs``, from the cache or made now (all missing ones in one go)."""
    cache.mkdir(parents=True, exist_ok=True)
    ignore = cache / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n!.gitignore\n", encoding="utf-8")
    found: dict[Spec, Contract] = {}
    todo: list[Spec] = []
    for spec in dict.fromkeys(specs):
        contract = cached(spec, cache)
        if contract:
            found[spec] = contract
        else:
            todo.append(spec)
    if todo:
        if not soffice_available():
            raise CorpusError("LibreOffice (soffice) is needed to generate the contracts: "
                              "apt-get install libreoffice-writer-nogui")
        log(f"generating {len(todo)} contract(s) with LibreOffice in {display(cache)} (cached for next runs)…")
        remove_stale(cache)
        found.update(generate(todo, cache))
    return {spec: found[spec] for spec in specs}


def cached(spec: Spec, cache: Path) -> Contract | None:
    base = cache / f"{spec.stem}-{cache_key(spec)}"
    meta = base.with_suffix(".json")
    pdf, docx = base.with_suffix(".pdf"), base.with_suffix(".docx")
    # The metadata is written last, so its presence means the pair is complete.
    if meta.is_file() and pdf.is_file() and docx.is_file():
        return Contract(spec, pdf, docx, json.loads(meta.read_text(encoding="utf-8"))["pages"])
    return None


CACHED_NAME = re.compile(r"^fr-bench-(\d+)p-v(\d+)-([0-9a-f]+)\.(pdf|docx|json)$")


def remove_stale(cache: Path) -> None:
    """Drops the files an older version of the generator made: their key is no longer the current one."""
    for path in cache.iterdir():
        match = CACHED_NAME.match(path.name)
        if match and match.group(3) != cache_key(Spec(int(match.group(1)), int(match.group(2)))):
            path.unlink(missing_ok=True)


def generate(specs: list[Spec], cache: Path) -> dict[Spec, Contract]:
    work = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache))
    profile = Path(tempfile.mkdtemp(prefix="auditor-bench-lo-"))
    try:
        chars = {spec: spec.pages * CHARS_PER_PAGE for spec in specs}
        sources = {spec: work / f"{spec.stem}-{cache_key(spec)}.fodt" for spec in specs}
        for spec in specs:
            sources[spec].write_text(fodt(spec, chars[spec]), encoding="utf-8")
        convert(list(sources.values()), "pdf", work, profile)
        pages = {spec: page_count(sources[spec].with_suffix(".pdf")) for spec in specs}
        far = [s for s in specs if abs(pages[s] - s.pages) > PAGE_TOLERANCE * s.pages]
        for spec in far:
            chars[spec] = round(chars[spec] * spec.pages / max(1, pages[spec]))
            sources[spec].write_text(fodt(spec, chars[spec]), encoding="utf-8")
        if far:
            convert([sources[s] for s in far], "pdf", work, profile)
            pages.update({spec: page_count(sources[spec].with_suffix(".pdf")) for spec in far})
        convert(list(sources.values()), "docx", work, profile)
        out = {}
        for spec in specs:
            source = sources[spec]
            for suffix in (".pdf", ".docx"):
                os.replace(source.with_suffix(suffix), cache / (source.stem + suffix))
            meta = {"pages": pages[spec], "target_pages": spec.pages, "variant": spec.variant,
                    "characters": chars[spec]}
            (cache / f"{source.stem}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
            out[spec] = cached(spec, cache)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Generate (or find in the cache) benchmark contracts.")
    parser.add_argument("pages", type=int, nargs="+", help="page targets, e.g. 10 40 200")
    arguments = parser.parse_args()
    for contract in build([Spec(p) for p in arguments.pages]).values():
        print(f"{contract.pages:4d} pages  {display(contract.pdf)}  {display(contract.docx)}")
