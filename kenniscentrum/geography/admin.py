"""The register of gemeenten in /beheer/: list, search by name or code, filter by province.

content/gemeenten.csv is the source: an edit here is written back by `export_content` and
lost at the next `load_content` if it was not exported first. Who may do what is granted in
migrations/0002_roles.py (eindredacteur: view, add, change; redacteur: view). Nobody but a
superuser deletes: a gemeente that ended stays, with its last day and successor, because
figures of its time refer to it.
"""

from django.contrib import admin

from .forms import GemeenteForm
from .models import Gemeente


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    form = GemeenteForm
    list_display = ("code", "name", "province", "valid_from", "valid_until")
    list_filter = ("province",)
    search_fields = ("name", "code")
    ordering = ("name", "code")
    autocomplete_fields = ("successor",)
