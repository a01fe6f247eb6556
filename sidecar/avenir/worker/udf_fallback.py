"""python_udfs where PL/Python is missing (Supabase, Neon): the worker computes what the
learning_plpython change computes in the database, with the same functions, and writes it back.

The plain-SQL forms (functions/learning_defaults.sql) leave growth_brain rows with figures but no
trend test or wording (predictive_insights.basis.engine = 'sql'), and defer every A/B look. One
pass: such growth_brain rows get python_udfs.growth_insights over their figures recomputed as of
the same analysis time; running A/B tests whose last look is older than the look interval get
python_udfs.ab_evaluation.evaluate over their look. The inputs are the jsonb text PL/Python would
receive and the results go back through the same SQL (store_growth_brain, apply_ab_look), so a
managed host ends with the values the PL/Python path writes. Bounded: at most `batch` rows of
each per pass, rows another worker holds are skipped, A/B looks under evaluate_ab_tests' lock.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

from avenir_gateway.sql_files import NamedQueries
from python_udfs.ab_evaluation import evaluate
from python_udfs.growth_insights import growth_insights

from .db import Database

QUERIES = NamedQueries(__package__, "udf_fallback.sql")


@dataclass(frozen=True)
class Pass:
    growth_brain: int  # rows given their trend test and wording
    ab_tests: int  # A/B looks made


async def fill_in(db: Database, batch: int, ab_look_interval: float) -> Pass | None:
    """One pass; None where the database has PL/Python (nothing for the worker to do)."""
    async with db.connection() as conn:
        if not (await (await conn.execute(QUERIES["plpython_missing"])).fetchone())["missing"]:
            return None
    async with db.transaction() as conn:
        rows = await (await conn.execute(QUERIES["growth_rows_without_wording"], {"limit": batch})).fetchall()
        for row in rows:
            words = await asyncio.to_thread(lambda f=row["figures"]: json.dumps(growth_insights(json.loads(f))))
            await conn.execute(QUERIES["store_growth_brain"], {"client_id": row["client_id"], "as_of": row["as_of"],
                                                               "figures": row["figures"], "words": words})
    looks = 0
    async with db.transaction() as conn:
        if (await (await conn.execute(QUERIES["ab_task_lock"])).fetchone())["locked"]:
            due = await (await conn.execute(QUERIES["ab_looks_due"], {"limit": batch,
                                                                      "interval": ab_look_interval})).fetchall()
            for test in due:
                result = await asyncio.to_thread(lambda look=test["look"]: json.dumps(evaluate(json.loads(look))))
                await conn.execute(QUERIES["apply_ab_look"], {"id": test["id"], "result": result})
            looks = len(due)
    return Pass(len(rows), looks)
