"""Applicability and the scope of a carve-out: what a contract excludes, and what a negation really denies."""

from __future__ import annotations

import pytest
from conftest import audit_for


def applies(field: str, text: str) -> bool:
    report = audit_for("HDS-01", text + "\n")
    return next(a for a in report.applicability if a.name == field).applies


@pytest.mark.parametrize(
    ("field", "text"),
    [
        # a list introduced by "Sont exclus … :" carves out every item, across the semicolons
        ("health_data", "Article 5 – Périmètre\nSont exclus des prestations : les postes de travail ; les dossiers "
                        "patients du Centre ; la téléphonie."),
        # a clause titled as a list of exclusions, its items on their own lines
        ("health_data", "Article 12 – Exclusions\n12.1 L'hébergement des dossiers de soins des résidents.\n"
                        "12.2 La maintenance des dispositifs médicaux."),
        ("health_data", "The Services exclude the hosting of any patient data, which remains on Customer's servers."),
        ("health_data", "Provider hosts all of Customer's business data other than medical records."),
        ("health_data", "Hors périmètre : l'hébergement des données de santé, confié par le Client à un hébergeur "
                        "de son choix."),
        # the subject said to be excluded
        ("data_processing_service", "Provider monitors Customer's on-site servers. Hosting is excluded from the Services."),
        ("specific_developments", "Sont exclus du contrat : la formation ; les développements spécifiques."),
        ("health_data", "Provider hosts all Customer systems with the exception of the patient records, which Customer "
                        "keeps on site."),
        # a carve-out runs over a list joined by commas
        ("health_data", "The Services exclude network provision, the hosting of any patient data and end-user support."),
    ],
)
def test_what_a_contract_carves_out_does_not_bring_it_into_scope(field, text):
    assert not applies(field, text)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        # a carve-out covers what follows it, not what the provider hosts before it
        ("health_data", "Le Prestataire héberge les dossiers patients, à l'exclusion des images stockées sur site."),
        # "exclusivement" restricts, it carves nothing
        ("health_data", "Le Prestataire héberge exclusivement les dossiers patients du Centre."),
        # a liability exclusion leaves the data in scope
        ("health_data", "La responsabilité du Prestataire est exclue en cas de perte des dossiers patients due au Client."),
        ("health_data", "Article 9 – Exclusions de responsabilité\nLe Prestataire n'est pas responsable de la perte "
                        "des dossiers patients due au Client."),
        # a restriction after a negation affirms
        ("health_data", "The Provider shall host no data other than the patient records of the Customer."),
        ("health_data", "Le Prestataire héberge les données de santé des patients hors de l'Union européenne."),
        ("health_data", "Le Prestataire héberge les dossiers patients, à l'exception des images conservées par le Centre."),
        # a carve-out in a relative clause stops at its comma
        ("health_data", "Le Prestataire, qui exclut toute sous-traitance, héberge les dossiers patients du Centre."),
        # billed apart, still made for the client
        ("specific_developments", "Les développements spécifiques sont facturés hors forfait."),
        ("data_processing_service", "Le Prestataire héberge l'application ; sont exclues les prestations de formation."),
    ],
)
def test_restrictions_liability_exclusions_and_later_carve_outs_keep_the_field(field, text):
    assert applies(field, text)


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("health_data", "Le Prestataire héberge les comptes rendus d'examens du laboratoire.", True),
        ("health_data", "Le cabinet de radiologie confie au Prestataire la tenue de sa comptabilité.", False),
        ("data_processing_service", "Vous accédez à l'outil depuis votre navigateur, sans installation.", True),
        ("specific_developments", "Les évolutions demandées par le Client sont réalisées exclusivement pour lui.", True),
        ("specific_developments", "Les évolutions de la plateforme suivent la feuille de route de l'Éditeur.", False),
        ("health_data", "Les dossiers patients sont tenus sur support papier par le Cabinet ; le Prestataire héberge "
                        "seulement son site vitrine.", False),
        ("health_data", "Le Prestataire héberge le logiciel de l'EHPAD, y compris les plans de soins des résidents.", True),
        ("data_processing_service", "Le Prestataire conseille le Client sur sa future migration vers un cloud public.", False),
        ("data_processing_service", "Provider makes the booking platform available to Customer over the internet.", True),
        ("specific_developments", "Le Prestataire développe pour le compte du Client un module d'export comptable.", True),
        # a look-alike set aside (another contract's software) is no denial: the stretch after it still counts
        ("specific_developments", "Les développements spécifiques édités par un tiers relèvent d'un contrat distinct ; les "
                                  "développements sur mesure du Prestataire sont facturés au temps passé.", True),
    ],
)
def test_said_indirectly(field, text, expected):
    assert applies(field, text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rules or scripts written for this client's systems are specific work, even if the provider keeps them
        ("Les tableaux de bord élaborés par le prestataire pour l'environnement du Syndicat lui restent acquis.", True),
        # a deliverable handed over with its sources is specific work, whatever the client is called
        ("Le module de facturation appartient à la Mutuelle ; ses codes sources sont remis à la recette.", True),
        # a package whose sources sit in escrow: REV-05 judges that escrow
        ("Les sources du progiciel sont déposés auprès de l'agence de séquestre choisie par les parties.", True),
        ("Provider keeps the source code escrow agreement with a recognised escrow agent up to date.", True),
        # no escrow and a plan drawn up by the provider: nothing made for the client
        ("Le plan de reprise élaboré par le prestataire est remis au client chaque année.", False),
        ("Aucun dépôt des sources sous séquestre n'est prévu.", False),
    ],
)
def test_work_made_for_the_client_or_escrowed(text, expected):
    assert applies("specific_developments", text) is expected


