"""Reply rendering + SMTP send to a local aiosmtpd server, as the email_response handler does them
(templates -> render_reply -> SmtpSender.send, one SMTP connection per message), with the worker's
default concurrency of 4. Target (issue 12): >= 50 mails/s. No database: this measures the mail
path alone; the handler adds two small statements per reply."""

from __future__ import annotations

import asyncio
import socket
import statistics
import sys
import time

from aiosmtpd.controller import Controller

from avenir.worker.mail import make_sender
from avenir.worker.mail.render import render_reply
from avenir.worker.mail.templates import register, template_reply

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
ROUNDS = 3
CONCURRENCY = 4


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def message(i: int):
    tone = ("Professional", "Friendly", "Formal", "Energetic")[i % 4]
    language = ("en", "fr")[i % 2]
    content = template_reply(name=f"Lead {i}", business="Acme", intent_label="Quote Request", category="Sales",
                             tone=tone, language=language)
    return render_reply(content, lead_id=f"00000000-0000-4000-8000-{i:012d}", to_name=f"Lead {i}",
                        to_address=f"lead{i}@bench.localhost", from_name="Acme", from_address="replies@acme.localhost",
                        language=language, booking_label=register(tone, language)["booking"],
                        booking_link="https://cal.acme.localhost/b", unsubscribe_url=None)


async def one_round(sender) -> float:
    queue = iter(range(N))
    started = time.perf_counter()

    async def worker():
        for i in queue:
            await sender.send(message(i))

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return N / (time.perf_counter() - started)


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sender = make_sender(f"smtp://127.0.0.1:{port}?starttls=off")
        rates = [asyncio.run(one_round(sender)) for _ in range(ROUNDS)]
    finally:
        controller.stop()
    assert sink.count == N * ROUNDS, sink.count
    print(f"render + SMTP send, {N} mails x {ROUNDS} rounds, concurrency {CONCURRENCY}: "
          f"median {statistics.median(rates):.0f} mails/s (rounds: {', '.join(f'{r:.0f}' for r in rates)})")


if __name__ == "__main__":
    main()
