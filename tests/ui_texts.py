"""A text people read, worded by the database (private.ui_text, the French from db/seeds/ui_texts.sql)."""

from __future__ import annotations

import re

import psycopg

PLACEHOLDER = re.compile(r"%\d+\$")


def worded(conn: psycopg.Connection, template: str, count: int = 6) -> tuple[str, str]:
    """(English, French) of an English template, its arguments <1> ... <count>; fails when the
    dictionary has no French for it or the French leaves a placeholder unfilled."""
    args = [f"<{i}>" for i in range(1, count + 1)]
    row = conn.execute("select private.ui_text(%s, 'en', variadic %s::text[]) as en, "
                       "private.ui_text(%s, 'fr', variadic %s::text[]) as fr",
                       [template, args, template, args]).fetchone()
    assert row["fr"] != row["en"], f"no French row for {template!r}"
    assert not PLACEHOLDER.search(row["fr"]), f"a placeholder left in {row['fr']!r}"
    return row["en"], row["fr"]
