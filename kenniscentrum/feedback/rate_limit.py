"""How often one client may send feedback, without storing who the client is.

What is kept, where, and for how long:
- Nothing in the database. In Django's cache (the default alias; LocMem unless a deployment
  configures another) one counter per client: the key is an HMAC-SHA256 of the day and the client
  address (core/client_ip.py, the same address the login lockout uses behind a proxy), keyed with
  SECRET_KEY. The address itself is never written anywhere; the key cannot be turned back into
  it without SECRET_KEY, and because the day is part of the input the same client has a
  different, unlinkable key tomorrow.
- The counter expires WINDOW_SECONDS (an hour) after a client's first submission in that window;
  LocMem keeps it only in this process's memory, so a restart forgets it too.
- With LocMem each web worker counts for itself: with N workers one client can get at most
  N x LIMIT submissions an hour through. A shared cache (CACHES) makes it exactly LIMIT. The
  per-page daily cap on stored comments (rules.py) bounds the text either way.

If the cache fails the submission is let through (and logged): feedback must never break a page,
and the comment cap still bounds what is stored.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import caches

from kenniscentrum.core.client_ip import client_ip
from kenniscentrum.core.dates import today

log = logging.getLogger(__name__)

LIMIT = 10  # submissions per client per window
WINDOW_SECONDS = 60 * 60
CACHE_ALIAS = "default"
KEY_PREFIX = "kc-feedback-rate:"


def client_key(request) -> str:
    """A cache key for this client today that does not contain, and does not reveal, its address."""
    message = f"{today().isoformat()}|{client_ip(request) or ''}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return KEY_PREFIX + digest


def allow(request) -> bool:
    """Count one submission of this client; False once it has sent more than LIMIT in the window."""
    key = client_key(request)
    try:
        cache = caches[CACHE_ALIAS]
        cache.add(key, 0, timeout=WINDOW_SECONDS)  # only starts the window; never extends it
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            cache.add(key, 1, timeout=WINDOW_SECONDS)
            count = 1
    except Exception:
        log.warning("Feedback rate limit not checked", exc_info=True)
        return True
    return count <= LIMIT
