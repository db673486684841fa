"""Settings, read from the environment with safe local defaults.

Why one module and no split per environment: every difference between a laptop and a server is an
environment variable (documented in the README), so there is exactly one place to read.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


# Local state (database, search index, generated secret key) lives outside the tracked files.
VAR_DIR = Path(os.environ.get("KC_VAR_DIR", BASE_DIR / "var"))
CONTENT_DIR = Path(os.environ.get("KC_CONTENT_DIR", BASE_DIR / "content"))
SEEDS_DIR = Path(os.environ.get("KC_SEEDS_DIR", BASE_DIR / "seeds"))

# Off unless explicitly switched on: `make dev` switches it on for the local machine only.
DEBUG = env_bool("DJANGO_DEBUG", False)
# Behind TLS (a server): secure cookies, HSTS, redirect to https. Off for `make run` on loopback,
# where the browser speaks plain http and would drop secure cookies.
HTTPS = env_bool("DJANGO_HTTPS", False)


def _refuse(dutch: str, english: str) -> None:
    """Stop start-up with one line, in Dutch and in English, saying what to set."""
    raise ImproperlyConfigured(f"{dutch} / {english}")


def _secret_key() -> str:
    """Read the key from the environment, or keep a generated one in VAR_DIR.

    A committed key would be public; a key generated on every start would log everybody out on
    every restart. A generated, locally stored key avoids both for development.
    """
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


_NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
if not DEBUG and HTTPS and not os.environ.get("DJANGO_SECRET_KEY"):
    # Behind TLS this is a server: a key generated into one machine's var/ differs per machine
    # and is lost with that folder (every session and password-reset link with it).
    _refuse(
        f"DJANGO_HTTPS=1 zonder DJANGO_SECRET_KEY: geef de server een eigen sleutel ({_NEW_KEY})",
        "DJANGO_HTTPS=1 without DJANGO_SECRET_KEY: set the server's own key.",
    )
SECRET_KEY = _secret_key()


def _weak(key: str) -> bool:
    """Django's own criteria (security.W009); that check only warns, and only when run."""
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")


