"""WSGI entry point for servers such as gunicorn or uWSGI."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings")
application = get_wsgi_application()
