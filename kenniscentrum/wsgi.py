"""WSGI entry point for servers such as gunicorn or uWSGI."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings")
application = get_wsgi_application()

# Each worker imports this module when it starts: do search's one-time work now, not in the
# first visitor's request.
from kenniscentrum.search.owed_updates import replay_in_background  # noqa: E402
from kenniscentrum.search.service import warm_up  # noqa: E402

warm_up()
# Index updates a killed worker owed are written by the workers that live on.
replay_in_background()
