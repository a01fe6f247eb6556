"""The `avenir` command: run, inspect and migrate the local system (avenir.local), run the
gateway (avenir_gateway) or the worker (avenir.worker)."""

from __future__ import annotations

import argparse
import sys

from .errors import AvenirError
from .failover import cli as failover_cli
from .local import commands
from .prospects import cli as prospect_commands
from .tracking import cli as outreach_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="avenir",
        description="Run the Avenir growth database locally: PostgreSQL 15 cluster, migrations, API, worker.",
        epilog="up, down, status, migrate and cron work on a project checkout: AVENIR_PROJECT_DIR, else the "
               "current directory or its nearest parent holding migrations/sqitch.plan. Local state: "
               "<project>/.avenir (AVENIR_HOME overrides it). gateway and worker need no checkout.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    sub.add_parser("up", help="start the local cluster and services, deploy migrations, print how to reach them")
    sub.add_parser("down", help="stop the services and the local cluster")
    status = sub.add_parser("status", help="show what runs and how to reach it")
    status.add_argument("-o", "--output", choices=["pretty", "env"], default="pretty",
                        help="'env' prints bare KEY=value lines, as `supabase status -o env` does")
    migrate = sub.add_parser("migrate", help="deploy pending migrations with sqitch (or verify/revert)")
    migrate.add_argument("action", nargs="?", choices=["deploy", "verify", "revert", "status"], default="deploy")

    sub.add_parser("cron", help="list the avenir-* pg_cron jobs with their schedule and last run")
    gateway = sub.add_parser("gateway", help="run the PostgREST-compatible API gateway in the foreground")
    gateway.add_argument("--config", default="postgrest.conf", help="PostgREST config file (default: postgrest.conf)")
    sub.add_parser("worker", help="run the job worker in the foreground (AVENIR_DB_URL, AVENIR_AI_PROVIDER, ...)")
    sub.add_parser("web", help="serve the form script, the dashboard and the demo client site in the foreground "
                              "(AVENIR_API_URL, AVENIR_ANON_KEY, AVENIR_WEB_PORT 54323, AVENIR_SITE_PORT 54324, "
                              "AVENIR_SITE_FORM_KEY)")
    sub.add_parser("tracking", help="serve the outreach tracking endpoints (open pixel, click redirect, one-click "
                                   "unsubscribe) in the foreground (AVENIR_DB_URL, AVENIR_TRACKING_PORT 54325)")
    failover_cli.add_commands(sub)
    prospect_commands.add_commands(sub)  # prospects import / embed / index / score, profile load
    outreach_commands.add_commands(sub)  # outreach ingest

    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            commands.up()
        elif args.command == "down":
            commands.down()
        elif args.command == "status":
            commands.status(args.output)
        elif args.command == "migrate":
            commands.migrate(args.action)
        elif args.command == "cron":
            commands.cron()
        elif args.command == "gateway":
            from avenir_gateway.server import run as run_gateway

            run_gateway(args.config)
        elif args.command in ("failover", "replication"):
            return failover_cli.run(args)
        elif hasattr(args, "run"):
            args.run(args)
        elif args.command == "web":
            from .local.web import WebConfig, serve

            serve(WebConfig.from_env())
        elif args.command == "tracking":
            from .tracking.server import run as run_tracking

            run_tracking()
        elif args.command == "worker":
            from .worker.loop import run as run_worker

            run_worker()
    except AvenirError as e:
        print(f"avenir: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
