"""How often one client may send a question: 5 an hour (core/rate_limit.py says what is kept in
the cache, for how long, and why the client's address is never stored). Only questions that
would be stored are counted: correcting a form with errors costs nothing."""

from kenniscentrum.core.rate_limit import RateLimit

LOKET_LIMIT = RateLimit(key_prefix="kc-loket-rate:", limit=5, window_seconds=3600)


def allow(request) -> bool:
    return LOKET_LIMIT.allow(request)
