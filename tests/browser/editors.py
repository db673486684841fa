"""Editor accounts and logging in, for the browser tests that act as editors."""

from django.contrib.auth.models import Group, Permission, User

PASSWORD = "een-lang-Wachtwoord-2026"


def make_editor(name: str, role: str, also: tuple[str, ...] = ()) -> User:
    """A redacteur or eindredacteur with an e-mail address (for the notifications).

    Transactional tests flush the roles the migration made: the role is built here, with the
    item permissions and `also` (codenames, e.g. the flexpool's "view_flexrequest")."""
    group, _ = Group.objects.get_or_create(name=role)
    codenames = ["view_item", "add_item", "change_item", *also]
    if role == "eindredacteur":
        codenames.append("publish_item")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user = User.objects.create_user(
        name, email=f"{name}@redactie.example", password=PASSWORD, is_staff=True
    )
    user.groups.add(group)
    return user


def log_in(page, site: str, name: str) -> None:
    """Through the back office's own login page, as an editor would."""
    page.goto(site + "/redactie/inloggen/?next=/redactie/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/redactie/")
