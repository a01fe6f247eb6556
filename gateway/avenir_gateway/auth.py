"""JWT authentication as PostgREST v13 does it (§1.10): a text secret is an HS256 key (the algorithm is
pinned); a `jwt-secret` holding a JWK or a JWK set (JSON) verifies with those keys (RS256, ES256, ...,
the token's `alg` and `kid` choosing among them); exp/nbf/iat with 30 s of skew, `aud`, the role claim
found by `jwt-role-claim-key`. Supabase's opaque API keys (`sb_...`) are not JWTs: its API gateway swaps
them for a role before PostgREST sees the request, and so does `identify` (`api-keys`).

Verified tokens are kept (`jwt-cache-max-entries`, PostgREST v14's; 0 keeps none): a kept token skips
the signature check, not the claims' (an expired token is kept and refused on every use). The least
recently used one makes room; lookups, hits and evictions are counted for the admin server's /metrics
under PostgREST's names."""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import jwt
import orjson

from .config import API_KEY_PREFIX, Config
from .errors import jwt_error, pgrst, token_required

SKEW_SECONDS = 30
TIME_CLAIM_LIMIT = 2 ** 63  # exp/nbf/iat are seconds as a signed 64-bit integer (Postgres bigint)
JSPATH_STEP = re.compile(r"""\.(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_$@\-]+))"""
                         r"""|\[(\d+)\]"""
                         r"""|\[\?\(@\s*(==|!=|\^==|==\^|\*==)\s*"((?:[^"\\]|\\.)*)"\)\]""")


@dataclass(frozen=True)
class Identity:
    role: str | None  # None: the token names no role and there is no anonymous role (refused)
    claims: dict
    authenticated: bool  # the role is not the anonymous role (42501 is then 403, not 401)

    @cached_property
    def claims_json(self) -> str:
        return orjson.dumps({**self.claims, "role": self.role}).decode()


@dataclass
class CacheCounters:
    """The JWT cache's counters, kept across the Authenticators a configuration reload builds."""
    requests: int = 0  # lookups (pgrst_jwt_cache_requests_total)
    hits: int = 0  # lookups that found the token (pgrst_jwt_cache_hits_total)
    evictions: int = 0  # tokens dropped to make room (pgrst_jwt_cache_evictions_total)


def parse_role_claim_key(spec: str) -> list[tuple]:
    """`.role`, `.app_metadata.roles[0]`, `."a.b"`, `.roles[?(@ ^== "adm")]` -> steps."""
    steps, pos = [], 0
    spec = spec.strip()
    while pos < len(spec):
        m = JSPATH_STEP.match(spec, pos)
        if not m:
            raise ValueError(f"invalid jwt-role-claim-key at {spec[pos:]!r}")
        quoted, bare, index, op, operand = m.groups()
        if index is not None:
            steps.append(("index", int(index)))
        elif op is not None:
            steps.append(("filter", op, operand))
        else:
            steps.append(("key", quoted if quoted is not None else bare))
        pos = m.end()
    return steps


def _follow(value, steps: list[tuple]):
    for step in steps:
        if step[0] == "key":
            value = value.get(step[1]) if isinstance(value, dict) else None
        elif step[0] == "index":
            value = value[step[1]] if isinstance(value, list) and step[1] < len(value) else None
        else:
            value = next((v for v in value if isinstance(v, str) and _matches(step[1], v, step[2])), None) \
                if isinstance(value, list) else None
        if value is None:
            return None
    return value


def _matches(op: str, value: str, operand: str) -> bool:
    return {"==": value == operand, "!=": value != operand, "^==": value.startswith(operand),
            "==^": value.endswith(operand), "*==": operand in value}[op]


