"""How often one client may send an anonymous form, without storing who the client is.

Shared by every public form without an account (page feedback, the vraagbaak, flexpool
requests): each names its own `RateLimit` with a key prefix, a limit and a window.

What is kept, where, and for how long:
- Nothing in the database. In Django's cache (the default alias; LocMem unless a deployment
  configures another) one counter per client and form: the key is an HMAC-SHA256 of the day and
  the client address (core/client_ip.py, the same address the login lockout uses behind a proxy),
  keyed with SECRET_KEY. The address itself is never written anywhere; the key cannot be turned
  back into it without SECRET_KEY, and because the day is part of the input the same client has
  a different, unlinkable key tomorrow.
- The counter expires `window_seconds` after a client's first submission in that window;
  LocMem keeps it only in this process's memory, so a restart forgets it too.
- With LocMem each web worker counts for itself: with N workers one client can get at most
  N x limit submissions per window through. A shared cache (CACHES) makes it exactly the limit.

If the cache fails the submission is let through (and logged): a form must never break because
its counter is unavailable; each form bounds what it stores in other ways too.
"""

import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from kenniscentrum.core.client_ip import client_ip
from kenniscentrum.core.dates import today

log = logging.getLogger(__name__)

CACHE_ALIAS = "default"


@dataclass(frozen=True)
class RateLimit:
    key_prefix: str
    limit: int  # submissions per client per window
    window_seconds: int = 60 * 60

    def client_key(self, request) -> str:
        """A key for this client today that does not contain, and does not reveal, its address."""
        message = f"{today().isoformat()}|{client_ip(request) or ''}".encode()
        digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
        return self.key_prefix + digest

    def allow(self, request) -> bool:
        """Count one submission of this client; False once it sent more than `limit` this window."""
        key = self.client_key(request)
        try:
            cache = caches[CACHE_ALIAS]
            cache.add(key, 0, timeout=self.window_seconds)  # only starts the window
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: a new window
                cache.add(key, 1, timeout=self.window_seconds)
                count = 1
        except Exception:
            log.warning("Rate limit %s not checked", self.key_prefix, exc_info=True)
            return True
        return count <= self.limit
