"""The flexpool in /beheer/: profiles editable (with the back office's form and rules),
requests and their log read only.

Why requests are read only here: a status change must go through workflow.py (row lock, log,
mail), which the admin's change form would bypass. An eindredacteur can delete a request here
(the permission is granted in migrations/0002_roles.py), for instance when a requester asks
for their data to be removed before the retention period ends.
"""

from django.contrib import admin

from .forms import ProfileForm
from .models import FlexRequest, Profile, RequestLogEntry


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileForm
    list_display = ("name", "active", "available_from", "available_until", "name_public")
    list_filter = ("active", "name_public", "all_provinces")
    search_fields = ("name", "organisation")


class RequestLogInline(admin.TabularInline):
    model = RequestLogEntry
    extra = 0
    can_delete = False
    fields = ("at", "user", "action", "from_status", "to_status", "profile", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FlexRequest)
class FlexRequestAdmin(admin.ModelAdmin):
    list_display = ("reference", "gemeente", "province", "status", "created_at", "closed_on")
    list_filter = ("status", "province")
    search_fields = ("reference", "gemeente")
    date_hierarchy = "created_at"
    inlines = [RequestLogInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RequestLogEntry)
class RequestLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "request", "action", "from_status", "to_status", "user")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log goes with its request
