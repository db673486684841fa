"""Fixed vocabularies: kinds, provinces, statuses. Themes are editorial: they live in content/."""

from django.db import models


class Kind(models.TextChoices):
    REGELING = "regeling", "Regeling"
    HANDREIKING = "handreiking", "Handreiking"
    PRAKTIJKVOORBEELD = "praktijkvoorbeeld", "Praktijkvoorbeeld"
    REGIONAAL_VOORBEELD = "regionaal-voorbeeld", "Regionaal voorbeeld"
    AANBEVELING = "aanbeveling", "Aanbeveling"
    VRAAG = "vraag", "Vraag en antwoord"


# Plural labels and list-page URL segments, in the order the site presents the kinds.
KIND_PAGES = {
    Kind.REGELING: ("Regelingen", "regelingen"),
    Kind.HANDREIKING: ("Handreikingen", "handreikingen"),
    Kind.PRAKTIJKVOORBEELD: ("Praktijkvoorbeelden", "praktijkvoorbeelden"),
    Kind.REGIONAAL_VOORBEELD: ("Regionale voorbeelden", "regionale-voorbeelden"),
    Kind.AANBEVELING: ("Aanbevelingen", "aanbevelingen"),
    Kind.VRAAG: ("Vragen en antwoorden", "vragen"),
}

KIND_INTROS = {
    Kind.REGELING: "Financiële regelingen en ondersteuningsinstrumenten van het Rijk en anderen, "
    "met bedragen, data en de stand van zaken volgens de eindrapportage.",
    Kind.HANDREIKING: "Uitleg over hoe het werkt: de taakstelling, tussenvoorzieningen, "
    "toezicht, passend toewijzen en meer.",
    Kind.PRAKTIJKVOORBEELD: "Werkwijzen waarvan het aanjaagteam zag dat ze helpen.",
    Kind.REGIONAAL_VOORBEELD: "Hoe regio's en provincies de opgave samen oppakken.",
    Kind.AANBEVELING: "De negen aanbevelingen van de eindrapportage, met hun actiehouders.",
    Kind.VRAAG: "Vragen die gemeenten stellen, met een antwoord uit de eindrapportage. Vragen "
    "uit de vraagbaak die voor iedereen nuttig zijn, werkt de redactie hier uit, zonder gegevens "
    "van wie ze stelde.",
}


class Status(models.TextChoices):
    """Editorial state. Only PUBLISHED items are ever shown to visitors."""

    CONCEPT = "concept", "Concept"
    TER_BEOORDELING = "ter-beoordeling", "Ter beoordeling"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    GEARCHIVEERD = "gearchiveerd", "Gearchiveerd"


class RegelingStatus(models.TextChoices):
    """Status of a regeling as the report describes it on 1 November 2021."""

    AANGEKONDIGD = "aangekondigd", "Aangekondigd, nog niet in werking"
    OPEN = "open", "Open voor aanvragen"
    GESLOTEN = "gesloten", "Gesloten"
    DOORLOPEND = "doorlopend", "Doorlopend beschikbaar"


APPLICANTS = {
    "gemeente": "Gemeente",
    "woningcorporatie": "Woningcorporatie",
    "provincie": "Provincie",
    "samenwerkingsverband": "Samenwerkingsverband van gemeenten",
}

AANBEVELING_CLUSTERS = {
    "samenwerking": "Samenwerking",
    "financieel": "Financieel",
    "beleid": "Beleid",
}

# The twelve provinces, named as in the report's Tabel 2, with the slugs the check and API use.
PROVINCES = {
    "drenthe": "Drenthe",
    "flevoland": "Flevoland",
    "friesland": "Friesland",
    "gelderland": "Gelderland",
    "groningen": "Groningen",
    "limburg": "Limburg",
    "noord-brabant": "Noord-Brabant",
    "noord-holland": "Noord-Holland",
    "overijssel": "Overijssel",
    "utrecht": "Utrecht",
    "zeeland": "Zeeland",
    "zuid-holland": "Zuid-Holland",
}
