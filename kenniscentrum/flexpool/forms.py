"""The flexpool's forms: a gemeente's request, the editors' profile, the public filters.

Validation only; what a valid request or profile means is workflow.py's and models.py's.
Every message is Dutch and names what to do. Templates render the fields by hand (labels,
fieldsets with legends, hints and errors tied to the control with aria-describedby), so the
forms give them values, errors and, for the error summary, the id of each field's control.
"""

from django import forms
from django.core.exceptions import ValidationError

from kenniscentrum.core import dates
from kenniscentrum.core.form_fields import DutchDateField
from kenniscentrum.core.text_input import clean_line, clean_text
from kenniscentrum.knowledge.vocabulary import PROVINCES

from .matching import nl_date
from .models import Profile
from .vocabulary import EXPERTISE, expertise_choices, in_vocabulary_order, province_choices

MAX_NEED = 4000
TOO_LONG = "Maak dit korter: ten hoogste %(limit_value)d tekens (nu %(show_value)d)."
NOT_IN_LIST = "Kies uit de lijst."


class LineField(forms.CharField):
    """One line of text; white space and control characters cleaned before the length check."""

    def to_python(self, value):
        return clean_line(super().to_python(value))


class TextField(forms.CharField):
    """Several lines of text; counted after "\\r\\n" became "\\n", as the visitor sees it."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


DateField = DutchDateField  # core/form_fields.py


LIMITS = {"max_length": TOO_LONG, "invalid_choice": NOT_IN_LIST}


def _required(message: str) -> dict:
    return {**LIMITS, "required": message}


class RequestForm(forms.Form):
    """A gemeente asks for a projectleider. `website` is a honeypot: hidden from people by the
    stylesheet (and labelled "leave empty" where styles are off), filled in by form robots."""

    gemeente = LineField(
        label="Gemeente",
        max_length=100,
        error_messages=_required("Vul de naam van uw gemeente in."),
    )
    province = forms.ChoiceField(
        label="Provincie",
        choices=[("", "Kies een provincie"), *province_choices()],
        error_messages=_required("Kies de provincie van uw gemeente."),
    )
    need = TextField(
        label="Waarvoor zoekt u een projectleider?",
        max_length=MAX_NEED,
        widget=forms.Textarea,
        error_messages=_required("Beschrijf waarvoor u een projectleider zoekt."),
    )
    expertise = forms.MultipleChoiceField(
        label="Welke expertise is nodig?",
        choices=expertise_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required("Kies ten minste één expertise."),
    )
    period_from = DateField(
        label="Eerste dag", error_messages={"required": "Vul in vanaf wanneer u hulp zoekt."}
    )
    period_until = DateField(
        label="Laatste dag", error_messages={"required": "Vul in tot wanneer u hulp zoekt."}
    )
    contact_name = LineField(
        label="Uw naam", max_length=200, error_messages=_required("Vul uw naam in.")
    )
    contact_email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        error_messages={
            **_required("Vul uw e-mailadres in."),
            "invalid": "Vul een e-mailadres in zoals naam@gemeente.nl.",
        },
    )
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    CHECKBOX_GROUPS = ("expertise",)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(
                "Laat dit veld leeg. Het is bedoeld om automatische formulieren te herkennen."
            )
        return ""

    def clean_expertise(self):
        return in_vocabulary_order(self.cleaned_data.get("expertise"), EXPERTISE)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_until")
        today = dates.today()
        if start and start < today:
            self.add_error(
                "period_from", f"Deze datum ligt in het verleden. Kies {nl_date(today)} of later."
            )
        if end and end < today:
            self.add_error(
                "period_until", f"Deze datum ligt in het verleden. Kies {nl_date(today)} of later."
            )
        elif start and end and end < start:
            self.add_error("period_until", "Deze datum ligt vóór de begindatum.")
        return data


def initial_from_query(query) -> dict:
    """Prefill from a link (the check's: `?provincie=utrecht&expertise=flexwonen`). Values that
    are not in the lists are ignored: an old or mistyped link still opens the form."""
    initial = {}
    province = query.get("provincie") or query.get("province") or ""
    if province in PROVINCES:
        initial["province"] = province
    expertise = in_vocabulary_order(query.getlist("expertise"), EXPERTISE)
    if expertise:
        initial["expertise"] = expertise
    gemeente = clean_line(query.get("gemeente", ""))[:100]
    if gemeente:
        initial["gemeente"] = gemeente
    return initial


class ProfileForm(forms.ModelForm):
    """An editor's profile of a projectleider. The date and list rules are the model's
    (Profile.clean), so the admin and the back office refuse the same things."""

    name = LineField(label="Naam", max_length=200, error_messages=_required("Vul de naam in."))
    organisation = LineField(
        label="Organisatie", max_length=200, required=False, error_messages=LIMITS
    )
    expertise = forms.MultipleChoiceField(
        label="Expertise",
        choices=expertise_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required("Kies ten minste één expertise."),
    )
    provinces = forms.MultipleChoiceField(
        label="Provincies",
        choices=province_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=LIMITS,
    )
    available_from = DateField(
        label="Beschikbaar vanaf", error_messages={"required": "Vul in vanaf wanneer."}
    )
    available_until = DateField(
        label="Beschikbaar tot en met", error_messages={"required": "Vul in tot wanneer."}
    )
    description = TextField(
        label="Korte beschrijving",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        error_messages=LIMITS,
    )
    contact_route = TextField(
        label="Contactroute",
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        error_messages=LIMITS,
        help_text="Hoe een gemeente deze projectleider via het kenniscentrum bereikt, "
        "bijvoorbeeld 'via de redactie van het kenniscentrum'. Niet per se een persoonlijk "
        "adres.",
    )

    CHECKBOX_GROUPS = ("expertise", "provinces")

    class Meta:
        model = Profile
        fields = [
            "name",
            "name_public",
            "organisation",
            "organisation_public",
            "expertise",
            "provinces",
            "all_provinces",
            "available_from",
            "available_until",
            "description",
            "description_public",
            "contact_route",
            "contact_route_public",
            "active",
        ]


def control_id(form, name: str) -> str:
    """The id the error summary links to: the field's control, or a group's first box."""
    field = form[name]
    if name in getattr(form, "CHECKBOX_GROUPS", ()):
        return f"{field.auto_id}_0"
    return field.auto_id


def error_items(form) -> list[dict]:
    """The error summary's lines, in the order of the form: link target, label, message."""
    items = [{"id": "", "label": "", "message": m} for m in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            items.append(
                {"id": control_id(form, field.name), "label": field.label, "message": message}
            )
    return items


def public_filters(query) -> tuple[dict, list[str]]:
    """The /flexpool/ filters from the query string: ({'expertise': v, 'provincie': v}, notes).

    One value each; a value that is not in the list is ignored with a note on the page (an old
    or mistyped link is no error, and never a 500).
    """
    chosen, notes = {}, []
    for name, vocabulary, what in (
        ("expertise", EXPERTISE, "expertise"),
        ("provincie", PROVINCES, "provincie"),
    ):
        value = query.get(name, "")
        if not value:
            continue
        if value in vocabulary:
            chosen[name] = value
        else:
            shown = clean_line(value)[:40]
            notes.append(f"'{shown}' is geen {what} uit de lijst; dat filter is niet gebruikt.")
    return chosen, notes
