"""The editors' forms for gemeente figures: the upload (file + source) and the withdrawal reason.

Fields have Dutch names because they travel in the page's ids (#veld-bestand) that the error
summary links to. The file's content is checked by upload.validate, not here: the form only
makes sure there is a file of an acceptable size, so a huge upload is never read whole.
"""

from django import forms
from django.core.exceptions import ValidationError

from kenniscentrum.core import dates
from kenniscentrum.core.form_fields import DutchDateField, error_summary

from .checks import dutch_number
from .publishing import MAX_REASON, MAX_SOURCE
from .upload import MAX_BYTES


def _one_line(value: str) -> str:
    """Control characters dropped, every run of whitespace one space."""
    kept = "".join(c for c in str(value) if c.isprintable() or c.isspace())
    return " ".join(kept.split())


class LineField(forms.CharField):
    def to_python(self, value):
        return _one_line(super().to_python(value))


DateField = DutchDateField  # core/form_fields.py


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand (CSV)",
        help_text=(
            "Een CSV-bestand in UTF-8 met de kopregel gemeentecode, gemeente, periode, "
            "stand_begin, taakstelling, realisatie, stand_eind, gekoppeld_niet_gehuisvest "
            "(de laatste mag ontbreken), gescheiden door komma's of puntkomma's. De periode "
            f"staat in het bestand. Hoogstens {dutch_number(MAX_BYTES)} bytes."
        ),
        error_messages={
            "required": "Kies het CSV-bestand met de cijfers per gemeente.",
            "empty": "Het gekozen bestand is leeg.",
            "invalid": "Er is geen bestand ontvangen. Kies het bestand opnieuw.",
            "missing": "Er is geen bestand ontvangen. Kies het bestand opnieuw.",
        },
    )
    bron = LineField(
        label="Bron",
        max_length=MAX_SOURCE,
        help_text="Waar de cijfers vandaan komen, bijvoorbeeld: COA, realisatie taakstelling "
        "per gemeente, stand 1 januari 2023.",
        error_messages={
            "required": "Vul de bron van de cijfers in.",
            "max_length": f"De bron is te lang (hoogstens {MAX_SOURCE} tekens).",
        },
    )
    bron_datum = DateField(
        label="Publicatiedatum van de bron",
        help_text="De dag waarop de bron de cijfers publiceerde, bijvoorbeeld 15-1-2023.",
        error_messages={"required": "Vul de publicatiedatum van de bron in."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"Het bestand is te groot ({dutch_number(upload.size)} bytes; hoogstens "
                f"{dutch_number(MAX_BYTES)})."
            )
        return upload

    def clean_bron_datum(self):
        value = self.cleaned_data["bron_datum"]
        if value > dates.today():
            raise ValidationError("De publicatiedatum ligt in de toekomst.")
        return value


class WithdrawForm(forms.Form):
    reden = LineField(
        label="Waarom worden deze cijfers ingetrokken?",
        max_length=MAX_REASON,
        help_text="De reden komt in het logboek, bij de publicatie.",
        error_messages={
            "required": "Geef een reden waarom deze cijfers worden ingetrokken.",
            "max_length": f"De reden is te lang (hoogstens {MAX_REASON} tekens).",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "veld-%s")
        super().__init__(*args, **kwargs)


summary = error_summary  # core/form_fields.py