def json_web_keys(secret: bytes | None) -> list[tuple[dict, jwt.PyJWK]] | None:
    """The keys of a secret that is a JWK (`{"kty": ...}`) or a JWK set (`{"keys": [...]}`), as PostgREST's
    parseSecret reads it; None for a plain secret (an HS256 key). A key PyJWT cannot use is left out."""
    if not secret or not secret.lstrip().startswith(b"{"):
        return None
    try:
        doc = orjson.loads(secret)
    except orjson.JSONDecodeError:
        return None
    if isinstance(doc, dict) and isinstance(doc.get("keys"), list):
        entries = doc["keys"]
    elif isinstance(doc, dict) and "kty" in doc:
        entries = [doc]
    else:
        return None
    keys = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        # A key without `alg` serves every algorithm of its type: PyJWT wants one to load it.
        algorithm = None
        if "alg" not in entry:
            algorithm = (EC_CURVE_ALGORITHM.get(entry.get("crv")) if entry.get("kty") == "EC"
                         else KEY_TYPE_ALGORITHM.get(entry.get("kty")))
        try:
            keys.append((entry, jwt.PyJWK(entry, algorithm)))
        except (jwt.PyJWKError, jwt.InvalidKeyError, TypeError, ValueError):
            continue
    return keys


KEY_TYPE_ALGORITHM = {"oct": "HS256", "RSA": "RS256", "OKP": "EdDSA"}
# An EC key without `alg`: the algorithm of its curve.
EC_CURVE_ALGORITHM = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512", "secp256k1": "ES256K"}


