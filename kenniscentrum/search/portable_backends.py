"""Haystack engines that read through haystack's search() (haystack_reading.py).

- `SolrEngine`, `ElasticsearchEngine`: haystack's Solr and Elasticsearch 7 backends with our
  reading side, for a deployment over several machines (settings.SEARCH_ENGINES "solr",
  "elasticsearch"). Their clients (pysolr, elasticsearch) are imported when the engine is
  created, so the site runs without them until one is configured.
- `PortableWhooshEngine`: the same reading side on a Whoosh index with our Dutch schema and
  writing (backend.DutchWhooshWriting), so the portable path is tested here for real and can
  be compared with the one-pass engine on the same corpus ("whoosh-portable").

The index on a server is made by the server's own analysis (its schema or mapping, e.g. Solr's
text_nl), not by analysis.py: decompounding and our stem corrections do not exist there unless
its configuration adds them. The search service sends the words as typed (haystack_reading.py).
"""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import MissingDependency

from .backend import DutchWhooshWriting
from .haystack_reading import HaystackReading

_MISSING = (
    "De zoekmachine {engine} heeft het Python-pakket {package} nodig; installeer het met "
    "pip install -e '.[{extra}]' (the {engine} engine needs {package}: install the "
    "'{extra}' extra)."
)


class PortableWhooshSearchBackend(HaystackReading, DutchWhooshWriting):
    """Our Whoosh index, read through haystack's search() like a server engine."""


class PortableWhooshEngine(BaseEngine):
    backend = PortableWhooshSearchBackend
    query = WhooshSearchQuery


@lru_cache(maxsize=1)
def _solr() -> tuple[type, type]:
    try:
        from haystack.backends.solr_backend import SolrSearchBackend, SolrSearchQuery
    except (ImportError, MissingDependency) as exc:
        raise ImproperlyConfigured(
            _MISSING.format(engine="Solr", package="pysolr", extra="solr")
        ) from exc

    class PortableSolrSearchBackend(HaystackReading, SolrSearchBackend):
        embedded = False
        facet_options = {"limit": -1}  # Solr's default is 100 values per facet

    return PortableSolrSearchBackend, SolrSearchQuery


@lru_cache(maxsize=1)
def _elasticsearch() -> tuple[type, type]:
    try:
        from haystack.backends.elasticsearch7_backend import (
            Elasticsearch7SearchBackend,
            Elasticsearch7SearchQuery,
        )
    except (ImportError, MissingDependency) as exc:
        raise ImproperlyConfigured(
            _MISSING.format(
                engine="Elasticsearch", package="elasticsearch>=7,<8", extra="elasticsearch"
            )
        ) from exc

    from .engine_config import elasticsearch as generated
    from .engine_config.common import build_export

    class PortableElasticsearchSearchBackend(HaystackReading, Elasticsearch7SearchBackend):
        """The index this backend creates (on its first write, when missing) analyses Dutch as
        analysis.py does: the settings and text mapping of `search_engine_config`, not
        haystack's English snowball (which the server would also refuse to change later)."""

        embedded = False
        facet_options = {"size": 1000}  # Elasticsearch's terms aggregation returns 10
        DEFAULT_FIELD_MAPPING = generated.TEXT_MAPPING

        def __init__(self, connection_alias, **options):
            super().__init__(connection_alias, **options)
            self.DEFAULT_SETTINGS = {"settings": {"analysis": generated.analysis(build_export())}}

        def build_schema(self, fields):
            """The generated mapping: haystack's own turns facet and unindexed text fields
            into keywords but leaves our search_analyzer on them, which the server refuses."""
            content_field_name, _ = super().build_schema(fields)
            return content_field_name, generated.properties(
                build_export(), ID, DJANGO_CT, DJANGO_ID
            )

    return PortableElasticsearchSearchBackend, Elasticsearch7SearchQuery


class SolrEngine(BaseEngine):
    embedded = False

    def __init__(self, using=None):
        self.backend, self.query = _solr()
        super().__init__(using=using)


class ElasticsearchEngine(BaseEngine):
    embedded = False

    def __init__(self, using=None):
        self.backend, self.query = _elasticsearch()
        super().__init__(using=using)
