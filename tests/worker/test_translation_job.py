"""The translation job: public.translate queues what the dictionary and the cache do not know;
the worker's provider translates it into the cache (OpenAI, loopback stub) or, offline, leaves it
untranslated rather than inventing text. Glossary terms missing from a translation lower its quality."""

import uuid

import pytest
from openai_stub import OpenAIStub, completion
from worker_helpers import job, wait_for

from avenir.worker.handlers.translation import BASE_QUALITY, GLOSSARY_PENALTY, glossary_quality


@pytest.fixture
def stub():
    with OpenAIStub() as s:
        yield s


@pytest.fixture
def glossary(db):
    term = f"Growth cockpit {uuid.uuid4().hex[:6]}"
    db.execute("insert into public.translation_dictionary (source_text, source_language, target_language, "
               "translated_text, context, verified) values (%s, 'en', 'fr', 'Cockpit de croissance', 'general', true)",
               [term])
    yield term
    db.execute("delete from public.translation_dictionary where source_text = %s", [term])


def ask(db, text):
    with db.transaction():
        db.execute("set local role service_role")
        return db.execute("select public.translate(%s, 'en', 'fr', 'ui_text') as t", [text]).fetchone()["t"]


def test_a_provider_translation_fills_the_cache_and_a_missing_glossary_term_lowers_its_quality(db, start_worker, stub,
                                                                                            glossary):
    text = f"Open the {glossary} to see this week's leads ({uuid.uuid4().hex[:6]})"
    stub.translation_default = completion("Ouvrez le tableau pour voir les prospects de la semaine")
    first = ask(db, text)
    assert first["origin"] == "untranslated" and first["text"] == text
    start_worker(AVENIR_AI_PROVIDER="openai", OPENAI_API_KEY="k", OPENAI_BASE_URL=stub.base_url,
                 AVENIR_OPENAI_MAX_RETRIES=0)
    wait_for(lambda: job(db, first["job_id"])["status"] == "completed" or job(db, first["job_id"])["attempts"] > 1,
             30, "the translation job")
    assert job(db, first["job_id"])["status"] == "completed", job(db, first["job_id"])["result"]
    try:
        again = ask(db, text)
        assert (again["origin"], again["text"]) == ("cache", "Ouvrez le tableau pour voir les prospects de la semaine")
        assert float(again["quality"]) == pytest.approx(BASE_QUALITY - GLOSSARY_PENALTY)
        assert job(db, first["job_id"])["result"]["glossary_missing"] == ["Cockpit de croissance"]
        row = db.execute("select expires_at - created_at as ttl from public.translation_cache where source_text = %s",
                         [text]).fetchone()
        assert row["ttl"].days == 90
    finally:
        db.execute("delete from public.translation_cache where source_text = %s", [text])


def test_offline_the_job_completes_untranslated_and_caches_nothing(db, start_worker):
    text = f"Something no dictionary knows {uuid.uuid4().hex}"
    first = ask(db, text)
    start_worker()
    wait_for(lambda: job(db, first["job_id"])["status"] == "completed", 30, "the translation job")
    assert job(db, first["job_id"])["result"]["untranslated"] is True
    assert ask(db, text)["origin"] == "untranslated"
    assert db.execute("select count(*) as n from public.translation_cache where source_text = %s",
                      [text]).fetchone()["n"] == 0


def test_glossary_quality_counts_the_missing_terms():
    terms = [{"translated_text": "Tableau de bord"}, {"translated_text": "Prospect"}]
    assert glossary_quality("Le tableau de bord du prospect", terms) == (BASE_QUALITY, [])
    assert glossary_quality("Le tableau", terms)[1] == ["Tableau de bord", "Prospect"]
