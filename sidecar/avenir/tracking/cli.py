"""The outreach commands of `avenir`: `outreach ingest` (replies and bounce reports from a mailbox)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..errors import AvenirError


def add_commands(sub: argparse._SubParsersAction) -> None:
    outreach = sub.add_parser("outreach", help="outreach: read replies and bounce reports from a mailbox")
    actions = outreach.add_subparsers(dest="outreach_command", required=True, metavar="action")
    ingest = actions.add_parser(
        "ingest", help="record the replies and DSN / abuse reports of raw messages (.eml, mbox, or the Gmail API)",
        description="Read raw RFC 5322 messages: FILE (one .eml message or an mbox; - for standard input) or, with "
                    "--gmail, the mailbox of AVENIR_GMAIL_API_URL / AVENIR_GMAIL_ACCESS_TOKEN (users.messages.list "
                    "and get). A reply to an outreach e-mail (In-Reply-To, References, Gmail thread) moves it to "
                    "replied; a DSN (RFC 3464) is a soft or hard bounce, an abuse report (RFC 5965) a complaint. "
                    "Reading a message twice records it once. Prints a JSON summary. Database: AVENIR_DB_URL "
                    "(as service_role), else the local cluster.")
    ingest.add_argument("file", nargs="?", help="an .eml or mbox file, or - for standard input")
    ingest.add_argument("--gmail", metavar="USER", nargs="?", const="me", help="read the Gmail mailbox USER (me)")
    ingest.add_argument("--query", help="Gmail search of --gmail (default: the inbox's last 7 days, "
                                         "avenir.tracking.mailbox.DEFAULT_GMAIL_QUERY)")
    ingest.add_argument("--limit", type=int, default=500, help="at most this many Gmail messages (default 500)")
    ingest.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> None:
    from ..prospects.db import connect
    from .mailbox import DEFAULT_GMAIL_QUERY, ingest, ingest_gmail, split_messages

    if (args.file is None) == (args.gmail is None):
        raise AvenirError("give either FILE (or -) or --gmail")
    if args.gmail is not None:
        api_url, token = os.environ.get("AVENIR_GMAIL_API_URL"), os.environ.get("AVENIR_GMAIL_ACCESS_TOKEN")
        if not api_url or not token:
            raise AvenirError("--gmail needs AVENIR_GMAIL_API_URL and AVENIR_GMAIL_ACCESS_TOKEN")
        os.environ.setdefault("AVENIR_DB_ROLE", "service_role")
        with connect() as conn:
            summary, _ = ingest_gmail(conn, api_url, token, args.gmail, args.query or DEFAULT_GMAIL_QUERY, args.limit)
    else:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        os.environ.setdefault("AVENIR_DB_ROLE", "service_role")
        with connect() as conn:
            summary = ingest(conn, split_messages(data))
    print(json.dumps(summary.as_dict()))
