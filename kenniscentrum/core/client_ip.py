"""The visitor's IP address, as the login lockout (django-axes) needs it behind a proxy.

Behind a reverse proxy every request comes from the proxy's address, so all visitors shared one
lockout key. X-Forwarded-For is written by the client first and by each proxy after it, so only
the entries our own proxies appended can be trusted: with KC_TRUSTED_PROXY_COUNT=N the N-th
address from the right is the client. With 0 (the default, no proxy) the header is ignored, so
nobody can choose their own address by sending it.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
