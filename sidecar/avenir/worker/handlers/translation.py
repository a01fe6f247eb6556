"""translation: a text the dictionary and the cache did not know (public.translate enqueued it),
translated by the provider and put in the cache for 90 days (public.record_translation).

The offline provider does not invent translations: the job completes as `untranslated` and
translate() keeps answering the text back with a low quality. After a provider translation, the
verified glossary terms found in the source are checked in the result: each one missing lowers
the quality score (GLOSSARY_PENALTY), so a translation that ignores the glossary ranks low.
"""

from __future__ import annotations

import asyncio

from psycopg.rows import dict_row

from avenir_gateway.sql_files import NamedQueries

from ..jobs import Context, Job, Outcome

QUERIES = NamedQueries(__package__, "replies.sql")
BASE_QUALITY = 0.85      # a provider translation with every glossary term kept
GLOSSARY_PENALTY = 0.15  # per glossary term missing from the translation
MIN_QUALITY = 0.2


def glossary_quality(translated: str, terms: list[dict]) -> tuple[float, list[str]]:
    """(quality, the glossary translations missing from `translated`)."""
    folded = translated.casefold()
    missing = [t["translated_text"] for t in terms if t["translated_text"].casefold() not in folded]
    return max(MIN_QUALITY, round(BASE_QUALITY - GLOSSARY_PENALTY * len(missing), 3)), missing


async def handle_translation(job: Job, ctx: Context) -> Outcome:
    p = job.payload
    keys = ("source_text", "source_language", "target_language", "context_type")
    if not all(isinstance(p.get(k), str) and p[k] for k in keys):
        raise ValueError(f"payload needs {', '.join(keys)}: {p}")
    try:
        if ctx.provider.blocking:
            translated = await asyncio.to_thread(ctx.provider.translate, p["source_text"], p["source_language"],
                                                 p["target_language"])
        else:
            translated = ctx.provider.translate(p["source_text"], p["source_language"], p["target_language"])
    except NotImplementedError:
        return Outcome(result={"untranslated": True, "provider": ctx.provider.name})
    async with ctx.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        terms = await (await cur.execute(QUERIES["glossary_terms"], {
            "text": p["source_text"], "source_language": p["source_language"],
            "target_language": p["target_language"]})).fetchall()
    quality, missing = glossary_quality(translated, terms)

    async def apply(conn) -> dict:
        cur = conn.cursor(row_factory=dict_row)
        row = await (await cur.execute(QUERIES["record_translation"], {
            **{k: p[k] for k in keys}, "translated_text": translated, "quality_score": quality})).fetchone()
        return row["outcome"]

    return Outcome(result={"provider": ctx.provider.name, "quality": quality, "glossary_missing": missing},
                   apply=apply)
