"""Mail senders behind one interface, chosen by AVENIR_MAIL_URL (see avenir.worker.mail.config).

smtp:// smtps://  a mail server (STARTTLS when offered or required, AUTH from the URL)
gmail:USER        the Gmail API's users.messages.send with an OAuth access token
file:DIR          one .eml file per message in DIR (no mail server needed)
log:              the message's headers written to the worker's log (the default: nothing leaves)

Every sender can be asked whether a Message-ID already left (`lookup`), which is how a retried
job tells "sent but not recorded" from "not sent": yes (a Receipt), no (None) or UNKNOWN.
"""

from __future__ import annotations

from .base import UNKNOWN, MailNotSent, MailRefused, Receipt, Sender
from .config import make_sender

__all__ = ["UNKNOWN", "MailNotSent", "MailRefused", "Receipt", "Sender", "make_sender"]
