from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Dutch full-text search over the corpus and the report (django-haystack)."""

    name = "kenniscentrum.search"
    label = "search"
    verbose_name = "Zoeken"
