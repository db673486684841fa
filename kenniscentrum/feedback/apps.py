from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Readers' "Was deze pagina nuttig?" on content pages, and the editors' overview of it."""

    name = "kenniscentrum.feedback"
    label = "feedback"
    verbose_name = "Paginafeedback"
