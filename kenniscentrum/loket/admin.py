"""The vraagbaak in the admin: read only. Questions change through the editors' pages
(/redactie/vraagbaak/), where every change is locked and logged; the admin would bypass both.

An eindredacteur may delete a question (one that is abuse, or holds data that must go before
the retention period ends). The list shows no e-mail address: the list is what an admin sees
most, and an address is needed only on the question itself.
"""

from django.contrib import admin

from .models import Question, QuestionEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = QuestionEvent
    fields = ("at", "actor", "action", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnly):
    list_display = (
        "reference", "status", "organisation_type", "province", "submitted_at", "promised_on",
        "closed_at", "assigned_to",
    )  # fmt: skip
    list_filter = ("status", "organisation_type", "province")
    search_fields = ("reference",)
    date_hierarchy = "submitted_at"
    inlines = [EventInline]

    def get_deleted_objects(self, objs, request):
        """A question's log goes with it: no separate permission to delete log lines needed."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(QuestionEvent._meta.verbose_name)
        return deleted, counts, perms_needed, protected


@admin.register(QuestionEvent)
class QuestionEventAdmin(ReadOnly):
    list_display = ("question", "at", "actor", "action", "detail")
    list_filter = ("action",)
    search_fields = ("question__reference",)

    def has_delete_permission(self, request, obj=None):
        return False  # the log goes only with its question
