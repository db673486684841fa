"""Validation of search parameters, shared by the page (Dutch names) and the API (English)."""

from django import forms

from kenniscentrum.knowledge.models import Province, Theme
from kenniscentrum.knowledge.vocabulary import KIND_PAGES

from .documents import REPORT_KIND
from .service import SearchRequest

SORTS = {"relevance": "Relevantie", "newest": "Nieuwste eerst"}
# Query-string names on the page (Dutch, shareable) -> form field names (as in the API).
PAGE_PARAMS = {
    "q": "q",
    "soort": "kind",
    "thema": "theme",
    "provincie": "province",
    "sortering": "sort",
    "pagina": "page",
    "precies": "exact",
}
PAGE_SORTS = {"relevantie": "relevance", "nieuwste": "newest"}
MAX_PAGE = 10_000


def kind_choices() -> list[tuple[str, str]]:
    kinds = [(kind.value, label) for kind, (label, _) in KIND_PAGES.items()]
    return [*kinds, (REPORT_KIND, "Eindrapportage")]


class SearchForm(forms.Form):
    q = forms.CharField(label="Zoekterm", required=False, strip=False)
    kind = forms.ChoiceField(label="Soort", required=False)
    theme = forms.ChoiceField(label="Thema", required=False)
    province = forms.ChoiceField(label="Provincie", required=False)
    sort = forms.ChoiceField(label="Sorteren op", required=False, choices=list(SORTS.items()))
    page = forms.IntegerField(label="Pagina", required=False, min_value=1, max_value=MAX_PAGE)
    # 1: search the query as typed, not its spelling correction (the link under a corrected
    # search). Only "1" or "0", so a typo in the parameter is reported, not guessed.
    exact = forms.TypedChoiceField(
        label="Precies zoeken",
        required=False,
        choices=[("1", "Ja"), ("0", "Nee")],
        coerce=lambda value: value == "1",
        empty_value=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Alle soorten"), *kind_choices()]
        self.fields["theme"].choices = [("", "Alle thema's")] + [
            (t.slug, t.name) for t in Theme.objects.all()
        ]
        self.fields["province"].choices = [("", "Alle provincies")] + [
            (p.slug, p.name) for p in Province.objects.all()
        ]
        messages = {
            "kind": "Deze soort bestaat niet.",
            "theme": "Dit thema bestaat niet.",
            "province": "Deze provincie bestaat niet.",
            "sort": "Sorteer op relevantie of op nieuwste.",
            "exact": "Gebruik 1 om precies te zoeken wat u typte (zonder spellingcorrectie), of 0.",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["invalid_choice"] = message
        page = self.fields["page"]
        page.error_messages.update(
            invalid="Het paginanummer moet een heel getal zijn.",
            min_value="Het paginanummer moet 1 of hoger zijn.",
            max_value=f"Het paginanummer mag niet hoger zijn dan {MAX_PAGE}.",
        )

    def to_request(self) -> SearchRequest:
        """The valid part of the input; invalid fields fall back to their default."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return SearchRequest(
            q=data.get("q", ""),
            kind=data.get("kind", ""),
            theme=data.get("theme", ""),
            province=data.get("province", ""),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            exact=bool(data.get("exact")),
        )


def page_form(query_dict) -> SearchForm:
    """Bind the page's Dutch query string to the shared form."""
    data = {}
    for public, name in PAGE_PARAMS.items():
        value = query_dict.get(public)
        if value is not None:
            data[name] = PAGE_SORTS.get(value, value) if name == "sort" else value
    return SearchForm(data)
