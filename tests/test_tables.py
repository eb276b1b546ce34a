"""Tables: a pipe table in Markdown or text is read row by row, and each row is read with its columns' names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import audit_for

from auditor.nlp import analyse_sentences, table_bodies
from auditor.read.text import read_text

BACKUP_PLAN = """## Article 7 – Sauvegardes

7.1 Le Prestataire sauvegarde les données du Client selon le plan figurant en Annexe 2.

## Annexe 2 – Plan de sauvegarde

| Périmètre | Fréquence | Conservation | Perte de données maximale admissible (RPO) |
|---|:---:|---|---|
| Base de **production** | toutes les quatre heures | 30 jours | 4 heures |
| Fichiers bureautiques | quotidienne | 14 jours | 24 heures |
"""


def markdown(text: str):
    return replace(read_text(Path("contrat.md"), text.encode("utf-8"), markdown=True), path="contrat.md")


def test_a_pipe_table_is_one_block_per_row_without_its_rule_line():
    document = markdown(BACKUP_PLAN)
    rows = [document.text[b.start:b.end] for b in document.blocks if b.kind == "table_row"]
    assert rows == [
        "Périmètre | Fréquence | Conservation | Perte de données maximale admissible (RPO)",
        "Base de production | toutes les quatre heures | 30 jours | 4 heures",
        "Fichiers bureautiques | quotidienne | 14 jours | 24 heures",
    ]


def test_a_row_is_read_with_the_header_of_each_of_its_cells():
    document = markdown(BACKUP_PLAN)
    row = next(s for s in analyse_sentences(document, "fr") if document.text[s.start:s.end].startswith("Base"))
    words = [t.text for t in row.tokens]
    # each header cell's words come just before the cell they name
    assert words[words.index("Conservation") + 1:words.index("Conservation") + 3] == ["30", "jours"]
    assert words[words.index("RPO") + 2:words.index("RPO") + 4] == ["4", "heures"]
    # the row's own text is what a quote of it shows
    assert document.text[row.start:row.end] == "Base de production | toutes les quatre heures | 30 jours | 4 heures"


def test_two_tables_separated_by_a_blank_line_each_keep_their_header():
    text = ("| Prestation | Prix |\n|---|---|\n| Hébergement | 100 € |\n\n"
            "| Sous-traitant | Certificat HDS |\n|---|---|\n| Nuvia | n° 12 valable jusqu'au 3 mars 2027 |\n")
    document = markdown(text)
    assert [document.text[first.start:first.end] for first, _ in table_bodies(document)] == [
        "Prestation | Prix", "Sous-traitant | Certificat HDS"]
    row = next(s for s in analyse_sentences(document, "fr") if document.text[s.start:s.end].startswith("Nuvia"))
    words = [t.text for t in row.tokens]
    # the subcontractor's row is read under its own table's header, not the price table's
    assert "Certificat" in words and "Prix" not in words


def test_rows_spaced_out_by_blank_lines_stay_one_table():
    document = markdown("| Niveau | Délai |\n|---|---|\n\n| P1 | 4 h |\n\n| P2 | 8 h |\n")
    assert [(document.text[f.start:f.end], len(rows)) for f, rows in table_bodies(document)] == [("Niveau | Délai", 2)]


def test_a_first_row_with_figures_is_not_a_header():
    document = markdown("| Redevance mensuelle | 4 500 € HT |\n|---|---|\n| Mise en service | 1 200 € HT |\n")
    row = analyse_sentences(document, "fr")[1]
    assert [t.text for t in row.tokens][:2] == ["Mise", "en"]


def test_a_backup_plan_stated_only_in_a_table_is_read():
    finding = audit_for("BKP-01", BACKUP_PLAN, markdown=True).findings[0]
    assert finding.status == "pass", finding.reasons
    assert any(e.quote.startswith("Base de production |") for e in finding.evidence)


def plain_text(text: str):
    return replace(read_text(Path("contrat.txt"), text.encode("utf-8")), path="contrat.txt")


HOSTING_CHAIN = """Article 4 – Chaîne d'hébergement

Prestataire | Rôle | Activités R. 1111-9 exercées
------------+------+-----------------------------
Altivéa | hébergeur d'infrastructure | 1 à 4
Sauvarde | sauvegarde externalisée | 6

Le Client choisit librement | ou non | la formule de son choix.
"""


def test_a_table_typed_without_outer_pipes_is_read_row_by_row():
    document = plain_text(HOSTING_CHAIN)
    rows = [document.text[b.start:b.end] for b in document.blocks if b.kind == "table_row"]
    assert rows == ["Prestataire | Rôle | Activités R. 1111-9 exercées",
                    "Altivéa | hébergeur d'infrastructure | 1 à 4", "Sauvarde | sauvegarde externalisée | 6"]
    # a sentence that happens to hold a bar, alone, stays a sentence
    assert any(document.text[b.start:b.end].startswith("Le Client choisit") and b.kind == "line"
               for b in document.blocks)

