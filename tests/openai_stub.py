"""An OpenAI-compatible API on loopback (POST /v1/chat/completions, POST /v1/embeddings), in the
shapes the official client reads. Tests queue the replies; with nothing queued it answers a valid
lead analysis."""

from __future__ import annotations

import itertools
import json
import math
from collections import deque

from http_stub import HttpStub, Reply, Request

VALID_ANALYSIS = {"language": "en", "intent": "Quote Request", "tone": "Professional", "urgency": "High",
                  "confidence": 0.91, "summary_en": "Dana asks for a quote for 12 licences this week.",
                  "summary_fr": "Dana demande un devis pour 12 licences cette semaine."}


VALID_REPLY = {"subject": "Your quote <12 licences>", "greeting": "Hello Dana,",
               "paragraphs": ["Thank you for your request for 12 licences.", "Our team prepares your quote today."],
               "closing": "Kind regards,", "signature": "The team"}


def completion(content: str | dict, tokens_in: int = 120, tokens_out: int = 40, model: str = "gpt-4o-mini") -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(body={
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1767225600, "model": model,
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": text, "refusal": None}}],
        "usage": {"prompt_tokens": tokens_in, "completion_tokens": tokens_out, "total_tokens": tokens_in + tokens_out},
    })


def api_error(status: int, message: str, headers: dict | None = None) -> Reply:
    return Reply(status=status, headers=headers or {},
                 body={"error": {"message": message, "type": "server_error" if status >= 500 else "requests",
                                 "param": None, "code": None}})


class OpenAIStub(HttpStub):
    def __init__(self) -> None:
        super().__init__()
        self.queue: deque[Reply] = deque()
        self.default: Reply | None = None          # the answer to an analysis request
        self.reply_default: Reply | None = None    # the answer to a reply request
        self.translation_default: Reply | None = None
        self.counter = itertools.count()

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def chat_requests(self) -> list[Request]:
        return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def respond(self, request: Request) -> Reply:
        if self.queue:
            return self.queue.popleft()
        if request.path == "/v1/embeddings":
            dims = (request.body or {}).get("dimensions", 1536)
            vector = [math.sin(i + 1) for i in range(dims)]
            return Reply(body={"object": "list", "model": request.body["model"],
                               "data": [{"object": "embedding", "index": 0, "embedding": vector}],
                               "usage": {"prompt_tokens": 8, "total_tokens": 8}})
        if request.path == "/v1/chat/completions":
            kind = ((request.body or {}).get("response_format") or {}).get("type")
            if kind == "json_object":  # a reply
                return self.reply_default or completion(VALID_REPLY)
            if kind is None:  # a translation: plain text
                return self.translation_default or completion("Traduction du texte")
            return self.default or completion(VALID_ANALYSIS)
        return api_error(404, f"no route {request.path}")
