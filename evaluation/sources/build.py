#!/usr/bin/env python3
"""Build the office files of the evaluation set from their sources.

Two kinds of source live in this folder:

* ``*.src``: a small line format turned into a Flat ODT (``.fodt``) whose article and clause
  numbers come from a real ODF list style (Word's automatic numbering once converted):

  ``^ text``      centred title line (before the numbered body)
  ``# title``     article heading, list level 1 (numbered by the list style)
  ``## text``     numbered clause, list level 2
  ``- text``      numbered item, list level 3
  ``!title``      annex heading (outside the list); what follows is outside the list
  ``| a | b``     table row (first row of a block is the header)
  plain line      body paragraph (inside the current list item when inside an article)

  The first line may be ``%style NAME`` to choose the numbering (see STYLES).

* ``*.txt``: typed numbering (the numbers are part of the text), turned into a simple HTML file
  (headings in bold) and converted to PDF.

Then LibreOffice converts: ``.fodt`` → ``.docx`` (or ``.pdf``), ``.html`` → ``.pdf``.
Usage: python3 build.py  (from any directory); outputs go to ../contracts/.
"""
import html
import re
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "contracts"

# (level-1 prefix, level-1 suffix, level-2 suffix, level-3 format, level-3 suffix)
STYLES = {
    "article-dash": ("Article ", " –", "", "a", ")"),
    "article-upper-colon": ("ARTICLE ", " :", ".", "a", ")"),
    "decimal": ("", ".", "", "a", ")"),
}

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"'
)


def list_style(name, style):
    p1, s1, s2, f3, s3 = STYLES[style]
    levels = [
        (1, "1", p1, s1, 1, "0cm", "0cm", "ArticleNum"),
        (2, "1", "", s2, 2, "1.2cm", "0cm", None),
        (3, "a", "", s3, 1, "1.9cm", "1.2cm", None),
    ]
    out = [f'<text:list-style style:name="{name}">']
    for lvl, fmt, pre, suf, disp, indent, start, _ in levels:
        fmt = f3 if lvl == 3 else fmt
        out.append(
            f'<text:list-level-style-number text:level="{lvl}" '
            + (f'style:num-prefix="{html.escape(pre)}" ' if pre else "")
            + (f'style:num-suffix="{html.escape(suf)}" ' if suf else "")
            + f'style:num-format="{fmt}" text:display-levels="{disp}">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="space" '
            f'fo:text-indent="-{indent if indent != "0cm" else "0cm"}" fo:margin-left="{indent}"/>'
            "</style:list-level-properties></text:list-level-style-number>"
        )
    out.append("</text:list-style>")
    return "".join(out)


STYLES_XML = """
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="{lang}" fo:country="{country}"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="ArticleHeading" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always" fo:text-align="start"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="12pt"/>
 </style:style>
 <style:style style:name="AnnexHeading" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.6cm" fo:break-before="page" fo:keep-with-next="always" fo:text-align="start"/>
  <style:text-properties fo:font-weight="bold" fo:font-size="12pt"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 {lists}
</office:styles>
<office:automatic-styles>
 <style:style style:name="TCell" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
"""


def p(style, text):
    return f'<text:p text:style-name="{style}">{html.escape(text, quote=False)}</text:p>'


def table(rows, tid):
    ncol = max(len(r) for r in rows)
    out = [f'<table:table table:name="Tableau{tid}">',
           f'<table:table-column table:number-columns-repeated="{ncol}"/>']
    for r in rows:
        out.append("<table:table-row>")
        for i in range(ncol):
            cell = r[i] if i < len(r) else ""
            out.append(f'<table:table-cell table:style-name="TCell" office:value-type="string">{p("Cell", cell)}</table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def build_fodt(src: pathlib.Path, lang="fr", country="FR"):
    lines = src.read_text(encoding="utf-8").splitlines()
    style = "article-dash"
    if lines and lines[0].startswith("%style "):
        style = lines.pop(0).split()[1]
    if lines and lines[0].startswith("%lang "):
        lang, country = lines.pop(0).split()[1:3]
    body = []
    state = {"in_list": False, "l2": False, "l3": False, "article_open": False}
    tid = [0]
    rows = []

    def close_l3():
        if state["l3"]:
            body.append("</text:list-item></text:list>")
            state["l3"] = False

    def close_l2():
        close_l3()
        if state["l2"]:
            # an unnumbered holder (items straight under an article) closes as the header it opened
            body.append("</text:list-header></text:list>" if state["l2"] == "header" else "</text:list-item></text:list>")
            state["l2"] = False

    def close_article():
        close_l2()
        if state["article_open"]:
            body.append("</text:list-item>")
            state["article_open"] = False

    def close_list():
        close_article()
        if state["in_list"]:
            body.append("</text:list>")
            state["in_list"] = False

    def flush_table():
        if rows:
            tid[0] += 1
            body.append(table(rows, tid[0]))
            rows.clear()

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("| "):
            rows.append([c.strip() for c in line[2:].split("|")])
            continue
        flush_table()
        if not line.strip():
            continue
        if line.startswith("^ "):
            body.append(p("Title", line[2:]))
        elif line.startswith("# "):
            close_article()
            if not state["in_list"]:
                body.append('<text:list xml:id="articles" text:style-name="LArt">')
                state["in_list"] = True
            body.append("<text:list-item>" + p("ArticleHeading", line[2:]))
            state["article_open"] = True
        elif line.startswith("## "):
            close_l3()
            if state["l2"] == "header":
                close_l2()
            if state["l2"]:
                body.append("</text:list-item><text:list-item>")
            else:
                body.append("<text:list><text:list-item>")
                state["l2"] = True
            body.append(p("Body", line[3:]))
        elif line.startswith("- ") and state["article_open"]:
            if state["l3"]:
                body.append("</text:list-item><text:list-item>")
            else:
                if not state["l2"]:
                    # items directly under an article: open an unnumbered level-2 holder
                    body.append("<text:list><text:list-header>")
                    state["l2"] = "header"
                body.append("<text:list><text:list-item>")
                state["l3"] = True
            body.append(p("Body", line[2:]))
        elif line.startswith("!"):
            close_list()
            body.append(p("AnnexHeading", line[1:].strip()))
        else:
            if state["article_open"]:
                close_l3()
                body.append(p("Body", line))
            else:
                body.append(p("Body", line))
    flush_table()
    close_list()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document {NS}>"
        + STYLES_XML.format(lists=list_style("LArt", style), lang=lang, country=country)
        + "<office:body><office:text>"
        + "".join(body)
        + "</office:text></office:body></office:document>\n"
    )
    out = src.with_suffix(".fodt")
    out.write_text(xml, encoding="utf-8")
    return out


HEAD1 = re.compile(r"^(ARTICLE |SCHEDULE |ANNEXE |\d{1,2}\.\s+[A-Z][A-Z0-9 ,'&/()–-]+$)")
HEAD2 = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[^.;:]{2,70}$")
# The sixth and seventh rounds (first written as held-out sets) also type public-procurement
# article numbers ("Article 5.2.1 – Title") and numbered annex items ("1. Title") as headings.
HEAD2_WIDE = re.compile(
    r"^(\d{1,2}\.\d{1,2}\.?\s+[^.;:]{2,70}"
    r"|Article \d{1,2}(\.\d{1,2})+ – [^.;:]{2,80}"
    r"|\d{1,2}\.\s+[A-ZÉ][^.;:]{2,70})$"
)


