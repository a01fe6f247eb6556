"""outreach_raw writes the same message as the email package (outreach_message), as bytes."""

from email import policy
from email.parser import BytesParser

import pytest

from avenir.worker.mail.outreach import outreach_message, outreach_raw

BASE = {"token": "A" * 32, "to": "p1@biz.test", "message_id": "<outreach.x@avenir.localhost>",
        "unsubscribe_url": "http://127.0.0.1:9/rpc/unsubscribe_outreach?t=" + "A" * 32, "text": None}
PIECES = [
    dict(BASE, subject="Idée pour Café Ñ — a long subject line that has to be folded over several lines ok",
         to_name="José Ñ", from_name="Avenir & Co", language="fr", in_reply_to="<outreach.y@avenir.localhost>",
         html='<p>Bonjour, <a href="http://127.0.0.1:9/rpc/track_click?t=A&amp;l=1">démo</a></p>\n' + "x" * 200),
    dict(BASE, subject="Idea for Biz\r\nBcc: injected@biz.test", to_name=None, from_name="Bench", language="en",
         html="<p>Hi</p>"),
    dict(BASE, subject="Plain only", to_name="Ann", from_name="Bench", language="en", html=None,
         text="Hello\nthere"),
]


def parsed(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


@pytest.mark.parametrize("piece", PIECES, ids=["non_ascii_follow_up", "header_injection", "text_only"])
def test_outreach_raw_matches_the_email_package(piece):
    raw = outreach_raw(piece, "hello@avenir.localhost")
    ours = parsed(raw.data)
    reference = parsed(outreach_message(
        dict(piece, subject=" ".join(piece["subject"].split())), "hello@avenir.localhost").as_bytes(policy=policy.SMTP))
    for name in ("Subject", "From", "To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post",
                 "In-Reply-To", "References", "Content-Language"):
        assert str(ours[name]) == str(reference[name]), name
    for kind in ("html", "plain"):
        a, b = ours.get_body((kind,)), reference.get_body((kind,))
        assert (a is None) == (b is None)
        if a is not None:
            assert a.get_content() == b.get_content()
    assert not any(part.defects for part in ours.walk())
    assert ours["Bcc"] is None  # a line break in a value never starts a header
    assert all(len(line) <= 998 for line in raw.data.split(b"\r\n")) and b"\n" not in raw.data.replace(b"\r\n", b"")
    assert (raw.message_id, raw.envelope_from, raw.recipient) == (piece["message_id"], "hello@avenir.localhost",
                                                                  piece["to"])
