"""Gemeente figures in /beheer/: read only. Uploading, publishing, discarding and withdrawing
happen on the editors' pages (/redactie/cijfers/), where every change is checked and logged;
an edit here would bypass both."""

from django.contrib import admin

from .models import FigureAuditEntry, FigurePublication


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditInline(admin.TabularInline):
    model = FigureAuditEntry
    fields = ("at", "user", "action", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FigurePublication)
class FigurePublicationAdmin(ReadOnly):
    list_display = ("period", "version", "status", "source", "uploaded_by", "uploaded_at")
    list_filter = ("status", "period")
    exclude = ("csv_text",)
    inlines = [AuditInline]


@admin.register(FigureAuditEntry)
class FigureAuditEntryAdmin(ReadOnly):
    list_display = ("at", "user", "publication", "action", "from_status", "to_status")
    list_filter = ("action",)
