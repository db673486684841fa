"""How often one client may send page feedback: 10 answers an hour (core/rate_limit.py says
what is kept and for how long). The per-page daily cap on stored comments (rules.py) bounds the
text either way."""

from kenniscentrum.core.rate_limit import RateLimit

FEEDBACK_LIMIT = RateLimit(key_prefix="kc-feedback-rate:", limit=10)
LIMIT = FEEDBACK_LIMIT.limit


def allow(request) -> bool:
    return FEEDBACK_LIMIT.allow(request)
