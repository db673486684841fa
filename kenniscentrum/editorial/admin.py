"""The editors' screens, in Django's admin for now: items with workflow actions, pins, logs.

Status is read-only in every form: it changes only through the workflow actions, which check
the role (a crafted POST with status=gepubliceerd is ignored by the admin).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.rendering import render_markdown
from kenniscentrum.knowledge.vocabulary import Status

from .models import AuditEntry, Pin, SearchLog
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
    list_display = ("title", "kind", "status", "last_reviewed", "updated_at")
    list_filter = ("kind", "status", "themes")
    search_fields = ("title", "summary", "slug")
    readonly_fields = ("status", "source_path", "source_hash", "edited_since_load", "updated_at")
    filter_horizontal = ("themes", "provinces", "related")
    actions = [_action(step) for step in TRANSITIONS.values()]

    def has_publish_permission(self, request):
        return request.user.has_perm("knowledge.publish_item")

    def has_change_permission(self, request, obj=None):
        """A redacteur does not change live content directly (drafts of published items are
        not built yet); an eindredacteur may."""
        if obj is not None and obj.status == Status.GEPUBLICEERD:
            return request.user.has_perm("knowledge.publish_item")
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = Status.CONCEPT
        obj.edited_since_load = True
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)


@admin.register(Pin)
class PinAdmin(admin.ModelAdmin):
    list_display = ("query", "item", "order")
    search_fields = ("query", "item__title")
    autocomplete_fields = ("item",)


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
