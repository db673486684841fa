from django.apps import AppConfig


class ReportConfig(AppConfig):
    """The source report (eindrapportage 2021), split into citable sections."""

    name = "kenniscentrum.report"
    label = "report"
    verbose_name = "Eindrapportage"
