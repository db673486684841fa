"""WSGI entry point for servers such as gunicorn or uWSGI."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings")
application = get_wsgi_application()

# Each worker imports this module when it starts: do search's one-time work now, not in the
# first visitor's request.
from kenniscentrum.search.service import warm_up  # noqa: E402

warm_up()
