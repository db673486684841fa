"""Forms of the search-insights actions. They only collect input: every rule is checked in
search_actions.py (the synonym rules are synoniemen.yaml's own), whose errors name a field."""

from django import forms

from kenniscentrum.knowledge.models import Item


class SynonymGroupForm(forms.Form):
    term = forms.CharField(
        label="Zoekvraag",
        max_length=200,
        required=False,  # the synonym rules say what is missing, as for the file
        help_text="Zoals bezoekers hem typen; u mag hem inkorten tot het woord dat telt.",
    )
    others = forms.CharField(  # not "matches": a form control named so hides form.matches()
        label="Moet ook vinden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Woorden of woordgroepen die hetzelfde betekenen, één per regel (of gescheiden door "
            "komma's), bijvoorbeeld: taakstelling. Staat een ervan al in een synoniemgroep, dan "
            "komt de zoekvraag bij die groep."
        ),
    )
    variant = forms.BooleanField(
        label="De zoekvraag is een spellingvariant: toon bij deze zoekvraag "
        "'Bedoelde u …?' met het eerste woord hierboven.",
        required=False,
    )


class RecommendationForm(forms.Form):
    query = forms.CharField(
        label="Zoekvraag",
        max_length=200,
        required=False,
        help_text="Het item staat bovenaan bij precies deze zoekvraag (hoofdletters en extra "
        "spaties tellen niet).",
    )
    item = forms.ModelChoiceField(
        label="Aanbevolen item",
        queryset=Item.objects.none(),
        required=False,
        empty_label="Kies een item",
        help_text="Een gepubliceerd item; het verschijnt boven de resultaten, gemarkeerd als "
        "'Aanbevolen'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.published().order_by("title")
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.title} ({item.get_kind_display()})"
        )
