"""The vraagbaak's forms: the public question form and the editors' forms.

Every message is Dutch and says what to do. Text fields drop control characters (a NUL byte, a
bell) instead of refusing them, and single-line fields fold line breaks into spaces; the
length limits count what is left. Fields are named in Dutch because their names travel in the
page's ids (#veld-vraag) that the error summary links to.
"""

from django import forms

from kenniscentrum.core.form_fields import error_summary
from kenniscentrum.core.text_input import clean_line, clean_text
from kenniscentrum.editorial.structured_form import vocabularies

from . import handling, publishing
from .models import MAX_GEMEENTE_CHARS, MAX_QUESTION_CHARS, MAX_REPLY_CHARS
from .vocabulary import ORGANISATION_TYPES, PROVINCES

HONEYPOT = "website"
HONEYPOT_FILLED = (
    "Uw vraag is niet verstuurd: een veld dat voor mensen verborgen is, was ingevuld. Dat doen "
    "meestal alleen automatische programma's. Controleer uw vraag en verstuur hem opnieuw."
)
CONSENT_MISSING = (
    "Vink aan dat wij uw e-mailadres mogen gebruiken om u te antwoorden, of laat het "
    "e-mailadres leeg."
)


class CleanTextField(forms.CharField):
    """A CharField that drops control characters (and, single-line, folds whitespace)."""

    def __init__(self, *, single_line: bool = False, **kwargs):
        self.single_line = single_line
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_line(value) if self.single_line else clean_text(value)


def _too_long(what: str) -> str:
    return (
        f"{what} is %(show_value)d tekens lang. Maak hem korter: maximaal %(limit_value)d tekens."
    )


class QuestionForm(forms.Form):
    """The public form at /vraag-stellen/."""

    vraag = CleanTextField(
        label="Uw vraag",
        max_length=MAX_QUESTION_CHARS,
        error_messages={"required": "Schrijf uw vraag op.", "max_length": _too_long("Uw vraag")},
    )
    organisatie = forms.ChoiceField(
        label="Voor welk soort organisatie stelt u de vraag?",
        choices=list(ORGANISATION_TYPES.items()),
        error_messages={
            "required": "Kies voor welk soort organisatie u de vraag stelt.",
            "invalid_choice": "Kies een van de soorten organisatie uit de lijst.",
        },
    )
    gemeente = CleanTextField(
        label="Gemeente (niet verplicht)",
        required=False,
        single_line=True,
        max_length=MAX_GEMEENTE_CHARS,
        error_messages={"max_length": _too_long("De naam van de gemeente")},
    )
    provincie = forms.ChoiceField(
        label="Provincie (niet verplicht)",
        required=False,
        choices=[("", "Geen provincie gekozen"), *PROVINCES.items()],
        error_messages={"invalid_choice": "Kies een provincie uit de lijst, of laat het leeg."},
    )
    email = forms.EmailField(
        label="E-mailadres (niet verplicht)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Vul een geldig e-mailadres in, zoals naam@gemeente.nl, of laat het leeg.",
            "max_length": "Dit e-mailadres is te lang: maximaal %(limit_value)d tekens.",
        },
    )
    toestemming = forms.BooleanField(
        label="Ja, u mag dit e-mailadres gebruiken om mij het antwoord te sturen.",
        required=False,
    )
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        if self.data.get(HONEYPOT, ""):
            raise forms.ValidationError(HONEYPOT_FILLED, code="honeypot")
        if cleaned.get("email") and not cleaned.get("toestemming"):
            self.add_error("toestemming", CONSENT_MISSING)
        if not cleaned.get("email"):
            cleaned["toestemming"] = False
        return cleaned


summary = error_summary  # core/form_fields.py


