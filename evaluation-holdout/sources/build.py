#!/usr/bin/env python3
"""Build the office files of the held-out evaluation set from their sources.

The builder is evaluation/sources/build.py (see its docstring for the source formats), run on
this folder's sources, with one difference: typed headings may also be public-procurement
article numbers ("Article 5.2.1 – Title") and numbered annex items ("1. Title").
Usage: python3 build.py [source...]  (from any directory); outputs go to ../contracts/.
"""
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("evaluation_build", HERE.parents[1] / "evaluation" / "sources" / "build.py")
builder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(builder)

builder.HERE = HERE
builder.OUT = HERE.parent / "contracts"
builder.HEAD2 = builder.HEAD2_WIDE
# source -> output format
builder.TARGETS = {
    "fr-ccap-ent-lycees-hebergement-edulia-region-haute-sevrine.txt": "pdf",
    "fr-convention-ght-dossier-patient-partage-ch-hautes-breves-ch-lornac.src": "docx",
    "en-saas-employee-assistance-serenvia-maubrac-assurances.txt": "pdf",
    "fr-ccap-supervision-bornes-recharge-syndicat-energie-orvize-amperys.txt": "pdf",
    "fr-saas-signature-archivage-scellia-chambre-notaires-val-de-loirac.src": "docx",
    "fr-saas-gestion-clinique-veterinaire-vetalys-clinique-trois-chenes.src": "docx",
    # eleventh batch (2026-11-24, eighth session)
    "fr-saas-ophtalmologie-retinalys-vision-atlantique.src": "docx",
    "fr-ccap-numerisation-sae-departement-vaudrenne.txt": "pdf",
    "en-saas-kestrelmoor-vellaure.src": "docx",
    "fr-maintenance-previsia-valdormance.txt": "pdf",
    "fr-contrat-hebergement-altanuage-courrier-des-combes.src": "docx",
    "fr-mapa-police-municipale-vigilog-saint-aubin-de-vernay.txt": "pdf",
    "en-hosting-nimbrel-kerbridge.txt": "pdf",
    "fr-infogerance-ondalis-archipel.src": "docx",
    # thirteenth batch (2026-11-24, ninth session)
    "fr-saas-ergotherapie-ergalis-cabinet-remparts.src": "docx",
    "fr-marche-hebergement-siv-horalis-mobilites-valdrenne.txt": "pdf",
    "fr-saas-flotte-rouleo-systemes-loca-estuaire.src": "docx",
    "en-hosting-castellane-cloud-pariloo.txt": "pdf",
    "fr-maintenance-mes-fromentel-cooperative-laitiere-haut-orgeval.txt": "pdf",
    "fr-ccap-biodiversite-geonaturalis-pnr-hautes-combes.src": "docx",
    "en-saas-vigilynx-orthalis.src": "docx",
    "fr-saas-ostealys-osteo-confluence.txt": "pdf",
    # fourteenth batch (2026-11-24, tenth session)
    "fr-saas-psychomotricite-psymotia-scm-glycines.txt": "pdf",
    "en-saas-travel-expense-tripledger-ingerys-conseil.src": "docx",
    "fr-infogerance-hds-numalys-had-val-de-brume.txt": "pdf",
    "fr-contrat-hebergement-encheres-nuvalto-arcanes-associes.src": "docx",
    "fr-saas-sylvane-og-saint-verain.src": "docx",
    "fr-mapa-placenet-commune-lauzerac.txt": "pdf",
    "en-saas-symptom-monitoring-sentinova-institut-haute-valliere.txt": "pdf",
    "fr-ccap-hebergement-evolution-sig-syndicat-coteaux-dorbelle.src": "docx",
    # fifteenth batch (2026-11-24, eleventh session)
    "fr-saas-ventrel-athletis.txt": "pdf",
    "fr-ccap-quittia-loire-cotiere-habitat.src": "docx",
    "fr-maintenance-scada-anemotech-cretes-lorvane.txt": "pdf",
    "en-saas-dms-ledgerleaf-orvande.src": "docx",
    "fr-contrat-hebergement-valserine-ghp-marcenac.src": "docx",
    "en-saas-lumenreg-reseau-aster.txt": "pdf",
    "fr-saas-gestion-soutien-scolaire-tutorama-cap-savoirs.src": "docx",
    "en-hosting-private-cloud-nuvalis-skyrelle.txt": "pdf",
    # sixteenth batch (2026-11-24, twelfth session)
    "fr-saas-douleur-antalgia-gcs-douleur-flandres-artois.src": "docx",
    "en-saas-permit-to-work-ferrolink-morvan-genie-civil.txt": "pdf",
    "fr-ccap-hebergement-lms-titulaire-greta-hautes-vallees.txt": "pdf",
    "fr-infogerance-altiplan-ifsi-saint-aldric.txt": "pdf",
    "en-hosting-corvane-revetia.src": "docx",
    "fr-maintenance-faunasoft-parc-zoologique-hautes-bruyeres.src": "docx",
    "fr-bon-de-commande-pixel-bocage-fc-trois-rivieres.txt": "pdf",
    "fr-contrat-hebergement-hestiame-mdph-haute-varaize.txt": "pdf",
    "fr-saas-planning-pointage-quartalis-groupe-clarivel.src": "docx",
    # seventeenth batch (2026-11-24, twelfth session, written mid-session)
    "en-hosting-managed-kelvane-cloud-datastade.src": "docx",
    "fr-ccap-hebergement-tracabilite-linge-lintrace-bih-val-de-morve.txt": "pdf",
    "fr-saas-arthemis-rhumato-atlantique.src": "docx",
    "en-saas-cellarlink-maison-verac-bellerive.txt": "pdf",
    "fr-maintenance-sylvalog-scierie-haut-vernay.txt": "pdf",
    "fr-contrat-hebergement-nubios-sante-perinat-armor.src": "docx",
    "fr-mapa-permis-voirie-viaterra-commune-lestrac.txt": "pdf",
    "en-hosting-managed-nerevia-fondation-saint-aubrac.src": "docx",
    # eighteenth batch (2026-11-24, thirteenth session)
    "en-hosting-tidewell-pilotes-sevrine.src": "docx",
    "fr-ccap-plateforme-taxe-sejour-ot-val-dorsanne.txt": "pdf",
    "fr-saas-encephalys-neurolecture.src": "docx",
    "en-saas-tallymoss-mareval.txt": "pdf",
    "fr-maintenance-houblonix-brasserie-trois-ecluses.txt": "pdf",
    "fr-contrat-hebergement-sylvacloud-registre-cancers-haute-verenne.src": "docx",
    "fr-mapa-hebergement-tad-itineo-haut-vernois.txt": "pdf",
    "en-hosting-norvane-ortheval.src": "docx",
    # nineteenth batch (2026-11-24, thirteenth session, written mid-session)
    "en-hosting-halcyon-montrachet-capital.src": "docx",
    "fr-ccap-hostalys-chambre-agriculture-hautes-combes.txt": "pdf",
    "fr-saas-mnemosia-cliniques-memoire-ouest.src": "docx",
    "en-saas-tenderlume-orvanne-ingenierie.txt": "pdf",
    "fr-maintenance-balancia-carrieres-de-la-vorne.txt": "pdf",
    "fr-contrat-hebergement-kerydis-universite-morlanne.src": "docx",
    "fr-mapa-placiers-placeo-commune-mirabel-sur-ourse.txt": "pdf",
    "en-hosting-nerelis-cliniques-belvene.src": "docx",
    # twentieth batch (2026-11-24, fourteenth session)
    "en-hosting-norrow-passages-kerlann.src": "docx",
    "fr-ccap-astralis-sdis-val-darmance.txt": "pdf",
    "fr-saas-santravia-spsti-val-de-sevrine.src": "docx",
    "en-saas-corvane-ferrandis-industries.txt": "pdf",
    "fr-maintenance-supervision-hydrocalix-eaux-de-la-viere.txt": "pdf",
    "fr-contrat-hebergement-teleconsultation-sequoiane-gcs-ambrelle.src": "docx",
    "fr-mapa-hebergement-dechets-tridalis-cc-pays-de-marvanne.txt": "pdf",
    "en-managed-hosting-sandrelle-reseau-cigogne-fertilite.src": "docx",
    # twenty-first batch (2026-11-24, fourteenth session, written mid-session)
    "en-hosting-corvenne-cloud-parlandia.src": "docx",
    "fr-ccap-portail-opendata-passerelle-api-vallorgue-metropole.txt": "pdf",
    "fr-saas-sireneo-horizon-vert-ambulances.src": "docx",
    "en-saas-tollgate-marennes-fret.txt": "pdf",
    "fr-maintenance-collecte-laitiere-traitalys-cooperative-monts-daureze.txt": "pdf",
    "fr-contrat-hebergement-coordination-prelevements-hostalys-chu-valmerie.src": "docx",
    "fr-mapa-facturation-releve-clepsydre-syndicat-eaux-aubrette.txt": "pdf",
    "en-hosting-patient-records-vellacor-association-amarrages.src": "docx",
    # twenty-second batch (2026-11-24, fifteenth session)
    "en-hosting-hollowbrook-valargens-recyclage.src": "docx",
    "fr-ccap-hebergement-sae-archivalys-departement-haute-loubiere.txt": "pdf",
    "fr-saas-neurorelais-vasculink-gcs-teleavc-haute-marvege.src": "docx",
    "en-saas-wagonsight-ferrolytix-fret-ligerien.txt": "pdf",
    "fr-maintenance-cuiralis-tanneries-arbelet.txt": "pdf",
    "fr-contrat-hebergement-kerhaven-laboratoires-sernac.src": "docx",
    "fr-mapa-stationnement-barrivia-agglo-grand-sauvenay.txt": "pdf",
    "en-hosting-burn-records-calvena-gcs-brulures-atlantique.src": "docx",
    # twenty-third batch (2026-11-24, fifteenth session, written mid-session)
    "en-hosting-saltline-booking-loyalty-hotels-dunes-darmor.src": "docx",
    "fr-ccap-apprentia-aides-apprentissage-region-sud-aquilane.txt": "pdf",
    "fr-saas-respilia-alizes-sante-domicile.src": "docx",
    "en-saas-herdlynx-cooperative-haut-ardon.txt": "pdf",
    "fr-maintenance-billetterie-coryphea-opera-vaudrenne.txt": "pdf",
    "fr-contrat-hebergement-dossiers-cmpp-altanea-guidance-val-de-lorne.src": "docx",
    "fr-mapa-hebergement-mediatheque-pagelia-commune-vauxbrune.txt": "pdf",
    "en-hosting-tessaly-lien-veille.src": "docx",
    # twenty-fourth batch (2026-11-24, sixteenth session)
    "fr-saas-suivi-greffe-renale-tubulis-gcs-greffe-rein-armance-lys.src": "docx",
    "en-managed-hosting-terms-booking-boarding-brackwater-vedettes-ormenez.txt": "pdf",
    "fr-saas-usmp-kaleomed-chi-sauvelande.txt": "pdf",
    "en-saas-export-excise-bondwell-aubertin-roques.src": "docx",
    "fr-mapa-ae-ccap-logiciel-piscines-controle-acces-bassilog-ville-de-morlanges.txt": "pdf",
    "fr-hebergement-tma-base-variants-genetique-kernoa-biogene-val-dauzance.src": "docx",
    "en-hosting-addiction-care-network-oriel-cloud-fondation-vaucroix.txt": "pdf",
    "fr-maintenance-chronometrage-photo-finish-paris-telichron-societe-courses-brassac.src": "docx",
    # twenty-fifth batch (2026-11-24, sixteenth session, written mid-session)
    "fr-saas-preparations-chimiotherapie-flacora-polyclinique-hautes-fontaines.src": "docx",
    "en-hosting-terms-ticket-resale-marketplace-stackmere-tixoria.txt": "pdf",
    "fr-saas-anatomopathologie-lamellis-selas-pathologie-deux-caps.txt": "pdf",
    "en-saas-claims-fraud-detection-scrutalis-arvanche-assurances.src": "docx",
    "fr-maintenance-hebergement-reservation-refuges-cretelia-refuges-aiguillane.src": "docx",
    "fr-hebergement-hds-plateforme-rcp-armillaire-institut-cancerologie-hautes-brandes.txt": "pdf",
    "en-hosting-cardiac-telemonitoring-dunmarrow-cloud-tensiora.txt": "pdf",
    "fr-marche-hebergement-tma-portail-redevances-prelevements-declarys-agence-eau-varlonne-estuaires.src": "docx",
    # twenty-sixth batch (2026-11-25, seventeenth session)
    "fr-saas-audioprothese-stapedia-centres-auditifs-mirandole.src": "docx",
    "en-saas-terms-coworking-access-booking-latchwise-comptoir-brisane.txt": "pdf",
    "fr-hebergement-hds-imagerie-dentaire-miralune-reseau-cuspide.txt": "pdf",
    "en-managed-hosting-online-bidding-gannetrock-marbrelle-kervoas.src": "docx",
    "fr-marche-hebergement-tma-registre-elevage-bouclane-chambre-agriculture-val-de-cerasse.src": "docx",
    "fr-bon-de-commande-boutique-click-collect-ordonnances-pilonweb-pharmacie-halle-aux-grains.txt": "pdf",
    "en-hosting-ivf-records-quarzel-maisons-fertilite-carmaval.txt": "pdf",
    "fr-ccap-hebergement-maintenance-sigb-incunabia-universite-mirecombe.src": "docx",
    # twenty-seventh batch (2026-11-25, seventeenth session, written mid-session)
    "fr-ccap-hebergement-tma-cantines-lycees-pai-cardamine-region-haute-armandine.src": "docx",
    "en-managed-hosting-investor-reporting-portal-slatebourne-valmaury-fund-administration.txt": "pdf",
    "fr-hebergement-hds-plateforme-invitations-resultats-depistage-nebrisse-crcdc-marches-ysoire.txt": "pdf",
    "en-saas-polysomnography-slumbergraph-centres-sommeil-rivaval.src": "docx",
    "fr-hebergement-maintenance-boutique-club-vins-grappix-domaine-terres-ambrees.txt": "pdf",
    "fr-saas-pmi-carnetis-departement-val-de-brame.src": "docx",
    "en-hosting-terms-music-crowdfunding-quaverstack-ritournelle.txt": "pdf",
    # twenty-eighth batch (2026-11-25, eighteenth session)
    "fr-infogerance-hds-saad-plans-aide-graveole-domiciles-solidaires-escoule.txt": "pdf",
    "fr-ccap-hebergement-maintenance-transport-adapte-trajectis-departement-arnaveze.src": "docx",
    "en-managed-hosting-agreement-newsroom-paywall-slugline-cloud-gazette-val-dargennes.src": "docx",
    "fr-marche-tma-hebergement-supervision-reseau-facturation-abonnes-ruisselia-siec-causse-vermagne.txt": "pdf",
    "en-saas-robot-fleet-monitoring-kinemark-logistique-corbeyrac.txt": "pdf",
    "fr-conditions-hebergement-hds-dossiers-sages-femmes-ombellecloud-reseau-cote-des-brumes.src": "docx",
    "fr-marche-hebergement-maintenance-portail-etat-civil-numerise-velinova-departement-haut-clarencon.txt": "pdf",
    # twenty-ninth batch (2026-11-25, eighteenth session, written mid-session)
    "fr-saas-dossier-medical-sante-travail-carnelis-reseau-sante-travail-trois-plateaux.src": "docx",
    "en-managed-hosting-cat-terminology-platform-tarnwick-glossamare-traduction.txt": "pdf",
    "fr-ccap-hebergement-maintenance-fps-rapo-horodia-metropole-grand-salverne.txt": "pdf",
    "fr-cg-saas-stocks-accises-zythoria-brasserie-mauvecroix.src": "docx",
    "en-saas-terms-speech-therapy-exercise-app-sonorbee-scm-orthophonie-rive-galande.src": "docx",
    "en-hosting-fertility-app-backend-tamarisk-cloud-ovella.txt": "pdf",
    "fr-hebergement-maintenance-marketplace-reservation-ancolie-numerique-crt-mareterre.src": "docx",
    # thirtieth batch (2026-11-25, nineteenth session, written at the session start)
    "fr-marche-hebergement-hds-rdv-teleconsultation-calystene-gcs-esante-brievre-loisance.txt": "pdf",
    "en-saas-placement-tests-learner-records-levelsmith-quinconce-langues.src": "docx",
    "fr-hebergement-maintenance-hds-csapa-cordalys-sante-ellebore-addictions.src": "docx",
    "en-managed-hosting-terms-collector-car-auction-platform-brasswick-cloud-varlamont-encheres.txt": "pdf",
    "fr-ccap-hebergement-tma-bourses-formations-sanitaires-sociales-bursalis-region-sorel-atlantique.src": "docx",
    "fr-marche-infogerance-hds-serveurs-sil-laboratoire-helixia-services-chu-sainte-valdree.src": "docx",
    "fr-cg-hebergement-site-livres-condoleances-immortelle-numerique-pf-castagnol-dauvergne.txt": "pdf",
    # thirty-first batch (2026-11-25, nineteenth session, written mid-session)
    "en-managed-hosting-customs-declaration-platform-lockmere-vidalenc-transit.txt": "pdf",
    "fr-saas-conditions-generales-mariages-traiteurs-drageo-atelier-camelia-receptions.src": "docx",
    "fr-saas-podologie-orthoses-fouleo-selarl-podologues-halle-aux-toiles.txt": "pdf",
    "en-managed-soc-log-hosting-obsidal-bazars-marcillac.src": "docx",
    "fr-infogerance-hds-si-cliniques-psychiatriques-vertanys-groupe-cliniques-sorbiers.txt": "pdf",
    "fr-marche-hebergement-maintenance-back-office-ecrans-information-voyageurs-gares-panoplis-region-haute-ondrenne.src": "docx",
    "fr-conditions-generales-saas-salons-coiffure-ciselia-atelier-des-frangines.txt": "pdf",
    # thirty-second batch (2026-11-25, twentieth session, written at the session start)
    "fr-hebergement-maintenance-hds-tournees-ssiad-alcove-logiciels-ajoncs-kerloguen.src": "docx",
    "fr-mapa-tma-hebergement-aide-sociale-halmyre-ccas-montvezin.txt": "pdf",
    "en-saas-donor-appointments-questionnaires-rubrelle-fdsb-rives-aulnoie.txt": "pdf",
    "fr-tma-supervision-reseau-eau-vannexis-eaux-bassin-aubrade.src": "docx",
    "fr-hebergement-maintenance-dossier-soins-ehpad-hesperide-residences-ombrelune.txt": "pdf",
    "en-saas-terms-coowner-portal-general-meeting-voting-ballotline-regie-fontanel.src": "docx",
    # thirty-third batch (2026-11-25, twentieth session, written mid-session)
    "fr-saas-conditions-generales-click-collect-ordonnances-vitrinelle-pharmacie-moulin-gaillard.src": "docx",
    "en-managed-hosting-maintenance-wms-dedicated-servers-rackmoor-logistique-sarrabere.txt": "pdf",
    "fr-hebergement-tma-espace-adherents-calidris-mutuelle-fraternelle-haut-lizerot.src": "docx",
    "fr-mapa-hebergement-maintenance-portail-restauration-scolaire-cantoria-commune-sorbiac-en-vaudre.txt": "pdf",
    "fr-infogerance-scolarite-elearning-meriade-systemes-ecole-esterval.src": "docx",
    "fr-hebergement-maintenance-plateforme-rcp-ventadour-onco-arveze.txt": "pdf",
    "en-saas-production-planning-allergen-traceability-trayforge-cassarel-aero-catering.src": "docx",
}

if __name__ == "__main__":
    builder.main(sys.argv)
