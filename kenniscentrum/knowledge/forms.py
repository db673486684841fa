"""The filter form of the list pages (GET, so a filtered list is a shareable URL)."""

from django import forms

from .models import Province, Theme


class FilterForm(forms.Form):
    thema = forms.ChoiceField(label="Thema", required=False)
    provincie = forms.ChoiceField(label="Provincie", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", "Alle thema's")] + [
            (t.slug, t.name) for t in Theme.objects.all()
        ]
        self.fields["provincie"].choices = [("", "Alle provincies")] + [
            (p.slug, p.name) for p in Province.objects.all()
        ]
        self.fields["thema"].error_messages["invalid_choice"] = (
            "Dit thema bestaat niet. Kies een thema uit de lijst."
        )
        self.fields["provincie"].error_messages["invalid_choice"] = (
            "Deze provincie bestaat niet. Kies een provincie uit de lijst."
        )

    def filters(self) -> dict:
        """Valid filters only: an invalid value is reported and ignored, never a server error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or None
            for name in ("thema", "provincie")
            if name not in self.errors
        }
