"""Is the search engine an index folder on this machine, or a server? Asked in one place.

Whoosh and Xapian keep their index in a folder (the connection's PATH): a full build can go
into a new folder and replace the live one in one rename (index_builds.py), saves made during
a build are journalled beside it, and the folder carries a stamp of the index format
(index_format.py). A server engine (Solr, Elasticsearch) has none of that: PATH is set by
settings.py for every engine, but means nothing to it. Everything that depends on the folder
asks `engine_is_embedded()` instead of looking for PATH or a backend class.

A backend (or engine) class says so with a class attribute `embedded`; without one, haystack's
Whoosh backends count as embedded and every other backend as a server, which only costs a
path-based engine we do not know the atomic rebuild (it is then rebuilt in place, logged).
"""

from __future__ import annotations

from django.utils.module_loading import import_string
from haystack import connections
from haystack.backends.whoosh_backend import WhooshSearchBackend


def backend_is_embedded(backend_class: type) -> bool:
    explicit = getattr(backend_class, "embedded", None)
    if explicit is not None:
        return bool(explicit)
    return issubclass(backend_class, WhooshSearchBackend)


def engine_is_embedded(alias: str = "default") -> bool:
    """Whether the engine of a haystack connection keeps its index in a local folder."""
    return backend_is_embedded(type(connections[alias].get_backend()))


def engine_class_is_embedded(dotted: str) -> bool:
    """The same, from an engine's dotted path, without creating a backend (no connection)."""
    engine_class = import_string(dotted)
    explicit = getattr(engine_class, "embedded", None)
    if explicit is not None:
        return bool(explicit)
    return backend_is_embedded(engine_class.backend)