class ReplyForm(forms.Form):
    """An answer, or the reply that closes a question; `prefix` tells the actions apart."""

    tekst = CleanTextField(
        label="Antwoord aan de vraagsteller",
        max_length=MAX_REPLY_CHARS,
        error_messages={
            "required": "Schrijf het antwoord aan de vraagsteller.",
            "max_length": _too_long("Het antwoord"),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    aan = forms.ChoiceField(
        label="Toewijzen aan",
        required=False,
        error_messages={"invalid_choice": "Kies een redacteur uit de lijst."},
    )

    def __init__(self, *args, editors=(), **kwargs):
        kwargs.setdefault("auto_id", "veld-toewijzen-%s")
        super().__init__(*args, **kwargs)
        self.editors = {str(user.pk): user for user in editors}
        self.fields["aan"].choices = [("", "Niemand")] + [
            (pk, user.get_full_name() or user.get_username()) for pk, user in self.editors.items()
        ]

    def assignee(self):
        return self.editors.get(self.cleaned_data.get("aan") or "")


class DuplicateForm(forms.Form):
    doel = forms.CharField(
        label="Dubbel van",
        max_length=200,
        help_text="Het referentienummer van de eerdere vraag (zoals VB-2026-00012) of de slug "
        "of het adres van een gepubliceerd item (zoals /kennis/vraag-pilot-grote-gezinnen-"
        "aanmelden/).",
        error_messages={
            "required": "Geef het referentienummer van de eerdere vraag of de slug van een item.",
            "max_length": "Dat is te lang voor een referentienummer of slug.",
        },
    )

    def __init__(self, *args, question=None, **kwargs):
        kwargs.setdefault("auto_id", "veld-dubbel-%s")
        super().__init__(*args, **kwargs)
        self.question = question
        self.target = None

    def clean_doel(self):
        try:
            self.target = handling.find_target(self.cleaned_data["doel"], self.question)
        except handling.TargetError as exc:
            raise forms.ValidationError(str(exc)) from None
        return self.cleaned_data["doel"]


class PublishForm(forms.Form):
    """ "Maak er een vraag en antwoord van": the item's fields, free of the asker's details."""

    titel = CleanTextField(
        label="Titel (de vraag)",
        single_line=True,
        max_length=publishing.MAX_TITLE_CHARS,
        help_text="Zoals een gemeente de vraag zou stellen, algemeen geformuleerd.",
        error_messages={"required": "Geef een titel.", "max_length": _too_long("De titel")},
    )
    samenvatting = CleanTextField(
        label="Samenvatting (kort antwoord)",
        max_length=publishing.MAX_SUMMARY_CHARS,
        help_text="Eén tot drie zinnen: het antwoord in het kort. Staat in lijsten en "
        "zoekresultaten.",
        error_messages={
            "required": "Geef een samenvatting.",
            "max_length": _too_long("De samenvatting"),
        },
    )
    tekst = CleanTextField(
        label="Tekst (Markdown)",
        max_length=MAX_REPLY_CHARS,
        help_text="Begin koppen met '## ' (de titel is de enige kop van niveau 1).",
        error_messages={"required": "Geef de tekst.", "max_length": _too_long("De tekst")},
    )
    themas = forms.MultipleChoiceField(
        label="Thema's",
        error_messages={
            "required": "Kies minstens één thema.",
            "invalid_choice": "Kies thema's uit de lijst.",
        },
    )
    bronnen = forms.MultipleChoiceField(
        label="Bronnen in het rapport",
        help_text="De paragrafen van de eindrapportage waar het antwoord op steunt.",
        error_messages={
            "required": "Kies minstens één paragraaf van het rapport als bron.",
            "invalid_choice": "Kies paragrafen uit de lijst.",
        },
    )
    gecontroleerd = forms.BooleanField(
        label="Ik heb alle gegevens van de vraagsteller verwijderd: naam, e-mailadres, "
        "telefoonnummer, gemeente, organisatie en alles waaraan iemand te herkennen is.",
        error_messages={"required": "Bevestig dat u alle persoonsgegevens heeft verwijderd."},
    )

    def __init__(self, *args, gemeente: str = "", **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)
        self.gemeente = gemeente
        themes, sections = vocabularies()
        self.fields["themas"].choices = themes
        self.fields["bronnen"].choices = sections

    def _no_personal_details(self, name: str) -> str:
        value = self.cleaned_data[name]
        if problems := publishing.personal_details(value, self.gemeente):
            raise forms.ValidationError(problems)
        return value

    def clean_titel(self):
        return self._no_personal_details("titel")

    def clean_samenvatting(self):
        return self._no_personal_details("samenvatting")

    def clean_tekst(self):
        return self._no_personal_details("tekst")

    def draft(self) -> publishing.Draft:
        data = self.cleaned_data
        return publishing.Draft(
            title=data["titel"],
            summary=data["samenvatting"],
            body=data["tekst"],
            themes=data["themas"],
            sections=data["bronnen"],
        )
