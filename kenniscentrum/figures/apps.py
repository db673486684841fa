from django.apps import AppConfig


class FiguresConfig(AppConfig):
    """Cijfers: the taakstelling and its realisation as the report publishes them (Tabel 1, 2)."""

    name = "kenniscentrum.figures"
    label = "figures"
    verbose_name = "Cijfers"
