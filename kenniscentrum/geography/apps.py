from django.apps import AppConfig


class GeographyConfig(AppConfig):
    """The register of gemeenten (design seam 5: areas as data): CBS code, name, province and
    validity, so a merger ends one gemeente and starts another without losing its history."""

    name = "kenniscentrum.geography"
    label = "geography"
    verbose_name = "Gemeenten"
    default_auto_field = "django.db.models.BigAutoField"