if not DEBUG and os.environ.get("DJANGO_SECRET_KEY") and _weak(SECRET_KEY):
    # A server started with DJANGO_SECRET_KEY=changeme signed sessions with a guessable key.
    _refuse(
        f"DJANGO_SECRET_KEY is te zwak voor een server: 50 willekeurige tekens nodig ({_NEW_KEY})",
        "DJANGO_SECRET_KEY is too weak for a server: use at least 50 random characters.",
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
if not DEBUG and "DJANGO_ALLOWED_HOSTS" in os.environ and not env_list("DJANGO_ALLOWED_HOSTS", []):
    # Set but empty (a template variable that was never filled in): with DEBUG off Django would
    # answer every request with 400; say why at start-up instead.
    _refuse(
        "DJANGO_ALLOWED_HOSTS is leeg: noem de hostnaam (of -namen, met komma's) van de site",
        "DJANGO_ALLOWED_HOSTS is empty: name the site's host name(s), comma-separated.",
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Before haystack: its rebuild_index empties the live index; ours builds beside it.
    "kenniscentrum.search",
    "haystack",
    "kenniscentrum.core",
    "kenniscentrum.report",
    "kenniscentrum.geography",
    "kenniscentrum.knowledge",
    "kenniscentrum.check",
    "kenniscentrum.editorial",
    "kenniscentrum.figures",
    "kenniscentrum.feedback",
    "kenniscentrum.loket",
    "kenniscentrum.flexpool",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kenniscentrum.core.middleware.SecurityHeadersMiddleware",
    # Early: refuses oversized bodies and URLs before sessions, CSRF or any view read them.
    "kenniscentrum.core.request_limits.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTTP caching for readers (core/http_cache.py): ETag/304 outermost, then Cache-Control,
    # both outside the session/CSRF/messages middleware so they see every cookie those set.
    "django.middleware.http.ConditionalGetMiddleware",
    "kenniscentrum.core.http_cache.HttpCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection on the editors' login: 5 failures lock that username from that address
# for an hour. Sessions end after 8 hours and when the browser closes.
# Where a login lands when `?next=` is missing or points off-site (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "/redactie/"
# The back office's own login in Dutch (editorial/shell_views.py); /beheer/ keeps the admin's.
LOGIN_URL = "editorial:login"
# A locked-out editor reads why, in Dutch and in the site's look, instead of axes' English line.
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_FAILURE_LIMIT = int(os.environ.get("KC_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy: how many proxies of ours append to X-Forwarded-For (core/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("KC_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "kenniscentrum.core.client_ip.client_ip"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ROOT_URLCONF = "kenniscentrum.urls"

# What one request may send (core/request_limits.py refuses more before any view runs).
# Body: the largest legitimate one is an editor's document of MAX_DOCUMENT_CHARS (100,000)
# characters, form-encoded. Worst case every character is a 4-byte UTF-8 character that
# percent-encoding turns into 12 bytes: 1,200,000 bytes. 1.25 MiB admits that plus the other
# fields of the form; the site accepts no file uploads, so nothing else needs more.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_310_720
# Fields per form (and per query string, which Django counts the same way). The largest forms
# are the admin's: a changelist action on a full page (100 checkboxes plus 4) and a group with
# all of the site's ~95 permissions selected. Django's default is 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
# Query strings: the check's result URL is under 500 characters and a search query is cut to
# 200 characters (search/query.py), at most 2,400 once percent-encoded. 4,096 admits both.
REQUEST_MAX_QUERY_STRING = 4096
# The check's form sends at most 21 parameters, the search page 6.
REQUEST_MAX_QUERY_PARAMS = 100

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kenniscentrum" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kenniscentrum.core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "kenniscentrum.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several web workers and a running load may touch the file at once: wait instead of failing.
    # IMMEDIATE: a transaction takes the write lock when it begins. In the default (deferred)
    # mode a read-then-write transaction must upgrade its lock later, and SQLite answers
    # "database is locked" at once, without the timeout, when two do so together (two editors
    # saving one item: 25 of 30 rounds failed; tests/test_sqlite_write_lock.py).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["timeout"] = 20
    options["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# With DJANGO_STATIC_ROOT set (`make run` sets var/static; a server sets its own folder),
# `collectstatic` writes hashed names (style.3f2a….css, cacheable for ever) plus gzip/brotli
# copies there and WhiteNoise serves only those. Unset (`make dev`, the tests): the files come
# straight from the apps, no collectstatic needed. Not tied to DEBUG: the tests run with DEBUG
# off and must not depend on a collected folder.
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_ROOT
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = STATIC_ROOT is None

# Safe defaults that also hold locally; HTTPS-only settings are switched on behind TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS: a year by default; KC_HSTS_SECONDS=300 for a first roll-out, 0 switches it off.
    # Subdomains: on by default, it covers only names below the site's own host. Preload: off by
    # default; the directive alone changes nothing until the domain is submitted to
    # hstspreload.org, which cannot be undone quickly (check --deploy warns W021 while it is off).
    SECURE_HSTS_SECONDS = int(os.environ.get("KC_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("KC_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("KC_HSTS_PRELOAD", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Search: Whoosh (embedded, zero set-up) by default; Xapian (embedded, C++) for large corpora.
# KC_SEARCH_ENGINE is "whoosh", "xapian" or the dotted path of another haystack engine. Each
# engine keeps its own index folder unless KC_SEARCH_PATH names one.
# "solr" and "elasticsearch" (7) are servers, for a site on several machines: KC_SEARCH_URL
# (and KC_SEARCH_INDEX_NAME) say where; they need the "solr" or "elasticsearch" pip extra and
# read through haystack's search() (search/haystack_reading.py says what differs).
# "whoosh-portable" is that reading side on a Whoosh index, to test it on this machine.
SEARCH_ENGINES = {
    "whoosh": "kenniscentrum.search.backend.DutchWhooshEngine",
    "xapian": "kenniscentrum.search.xapian_backend.DutchXapianEngine",
    "solr": "kenniscentrum.search.portable_backends.SolrEngine",
    "elasticsearch": "kenniscentrum.search.portable_backends.ElasticsearchEngine",
    "whoosh-portable": "kenniscentrum.search.portable_backends.PortableWhooshEngine",
}
SEARCH_ENGINE = os.environ.get("KC_SEARCH_ENGINE", "whoosh")
SEARCH_PATH = Path(
    os.environ.get(
        "KC_SEARCH_PATH",
        VAR_DIR / ("whoosh_index" if SEARCH_ENGINE == "whoosh" else f"{SEARCH_ENGINE}_index"),
    )
)
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": SEARCH_ENGINES.get(SEARCH_ENGINE, SEARCH_ENGINE),
        "PATH": str(SEARCH_PATH),
        "URL": os.environ.get("KC_SEARCH_URL", ""),
        "INDEX_NAME": os.environ.get("KC_SEARCH_INDEX_NAME", "kenniscentrum"),
        "INCLUDE_SPELLING": True,
        "SILENTLY_FAIL": False,
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "kenniscentrum.search.signals.OnCommitSignalProcessor"
SEARCH_PAGE_SIZE = 10
SEARCH_DECOMPOUND = env_bool("KC_SEARCH_DECOMPOUND", True)
# Query analysis (search/query.py, analysis.py); each can be switched off to measure it.
# Split compounds typed in a query that the index does not know, against the corpus's vocabulary
# and a general Dutch word list (wordfreq).
SEARCH_QUERY_DECOMPOUND = env_bool("KC_SEARCH_QUERY_DECOMPOUND", True)
# Questions: leave out the question words and filler of content/vraagwoorden.yaml, boost words
# that appear together, and rank partial matches by their distinctive words first.
SEARCH_QUESTIONS = env_bool("KC_SEARCH_QUESTIONS", True)
# Stem exceptions for words Snowball merges with unrelated ones (analysis.STEM_EXCEPTIONS);
# changes the index, so a change of this setting needs a rebuild.
SEARCH_STEM_EXCEPTIONS = env_bool("KC_SEARCH_STEM_EXCEPTIONS", True)
# A query with a typo that finds nothing is answered with its correction ("Resultaten voor …");
# off: the correction is only offered ("Bedoelde u …?"). search/spelling.py has the rules.
SEARCH_AUTOCORRECT = env_bool("KC_SEARCH_AUTOCORRECT", True)
# The rebuild button on /redactie/ builds in a background thread (a minute at 10,000 items);
# tests turn this off to see the result in the same request.
INDEX_REBUILD_IN_BACKGROUND = env_bool("KC_INDEX_REBUILD_IN_BACKGROUND", True)
# How often each web worker writes index updates that were owed but never written (a worker
# killed between commit and index write; search/owed_updates.py).
INDEX_REPLAY_SECONDS = float(os.environ.get("KC_INDEX_REPLAY_SECONDS", "60"))
# Anonymous pages may be cached this many seconds by browsers and a proxy/CDN: a published change
# is visible to everyone within it (core/http_cache.py).
HTTP_CACHE_MAX_AGE = int(os.environ.get("KC_HTTP_MAX_AGE", "300"))

# The knowledge in this site is as of the source report; shown wherever a status could have changed.
# The colofon (/colofon/): who runs this installation, and where a reader reports an error.
# Empty until the organisation that hosts the site sets them: the software cannot know.
SITE_OWNER = os.environ.get("KC_BEHEERDER", "").strip()
CONTACT_EMAIL = os.environ.get("KC_CONTACT_EMAIL", "").strip()
ISSUES_URL = os.environ.get("KC_MELDINGEN_URL", "").strip()
REPORT_DATE = "2021-11-01"

# The vraagbaak (loket/) and the flexpool (flexpool/): how long answers may take and how long
# personal data is kept. Validated by each app's config.py (manage.py check names a bad value).
KC_LOKET_ANSWER_DAYS = os.environ.get("KC_LOKET_ANSWER_DAYS", "5")
KC_LOKET_RETENTION_DAYS = os.environ.get("KC_LOKET_RETENTION_DAYS", "90")
KC_FLEXPOOL_RETENTION_DAYS = os.environ.get("KC_FLEXPOOL_RETENTION_DAYS", "365")
CSRF_FAILURE_VIEW = "kenniscentrum.core.views.csrf_failure"

# Searches are counted in memory and written to the search log every this many seconds (and when
# a process exits), never while a reader waits; a crash loses the counts since the last write.
SEARCH_LOG_FLUSH_SECONDS = float(os.environ.get("KC_SEARCH_LOG_FLUSH_SECONDS", "5"))
# Off only inside the test process (tests/conftest.py); subprocesses of tests keep it.
SEARCH_LOG_FLUSHER = True

# E-mail: the editorial workflow's notifications (editorial/notifications.py). Printed to the
# console (the server log) until KC_EMAIL_HOST names an SMTP server, so a laptop never mails.
# KC_SITE_URL (https://example.nl) makes the links in mails absolute; without it they use the
# address of the request that made the change.
EMAIL_HOST = os.environ.get("KC_EMAIL_HOST", "").strip()
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("KC_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("KC_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KC_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KC_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs delays one response, not a worker forever
DEFAULT_FROM_EMAIL = os.environ.get("KC_EMAIL_FROM", "redactie@localhost").strip()
SITE_URL = os.environ.get("KC_SITE_URL", "").strip().rstrip("/")
