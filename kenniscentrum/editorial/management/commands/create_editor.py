"""`python manage.py create_editor NAME --role redacteur|eindredacteur`: a local editor account.

The password is asked for (never on the command line, never committed); for scripts it may
come from the environment variable KC_EDITOR_PASSWORD.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

ROLES = ("redacteur", "eindredacteur")


class Command(BaseCommand):
    help = "Maakt een redactie-account met de rol redacteur of eindredacteur."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="redacteur")

    def handle(self, *args, username: str, role: str, **options):
        password = os.environ.get("KC_EDITOR_PASSWORD") or getpass.getpass("Wachtwoord: ")
        user_model = get_user_model()
        user = user_model(username=username, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"Er is al een account '{username}'.")
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        self.stdout.write(self.style.SUCCESS(f"Account '{username}' ({role}) aangemaakt."))
