"""Form pieces every public and back-office form shares (the vraagbaak, the flexpool, the
figures upload): a date field that takes what Dutch people type, and the rows of the error
summary. One copy, so every form names and links its errors the same way."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from kenniscentrum.core import dates


class DutchDateField(forms.DateField):
    """A date from <input type="date"> (always JJJJ-MM-DD) or typed by hand where the browser
    has no date picker ("1-3-2026", "1 maart 2026": core/dates.parse_date, day first)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return dates.parse_date(str(value)[:100])
        except dates.DateError as exc:
            raise ValidationError(str(exc), code="invalid") from None


def error_summary(form: forms.Form) -> list[tuple[str, str, str]]:
    """(href, label, message) for the error summary: every error, linked to its field."""
    rows = [("", "", error) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        rows += [(f"#{bound.auto_id}", bound.label, error) for error in errors]
    return rows
