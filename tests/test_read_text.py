"""Text and Markdown reading: encodings a French office produces, Markdown headings, bad input."""

from __future__ import annotations

import hashlib

import pytest

from auditor.errors import InputError
from auditor.read import read_document

CONTRACT = "Article 1 – Objet\nLe Prestataire s'engage à héberger les données « sensibles » du Client.\n"


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b""), ("utf-16", b"")],
)
def test_common_encodings_read_to_the_same_text(tmp_path, encoding, prefix):
    text = CONTRACT if encoding != "latin-1" else CONTRACT.replace("–", "-")
    path = tmp_path / "contrat.txt"
    path.write_bytes(prefix + text.encode(encoding))
    document = read_document(path)
    assert document.text == text.strip()
    assert document.format == "text"


def test_cp1252_typographic_characters_survive(tmp_path):
    path = tmp_path / "contrat.txt"
    path.write_bytes("Le montant est de 100 € – l’offre « ferme ».".encode("cp1252"))
    assert read_document(path).text == "Le montant est de 100 € – l’offre « ferme »."


def test_markdown_headings_become_heading_blocks(tmp_path):
    path = tmp_path / "cgv.md"
    path.write_text("# Conditions générales\n\n## Article 1 – **Objet**\n\nLe **service** est fourni.\n", encoding="utf-8")
    document = read_document(path)
    assert document.format == "markdown"
    assert document.text == "Conditions générales\nArticle 1 – Objet\nLe service est fourni."
    assert [b.heading_level for b in document.blocks] == [1, 2, None]


def test_lines_after_a_blank_line_start_paragraphs(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("Titre\n\nPremière ligne\nsuite de la ligne\n\nAutre paragraphe\n", encoding="utf-8")
    document = read_document(path)
    assert [b.starts_paragraph for b in document.blocks] == [True, True, False, True]
    assert all(document.text[b.start:b.end].strip() for b in document.blocks)


def test_binary_garbage_named_txt_is_refused(tmp_path):
    path = tmp_path / "contrat.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary data"):
        read_document(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n  \t"])
def test_empty_files_are_refused(tmp_path, content):
    path = tmp_path / "vide.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_document(path)


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.pdf")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_legacy_word_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "ancien.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="save it as"):
        read_document(path)


def test_sha256_and_path_are_recorded(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"Article 1 - Objet\n")
    document = read_document(path)
    assert document.path == str(path)
    assert document.sha256 == hashlib.sha256(b"Article 1 - Objet\n").hexdigest()
