"""A haystack Whoosh backend for Dutch, with the fixes haystack 3.4's Whoosh backend needs.

Selected by configuration (`KC_SEARCH_ENGINE`); Solr or Elasticsearch use haystack's own engines
and none of this. What it changes, and why (each measured on haystack 3.4 + Whoosh 2.7.4):
- Full-text fields use the Dutch analyzer (analysis.py) instead of the English StemmingAnalyzer.
- Facet fields (`*_exact`) are stored unanalysed; the stock backend stems them ("financiël").
- Highlighting uses the Dutch analyzer in index mode, so "gemeente" highlights "gemeenten" and
  "corporatie" highlights "woningcorporaties"; the stock code hard-codes the English analyzer.
- Spelling suggestions are computed only when asked for, not on every search (3 s each).
- remove() waits for the index lock like update() does, instead of losing the delete to a
  LockError that SILENTLY_FAIL only logs.
- sync_objects() reads the database after taking the lock, so concurrent saves of one item
  leave its newest committed state in the index (found by tests/test_search_concurrency.py).
- page_search() answers a results page in one Whoosh search with a warm searcher (engine.py
  says why; whoosh_reading.py holds the reading side).
"""

import os
import time

from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import ID
from haystack.utils import get_identifier
from whoosh import index as whoosh_index
from whoosh.fields import ID as WHOOSH_ID
from whoosh.fields import KEYWORD, TEXT
from whoosh.index import LockError
from whoosh.query import Or, Term

from .analysis import dutch_analyzer
from .highlight import highlight_text  # noqa: F401 - the engines' shared highlighter
from .index_format import write_stamp
from .whoosh_reading import WhooshReading

LOCK_TIMEOUT = 30.0


class DutchWhooshWriting(WhooshSearchBackend):
    """Schema and writing of our Whoosh index; shared with the portable engine
    (portable_backends.py), which reads the same index through haystack's search()."""

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        analyzer = dutch_analyzer()
        for field_class in fields.values():
            fieldname = field_class.index_fieldname
            if getattr(field_class, "facet_for", None):
                schema.remove(fieldname)
                if field_class.is_multivalued:
                    schema.add(fieldname, KEYWORD(stored=True, commas=True, scorable=True))
                else:
                    schema.add(fieldname, WHOOSH_ID(stored=True, sortable=True))
            elif isinstance(schema[fieldname], TEXT):
                schema.remove(fieldname)
                schema.add(
                    fieldname,
                    TEXT(
                        stored=True,
                        analyzer=analyzer,
                        field_boost=field_class.boost,
                        sortable=False,
                        spelling=field_class.document,
                    ),
                )
        return content_field_name, schema

    def locked_writer(self):
        """A writer holding the index lock, waiting for it as long as LOCK_TIMEOUT."""
        if not self.setup_complete:
            self.setup()
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            # Opened in the folder the index path points to now, not through the link: a
            # writer that started before a full build switched the link finishes there
            # instead of writing half its files into the new folder (index_builds.py).
            index = whoosh_index.open_dir(os.path.realpath(self.path), indexname="MAIN")
            try:
                return index.writer(timeout=1.0, delay=0.02)
            except LockError:
                if time.monotonic() > deadline:
                    raise

    def delete_index(self):
        """Empty the folder the index path points to (haystack removes the path itself, which
        fails on the link a full build leaves there)."""
        if os.path.islink(self.path):
            folder = os.path.realpath(self.path)
            for name in os.listdir(folder):
                os.unlink(os.path.join(folder, name))
            self.setup_complete = False
            self.setup()
            return
        super().delete_index()

    def clear(self, models=None, commit=True):
        """Empty the index; when all of it, stamp it with the current index format."""
        super().clear(models, commit)
        if models is None:
            write_stamp(self.path)

    def remove(self, obj_or_string, commit=True):
        writer = self.locked_writer()
        writer.delete_by_term(ID, get_identifier(obj_or_string))
        writer.commit()

    def sync_objects(self, index, read_objects, identifiers) -> None:
        """Write the current state of some objects, reading them while holding the lock.

        Two processes saving the same item must leave the index with the newest committed
        version. Reading the database before taking the lock (as update() does) lets the
        older reader write last; reading after taking it cannot.
        """
        writer = self.locked_writer()
        try:
            live = read_objects()
            # One query deletes every old version, then plain adds: update_document opens a
            # reader over all segments per document (re-indexing 10,000 items: 411 s vs 82 s).
            wanted = sorted(set(identifiers) | {get_identifier(obj) for obj in live})
            writer.delete_by_query(Or([Term(ID, identifier) for identifier in wanted]))
            for obj in live:
                doc = {
                    key: self._from_python(value) for key, value in index.full_prepare(obj).items()
                }
                doc.pop("boost", None)
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _process_results(
        self, raw_page, highlight=False, query_string="", spelling_query=None, **kwargs
    ):
        # The stock backend computes a spelling suggestion for every search when spelling is
        # on: Damerau-Levenshtein over the whole vocabulary for every word of the backend
        # query (field names included), 3 s a search on our small index. Only compute one
        # when asked for (SearchQuerySet.spelling_suggestion).
        include_spelling = self.include_spelling
        self.include_spelling = include_spelling and bool(spelling_query)
        try:
            return super()._process_results(
                raw_page,
                highlight=highlight,
                query_string=query_string,
                spelling_query=spelling_query,
                **kwargs,
            )
        finally:
            self.include_spelling = include_spelling


class DutchWhooshSearchBackend(WhooshReading, DutchWhooshWriting):
    """Our Whoosh engine: the writing above, one pass per results page (whoosh_reading.py)."""


class DutchWhooshEngine(BaseEngine):
    backend = DutchWhooshSearchBackend
    query = WhooshSearchQuery
