"""The admin's form for a gemeente: the register's rules (rules.py), as the file has them.

Why the same rules as the loader: `export_content` writes the admin's register to
content/gemeenten.csv, and `load_content` must accept what was exported.
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError

from . import rules
from .models import Gemeente


class GemeenteForm(forms.ModelForm):
    class Meta:
        model = Gemeente
        fields = ["code", "name", "province", "valid_from", "valid_until", "successor", "source"]
        help_texts = {
            "code": "GM en vier cijfers, zoals in de CBS-tabel 'Gemeentelijke indeling op "
            "1 januari'.",
            "name": "Zoals CBS de naam schrijft ('s-Gravenhage, Middelburg (Z.)).",
            "valid_from": "Eerste dag dat de gemeente bestaat; leeg als onbekend.",
            "valid_until": "Laatste dag dat de gemeente bestaat; leeg als ze nog bestaat.",
            "successor": "Bij een samenvoeging: de gemeente waarin deze opging (vul ook de "
            "laatste dag in).",
            "source": "Waar code en gegevens vandaan komen.",
        }

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        _raise_if(rules.code_problem(code))
        return code

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        _raise_if(rules.name_problem(name))
        return name

    def clean_source(self):
        source = (self.cleaned_data.get("source") or "").strip()
        _raise_if(rules.source_problem(source))
        return source

    def clean(self):
        data = super().clean()
        code = data.get("code") or self.instance.code
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if problem := rules.dates_problem(valid_from, valid_until):
            self.add_error("valid_until", problem)
        successor = data.get("successor")
        if successor is not None:
            self._check_successor(code, valid_until, successor)
        if self.instance.pk:
            self._check_predecessors(code, valid_from, valid_until)
        return data

    def _check_successor(self, code, valid_until, successor: Gemeente) -> None:
        if self.instance.pk and successor.pk == self.instance.pk:
            self.add_error("successor", "een gemeente kan niet in zichzelf opgaan.")
            return
        if problem := rules.successor_problem(code, valid_until, successor.code):
            field = "successor" if successor.code == code else "valid_until"
            self.add_error(field, problem)
            return
        if self.instance.pk:
            successors = dict(Gemeente.objects.values_list("pk", "successor_id"))
            successors[self.instance.pk] = successor.pk
            if rules.cycle_from(self.instance.pk, successors):
                self.add_error(
                    "successor",
                    f"{successor} gaat (via andere gemeenten) op in deze gemeente; zo ontstaat "
                    "een kring.",
                )
                return
        problem = rules.takes_over_problem(
            valid_until, successor.code, successor.valid_from, successor.valid_until
        )
        if problem:
            self.add_error("successor", problem)

    def _check_predecessors(self, code, valid_from, valid_until) -> None:
        """Gemeenten that went into this one must still find it on the day after their end."""
        for before in Gemeente.objects.filter(successor=self.instance).order_by("code"):
            if before.valid_until is None:
                continue  # refused by the register's own rules; not this form's change
            if rules.takes_over_problem(before.valid_until, code, valid_from, valid_until):
                day = (before.valid_until + timedelta(days=1)).isoformat()
                self.add_error(
                    None, f"{before} ging op {day} op in deze gemeente; die dag moet zij bestaan."
                )


def _raise_if(problem: str | None) -> None:
    if problem:
        raise ValidationError(problem)