def build_html(src: pathlib.Path, lang: str, head2=HEAD2):
    """Typed text -> HTML: header lines centred, article/schedule lines as h2, short
    numbered titles as h3, everything else a paragraph."""
    lines = src.read_text(encoding="utf-8").splitlines()
    out = ['<!DOCTYPE html>', f'<html lang="{lang}"><head><meta charset="utf-8">',
           '<style>body{font-family:"Liberation Serif";font-size:11pt;text-align:justify}'
           'h1{font-size:14pt;text-align:center}h2{font-size:12pt;margin-top:14pt}'
           'h3{font-size:11pt;margin-bottom:2pt}p.c{text-align:center;font-weight:bold}'
           'p.i{margin-left:1.2cm}</style></head><body>']
    started = False
    for line in lines:
        t = line.strip()
        if not t:
            continue
        e = html.escape(t, quote=False)
        if HEAD1.match(t):
            started = True
            out.append(f"<h2>{e}</h2>")
        elif not started:
            out.append(f'<p class="c">{e}</p>')
        elif head2.match(t):
            out.append(f"<h3>{e}</h3>")
        elif re.match(r"^([a-z]\)|\([a-z]+\)|– |- )", t):
            out.append(f'<p class="i">{e}</p>')
        else:
            out.append(f"<p>{e}</p>")
    out.append("</body></html>")
    dst = src.with_suffix(".html")
    dst.write_text("\n".join(out), encoding="utf-8")
    return dst


class BuildError(Exception):
    """A conversion that produced no output file."""


