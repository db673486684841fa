"""The confirmation page's address: a signed token, so only the requester can open it.

Why signed and not the id or the kenmerk: ids and kenmerken count up, so anyone could read
other gemeenten' requests by trying numbers. Why not the session: a session would set a cookie,
and a visitor with a cookie gets every public page uncached (core/http_cache.py) for hours.

The token is Django's signing of (id, kenmerk) with SECRET_KEY and a salt of its own; it
expires after MAX_AGE_DAYS, and the page itself shows no personal data (no name, address or
text of the need), so a forwarded link reveals little.
"""

from django.core import signing

from .models import FlexRequest

SALT = "kenniscentrum.flexpool.confirmation"
MAX_AGE_DAYS = 7
MAX_TOKEN_CHARS = 200


def make(flex_request: FlexRequest) -> str:
    return signing.dumps([flex_request.pk, flex_request.reference], salt=SALT)


def read(token: str) -> FlexRequest | None:
    """The request the token was made for, or None (forged, expired, or the request is gone)."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        pk, reference = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 60 * 60)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return FlexRequest.objects.filter(pk=pk, reference=reference).first()
