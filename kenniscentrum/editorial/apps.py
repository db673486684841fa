from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Editors' side: roles, workflow, audit log, search insights, recommended results and
    synonym groups made in the browser."""

    name = "kenniscentrum.editorial"
    label = "editorial"
    verbose_name = "Redactie"

    def ready(self):
        """Plug into search through its hooks: search is the lower layer and never imports us."""
        from kenniscentrum.search import hooks, synonyms

        from .search_actions import BROWSER_SYNONYMS
        from .search_insights import pinned_items
        from .search_log_buffer import count_search

        hooks.search_performed.connect(count_search, dispatch_uid="editorial-search-log")
        hooks.register_promotions(pinned_items)
        synonyms.register_store(BROWSER_SYNONYMS)
