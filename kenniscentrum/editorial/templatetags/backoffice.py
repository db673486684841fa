"""Who is logged in, in words an editor recognises (the back office's `_nav.html`)."""

from django import template

register = template.Library()

# Highest first: someone in both groups acts as eindredacteur.
ROLES = ("eindredacteur", "redacteur")


@register.filter
def editor_role(user) -> str:
    """'beheerder', 'eindredacteur' or 'redacteur'; the groups are the roles (see migrations).

    Read from the groups rather than the permissions, so the name matches what a beheerder
    assigned in /beheer/.
    """
    if getattr(user, "is_superuser", False):
        return "beheerder"
    names = {group.name for group in user.groups.all()} if user.is_authenticated else set()
    return next((role for role in ROLES if role in names), "geen rol")
