"""The mail senders against real local servers: aiosmtpd (STARTTLS, AUTH, implicit TLS) and a
loopback stand-in for the Gmail API; the file and log sinks."""

import asyncio

import pytest
from mail_stubs import GmailStub, SmtpServer

from avenir.errors import AvenirError
from avenir.worker.mail import UNKNOWN, MailNotSent, MailRefused, make_sender
from avenir.worker.mail.render import ReplyContent, render_reply

CONTENT = ReplyContent(subject="Re: your quote request", greeting="Hello Dana,", paragraphs=("We got it.",),
                       closing="Best regards,", signature="Acme")


def message(to="dana@lead.localhost", lead_id="0b4b5b7e-0000-4000-8000-000000000001"):
    return render_reply(CONTENT, lead_id=lead_id, to_name="Dana", to_address=to, from_name="Acme",
                        from_address="replies@acme.localhost", language="en", booking_label="Book:",
                        booking_link=None, unsubscribe_url=None)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def smtp(tmp_path):
    with SmtpServer(tmp_path) as server:
        yield server


def test_smtp_upgrades_with_starttls_authenticates_and_delivers(smtp):
    receipt = run(make_sender(smtp.url()).send(message()))
    assert receipt.message_id == "<reply.0b4b5b7e-0000-4000-8000-000000000001@acme.localhost>"
    (rcpts, _), = smtp.handler.received
    assert rcpts == ["dana@lead.localhost"] and smtp.handler.sessions_tls == [True]
    got = smtp.handler.messages()[0]
    assert got["Message-ID"] == receipt.message_id and got["Subject"] == "Re: your quote request"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # it is TLS: aiosmtpd cannot see it
def test_smtps_is_tls_from_the_first_byte(tmp_path):
    with SmtpServer(tmp_path, implicit_tls=True) as server:
        run(make_sender(server.url()).send(message()))
        assert len(server.handler.received) == 1


def test_smtp_refused_recipient_is_a_final_refusal_with_the_servers_reason(smtp):
    with pytest.raises(MailRefused, match="550 5.1.1.*User unknown"):
        run(make_sender(smtp.url()).send(message(to="refuse-me@lead.localhost")))
    assert smtp.handler.received == []


def test_smtp_wrong_password_or_no_server_is_not_sent(smtp):
    with pytest.raises(MailNotSent, match="535|uthentication"):
        run(make_sender(smtp.url(password="wrong") + "&timeout=10").send(message()))
    with pytest.raises(MailNotSent, match="connection"):
        run(make_sender("smtp://127.0.0.1:9").send(message()))
    assert smtp.handler.received == []


def test_smtp_never_sends_a_password_in_clear(smtp):
    with pytest.raises(MailNotSent, match="unencrypted"):
        run(make_sender(smtp.url() + "&starttls=off").send(message()))


def test_smtp_cannot_tell_whether_a_message_left():
    assert run(make_sender("smtp://127.0.0.1:9").lookup("<x@y>")) is UNKNOWN


@pytest.fixture
def gmail(monkeypatch):
    with GmailStub() as stub:
        monkeypatch.setenv("AVENIR_GMAIL_API_URL", stub.url)
        monkeypatch.setenv("AVENIR_GMAIL_ACCESS_TOKEN", GmailStub.TOKEN)
        yield stub


def test_gmail_sends_the_raw_message_and_returns_thread_and_message_ids(gmail):
    sender = make_sender("gmail:me")
    receipt = run(sender.send(message()))
    (sent,) = gmail.sent
    assert (receipt.provider_message_id, receipt.thread_id) == (sent["id"], sent["threadId"])
    assert sent["message"]["Message-ID"] == receipt.message_id
    assert gmail.requests[0].headers["authorization"] == f"Bearer {GmailStub.TOKEN}"


def test_gmail_looks_a_message_up_by_its_message_id(gmail):
    sender = make_sender("gmail:me")
    assert run(sender.lookup(message()["Message-ID"])) is None
    receipt = run(sender.send(message()))
    found = run(sender.lookup(receipt.message_id))
    assert (found.provider_message_id, found.thread_id) == (receipt.provider_message_id, receipt.thread_id)


def test_gmail_refusal_and_bad_token(gmail, monkeypatch):
    with pytest.raises(MailRefused, match="400 INVALID_ARGUMENT Invalid To header"):
        run(make_sender("gmail:me").send(message(to="refuse@lead.localhost")))
    monkeypatch.setenv("AVENIR_GMAIL_ACCESS_TOKEN", "expired")
    with pytest.raises(MailNotSent, match="401 UNAUTHENTICATED"):
        run(make_sender("gmail:me").send(message()))
    assert gmail.sent == []


def test_gmail_without_its_configuration_says_what_is_missing(monkeypatch):
    monkeypatch.delenv("AVENIR_GMAIL_API_URL", raising=False)
    with pytest.raises(AvenirError, match="AVENIR_GMAIL_API_URL"):
        make_sender("gmail:me")


def test_the_file_sink_writes_one_eml_per_message_and_knows_what_it_wrote(tmp_path):
    sender = make_sender(f"file:{tmp_path / 'mail'}")
    m = message()
    assert run(sender.lookup(m["Message-ID"])) is None
    run(sender.send(m))
    assert [p.suffix for p in (tmp_path / "mail").iterdir()] == [".eml"]
    assert run(sender.lookup(m["Message-ID"])).message_id == m["Message-ID"]


def test_an_unknown_mail_url_is_refused_without_echoing_credentials():
    with pytest.raises(AvenirError) as e:
        make_sender("ftp://user:hunter2@host")
    assert "hunter2" not in str(e.value)


def test_smtp_reuses_its_connection_after_a_refusal_and_a_delivery(smtp):
    sender = make_sender(smtp.url())
    with pytest.raises(MailRefused):
        run(sender.send(message(to="refuse@lead.localhost")))
    run(sender.send(message()))
    run(sender.send(message(to="other@lead.localhost", lead_id="0b4b5b7e-0000-4000-8000-000000000002")))
    assert [rcpts for rcpts, _ in smtp.handler.received] == [["dana@lead.localhost"], ["other@lead.localhost"]]
    assert len(sender.idle) == 1  # one connection served the three exchanges
