from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    """The editorial corpus: regelingen, handreikingen, praktijkvoorbeelden and more."""

    name = "kenniscentrum.knowledge"
    label = "knowledge"
    verbose_name = "Kennisbank"