VETERINARY_SAAS = """Article 1 – Définitions
« Patient » : tout animal suivi par la Clinique, dont la fiche est créée dans le Logiciel.
« Propriétaire » : la personne qui confie le Patient à la Clinique vétérinaire.
Article 2 – Objet
L'Éditeur met à disposition de la Clinique, en mode SaaS, un logiciel permettant de tenir les dossiers des
Patients, les ordonnances, les vaccinations et la facturation aux Propriétaires.
Article 3 – Hébergement
Les dossiers des Patients sont hébergés dans un centre de données situé en France.
"""


def test_a_veterinary_practice_s_patients_are_animals():
    assert not applies("health_data", VETERINARY_SAAS)
    # one passing mention of animals is not enough to change what « patients » means
    assert applies("health_data", "Le Prestataire héberge les dossiers patients du Centre. Les animaux "
                                  "d'assistance sont admis dans les locaux.")


# Look-alikes of health data in our own wording: declarations that there are none, patients named for
# their safety or their treatment, not for their data; and the data themselves, said once.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Client déclare que le Service n'est pas utilisé pour traiter des données de santé au sens "
         "de l'article L. 1111-8 du code de la santé publique.", False),
        ("Aucun dossier patient n'est transmis au Prestataire, les plans d'hôpitaux conçus par le "
         "Client ne comportant que des informations techniques.", False),
        ("The Customer warrants that it will not upload any health data or patient information to the "
         "Platform.", False),
        ("Les mesures corporelles recueillies par l'application servent au suivi sportif des "
         "adhérents, non à la prévention, au diagnostic ou aux soins ; elles ne sont pas des données "
         "de santé au sens du code de la santé publique.", False),
        ("Les certificats médicaux d'aptitude sont présentés à l'accueil sur papier ; ils ne sont ni "
         "numérisés ni conservés par le titulaire.", False),
        ("Provider's alarms help Customer meet its good distribution practice duties and protect "
         "patient safety.", False),
        ("Le Distributeur approvisionne les pharmacies afin d'assurer la continuité du traitement des "
         "patients ; aucune donnée relative aux patients n'est traitée par la Plateforme.", False),
        ("La solution ne permet pas l'enregistrement de données de santé : seul un indicateur « "
         "certificat médical fourni » et sa date de validité sont conservés.", False),
        ("Le service ne traite aucune donnée de santé : le Client s'interdit d'y déposer tout document "
         "médical.", False),
        ("Les points de collecte des déchets de soins des patients en auto-traitement figurent sur la "
         "carte du portail, sans aucune donnée personnelle.", False),
        ("Le présent contrat ne concerne pas l'hébergement de données de santé, que le Client confie à "
         "un hébergeur certifié distinct.", False),
        ("No personal health data is processed under this Agreement; should Customer ever wish to "
         "process such data, a separate agreement with a certified host shall be required.", False),
        ("Les données traitées sont exclusivement administratives (identité, adresse, montant de "
         "l'aide) ; les justificatifs médicaux ne sont pas demandés.", False),
        ("L'Abonné s'engage à ne pas enregistrer dans la Solution de données concernant la santé des "
         "élèves.", False),
        ("Le Laboratoire n'analyse que des denrées alimentaires et des prélèvements d'environnement ; "
         "aucun échantillon d'origine humaine n'est traité.", False),
        ("Les locaux de l'hôpital de jour sont desservis par le réseau du Client ; le Prestataire "
         "n'intervient pas sur le système d'information patient.", False),
        ("Le Client reste seul responsable des données de santé éventuellement saisies en violation de "
         "l'article 6.3, qui les interdit.", False),
        ("Il est rappelé que la Plateforme n'est pas certifiée pour l'hébergement de données de santé "
         "et ne doit en recevoir aucune.", False),
        ("The Firm confirms that no medical records, patient files or other health data are printed, "
         "scanned or stored through the Service.", False),
        ("Le Prestataire héberge les dossiers des patients du Centre et leurs audiogrammes.", True),
        ("Les prescriptions médicales de transport des patients sont numérisées et conservées dans la "
         "Solution.", True),
        ("L'Établissement confie au Prestataire l'hébergement des prescriptions de soins thermaux des "
         "curistes et de leurs dossiers médicaux.", True),
        # a declaration that a second clause opens with "et que" is no restriction: it denies
        ("La Commune déclare que les fichiers transmis ne contiennent ni certificat médical ni diagnostic et que "
         "l'application n'a pas vocation à héberger des données de santé.", False),
        ("L'Association déclare que les listes d'adhérents ne mentionnent aucun handicap, et qu'aucune donnée de "
         "santé n'est traitée par le service.", False),
        # a heading or a phrase that says the data are absent
        ("Article 4.2 – Absence de données de santé\nLes fiches d'intervention ne décrivent que l'état des "
         "matériels.", False),
        ("Le service est fourni sans donnée de santé : les rendez-vous ne portent que sur des créneaux.", False),
        ("The platform is free of any health data: appointments carry a time slot only.", False),
        # a true restriction still affirms, and so does a provider that hosts the data "without" a flaw
        ("Le Prestataire n'héberge les dossiers médicaux des patients que dans ses deux centres certifiés.", True),
        ("Le Prestataire héberge les dossiers médicaux des patients sans interruption de service.", True),
        # the data handled elsewhere, outside this contract
        ("Claims involving medical records are reviewed on a separate certified environment outside this "
         "Agreement.", False),
        ("Les expertises médicales des dossiers sinistres sont traitées hors du présent contrat, par un hébergeur "
         "certifié choisi par la Mutuelle.", False),
        ("Les bilans de santé des bénéficiaires et les dossiers médicaux de l'équipe d'évaluation sont gérés dans un "
         "logiciel propre au service médical, exclu du présent marché.", False),
        ("Patient records of the occupational physicians stay in their own system, which is excluded from this "
         "agreement.", False),
        # a certified host said unnecessary is no sign that health data are hosted
        ("Le Client n'héberge dans l'application que les menus et les inscriptions ; le recours à un hébergeur "
         "agréé pour l'hébergement de données de santé n'est donc pas requis.", False),
        ("Certification as a health data host is therefore not required for this service.", False),
        # "none of" denies as "no" does
        ("The Client represents that none of the records it will load into the Service are health data.", False),
        ("Customer warrants that none of the files exchanged through the portal contain health data.", False),
        # a declaration that the data were not collected for care, with words between the negation and the law's
        ("Article 7 – Données médicales\n7.1 Les rapports d'expertise des sinistres corporels ne sont pas "
         "transmis par les assurés à l'occasion d'activités de prévention, de diagnostic ou de soins ; ils servent à "
         "l'indemnisation.", False),
        ("The medical opinions in the claim files are not, in any case, collected for the purposes of prevention, "
         "diagnosis or care.", False),
        # an exclusion of something else does not remove the patients' records the contract hosts
        ("Le Titulaire héberge les dossiers médicaux des patients du centre ; la messagerie du Client est exclue "
         "du présent marché.\nLes dossiers médicaux des patients sont sauvegardés chaque nuit.", True),
    ],
)
def test_look_alikes_and_the_data_said_once(text, expected):
    assert applies("health_data", text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading only names the subject: its clause, sub-clauses included, decides
        ("Article 9 – Données de santé\n9.1 Le Client garantit que les données qu'il confie ne comprennent "
         "aucune donnée de santé.", False),
        ("Article 9 – Données de santé\nLe Client garantit que les données confiées ne comprennent aucune "
         "donnée de santé.", False),
        ("Article 9 – Données de santé\n9.1 Le Prestataire héberge les données de santé des patients du "
         "Centre.", True),
        # an extension that would need an amendment or another contract is not this contract's scope
        ("Article 2 – Périmètre\nLe Prestataire héberge l'intranet de la Caisse. Toute extension du périmètre aux "
         "dossiers médicaux des assurés ferait l'objet d'un avenant.", False),
        ("Hosting patient records would require a separate agreement with a certified health data host.", False),
        # a party denying that it hosts the data itself names the one who does
        ("Le Prestataire, qui n'héberge pas lui-même les dossiers des patients, les confie à un hébergeur "
         "certifié.", True),
        # a heading over a clause that only carves the data out of the contract
        ("Article 3 – Hébergement de données de santé\nSont exclus du périmètre du marché : le dossier médical de "
         "santé au travail ; les certificats médicaux.", False),
        # a heading over a clause that only names a certificate still says what the contract hosts
        ("Article 5 – Hébergement des données de santé\n5.1 L'Hébergeur est titulaire du certificat d'hébergeur "
         "de données de santé n° HDS-0000.", True),
        # a hypothesis in the imperfect is what the contract does not do today
        ("Si la Mutuelle souhaitait confier au Prestataire les dossiers médicaux de ses adhérents, les parties "
         "concluraient un contrat distinct.", False),
        ("Au cas où l'Abonné venait à enregistrer des données de santé, il devrait recourir à l'offre certifiée.", False),
        ("Should the Customer wish to upload patient records, Provider will first propose a certified host.", False),
        # a condition in the present describes what the contract does when it happens
        ("Si le Centre confie des dossiers de patients au Prestataire, ceux-ci sont hébergés chez un hébergeur "
         "certifié.", True),
        ("Patient records were migrated to the Platform on signature.", True),
        # a title in running text, with no number, is a heading too: its clause decides
        ("Article 6 – Sécurité\nLe Prestataire chiffre les sauvegardes. Données de santé. Les fichiers confiés ne "
         "comportent aucune donnée de santé.", False),
        ("Article 6 – Security\nProvider encrypts all backups. Health data: Customer shall not upload any health "
         "data to the Service.", False),
        ("Article 6 – Sécurité\nLe Prestataire chiffre les sauvegardes. Données de santé. Le Prestataire héberge "
         "les dossiers médicaux des patients en France.", True),
        # a short sentence with a verb of its own says something of the data
        ("Article 6 – Security\nProvider hosts patient records. It hosts no other health data.", True),
    ],
)
def test_headings_hypothetical_extensions_and_partial_denials(text, expected):
    assert applies("health_data", text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # data collected outside any care purpose: the law is named to say it does not apply
        ("Les relevés de fréquence cardiaque des coureurs servent au seul classement des épreuves, en dehors de "
         "toute finalité de prévention, de diagnostic ou de soins au sens de l'article L. 1111-8 du code de la "
         "santé publique.", False),
        ("Step counts are collected for a workplace challenge only, outside any prevention, diagnosis or care "
         "activity within the meaning of Article L. 1111-8 of the French Public Health Code.", False),
        # "en dehors de" about something else keeps the data in
        ("Les dossiers médicaux des patients sont hébergés en France, en dehors de tout accès depuis un pays "
         "tiers.", True),
        # analyses of water, flour or soil are no patients' results; medical analyses are
        ("Les résultats d'analyses des prélèvements d'eau sont archivés dix ans dans la Plateforme.", False),
        ("La Coopérative transmet au Fournisseur les résultats d'analyses de ses lots de céréales.", False),
        ("Le Prestataire héberge les résultats d'analyses médicales transmis aux médecins prescripteurs.", True),
        # data declared collected outside any care: the field is out, though health data are named elsewhere
        ("Article 7 – Données sensibles\n7.1 Les dossiers d'accidents de la route contiennent des expertises "
         "médicales remises par les victimes. L'Étude les reçoit pour instruire les indemnisations, non à "
         "l'occasion d'activités de prévention, de diagnostic ou de soins.\nArticle 8 – Annexe\nCatégories : "
         "identité, données de santé des victimes, pièces de procédure.", False),
        ("Injury claim files hold medical reports supplied by claimants. They are not collected in the course of "
         "prevention, diagnosis or care, and their hosting does not fall within Article L. 1111-8. Data categories: "
         "identity, health data, court documents.", False),
        # a provider cannot declare a clinic's patient records out of the law: patients come back
        ("Le Prestataire héberge le dossier patient de la Clinique. Les patients consultent leurs comptes rendus "
         "en ligne. Le Client reconnaît que le Service ne relève pas de l'article L. 1111-8 du code de la santé "
         "publique.", True),
    ],
)
def test_data_collected_outside_care_and_analyses_of_what(text, expected):
    assert applies("health_data", text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the health-data hosting rules said not to apply to a portal that collects no such data
        ("Article 1 – Données\nLe Portail ne recueille aucune donnée de santé ; les demandes d'aménagement sont "
         "instruites hors du Portail. Les règles relatives à l'hébergement de données de santé ne sont donc pas "
         "applicables au marché.", False),
        ("Article 1 – Données\nLes dispositions de l'article L. 1111-8 sur l'hébergement de données de santé ne "
         "s'appliquent donc pas au présent contrat.", False),
        ("1. Data\nThe Platform holds no health data, and the HDS hosting rules do not apply to this Agreement.", False),
        # a rule said not to apply to something else leaves the patients' records in
        ("Article 9 – Pénalités\nLes pénalités ne sont pas applicables pendant la période de migration. Le "
         "Prestataire héberge les dossiers médicaux des patients du Centre.", True),
    ],
)
def test_health_data_hosting_rules_said_not_to_apply(text, expected):
    assert applies("health_data", text) is expected


def test_the_declaration_is_quoted_as_the_reason():
    report = audit_for("HDS-01", "Les mesures des coureurs servent au classement, non à l'occasion d'activités "
                                 "de prévention, de diagnostic ou de soins ; aucune donnée de santé n'est hébergée.\n")
    field = next(a for a in report.applicability if a.name == "health_data")
    assert not field.applies and "hors de toute activité de prévention" in field.say
    assert "non à l'occasion d'activités de prévention" in field.evidence[0].quote
