"""The worker's offline provider (avenir.worker.providers.offline): the python_udfs classifier and
embeddings behind the provider interface, with the taxonomy loaded from the database. The
classifier's own quality is tested in tests/python_udfs/."""

import pytest

from avenir.worker.providers import make_provider
from python_udfs.lead_model import load_rows as labelled
from python_udfs.text_embedding import DIMENSIONS


@pytest.fixture(scope="module")
def taxonomy(cluster):
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(cluster.url(), row_factory=dict_row) as conn:
        rows = conn.execute("select intent_en, intent_fr from public.intent_translations").fetchall()
    return {row["intent_en"]: row["intent_fr"] for row in rows}


@pytest.fixture(scope="module")
def provider(taxonomy):
    p = make_provider("offline")
    p.configure(taxonomy)
    return p


def test_only_taxonomy_intents_are_returned(provider, taxonomy):
    for row in labelled():
        analysis, prompt = provider.analyse_lead(row["message"], row["name"], row["language"])
        assert analysis.intent in taxonomy
        assert 0 < analysis.confidence <= 0.95
        assert prompt.variant_id == "lead_analysis.offline-v1"



def test_a_restricted_taxonomy_is_honoured():
    p = make_provider("offline")
    p.configure({"Complaint": "Réclamation", "Other": "Autre"})
    analysis, _ = p.analyse_lead("I would like a quote for 10 licences", "A")
    assert analysis.intent in {"Complaint", "Other"}



def test_summaries_are_bilingual_with_french_labels(provider):
    analysis, _ = provider.analyse_lead("Bonjour, pourriez-vous m'envoyer un devis ?", "Jeanne")
    assert analysis.intent == "Quote Request"
    assert analysis.summary_en.startswith("Quote Request from Jeanne")
    assert analysis.summary_fr.startswith("Demande de devis de Jeanne (urgence")



def test_the_classifier_is_deterministic(provider):
    message = "Our dashboard is down, please fix it today!"
    assert provider.analyse_lead(message) == provider.analyse_lead(message)



def test_negated_urgency_is_not_urgent(provider):
    analysis, _ = provider.analyse_lead("Rien d'urgent, mais j'aimerais connaître vos tarifs.")
    assert analysis.urgency != "High"
    assert analysis.tone != "Urgent"



def test_provider_embeddings_are_unit_vectors_of_1536_dimensions(provider):
    vector = provider.embed("Demande de démo pour notre équipe")
    assert len(vector) == DIMENSIONS == 1536
    assert abs(sum(v * v for v in vector) - 1) < 1e-9


def test_the_french_summary_takes_the_labels_the_worker_read_from_the_database(taxonomy):
    p = make_provider("offline")
    p.configure(taxonomy, {"tone": {"Professional": "Label-ton"}, "urgency": {"Medium": "Label-urgence"}})
    analysis, _ = p.analyse_lead("Bonjour, pourriez-vous m'envoyer un devis pour 12 licences ?", "Jeanne")
    assert (analysis.tone, analysis.urgency) == ("Professional", "Medium")
    assert "(urgence label-urgence, ton label-ton)" in analysis.summary_fr


def test_the_worker_reads_every_label_through_public_translate(cluster):
    """The worker's load_labels query: the intent taxonomy, the tones and the urgencies, each
    label answered by public.translate from the taxonomy or the dictionary's own vocabulary rows."""
    import psycopg
    from psycopg.rows import dict_row

    from avenir.worker.db import QUERIES

    with psycopg.connect(cluster.url(), row_factory=dict_row) as conn:
        expected_intents = {r["intent_en"]: r["intent_fr"] for r in conn.execute(
            "select intent_en, intent_fr from public.intent_translations").fetchall()}
        expected_tones = {r["source_text"]: r["translated_text"] for r in conn.execute(
            "select source_text, translated_text from public.translation_dictionary where context = 'tone' "
            "and source_language = 'en' and target_language = 'fr'").fetchall()}
        conn.execute("set role service_role")
        count = "select count(*) as n from public.performance_metrics where event_type = 'translation'"
        before = conn.execute(count).fetchone()["n"]
        rows = conn.execute(QUERIES["load_labels"]).fetchall()
        after = conn.execute(count).fetchone()["n"]
        conn.rollback()  # the counted lookups are this test's own
    labels: dict = {}
    for row in rows:
        labels.setdefault(row["context"], {})[row["value"]] = row["label"]
    assert labels["intent"] == expected_intents
    assert labels["tone"] == {t: expected_tones[t] for t in labels["tone"]}
    assert labels["tone"]["Frustrated"] == "Frustré"
    assert labels["urgency"] == {"High": "Élevée", "Medium": "Moyenne", "Low": "Faible"}
    assert after - before == len(rows)  # one public.translate call (one counted lookup) per label
