"""Embeddings of prospects and of the company profile, by the configured AI provider."""

from __future__ import annotations

import os
import re
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from avenir_gateway.sql_files import NamedQueries

from ..errors import AvenirError
from ..worker.providers import Provider, make_provider

QUERIES = NamedQueries("avenir.prospects", "queries.sql")
CHUNK_CHARACTERS = 800  # about 200 tokens: one idea per chunk, well within any embedding model


def provider_from_env() -> Provider:
    return make_provider(os.environ.get("AVENIR_AI_PROVIDER", "offline"))


def vector_literal(values: list[float]) -> str:
    return "[" + ",".join(f"{v:.7g}" for v in values) + "]"


def prospect_text(row: dict) -> str:
    """What a prospect is about, as the provider embeds it."""
    return ". ".join(v for v in (row["business_name"], row["industry"], row["region"], row["description"]) if v)


def embed_prospects(conn: psycopg.Connection, provider: Provider, limit: int, batch: int = 500) -> int:
    """Embed up to `limit` prospects that have no embedding yet; one transaction per batch."""
    done = 0
    while done < limit:
        with conn.transaction():
            rows = conn.execute(QUERIES["prospects_without_embedding"], {"limit": min(batch, limit - done)}).fetchall()
            for row in rows:
                conn.execute(QUERIES["set_prospect_embedding"],
                             {"id": row["id"], "embedding": vector_literal(provider.embed(prospect_text(row)))})
        done += len(rows)
        if len(rows) < batch:
            break
    return done


def profile_chunks(text: str) -> list[tuple[str, str]]:
    """(section, chunk) pairs: paragraphs under their latest heading, packed up to CHUNK_CHARACTERS."""
    chunks: list[tuple[str, str]] = []
    section, current = "", ""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            heading, _, rest = block.partition("\n")
            if current:
                chunks.append((section, current))
                current = ""
            section, block = heading.lstrip("#").strip(), rest.strip()
            if not block:
                continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(block.split())):
            if current and len(current) + 1 + len(sentence) > CHUNK_CHARACTERS:
                chunks.append((section, current))
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            chunks.append((section, current))
            current = ""
    return chunks


def load_profile(conn: psycopg.Connection, path: Path, provider: Provider) -> dict:
    """Replace the company profile's chunks with those of `path` (one transaction)."""
    if not path.is_file():
        raise AvenirError(f"{path}: no such file")
    chunks = profile_chunks(path.read_text(encoding="utf-8"))
    if not chunks:
        raise AvenirError(f"{path}: the profile has no text")
    model = getattr(provider, "embedding_model", f"{provider.name}-embedding-1536")
    with conn.transaction():
        conn.execute(QUERIES["clear_profile"])
        for order, (section, chunk) in enumerate(chunks, start=1):
            conn.execute(QUERIES["insert_profile_chunk"], {
                "chunk_text": chunk, "embedding": vector_literal(provider.embed(chunk)), "model": model,
                "metadata": Jsonb({"section": section, "order": order, "source": path.name})})
    return {"chunks": len(chunks), "embedding_model": model, "source": path.name}
