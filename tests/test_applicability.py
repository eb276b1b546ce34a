"""Whether the HDS controls apply: health-data words that a sentence denies or that name a certificate do not count."""

from __future__ import annotations

import pytest
from conftest import audit_for

OBJECT = "Article 1 – Objet\nLe Prestataire héberge et administre la plateforme de gestion commerciale du Client.\n"


def health_data_applies(sentence: str) -> bool:
    report = audit_for("HDS-01", OBJECT + sentence + "\n")
    return next(a for a in report.applicability if a.name == "health_data").applies


@pytest.mark.parametrize(
    "sentence",
    [
        "The Customer confirms that the Customer Environment does not store personal health data.",
        "Le Client déclare que la plateforme n'a pas vocation à héberger de données de santé à caractère personnel.",
        "Les dossiers de médecine du travail ne sont pas hébergés par le Prestataire.",
        "Le Client ne confiera au Prestataire aucune donnée relative à des patients.",
        "Le Prestataire commercialise par ailleurs une offre opérée sur une infrastructure certifiée Hébergeur de "
        "Données de Santé, qui n'est pas souscrite.",
        # the stretch after the semicolon elaborates the prohibition: the patients are named, nothing is hosted
        "Le Client s'engage à ne déposer aucune donnée de santé sur son espace ; les cabinets de kinésithérapie et "
        "leurs patients se contentent d'une page de présentation sans module de rendez-vous recueillant de telles "
        "données.",
        "The Customer shall not upload health data to the shared servers; patient support groups should keep to a "
        "showcase page without any form collecting such details.",
        # another offer of the provider under its own terms
        "L'Éditeur commercialise par ailleurs une gamme « Santé » destinée à l'hébergement de dossiers patients, "
        "soumise à des conditions particulières distinctes.",
        # made-up content: an awareness campaign's bait message, a demonstration base
        "Our training e-mails mimic everyday messages, for instance a notice that new lab results are waiting in a "
        "patient portal; these messages are entirely invented.",
        "La base de démonstration livrée avec le logiciel contient des dossiers patients fictifs ; elle est "
        "supprimée avant la mise en production.",
    ],
)
def test_denied_health_data_and_certificate_names_do_not_make_the_hds_controls_apply(sentence):
    assert not health_data_applies(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Prestataire héberge les dossiers médicaux des patients du Client.",
        # a restriction affirms: the data are hosted, only in certified centres
        "Le Prestataire n'héberge les données de santé des patients que dans des centres certifiés.",
        "The Supplier hosts the patient data of the Customer's clinics in France.",
        # test data in acceptance do not take the real records out of production
        "Le Prestataire héberge les dossiers patients du Client en production ; la recette utilise des jeux de données "
        "anonymisés.",
        # a prohibition of other uses, then the hosting itself in the next stretch
        "Le Prestataire s'interdit toute réutilisation des dossiers patients ; il héberge les dossiers patients dans "
        "deux centres situés en France.",
    ],
)
def test_hosted_health_data_make_the_hds_controls_apply(sentence):
    assert health_data_applies(sentence)


def test_a_control_outside_one_contract_says_why_in_the_checked_line():
    text = ("ARTICLE 1 – Objet\nLe présent marché public, passé par le pouvoir adjudicateur en application du code de la "
            "commande publique, a pour objet l'hébergement du portail de la Ville.\n")
    finding = audit_for("TERM-04", text).findings[0]
    assert finding.status == "not_applicable"
    assert "L442-1" in finding.checked


@pytest.mark.parametrize(
    "text",
    [
        # a care setting named once: an address, a market, a party's description
        "Les procurations des électeurs accueillis en établissement de santé n'y figurent qu'au titre de leur adresse.",
        "Le Prestataire compte parmi ses clients des professionnels de santé et des cabinets d'avocats.",
        "Le Prestataire a pour références plusieurs établissements de santé de la région.",
    ],
)
def test_a_care_setting_named_once_does_not_make_the_hds_controls_apply(text):
    assert not health_data_applies(text)


@pytest.mark.parametrize(
    "text",
    [
        # the setting named again and again for what the service does
        "La plateforme permet aux patients de prendre rendez-vous en ligne.\nLes rappels sont envoyés aux patients "
        "par SMS la veille du rendez-vous.",
        # once is enough when the words are the patients' own data
        "Le Prestataire héberge les informations relatives aux patients de la Clinique.",
        "The Supplier stores the records of the practice's patients in France.",
    ],
)
def test_patients_named_for_the_service_or_their_data_make_the_hds_controls_apply(text):
    assert health_data_applies(text)
