"""Feedback in the admin: read only, except that an eindredacteur can delete a comment.

Why delete: the form asks readers not to write personal data, but some will. Deleting the
comment is how an editor removes it before the retention period ends.
"""

from django.contrib import admin

from .models import PageComment, PageFeedbackDay


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PageComment)
class PageCommentAdmin(ReadOnly):
    list_display = ("day", "path", "useful", "text")
    list_filter = ("useful", "day")
    search_fields = ("path", "text")
    date_hierarchy = "day"


@admin.register(PageFeedbackDay)
class PageFeedbackDayAdmin(ReadOnly):
    list_display = ("day", "path", "useful", "not_useful", "comments")
    search_fields = ("path",)
    date_hierarchy = "day"

    def has_delete_permission(self, request, obj=None):
        return False  # counts leave only through the retention period
