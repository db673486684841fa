"""The back office's own doors: log in, log out and change a password in the site's look.

Editors are not administrators; sending them through the Django admin's English-looking login
confused them and hid which account they were using. These views reuse Django's LoginView,
LogoutView and PasswordChangeView (and so their CSRF, session rotation and `next` checks) and
only swap in Dutch forms and our templates. django-axes still guards the login: its backend
refuses a locked-out username and its middleware answers with registration/locked_out.html.
"""

from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.urls import reverse_lazy

from .editor_views import editor_required


class LoginForm(AuthenticationForm):
    """Django's login form with Dutch labels and messages that do not depend on translations."""

    error_messages = {
        "invalid_login": (
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. Let op hoofdletters en "
            "kleine letters."
        ),
        "inactive": "Dit account is uitgeschakeld. Vraag een beheerder om het weer aan te zetten.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        for field in self.fields.values():
            field.error_messages["required"] = f"Vul uw {field.label.lower()} in."


class PasswordForm(PasswordChangeForm):
    """Django's password change with Dutch labels; the rules are listed on the page itself."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Uw huidige wachtwoord klopt niet. Probeer het opnieuw.",
        "password_mismatch": "De twee nieuwe wachtwoorden zijn niet gelijk.",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        labels = {
            "old_password": "Huidig wachtwoord",
            "new_password1": "Nieuw wachtwoord",
            "new_password2": "Herhaal het nieuwe wachtwoord",
        }
        for name, label in labels.items():
            self.fields[name].label = label
            self.fields[name].help_text = ""
            self.fields[name].error_messages["required"] = f"Vul het veld ‘{label}’ in."
        # Only the listed rules on the page explain what a password needs (and point to this).
        self.fields["new_password1"].widget.attrs["aria-describedby"] = "wachtwoordregels"


def password_rules() -> list[str]:
    """The configured AUTH_PASSWORD_VALIDATORS in Dutch, so the page never drifts from them.

    A validator we have no sentence for falls back to its own help text (translated by Django).
    """
    rules = []
    for validator in password_validation.get_default_password_validators():
        name = type(validator).__name__
        if name == "MinimumLengthValidator":
            rules.append(f"Het wachtwoord is minstens {validator.min_length} tekens lang.")
        elif name == "UserAttributeSimilarityValidator":
            rules.append("Het wachtwoord lijkt niet op uw gebruikersnaam, naam of e-mailadres.")
        elif name == "CommonPasswordValidator":
            rules.append("Het wachtwoord is geen veelgebruikt wachtwoord (zoals ‘welkom123’).")
        elif name == "NumericPasswordValidator":
            rules.append("Het wachtwoord bestaat niet alleen uit cijfers.")
        else:
            rules.append(str(validator.get_help_text()))
    return rules


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule: a link or image must not log an editor out)."""

    next_page = reverse_lazy("editorial:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # After logout() flushed the session: the message travels in the cookie storage.
        messages.success(request, "U bent uitgelogd.")
        return response


class PasswordView(auth_views.PasswordChangeView):
    template_name = "editorial/password.html"
    form_class = PasswordForm
    success_url = reverse_lazy("editorial:items")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rules": password_rules()}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Uw wachtwoord is gewijzigd.")
        return response


login = LoginView.as_view()
logout = LogoutView.as_view()
password_change = editor_required(PasswordView.as_view())
