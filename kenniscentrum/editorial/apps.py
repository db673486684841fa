from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Editors' side: roles, workflow, audit log, search insights, recommended results."""

    name = "kenniscentrum.editorial"
    label = "editorial"
    verbose_name = "Redactie"