def convert(path: pathlib.Path, fmt: str):
    OUT.mkdir(exist_ok=True)
    extra = []
    if path.suffix == ".html":
        # import as a Writer document (not Writer/Web), export with the Writer PDF filter
        extra = ["--infilter=HTML (StarWriter)"]
        fmt = "pdf:writer_pdf_Export" if fmt == "pdf" else fmt
    target = OUT / (path.stem + "." + fmt.split(":", 1)[0])
    started = time.time()
    try:
        result = subprocess.run(
            ["soffice", "--headless", *extra, "--convert-to", fmt, "--outdir", str(OUT), str(path)],
            check=True, capture_output=True, timeout=300,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        raise BuildError(f"{path.name}: LibreOffice failed ({error})") from error
    # LibreOffice exits 0 when it cannot load the source ("source file could not be loaded"): only
    # a file written by this run proves the conversion happened. The 2 s margin covers coarse mtimes.
    if not target.exists() or target.stat().st_mtime < started - 2:
        said = (result.stderr or result.stdout or b"").decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else "no output file"
        raise BuildError(f"{path.name}: LibreOffice wrote no {target.name} ({reason})")
    return target


# source -> output format
TARGETS = {
    "fr-hds-groupe-hospitalier-rives-de-loire.src": "docx",
    "fr-contrat-infogerance-imagerie-tilleuls.src": "docx",
    "fr-ccap-infogerance-agglo.txt": "pdf",
    "en-saas-subscription-kestrel.txt": "pdf",
    "fr-hebergement-infogerance-ehpad-val-dourcq.src": "pdf",
    "fr-ccap-tma-hebergement-aides-sociales-val-de-sarve.src": "docx",
    "en-managed-hosting-agreement-stratelia-cap-horizon.txt": "pdf",
    "fr-hebergement-billettique-transports-aubance-avenant.src": "docx",
    "fr-conditions-particulieres-cloud-prive-nebulor-fromageries-vaudrey.txt": "pdf",
    "fr-ccap-ms-infogerance-hds-ch-vallombreuse.src": "docx",
    "fr-infogerance-globale-cabinet-comptable-sevre-opaline.src": "docx",
    "fr-licence-hebergement-remboursements-mutuelle-iroise-kalyps.txt": "pdf",
    "fr-location-evolutive-serveurs-hebergement-menuiseries-aubrac-dataforge.src": "docx",
    "fr-ccap-hebergement-tma-sae-archives-causse-vernon.txt": "pdf",
    "en-hosting-data-processing-agreement-pulsora-corvexa.txt": "pdf",
    "fr-ccap-hebergement-entrepot-donnees-recherche-universite-valbrenne.src": "docx",
    # sixth and seventh rounds (former held-out batches)
    "fr-tma-cooperative-trois-vallees.src": "docx",
    "fr-contrat-cadre-infogerance-orbitale-aure.src": "docx",
    "fr-ccap-hebergement-cc-val-de-sorre.txt": "pdf",
    "en-cloud-services-agreement-cirrusvale-vermeil.txt": "pdf",
    "fr-saas-paie-sirh-quadrille-fonderies-mervent.src": "docx",
    "fr-mapa-ccap-portail-citoyen-ville-de-lormeval.txt": "pdf",
    "fr-tma-hebergement-erp-groupe-valmorel-kerlys.src": "docx",
    "fr-convention-syndicat-mixte-numeria-causses-commune-adherente.txt": "pdf",
    # eighth round, writer P
    "fr-marche-tma-hebergement-escales-grand-port-velle.txt": "pdf",
    "fr-contrat-saas-creches-nidea-lucioles-bresle.src": "docx",
    "en-msa-managed-soc-nordwatch-bellefontaine.txt": "pdf",
    # eighth round, writer Q
    "fr-archivage-probatoire-scellarc-banque-val-dorne.src": "docx",
    "en-pms-saas-order-form-lodgetrail-hotels-cote-dopale.txt": "pdf",
    # ninth round (the former held-out third batch)
    "fr-convention-adhesion-gip-esante-velansea-ch-bremonval.txt": "pdf",
    "en-licence-support-wms-halvard-entrepots-morvelle.txt": "pdf",
    "fr-ccap-accord-cadre-sauvegarde-externalisee-pra-departement-sarrance.txt": "pdf",
    "fr-infogerance-office-notarial-quatre-ponts-numeriane.src": "docx",
    "fr-saas-soins-domicile-sillage-cabinet-quatre-vents.src": "docx",
    "fr-integration-erp-libre-emboutissage-valmont.src": "docx",
    # tenth round (the former held-out fourth batch)
    "fr-maintenance-hebergement-pui-dispensia-clinique-val-fleury.src": "docx",
    "en-master-hosting-agreement-halvergate-orvelle-france.txt": "pdf",
    "fr-mapa-ccap-cctp-sigb-mediatheques-cc-coteaux-aubrege.txt": "pdf",
    "fr-saas-formation-soignants-ludovre-ch-prive-valbrune.src": "docx",
    "en-saas-ehr-caduline-cliniques-val-dorvaise.txt": "pdf",
    "fr-telesurveillance-implants-cardiaques-rythmalis-hopital-prive-val-dombree.txt": "pdf",
    # eleventh round (the former held-out sixth batch)
    "en-saas-edc-ecrf-trialvane-orvanel-recherche-clinique.txt": "pdf",
    "fr-ccap-tma-hebergement-secnumcloud-ministere-germina-valterne.txt": "pdf",
    "fr-convention-ia-triage-urgences-triavia-chu-valmoreuil.src": "docx",
    "fr-hebergement-exploitation-commandes-officines-operalys-repartition-val-de-lizerne.src": "docx",
    "fr-maintenance-hebergement-hds-biobanque-biosphera-chu-valmorange.src": "docx",
    "fr-mapa-ae-ccap-securite-geree-ville-saint-orlan-vigisphere.txt": "pdf",
    # twelfth round (the former held-out seventh batch)
    "fr-ccap-portail-transports-scolaires-carvelle-region-hautes-marches.txt": "pdf",
    "en-vdr-saas-order-form-stratavault-orvalis-capital.src": "docx",
    "fr-infogerance-hds-clinique-val-aubriere-orvalis.src": "docx",
    "en-ccaas-contact-centre-vocalyne-assurances-meridor.txt": "pdf",
    "fr-hebergement-exploitation-prestations-mutuelle-solteris-mutuelle-ardousse.src": "docx",
    "fr-saas-serveur-resultats-biologie-resuliane-biovallee-arvennes.txt": "pdf",
    "fr-ccap-marche-subsequent-moodle-campusphere-universite-breval-vaudrenne.src": "docx",
    # thirteenth round (written for it, measured unseen first)
    "fr-infogerance-presse-regionale-nordelis-echo-des-combes.src": "docx",
    "fr-ccap-sdis-valcerne-alertis-traitement-alerte.txt": "pdf",
    "en-saas-subscription-beaconlytics-marketing-analytics.src": "docx",
    "fr-mapa-ae-ccap-etat-civil-elections-civilys-commune-valcernay.txt": "pdf",
    "fr-saas-dossier-patient-imagerie-odontalia-centres-dentaires-sourire-valmeuse.src": "docx",
    # fourteenth round (the former held-out eighth batch)
    "fr-saas-kinesitherapie-motrilis-scm-quai-des-saules.src": "docx",
    "fr-mapa-ae-ccap-saas-collections-musees-departement-haute-orvanne-muselis.txt": "pdf",
    "fr-ccap-hebergement-exploitation-pacs-chu-sarvenne-quadrivia.txt": "pdf",
    "en-msa-sow-managed-kubernetes-sre-helmora-maisons-verlande.src": "docx",
    "fr-hebergement-tma-forfaits-ski-niveos-regie-val-dorsiere.src": "docx",
    "fr-ccap-facturation-eau-abonnes-hydralis-sie-plateau-varennois.txt": "pdf",
    # fifteenth round (written for it, read unseen first)
    "fr-saas-tournees-infirmieres-rondelis-scm-trois-ecluses.src": "docx",
    "fr-ccap-hebergement-tma-gestion-routiere-sentrovia-departement-vionne.txt": "pdf",
    "fr-infogerance-si-aeroportuaire-aerovance-aeroport-brivaux-montsalvy.src": "docx",
    "fr-ccap-hebergement-exploitation-sirh-paie-temps-pleiane-chu-montescaut.txt": "pdf",
    "fr-saas-orthophonie-phonalis-scm-orthophonistes-tanneurs.src": "docx",
    "en-hosting-data-management-baselith-institut-carvallon.src": "docx",
    "fr-mapa-ae-ccap-stationnement-parcivia-commune-lormaize.txt": "pdf",
    # sixteenth round (the former held-out ninth batch)
    "fr-saas-gestion-audioprothese-tympalis-centres-auditifs-haute-brenne.src": "docx",
    "fr-ccap-suivi-collecte-redevance-incitative-tribeo-metropole-castelbrune.txt": "pdf",
    "fr-infogerance-cde-bim-octaveo-atelier-lanterne-architectes.src": "docx",
    "fr-mapa-ae-ccap-billetterie-controle-acces-equipements-loisirs-billetys-cc-monts-de-varaize.txt": "pdf",
    "fr-hebergement-tma-cures-thermales-calderis-thermes-brevanne.txt": "pdf",
    "fr-saas-lims-laboratoire-alimentaire-echantis-corbiere-analyses.src": "docx",
    "en-managed-print-services-presstrel-halvane-avocats.src": "docx",
    "fr-ccap-hebergement-tma-bourses-transport-aidalis-region-sud-ardelle.txt": "pdf",
    # seventeenth round (written for it, measured unseen first)
    "fr-saas-perinatis-cabinet-sage-femme.src": "docx",
    "fr-infogerance-littoral-data-port-kerval.txt": "pdf",
    "fr-mapa-cimetiere-stelea-ville-vauclair-sur-ondine.src": "docx",
    "fr-infogerance-hds-dpi-csapa-kerdalys-relais-dambrune.txt": "pdf",
    "fr-saas-crm-transaction-immobiliere-baliseo-horizons-habitat.src": "docx",
    "fr-ccap-hebergement-tma-portail-apprentissage-cci-haute-verande.txt": "pdf",
    "fr-saas-gestion-cabinet-avocats-plaidora-selas-astree.src": "docx",
    # eighteenth round (written for it, measured unseen first)
    "fr-saas-orthoptie-orthovia-mail.src": "docx",
    "fr-ccap-infogerance-sante-hexacure-commune-bresolles.txt": "pdf",
    "fr-mapa-transport-scolaire-routalis-departement-haute-serre.src": "docx",
    "fr-saas-paie-bulletra-gervaux.src": "docx",
    "en-iaas-nimbara-lanterne.txt": "pdf",
    "fr-ccap-hebergement-marketplace-arat-vallees-daurance.txt": "pdf",
    "fr-infogerance-hebergement-nubitek-veilleo-telesurveillance.src": "docx",
    # nineteenth round (the former held-out tenth batch)
    "fr-saas-dossier-medical-travail-prevantis-spsti-val-de-sevrine.src": "docx",
    "fr-ccap-hebergement-tma-aides-sociales-departement-haute-ravenne.txt": "pdf",
    "fr-saas-syndic-copronova-beaulieu.src": "docx",
    "fr-maintenance-erp-logisept-painsdubocage.txt": "pdf",
    "fr-mapa-ae-ccap-sigb-portail-lectoria-cc-val-de-murelle.src": "docx",
    "en-saas-ecrf-terms-veridose-halcyon-recherche-clinique.txt": "pdf",
    "fr-saas-podalys-selarl-podologie-tilleuls.src": "docx",
    "fr-ccap-titulaire-mobilites-argence-ocean.txt": "pdf",
    # twentieth round (written for it, measured unseen first)
    "fr-ccap-hebergement-portail-opendata-region-haute-lisiere.txt": "pdf",
    "fr-saas-medecine-sommeil-hypnea-clinique-des-tilleuls.src": "docx",
    "en-saas-plm-threadline-maison-corvelle.src": "docx",
    "fr-infogerance-ssr-orbelis-clinique-tilleuls-marvaux.txt": "pdf",
    "fr-contrat-hebergement-kalendis-cabinet-verdaule.src": "docx",
    "en-saas-telemonitoring-veltrion-clinique-saint-aubin.txt": "pdf",
    "fr-mapa-ads-urbalis-cc-val-de-sarrance.txt": "pdf",
    "fr-saas-reglea-laboratoires-orvanne.src": "docx",
    # twenty-first round (written for it, measured unseen first)
    "fr-marche-maintenance-robot-pharmacie-automedis-chi-ysanne.txt": "pdf",
    "fr-infogerance-erp-selection-norvane-semences-haut-lignon.src": "docx",
    "fr-saas-restauration-scolaire-ardeval-saint-aubin-des-cressons.src": "docx",
    "en-saas-observability-northbeam-payvane.txt": "pdf",
    "fr-contrat-hebergement-tos-darsena-manutentions-estuaire.txt": "pdf",
    "en-hosting-halberd-dictaline.src": "docx",
    "fr-mapa-billetterie-controle-acces-portiqa-sem-stade-valbrezonne.src": "docx",
    "fr-saas-gestion-donneurs-donaviva-union-donneurs-haute-serane.txt": "pdf",
    # twenty-second round (the former held-out twelfth batch)
    "en-saas-clm-lexorbit-ferrandiere-industries.src": "docx",
    "fr-marche-gmao-flotte-mecalys-sdis-haute-vesere.txt": "pdf",
    "fr-saas-billetterie-abonnes-coulisses-numeriques-grand-manege.src": "docx",
    "en-hosting-lims-ostral-cloud-biolab-meridienne.txt": "pdf",
    "fr-saas-equipage-quartmer-armement-kerhoel.src": "docx",
    "fr-mapa-telereleve-hydrovia-siaep-val-de-sorne.txt": "pdf",
    "fr-infogerance-sinistres-opalis-caisse-val-de-sevre.src": "docx",
    "en-saas-property-management-leasewise-haut-vallon.txt": "pdf",
    # twenty-third round (written for it, measured unseen first)
    "en-hosting-nordhaven-passerelle-sante.src": "docx",
    "fr-mapa-deliberis-commune-val-de-brenne.txt": "pdf",
    "fr-infogerance-usines-erp-orbeval-meubles-kervadec.src": "docx",
    "fr-saas-orthoprothese-soclea-selarl-vernelle.txt": "pdf",
    "fr-contrat-hebergement-sillon-numerique-chambre-agriculture-arvenne.txt": "pdf",
    "fr-saas-occlusia-laboratoire-mireval.src": "docx",
    "fr-saas-logiciel-etude-praxea-sevre-boutonne.src": "docx",
    "en-saas-clinical-decision-support-corvalis-hautes-bruyeres.txt": "pdf",
    # twenty-fourth round (written for it, measured unseen first)
    "fr-saas-vertebria-chiropraxie-tanneurs.src": "docx",
    "en-hosting-ardentis-campus-lumen.txt": "pdf",
    "fr-saas-radiaflux-gie-lumen-telerad.txt": "pdf",
    "en-saas-terraledger-orbelle-distribution.src": "docx",
    "fr-maintenance-sterilys-hopital-prive-coteaux-lorvanne.src": "docx",
    "fr-ccap-hebergement-exploitation-fonds-europeens-eurosubvia-region-val-desterelle.txt": "pdf",
    "fr-saas-golf-birdinov-golfs-vallee-du-loing.src": "docx",
    "fr-mapa-guichet-petite-enfance-enfancia-cc-val-dorvenne.txt": "pdf",
    # twenty-fifth round (written for it, measured unseen first)
    "en-hosting-nimbric-orbivue.src": "docx",
    "fr-mapa-portail-familles-civitas-saint-aubin.txt": "pdf",
    "fr-saas-mnemosia-cabinet-psychiatrie.txt": "pdf",
    "fr-infogerance-numerys-esca-atlantique.src": "docx",
    "fr-maintenance-appel-malades-sonoria-hopital-saint-aubin.txt": "pdf",
    "fr-contrat-hebergement-altiplan-ordre-architectes.src": "docx",
    "en-saas-trialsprout-reseau-investigation.txt": "pdf",
    "fr-ccap-hebergement-tma-pmi-nidelia-departement-haute-varenne.txt": "pdf",
    "fr-saas-coworking-deskora-ateliers-partages.src": "docx",
    "fr-bon-de-commande-vps-hebergia-fablab-tisserands.txt": "pdf",
    # twenty-sixth round (written for it, measured unseen first)
    "fr-marche-alerte-capvigie-sdis-mareze.txt": "pdf",
    "en-saas-fsm-tessaly-thermaclim.src": "docx",
    "fr-infogerance-nevalys-maisons-sante-coteaux-orveze.txt": "pdf",
    "en-hosting-calderis-maison-orvalle.src": "docx",
    "fr-maintenance-planification-bloc-blocora-clinique-hauts-de-selune.src": "docx",
    "fr-saas-ecoles-langues-linguavia-reseau-parlecole.txt": "pdf",
    "fr-ccap-hebergement-eds-chu-pontbrenne.src": "docx",
    "en-saas-board-portal-veridane-castelmor.txt": "pdf",
    # twenty-seventh round (written for it, measured unseen first)
    "fr-saas-preanesthesie-prevalys-ambula.src": "docx",
    "fr-mapa-reservation-equipements-sportifs-vercelles-arbalys.txt": "pdf",
    "fr-saas-palliatif-veilleo-palliadom.txt": "pdf",
    "en-saas-traceability-filarion-corvalis.src": "docx",
    "fr-maintenance-machinerie-scenique-cintralis-theatre-grand-mail.txt": "pdf",
    "fr-contrat-hebergement-plateforme-depistage-sanatis-crcdc-coteaux-marais.src": "docx",
    "fr-ccap-hebergement-billettique-comptes-voyageurs-ferelia-arbonne-mobilites.txt": "pdf",
    "fr-saas-dermatologie-esthetique-cutelia-cliniques-sereine-derm.src": "docx",
    "en-hosting-agreement-vessel-tracking-harbourline-liaisons-ponant.txt": "pdf",
    # twenty-eighth round (written for it, measured unseen first)
    "fr-saas-pollinis-allergo-saone-doubs.txt": "pdf",
    "en-saas-kinetra-panier-frais.src": "docx",
    "fr-maintenance-billetterie-cashless-hydrolia-cascades-vauniere.src": "docx",
    "fr-ccap-hebergement-parcours-numerique-gip-dac-entre-deux-monts.txt": "pdf",
    "fr-infogerance-altineo-horizons-vacances-jeunesse.src": "docx",
    "en-saas-iwrs-randora-institut-arvelline.txt": "pdf",
    "fr-mapa-portail-wifi-captif-ondaline-commune-bressoles-sur-lanne.src": "docx",
    "fr-bon-de-commande-hebergement-inscriptions-arpege-numerique-ecole-musique-val-de-serein.txt": "pdf",
    # twenty-ninth round (written for it, measured unseen first)
    "fr-saas-neurolys-cabinet-des-tanneurs.txt": "pdf",
    "en-saas-haldane-morvanne.src": "docx",
    "fr-maintenance-regie-scenique-cintrelia-grand-arcadie.src": "docx",
    "fr-ccap-hebergement-telesante-altivia-gip-numerisante-aubrive.txt": "pdf",
    "fr-infogerance-tessaria-ateliers-de-la-brande.src": "docx",
    "en-saas-micrana-groupe-cytelia.txt": "pdf",
    "fr-mapa-videoprotection-vigiscope-commune-saint-ambrel.src": "docx",
    "fr-bon-de-commande-hebergement-pixelor-ecole-danse-entrechats.txt": "pdf",
    # thirtieth round (written for it, measured unseen first)
    "fr-saas-oursea-sante-pediatres-trois-vallees.src": "docx",
    "en-hosting-halvern-solvene-energies.txt": "pdf",
    "fr-infogerance-clairbois-federation-logistique-transports.txt": "pdf",
    "en-saas-tallicor-groupe-hospitalier-sainte-aubree.src": "docx",
    "fr-maintenance-pilotage-serres-climagri-serres-oudon.src": "docx",
    "fr-contrat-hebergement-registre-cancers-datavelle-pays-de-varaise.txt": "pdf",
    "fr-mapa-taxe-sejour-nuitea-commune-saint-aurele-sur-mer.txt": "pdf",
    "fr-bon-de-commande-hebergement-alveole-numerique-butineurs-val-de-sornin.src": "docx",
    # thirty-first round (written for it, measured unseen first)
    "fr-saas-natalys-cabinet-gynecologie-ormeaux.txt": "pdf",
    "en-saas-bowline-voiles-dorvanne.src": "docx",
    "fr-maintenance-pesage-expedition-pesalis-carrieres-vauniere.src": "docx",
    "fr-ccap-hebergement-entrepot-donnees-sante-stratanum-ors-haute-orveze.txt": "pdf",
    "fr-infogerance-cadratin-librairies-val-darz.src": "docx",
    "fr-saas-otolis-reseau-orl-garonne.txt": "pdf",
    "en-saas-recovera-clinique-hauts-de-sevrane.txt": "pdf",
    "fr-mapa-messagerie-collaborative-messalia-commune-vaudreuil-les-aulnes.src": "docx",
    "fr-bon-de-commande-hebergement-pixelune-camping-pres-de-laubrette.txt": "pdf",
    # thirty-second round (written for it, measured unseen first)
    "en-hosting-vastrel-cloud-orbigeo.src": "docx",
    "fr-ccap-hebergement-exploitation-velivia-metropole-valbrune.txt": "pdf",
    "fr-saas-psykinea-cabinet-trois-rivieres.src": "docx",
    "en-saas-quorvia-financiere-des-tilleuls.txt": "pdf",
    "fr-maintenance-supervision-fours-thermaveil-verreries-sauldre.txt": "pdf",
    "fr-contrat-hebergement-telemedecine-nubiance-sante-hopital-montclavel.src": "docx",
    "fr-mapa-hebergement-portail-quillebois-sitalis.txt": "pdf",
    "en-hosting-brenlow-nefertia.src": "docx",
    # thirty-third round (written for it, measured unseen first)
    "en-hosting-booking-harbourline-navilis.src": "docx",
    "fr-ccap-hebergement-portail-locataires-brenne-habitat.txt": "pdf",
    "fr-infogerance-orvalis-maison-ventes-lestrade.txt": "pdf",
    "fr-saas-osteo-praxeolis-scm-trois-rivieres.src": "docx",
    "en-saas-dam-lumetra-maison-celadine.txt": "pdf",
    "fr-contrat-hebergement-registre-maladies-rares-asterion-chu-mireval.src": "docx",
    "fr-maintenance-prepresse-chromatek-imprimerie-levasseur.txt": "pdf",
    "fr-mapa-hebergement-maintenance-sig-cartolis-syndicat-vals-dorbonne.txt": "pdf",
    "en-hosting-cohort-database-nuvaris-fondation-heliade.src": "docx",
    # thirty-fourth round (written for it, measured unseen first)
    "en-managed-hosting-warranty-portal-brightmoor-maison-vaucelle.src": "docx",
    "fr-ccap-hebergement-portail-exposants-badges-spl-valmerande-expositions.txt": "pdf",
    "fr-saas-serenote-souffle-equilibre.src": "docx",
    "en-saas-tallyroute-distillerie-vauclair.txt": "pdf",
    "fr-maintenance-ordalys-planning-fonderies-sauldre.txt": "pdf",
    "fr-contrat-hebergement-calyxen-reseau-palliatif-yevre.src": "docx",
    "fr-mapa-ccap-reservation-salles-salindo-commune-vauclerc-sur-ysse.txt": "pdf",
    "en-managed-hosting-agreement-veltrane-passerelle-interpretariat.src": "docx",
    # thirty-fifth round (written for it, measured unseen first)
    "en-hosting-cobaltridge-agrienchere.src": "docx",
    "fr-ccap-opaline-cdg-valdelys.txt": "pdf",
    "fr-saas-visitalis-amgd-val-de-lisiere.src": "docx",
    "en-saas-catalyx-ateliers-morvandeau.txt": "pdf",
    "fr-maintenance-planification-navalis-chantiers-kervoal.txt": "pdf",
    "fr-contrat-hebergement-depistage-auditif-opaline-ardsn-loire-ocean.src": "docx",
    "fr-mapa-budget-participatif-civiflux-montreval.txt": "pdf",
    "en-hosting-pedigree-database-helvane-genoconseil.src": "docx",
    # thirty-sixth round (written for it, measured unseen first)
    "en-hosting-lift-pass-nivalink-montvernaz.src": "docx",
    "fr-ccap-ent-campalys-universite-lorvaux.txt": "pdf",
    "fr-infogerance-ferralis-cliniques-veterinaires-val-dysieux.txt": "pdf",
    "fr-saas-natalune-scm-sages-femmes-hauts-de-cerdanne.src": "docx",
    "en-saas-orbiflux-vallandre-logistique.txt": "pdf",
    "fr-maintenance-gmao-kerprim-ciments-haute-vezere.txt": "pdf",
    "fr-contrat-hebergement-captv-nuvance-chu-ferlande.src": "docx",
    "fr-mapa-transports-scolaires-navettis-departement-haute-ardonne.txt": "pdf",
    "en-hosting-polysomnography-veraclid-gcs-morphea-sommeil.src": "docx",
    # thirty-seventh round (written for it, measured unseen first)
    "fr-ccap-hebergement-observations-autorisations-sylvanum-pnr-arvaille.txt": "pdf",
    "en-managed-hosting-nimbara-aeroport-castelvere.src": "docx",
    "fr-saas-coordinis-ssiad-val-de-lorgne.src": "docx",
    "en-saas-signavel-arcadie-notaires.txt": "pdf",
    "fr-maintenance-prepresse-typhea-imprimerie-brumeval.txt": "pdf",
    "fr-contrat-hebergement-registre-crcm-alveane-chu-valtrisse.src": "docx",
    "fr-mapa-cimetieres-columbaris-commune-brelois-sur-vionne.txt": "pdf",
    "en-hosting-dialysis-sessions-aquilane-nephro-vallees.src": "docx",
    # thirty-eighth round (written for it, measured unseen first)
    "fr-saas-medecine-voyages-sanivoya-centres-meridiens.src": "docx",
    "fr-infogerance-reseau-cuisinistes-nexora-castelane-cuisines.txt": "pdf",
    "fr-ccap-hebergement-guichet-passerelle-cci-escaude.src": "docx",
    "en-hosting-meridane-campanule-residences.txt": "pdf",
    "fr-saas-epithelia-reseau-plaies-stomies-deux-rives.txt": "pdf",
    "en-saas-voxelgrid-brisoleil-architectes.src": "docx",
    "fr-mapa-eclairage-public-lucernis-syndicat-val-dornelle.src": "docx",
    "fr-bon-de-commande-hebergement-filigrane-web-maroquinerie-aubrespin.txt": "pdf",
    # thirty-ninth round (written for it, measured unseen first)
    "fr-saas-kairnote-horizons-psy-etudiants.src": "docx",
    "fr-infogerance-kapsel-vellard-automobiles.txt": "pdf",
    "fr-ccap-hebergement-subveau-agence-eau-vezenne-armor.src": "docx",
    "en-hosting-sextant-mareval-yachting.txt": "pdf",
    "fr-saas-exhalia-souffle-neuf-sante.txt": "pdf",
    "en-saas-terravue-plaines-vaudiere.src": "docx",
    "fr-mapa-viabilite-hivernale-givrelis-departement-val-darviere.src": "docx",
    "fr-bon-de-commande-hebergement-maintenance-kaolinweb-encre-et-lierre.txt": "pdf",
    # fortieth round
    "en-saas-royalty-accounting-stavewise-vinyle-boreal.txt": "pdf",
    "fr-ccap-hebergement-tma-attribution-logements-quartzine-oles-saulxmont.src": "docx",
    "fr-hebergement-infogerance-hds-dpi-psychiatrie-lumivaire-epsm-val-de-clairance.txt": "pdf",
    "fr-mapa-portail-periscolaire-cartabelle-commune-fontclaire.src": "docx",
    "en-hosting-agreement-paediatric-rehabilitation-quillstone-aubepines-vaurelle.txt": "pdf",
    "fr-maintenance-portail-commande-repas-saporis-hopital-prive-sept-chenes.src": "docx",
    # forty-first round
    "fr-saas-diabetologie-pediatrique-glucinelle-gcs-pediadiab-haute-loirance.txt": "pdf",
    "en-hosting-booking-platform-cobblestack-clef-des-cryptes.src": "docx",
    "fr-saas-diabete-pediatrique-dextrelle-gcs-pediabete-rives-dorsanne.txt": "pdf",
    "en-hosting-booking-platform-cobbleyard-enigmarium-franchise.src": "docx",
    "en-managed-hosting-dispatch-platform-kettleby-rayons-express.txt": "pdf",
    "fr-saas-dossier-soins-clairsoin-centres-sante-infirmiers-cevennes-vivarais.src": "docx",
    "fr-cg-hebergement-espace-adherents-silexweb-federation-sentiers-vellorgue.txt": "pdf",
    "fr-marche-hebergement-dossiers-ase-ostrakon-departement-haut-brevon.src": "docx",
    "en-saas-tenant-screening-rent-collection-baillora-pommeraie-gestion.txt": "pdf",
    # forty-second round (2026-11-25, seventeenth session)
    "fr-cgu-saas-suivi-grossesse-gravidia-cabinet-clos-margot.txt": "pdf",
    "en-hosting-agreement-yacht-charter-azimuth-stack-calanque-bleue-charters.src": "docx",
    "fr-ccap-accord-cadre-meteo-routiere-viabilite-hivernale-gresalis-departement-cevrole.src": "docx",
    "fr-saas-dossier-soins-planification-ssiad-infirmelia-soins-presence-val-de-sereille.txt": "pdf",
    "fr-conditions-hebergement-hds-archive-pacs-lithomnia-polyclinique-hauts-de-marsanne.src": "docx",
    "en-managed-hosting-agreement-language-school-vellowind-babelune.txt": "pdf",
    "fr-mapa-logiciel-cimetieres-heberge-tumulis-commune-roquebrisson.txt": "pdf",
    # forty-third round (2026-11-25, seventeenth session)
    "fr-conditions-generales-saas-rendez-vous-comptes-rendus-imagerie-rayonia-gie-radiologues-deux-golfes.txt": "pdf",
    "en-hosting-agreement-lpr-payment-platform-gravenhall-cloud-mirevaux-parkings.src": "docx",
    "fr-mapa-hebergement-maintenance-redevance-incitative-collectium-cc-terres-de-lauziere.src": "docx",
    "fr-saas-dossier-soins-cmp-psycordia-asm-haut-segala.txt": "pdf",
    "fr-cg-hebergement-hds-dossiers-patients-reeducation-praxinube-clinique-sport-valgrange.src": "docx",
    "en-managed-hosting-agreement-greenhouse-climate-traceability-orpiment-hosting-serres-de-pradelune.txt": "pdf",
    "fr-marche-hebergement-maintenance-observatoire-frequentation-pisteo-pnr-monts-sarreval.txt": "pdf",
    # forty-fourth round (2026-11-25, eighteenth session)
    "fr-cga-saas-dossier-kine-agenda-myokeo-scm-kine-landettes.src": "docx",
    "fr-contrat-hebergement-tma-flotte-abonnes-velos-halyxe-velomotion-grand-essaure.txt": "pdf",
    "en-hds-hosting-agreement-donor-collection-platform-sorrelgate-adsb-trois-forets.txt": "pdf",
    "en-managed-backup-services-agreement-arkwell-delorme-sarrazac-avocats.src": "docx",
    "fr-cga-saas-annonces-mandats-signature-tuilora-agence-bastide-pinsolle.txt": "pdf",
    "en-saas-teledermatology-triage-terms-lesionly-scm-medecins-val-dausseine.txt": "pdf",
    "fr-hebergement-maintenance-expertise-photos-sinistres-cadrelia-mutuelle-aubrevent.src": "docx",
    # forty-fifth round (2026-11-25, eighteenth session, written mid-session)
    "en-managed-hosting-simulator-scheduling-elearning-capstangrid-ecole-maritime-lannivel.src": "docx",
    "fr-conditions-generales-hebergement-appli-membres-paiement-basaltis-gie-fortimo.txt": "pdf",
    "fr-saas-releves-glycemiques-infirmiers-glycadom-scm-soins-infirmiers-mont-brecelin.src": "docx",
    "fr-ccap-hebergement-maintenance-telemesure-alerte-crues-limnisys-smrob.txt": "pdf",
    "en-hosting-terms-farm-crowdfunding-hedgerow-cloud-agrifonds.txt": "pdf",
    "en-saas-lens-production-tracking-prismatrack-ateliers-castelmeunier.src": "docx",
    "fr-cg-saas-transport-sanitaire-sanicourse-ambulances-val-de-morge.txt": "pdf",
    # forty-sixth round (2026-11-25, nineteenth session)
    "fr-marche-hebergement-maintenance-declarations-aides-parcelline-chambre-agriculture-val-de-loudre.txt": "pdf",
    "en-managed-database-operations-kernholt-saulnier-payroll.txt": "pdf",
    "fr-hebergement-maintenance-portail-remboursements-talvera-mutuelle-vallee-ysorne.src": "docx",
    "fr-ccap-hebergement-base-collections-catalogue-en-ligne-cartelys-musee-national-horlogerie-automates.src": "docx",
    "en-saas-prosthesis-orders-bridgeloom-ormaresse-dental-labs.src": "docx",
    "fr-conditions-hebergement-cloud-manage-marketplace-instruments-stratonef-doublecroche.txt": "pdf",
    # forty-seventh round (2026-11-25, nineteenth session, written mid-session)
    "en-managed-hosting-ecommerce-oms-tallowgate-ardalene-paris.txt": "pdf",
    "fr-marche-ccap-hebergement-maintenance-plateforme-mdph-ombrelis-departement-haut-verdanson.src": "docx",
    "fr-cg-hebergement-click-collect-tamisweb-gie-fournils-vaubrisson.src": "docx",
    "fr-saas-rdv-comptes-rendus-patients-convocia-imagerie-lorvene-sante.txt": "pdf",
    "en-saas-master-subscription-badges-rooms-billing-passmoor-mezzanine-commune.src": "docx",
    "en-managed-hosting-ferry-booking-boarding-quaywright-traversees-belvaren.txt": "pdf",
    "fr-cg-saas-psad-oxygenotherapie-dombrelis-kerveil-sante-domicile.src": "docx",
    # forty-eighth round (2026-11-25, twentieth session)
    "fr-cg-hebergement-billetterie-theatres-strapontin-cloud-planches-buissonnieres.txt": "pdf",
    "en-managed-services-lab-instrument-data-servers-lanterwood-enzymora.src": "docx",
    "fr-cga-saas-mandats-visites-signature-mandorio-agence-trois-halles.src": "docx",
    "fr-accord-cadre-hebergement-etat-civil-listes-electorales-cirrelia-siivb-val-de-brossiere.src": "docx",
    "en-saas-terms-teletherapy-marketplace-sagewillow-scm-psychotherapeutes-vellemont.txt": "pdf",
    "fr-infogerance-hds-regulation-facturation-ambulances-semaphyr-groupe-vermandine.src": "docx",
    # forty-ninth round (2026-11-25, twentieth session, written mid-session)
    "en-managed-hosting-digital-library-subscriber-platform-quirewell-editions-brunecombe.src": "docx",
    "fr-cga-saas-flotte-planning-lecons-franchises-auto-ecoles-creneauto-tournevent-conduite.txt": "pdf",
    "fr-saas-dietetique-nutrigram-scm-dietetique-pont-levis.src": "docx",
    "en-hosting-terms-wedding-gallery-print-sales-pearlvault-capucine-photographie.txt": "pdf",
    "fr-mapa-tma-hebergement-contrats-apprentissage-trefilis-cma-hautes-fenaies.src": "docx",
    "en-saas-occupational-health-visits-records-tillerbay-sante-travail-haute-moravelle.src": "docx",
}

WIDE_HEADINGS = {
    "en-master-hosting-agreement-halvergate-orvelle-france.txt",
    "fr-mapa-ccap-cctp-sigb-mediatheques-cc-coteaux-aubrege.txt",
    "en-saas-ehr-caduline-cliniques-val-dorvaise.txt",
    "fr-telesurveillance-implants-cardiaques-rythmalis-hopital-prive-val-dombree.txt",
    "fr-convention-adhesion-gip-esante-velansea-ch-bremonval.txt",
    "en-licence-support-wms-halvard-entrepots-morvelle.txt",
    "fr-ccap-accord-cadre-sauvegarde-externalisee-pra-departement-sarrance.txt",
    "fr-ccap-hebergement-cc-val-de-sorre.txt",
    "en-cloud-services-agreement-cirrusvale-vermeil.txt",
    "fr-mapa-ccap-portail-citoyen-ville-de-lormeval.txt",
    "fr-convention-syndicat-mixte-numeria-causses-commune-adherente.txt",
    # eleventh round
    "fr-mapa-ae-ccap-securite-geree-ville-saint-orlan-vigisphere.txt",
    "fr-ccap-tma-hebergement-secnumcloud-ministere-germina-valterne.txt",
    "en-saas-edc-ecrf-trialvane-orvanel-recherche-clinique.txt",
    # twelfth round
    "fr-ccap-portail-transports-scolaires-carvelle-region-hautes-marches.txt",
    "en-ccaas-contact-centre-vocalyne-assurances-meridor.txt",
    "fr-saas-serveur-resultats-biologie-resuliane-biovallee-arvennes.txt",
    # thirteenth round
    "fr-ccap-sdis-valcerne-alertis-traitement-alerte.txt",
    "fr-mapa-ae-ccap-etat-civil-elections-civilys-commune-valcernay.txt",
    # fourteenth round
    "fr-mapa-ae-ccap-saas-collections-musees-departement-haute-orvanne-muselis.txt",
    "fr-ccap-hebergement-exploitation-pacs-chu-sarvenne-quadrivia.txt",
    "fr-ccap-facturation-eau-abonnes-hydralis-sie-plateau-varennois.txt",
    # fifteenth round
    "fr-ccap-hebergement-tma-gestion-routiere-sentrovia-departement-vionne.txt",
    "fr-ccap-hebergement-exploitation-sirh-paie-temps-pleiane-chu-montescaut.txt",
    "fr-mapa-ae-ccap-stationnement-parcivia-commune-lormaize.txt",
    # sixteenth round
    "fr-ccap-suivi-collecte-redevance-incitative-tribeo-metropole-castelbrune.txt",
    "fr-mapa-ae-ccap-billetterie-controle-acces-equipements-loisirs-billetys-cc-monts-de-varaize.txt",
    "fr-hebergement-tma-cures-thermales-calderis-thermes-brevanne.txt",
    "fr-ccap-hebergement-tma-bourses-transport-aidalis-region-sud-ardelle.txt",
    # seventeenth round
    "fr-infogerance-littoral-data-port-kerval.txt",
    "fr-infogerance-hds-dpi-csapa-kerdalys-relais-dambrune.txt",
    "fr-ccap-hebergement-tma-portail-apprentissage-cci-haute-verande.txt",
    # eighteenth round
    "fr-ccap-infogerance-sante-hexacure-commune-bresolles.txt",
    "en-iaas-nimbara-lanterne.txt",
    "fr-ccap-hebergement-marketplace-arat-vallees-daurance.txt",
    # nineteenth round
    "fr-ccap-hebergement-tma-aides-sociales-departement-haute-ravenne.txt",
    "fr-maintenance-erp-logisept-painsdubocage.txt",
    "en-saas-ecrf-terms-veridose-halcyon-recherche-clinique.txt",
    "fr-ccap-titulaire-mobilites-argence-ocean.txt",
    # twentieth round
    "fr-ccap-hebergement-portail-opendata-region-haute-lisiere.txt",
    "fr-infogerance-ssr-orbelis-clinique-tilleuls-marvaux.txt",
    "en-saas-telemonitoring-veltrion-clinique-saint-aubin.txt",
    "fr-mapa-ads-urbalis-cc-val-de-sarrance.txt",
    # twenty-first round
    "fr-marche-maintenance-robot-pharmacie-automedis-chi-ysanne.txt",
    "en-saas-observability-northbeam-payvane.txt",
    "fr-contrat-hebergement-tos-darsena-manutentions-estuaire.txt",
    "fr-saas-gestion-donneurs-donaviva-union-donneurs-haute-serane.txt",
    # twenty-second round
    "fr-marche-gmao-flotte-mecalys-sdis-haute-vesere.txt",
    "en-hosting-lims-ostral-cloud-biolab-meridienne.txt",
    "fr-mapa-telereleve-hydrovia-siaep-val-de-sorne.txt",
    "en-saas-property-management-leasewise-haut-vallon.txt",
    # twenty-third round
    "fr-mapa-deliberis-commune-val-de-brenne.txt",
    "fr-saas-orthoprothese-soclea-selarl-vernelle.txt",
    "fr-contrat-hebergement-sillon-numerique-chambre-agriculture-arvenne.txt",
    "en-saas-clinical-decision-support-corvalis-hautes-bruyeres.txt",
    # twenty-fourth round
    "en-hosting-ardentis-campus-lumen.txt",
    "fr-saas-radiaflux-gie-lumen-telerad.txt",
    "fr-ccap-hebergement-exploitation-fonds-europeens-eurosubvia-region-val-desterelle.txt",
    "fr-mapa-guichet-petite-enfance-enfancia-cc-val-dorvenne.txt",
    # twenty-fifth round
    "fr-mapa-portail-familles-civitas-saint-aubin.txt",
    "fr-saas-mnemosia-cabinet-psychiatrie.txt",
    "fr-maintenance-appel-malades-sonoria-hopital-saint-aubin.txt",
    "en-saas-trialsprout-reseau-investigation.txt",
    "fr-ccap-hebergement-tma-pmi-nidelia-departement-haute-varenne.txt",
    "fr-bon-de-commande-vps-hebergia-fablab-tisserands.txt",
    # twenty-sixth round
    "fr-marche-alerte-capvigie-sdis-mareze.txt",
    "fr-infogerance-nevalys-maisons-sante-coteaux-orveze.txt",
    "fr-saas-ecoles-langues-linguavia-reseau-parlecole.txt",
    "en-saas-board-portal-veridane-castelmor.txt",
    # twenty-seventh round
    "fr-mapa-reservation-equipements-sportifs-vercelles-arbalys.txt",
    "fr-saas-palliatif-veilleo-palliadom.txt",
    "fr-maintenance-machinerie-scenique-cintralis-theatre-grand-mail.txt",
    "fr-ccap-hebergement-billettique-comptes-voyageurs-ferelia-arbonne-mobilites.txt",
    "en-hosting-agreement-vessel-tracking-harbourline-liaisons-ponant.txt",
    # twenty-eighth round
    "fr-saas-pollinis-allergo-saone-doubs.txt",
    "fr-ccap-hebergement-parcours-numerique-gip-dac-entre-deux-monts.txt",
    "en-saas-iwrs-randora-institut-arvelline.txt",
    "fr-bon-de-commande-hebergement-inscriptions-arpege-numerique-ecole-musique-val-de-serein.txt",
    # twenty-ninth round
    "fr-saas-neurolys-cabinet-des-tanneurs.txt",
    "fr-ccap-hebergement-telesante-altivia-gip-numerisante-aubrive.txt",
    "en-saas-micrana-groupe-cytelia.txt",
    "fr-bon-de-commande-hebergement-pixelor-ecole-danse-entrechats.txt",
    # thirtieth round
    "en-hosting-halvern-solvene-energies.txt",
    "fr-infogerance-clairbois-federation-logistique-transports.txt",
    "fr-contrat-hebergement-registre-cancers-datavelle-pays-de-varaise.txt",
    "fr-mapa-taxe-sejour-nuitea-commune-saint-aurele-sur-mer.txt",
    # thirty-first round
    "fr-saas-natalys-cabinet-gynecologie-ormeaux.txt",
    "fr-ccap-hebergement-entrepot-donnees-sante-stratanum-ors-haute-orveze.txt",
    "fr-saas-otolis-reseau-orl-garonne.txt",
    "en-saas-recovera-clinique-hauts-de-sevrane.txt",
    "fr-bon-de-commande-hebergement-pixelune-camping-pres-de-laubrette.txt",
    # thirty-second round
    "fr-ccap-hebergement-exploitation-velivia-metropole-valbrune.txt",
    "en-saas-quorvia-financiere-des-tilleuls.txt",
    "fr-maintenance-supervision-fours-thermaveil-verreries-sauldre.txt",
    "fr-mapa-hebergement-portail-quillebois-sitalis.txt",
    # thirty-third round
    "fr-ccap-hebergement-portail-locataires-brenne-habitat.txt",
    "fr-infogerance-orvalis-maison-ventes-lestrade.txt",
    "en-saas-dam-lumetra-maison-celadine.txt",
    "fr-maintenance-prepresse-chromatek-imprimerie-levasseur.txt",
    "fr-mapa-hebergement-maintenance-sig-cartolis-syndicat-vals-dorbonne.txt",
    # thirty-fourth round
    "fr-ccap-hebergement-portail-exposants-badges-spl-valmerande-expositions.txt",
    "en-saas-tallyroute-distillerie-vauclair.txt",
    "fr-maintenance-ordalys-planning-fonderies-sauldre.txt",
    "fr-mapa-ccap-reservation-salles-salindo-commune-vauclerc-sur-ysse.txt",
    # thirty-fifth round
    "fr-ccap-opaline-cdg-valdelys.txt",
    "en-saas-catalyx-ateliers-morvandeau.txt",
    "fr-maintenance-planification-navalis-chantiers-kervoal.txt",
    "fr-mapa-budget-participatif-civiflux-montreval.txt",
    # thirty-sixth round
    "fr-ccap-ent-campalys-universite-lorvaux.txt",
    "fr-infogerance-ferralis-cliniques-veterinaires-val-dysieux.txt",
    "en-saas-orbiflux-vallandre-logistique.txt",
    "fr-maintenance-gmao-kerprim-ciments-haute-vezere.txt",
    "fr-mapa-transports-scolaires-navettis-departement-haute-ardonne.txt",
    # thirty-seventh round
    "fr-ccap-hebergement-observations-autorisations-sylvanum-pnr-arvaille.txt",
    "en-saas-signavel-arcadie-notaires.txt",
    "fr-maintenance-prepresse-typhea-imprimerie-brumeval.txt",
    "fr-mapa-cimetieres-columbaris-commune-brelois-sur-vionne.txt",
    # thirty-eighth round
    "fr-infogerance-reseau-cuisinistes-nexora-castelane-cuisines.txt",
    "en-hosting-meridane-campanule-residences.txt",
    "fr-saas-epithelia-reseau-plaies-stomies-deux-rives.txt",
    "fr-bon-de-commande-hebergement-filigrane-web-maroquinerie-aubrespin.txt",
    # thirty-ninth round
    "fr-infogerance-kapsel-vellard-automobiles.txt",
    "en-hosting-sextant-mareval-yachting.txt",
    "fr-saas-exhalia-souffle-neuf-sante.txt",
    "fr-bon-de-commande-hebergement-maintenance-kaolinweb-encre-et-lierre.txt",
    # fortieth round
    "en-saas-royalty-accounting-stavewise-vinyle-boreal.txt",
    "fr-hebergement-infogerance-hds-dpi-psychiatrie-lumivaire-epsm-val-de-clairance.txt",
    "en-hosting-agreement-paediatric-rehabilitation-quillstone-aubepines-vaurelle.txt",
    # forty-first round
    "fr-saas-diabetologie-pediatrique-glucinelle-gcs-pediadiab-haute-loirance.txt",
    "fr-saas-diabete-pediatrique-dextrelle-gcs-pediabete-rives-dorsanne.txt",
    "en-managed-hosting-dispatch-platform-kettleby-rayons-express.txt",
    "fr-cg-hebergement-espace-adherents-silexweb-federation-sentiers-vellorgue.txt",
    "en-saas-tenant-screening-rent-collection-baillora-pommeraie-gestion.txt",
    # forty-second round (2026-11-25, seventeenth session)
    "fr-cgu-saas-suivi-grossesse-gravidia-cabinet-clos-margot.txt",
    "fr-saas-dossier-soins-planification-ssiad-infirmelia-soins-presence-val-de-sereille.txt",
    "en-managed-hosting-agreement-language-school-vellowind-babelune.txt",
    "fr-mapa-logiciel-cimetieres-heberge-tumulis-commune-roquebrisson.txt",
    # forty-third round (2026-11-25, seventeenth session)
    "fr-conditions-generales-saas-rendez-vous-comptes-rendus-imagerie-rayonia-gie-radiologues-deux-golfes.txt",
    "fr-saas-dossier-soins-cmp-psycordia-asm-haut-segala.txt",
    "en-managed-hosting-agreement-greenhouse-climate-traceability-orpiment-hosting-serres-de-pradelune.txt",
    "fr-marche-hebergement-maintenance-observatoire-frequentation-pisteo-pnr-monts-sarreval.txt",
    # forty-fourth round (2026-11-25, eighteenth session)
    "fr-contrat-hebergement-tma-flotte-abonnes-velos-halyxe-velomotion-grand-essaure.txt",
    "en-hds-hosting-agreement-donor-collection-platform-sorrelgate-adsb-trois-forets.txt",
    "fr-cga-saas-annonces-mandats-signature-tuilora-agence-bastide-pinsolle.txt",
    "en-saas-teledermatology-triage-terms-lesionly-scm-medecins-val-dausseine.txt",
    # forty-fifth round (2026-11-25, eighteenth session, written mid-session)
    "fr-conditions-generales-hebergement-appli-membres-paiement-basaltis-gie-fortimo.txt",
    "fr-ccap-hebergement-maintenance-telemesure-alerte-crues-limnisys-smrob.txt",
    "en-hosting-terms-farm-crowdfunding-hedgerow-cloud-agrifonds.txt",
    "fr-cg-saas-transport-sanitaire-sanicourse-ambulances-val-de-morge.txt",
    # forty-sixth round (2026-11-25, nineteenth session)
    "fr-marche-hebergement-maintenance-declarations-aides-parcelline-chambre-agriculture-val-de-loudre.txt",
    "en-managed-database-operations-kernholt-saulnier-payroll.txt",
    "fr-conditions-hebergement-cloud-manage-marketplace-instruments-stratonef-doublecroche.txt",
    # forty-seventh round (2026-11-25, nineteenth session, written mid-session)
    "en-managed-hosting-ecommerce-oms-tallowgate-ardalene-paris.txt",
    "fr-saas-rdv-comptes-rendus-patients-convocia-imagerie-lorvene-sante.txt",
    "en-managed-hosting-ferry-booking-boarding-quaywright-traversees-belvaren.txt",
    # forty-eighth round (2026-11-25, twentieth session)
    "fr-cg-hebergement-billetterie-theatres-strapontin-cloud-planches-buissonnieres.txt",
    "en-saas-terms-teletherapy-marketplace-sagewillow-scm-psychotherapeutes-vellemont.txt",
    # forty-ninth round (2026-11-25, twentieth session, written mid-session)
    "fr-cga-saas-flotte-planning-lecons-franchises-auto-ecoles-creneauto-tournevent-conduite.txt",
    "en-hosting-terms-wedding-gallery-print-sales-pearlvault-capucine-photographie.txt",
}


def main(argv):
    wanted = argv[1:] or list(TARGETS)
    try:
        build_all(wanted)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0


def build_all(wanted):
    for name in wanted:
        src = HERE / name
        fmt = TARGETS[name]
        if src.suffix == ".src":
            lang = ("en", "GB") if name.startswith("en-") else ("fr", "FR")
            src = build_fodt(src, *lang)
        elif src.suffix == ".txt":
            head2 = HEAD2_WIDE if name in WIDE_HEADINGS else HEAD2
            src = build_html(src, "en" if name.startswith("en-") else "fr", head2)
        convert(src, fmt)
        print("built", name, "->", fmt)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
