"""Each periodic task of the learning loop holds a transaction-level advisory lock: a second run
that starts while the first is still in its transaction skips instead of overlapping it."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import dict_row


@pytest.mark.parametrize(("task", "call"), [
    ("learning-pass", "select public.learning_pass() as result"),
    ("evaluate-ab-tests", "select public.evaluate_ab_tests() as result"),
    ("growth-brain-weekly", "select public.refresh_growth_brain() as result"),
])
def test_second_run_skips_while_the_first_holds_the_lock(db_url, task, call):
    with psycopg.connect(db_url, row_factory=dict_row) as first, \
         psycopg.connect(db_url, row_factory=dict_row) as second:
        held = first.execute("select private.try_task_lock(%s) as held", [task]).fetchone()
        assert held["held"] is True
        skipped = second.execute(call).fetchone()["result"]
        assert "skipped" in skipped
        second.rollback()
        first.rollback()  # the lock goes with the transaction
        ran = second.execute(call).fetchone()["result"]
        assert "skipped" not in ran
        second.rollback()