class Authenticator:
    def __init__(self, config: Config, counters: CacheCounters | None = None):
        self.key = config.jwt_key
        self.jwks = json_web_keys(self.key)
        self.aud = config.jwt_aud
        self.anon_role = config.db_anon_role
        self.role_path = parse_role_claim_key(config.jwt_role_claim_key)
        self.anonymous = Identity(self.anon_role, {}, authenticated=False) if self.anon_role else None
        self.keyed = {key: Identity(role, {"role": role}, authenticated=role != self.anon_role)
                      for key, role in config.api_key_roles.items()}
        # Verifying a token costs ~0.3 ms of Python; a tenant's dashboard sends the same one on every request.
        self.cache_size = config.jwt_cache_max_entries if self.key is not None else 0
        self.counters = counters or CacheCounters()
        self._verified: OrderedDict[str, Identity] = OrderedDict()

    def identify(self, authorization: str | None, apikey: str | None = None) -> Identity:
        token = _bearer_token(authorization)
        if token is None or token.startswith(API_KEY_PREFIX):
            # As Supabase's API gateway: without a JWT, the `apikey` header (else the bearer's own
            # key) names the role when it is a configured key; any other request is anonymous.
            identity = self.keyed.get(apikey or token or "")
            if identity is not None:
                return identity
            if self.anonymous is None:
                raise token_required()
            return self.anonymous
        identity = self._kept(token) if self.cache_size > 0 else self._identity(self.decode(token))
        # On every use, in PostgREST's order: the claims' values (a kept token expires on time), then the role.
        self._check_claims(identity.claims)
        if identity.role is None:
            raise token_required()
        if "\x00" in identity.role:  # no role name holds a NUL byte, and Postgres refuses it in a text value
            raise jwt_error("PGRST303", "JWT role claim is invalid")
        return identity

    def _kept(self, token: str) -> Identity:
        counters = self.counters
        counters.requests += 1
        identity = self._verified.get(token)
        if identity is not None:
            counters.hits += 1
            self._verified.move_to_end(token)
            return identity
        identity = self._identity(self.decode(token))  # a token that fails verification is not kept
        self._verified[token] = identity
        if len(self._verified) > self.cache_size:
            self._verified.popitem(last=False)
            counters.evictions += 1
        return identity

    def _identity(self, claims: dict) -> Identity:
        role = _follow(claims, self.role_path)
        if role is None:
            role = self.anon_role
        elif not isinstance(role, str):
            role = orjson.dumps(role).decode()
        # PostgREST's `Just authRole /= configDbAnonRole`: a token without a role claim (or naming the
        # anonymous role) is anonymous for the status of a privilege error (42501: 401, not 403).
        return Identity(role, claims, authenticated=role != self.anon_role)

    def decode(self, token: str) -> dict:
        """The claims of a token whose signature holds (their values are checked by _check_claims)."""
        if token == "":
            raise jwt_error("PGRST301", "Empty JWT is sent in Authorization header")
        parts = token.split(".")
        if len(parts) != 3:
            raise jwt_error("PGRST301", f"Expected 3 parts in JWT; got {len(parts)}")
        if self.key is None:
            raise pgrst("PGRST300", "Server lacks JWT secret")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise jwt_error("PGRST301", "JWT cryptographic operation failed") from None
        alg = header.get("alg")
        if self.jwks is None:
            if alg != "HS256":
                raise jwt_error("PGRST301", "Wrong or unsupported encoding algorithm")
            candidates = [(self.key, "HS256")]
        else:
            if not isinstance(alg, str) or alg == "none" or alg not in jwt.algorithms.get_default_algorithms():
                raise jwt_error("PGRST301", "Wrong or unsupported encoding algorithm")
            kid = header.get("kid")
            candidates = [(key.key, alg) for entry, key in self.jwks
                          if _key_fits(entry, alg) and (kid is None or entry.get("kid") in (None, kid))]
            if not candidates:
                raise jwt_error("PGRST301", "No suitable key or wrong key type")
        claims = None
        for key, algorithm in candidates:
            try:
                claims = jwt.decode(token, key, algorithms=[algorithm],
                                    options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                                             "verify_aud": False, "verify_iss": False})
                break
            except jwt.InvalidTokenError:
                continue
        if claims is None:
            raise jwt_error("PGRST301", "JWT cryptographic operation failed")
        if not isinstance(claims, dict):
            raise jwt_error("PGRST303", "Parsing claims failed")
        try:  # the claims travel to Postgres as JSON: an integer beyond 64 bits cannot
            orjson.dumps(claims)
        except orjson.JSONEncodeError:
            raise jwt_error("PGRST303", "Parsing claims failed") from None
        return claims

    def _check_claims(self, claims: dict) -> None:
        now = time.time()
        for name in ("exp", "nbf", "iat"):
            value = claims.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise jwt_error("PGRST303", f"The JWT '{name}' claim must be a number")
            if value is not None and not -TIME_CLAIM_LIMIT < value < TIME_CLAIM_LIMIT:
                raise jwt_error("PGRST303", f"The JWT '{name}' claim is out of range")
        if claims.get("exp") is not None and now - SKEW_SECONDS > claims["exp"]:
            raise jwt_error("PGRST303", "JWT expired")
        if claims.get("nbf") is not None and now + SKEW_SECONDS < claims["nbf"]:
            raise jwt_error("PGRST303", "JWT not yet valid")
        if claims.get("iat") is not None and now + SKEW_SECONDS < claims["iat"]:
            raise jwt_error("PGRST303", "JWT issued at future")
        aud = claims.get("aud")
        # The claim's shape is checked with or without `jwt-aud`; its value only against `jwt-aud`.
        if aud is not None and not (isinstance(aud, str)
                                    or (isinstance(aud, list) and all(isinstance(a, str) for a in aud))):
            raise jwt_error("PGRST303", "The JWT 'aud' claim must be a string or an array of strings")
        if self.aud is not None:
            if isinstance(aud, str) and aud != self.aud:
                raise jwt_error("PGRST303", "JWT not in audience")
            if isinstance(aud, list) and aud and self.aud not in aud:
                raise jwt_error("PGRST303", "JWT not in audience")


def _key_fits(jwk: dict, alg: str) -> bool:
    """A JWK serves a token's algorithm when its key type is that algorithm's family (and its own
    `alg`, when it states one, is the token's)."""
    if jwk.get("alg") not in (None, alg):
        return False
    family = {"HS": "oct", "RS": "RSA", "PS": "RSA", "ES": "EC", "Ed": "OKP"}.get(alg[:2])
    return jwk.get("kty") == family


def _bearer_token(authorization: str | None) -> str | None:
    """The token of `Bearer <token>` (scheme case-insensitive); other schemes are anonymous."""
    if not authorization:
        return None
    scheme, _, rest = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return rest.strip()
