"""The editors' screens, in Django's admin for now: items with workflow actions, pins, logs.

Items are read-only here: status changes only through the workflow actions, which check the
role, and text is edited in /redactie/ (a crafted POST to the admin is refused).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html

from kenniscentrum.knowledge.models import Item

from .models import AuditEntry, BrowserSynonymGroup, Pin, SearchLog
from .workflow import TRANSITIONS, InvalidTransition, transition

admin.site.site_header = "Redactie kenniscentrum huisvesting statushouders"
admin.site.site_title = "Redactie kenniscentrum"
admin.site.index_title = "Beheer"


def _action(step):
    def run(modeladmin, request, queryset):
        done = 0
        for item in queryset:
            try:
                transition(item, step.action, request.user)
                done += 1
            except (PermissionDenied, InvalidTransition) as exc:
                modeladmin.message_user(request, f"{item.title}: {exc}", messages.ERROR)
        if done:
            modeladmin.message_user(request, f"{step.label}: {done} item(s).", messages.SUCCESS)

    run.__name__ = f"workflow_{step.action}"
    run.short_description = step.label
    run.allowed_permissions = ("publish",) if step.permission.endswith("publish_item") else ()
    return run


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Read-only overview with the workflow actions. Writing happens in /redactie/, where every
    save is validated with load_content's rules and live items get a draft."""

    list_display = ("title", "kind", "status", "last_reviewed", "updated_at", "edit_link")
    list_filter = ("kind", "status", "themes")
    search_fields = ("title", "summary", "slug")
    # "reject" needs a reason for the author (workflow.transition), which a bulk action cannot
    # ask: it is done on the item's edit page in /redactie/.
    actions = [_action(step) for step in TRANSITIONS.values() if step.action != "reject"]

    @admin.display(description="Bewerken")
    def edit_link(self, obj):
        return format_html(
            '<a href="{}">Bewerk in de redactie</a>', reverse("editorial:edit", args=[obj.slug])
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("knowledge.publish_item")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pin)
class PinAdmin(admin.ModelAdmin):
    list_display = ("query", "item", "order")
    search_fields = ("query", "item__title")
    autocomplete_fields = ("item",)


@admin.register(BrowserSynonymGroup)
class BrowserSynonymGroupAdmin(admin.ModelAdmin):
    """Made from /redactie/zoekvragen/, where they are validated; here only seen or deleted
    (search drops a deleted group at the next search). export_content moves them to the file."""

    list_display = ("__str__", "preferred", "query", "created_by", "created_at")
    search_fields = ("query",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    list_display = ("day", "query", "searches", "results")
    list_filter = ("day",)
    search_fields = ("query",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "item_slug", "action", "from_status", "to_status")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
