"""Engine details the HDS rules stand on."""

from __future__ import annotations

from auditor.parties import actor, find_parties
from conftest import rule_context


def test_managed_service_provider_called_msp_is_the_provider():
    # "The MSP manages the operating systems and backups": a managed-services agreement's name for the provider
    context = rule_context("The MSP manages the operating systems and the nightly backups of the Customer's patient records.")
    sentence = context.sentences[0]
    position = next(i for i, token in enumerate(sentence.tokens) if token.text == "manages")
    assert set(actor(sentence, position, find_parties(context.document.text))) == {"provider"}
