"""The failover database: a second PostgreSQL fed by native logical replication.

One publication on the primary lists the 26 tables explicitly; one subscription on the failover
copies them, then streams. `nodes` says who is who, `attach` builds the pair (init and reseed),
`status` and `check` watch it (the check bisects primary-key ranges down to the differing rows),
`promote` turns the failover into the primary. Sequences and pg_cron jobs are not replicated:
the check compares them and the promotion sets them.
"""
