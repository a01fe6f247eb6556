"""`gmail:USER` sender: the Gmail API's users.messages.send, authorised by an OAuth access token.

    AVENIR_MAIL_URL=gmail:me                   the mailbox (`me` = the token's own account)
    AVENIR_GMAIL_API_URL                       the API's base URL (required: the project names no host)
    AVENIR_GMAIL_ACCESS_TOKEN                  the OAuth 2.0 access token (scope gmail.send + gmail.readonly
                                               for lookup); obtaining and refreshing it is the operator's job

send:   POST {base}/gmail/v1/users/{user}/messages/send   {"raw": base64url(RFC 5322 message)}
        -> {"id": ..., "threadId": ..., "labelIds": [...]}
lookup: GET  {base}/gmail/v1/users/{user}/messages?q=rfc822msgid:<Message-ID>
        -> {"messages": [{"id", "threadId"}], "resultSizeEstimate": n} (no "messages" when none)
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from email.message import EmailMessage
from urllib.parse import quote

import httpx

from ...errors import AvenirError
from .base import UNKNOWN, MailNotSent, MailRefused, RawMessage, Receipt, Sender


def messages_url(api_url: str, user: str) -> str:
    """users.messages of a mailbox, {base}/gmail/v1/users/{user}/messages: send, list and get."""
    return f"{api_url.rstrip('/')}/gmail/v1/users/{quote(user or 'me', safe='@')}/messages"


class GmailSender(Sender):
    name = "gmail"

    def __init__(self, user: str, api_url: str | None, access_token: str | None, timeout: float = 30) -> None:
        if not api_url:
            raise AvenirError("AVENIR_MAIL_URL=gmail:... needs AVENIR_GMAIL_API_URL (the Gmail API's base URL)")
        if not access_token:
            raise AvenirError("AVENIR_MAIL_URL=gmail:... needs AVENIR_GMAIL_ACCESS_TOKEN (an OAuth access token)")
        self.user = user or "me"
        self.base = messages_url(api_url, self.user)
        self.headers = {"Authorization": f"Bearer {access_token}"}
        self.timeout = timeout

    def _client(self) -> httpx.AsyncClient:
        # A client per call: a sender outlives event loops in tests and CLIs; the cost is one TLS handshake.
        return httpx.AsyncClient(headers=self.headers, timeout=self.timeout)

    @staticmethod
    def _reason(response: httpx.Response) -> str:
        try:
            error = response.json().get("error", {})
            return f"{response.status_code} {error.get('status', '')} {error.get('message', '')}".strip()
        except ValueError:
            return f"{response.status_code} {response.text[:200]}"

    async def _post(self, client: httpx.AsyncClient, message_id: str, data: bytes) -> Receipt:
        raw = base64.urlsafe_b64encode(data).decode("ascii")
        try:
            response = await client.post(f"{self.base}/send", json={"raw": raw})
        except (httpx.ConnectError, httpx.ConnectTimeout) as e:
            raise MailNotSent(f"Gmail API unreachable: {e}") from e
        if response.status_code in (400, 403, 404):
            raise MailRefused(self._reason(response))
        if response.status_code in (401, 429):
            raise MailNotSent(self._reason(response))  # refused before sending: a retry may succeed
        response.raise_for_status()  # 5xx: the message may or may not have left (retry will look it up)
        body = response.json()
        return Receipt(message_id, thread_id=body.get("threadId"), provider_message_id=body.get("id"))

    async def send(self, message: EmailMessage) -> Receipt:
        async with self._client() as client:
            return await self._post(client, message["Message-ID"], message.as_bytes())

    async def send_raw(self, message: RawMessage) -> Receipt:
        async with self._client() as client:
            return await self._post(client, message.message_id, message.data)

    async def send_many(self, messages: Sequence[RawMessage], results: list) -> None:
        async with self._client() as client:  # one client (and its kept-alive connection) for the list
            for m in messages:
                try:
                    results.append(await self._post(client, m.message_id, m.data))
                except MailRefused as e:
                    results.append(e)
                except MailNotSent as e:
                    results.append(e)
                    return

    async def lookup(self, message_id: str):
        try:
            async with self._client() as client:
                response = await client.get(self.base, params={"q": f"rfc822msgid:{message_id.strip('<>')}"})
        except httpx.HTTPError:
            return UNKNOWN
        if response.status_code != 200:
            return UNKNOWN
        found = response.json().get("messages") or []
        if not found:
            return None
        return Receipt(message_id, thread_id=found[0].get("threadId"), provider_message_id=found[0].get("id"))

    def describe(self) -> str:
        return f"gmail: users.messages.send as {self.user}"
