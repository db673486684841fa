"""Haystack indexes: knowledge items and report sections, with the same fields."""

from haystack import indexes

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status
from kenniscentrum.report.models import ReportSection

from .documents import fingerprint, item_document, item_is_indexable, section_document


class _Document(indexes.SearchIndex):
    text = indexes.CharField(document=True)
    title = indexes.CharField(boost=3.0)
    summary = indexes.CharField(boost=1.5)
    kind = indexes.CharField(faceted=True)
    themes = indexes.MultiValueField(faceted=True)
    provinces = indexes.MultiValueField(faceted=True)
    slug = indexes.CharField(indexed=False)
    url = indexes.CharField(indexed=False)
    published = indexes.DateField()
    visible_from = indexes.DateTimeField()
    visible_until = indexes.DateTimeField()
    # What the document was made of, to check the index against the database item by item.
    fingerprint = indexes.CharField(indexed=False)

    def document(self, obj) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError

    def prepare(self, obj):
        data = super().prepare(obj)
        document = self.document(obj)
        data.update(document)
        data["fingerprint"] = fingerprint(document)
        # Facet copies must carry the same values as their fields.
        for name in ("kind", "themes", "provinces"):
            data[f"{name}_exact"] = document[name]
        return data

    # The fields are filled by prepare(); the per-field hooks have nothing to add.
    def prepare_text(self, obj):
        return ""


class ItemIndex(_Document, indexes.Indexable):
    def get_model(self):
        return Item

    def index_queryset(self, using=None):
        return Item.objects.filter(status=Status.GEPUBLICEERD).prefetch_related(
            "themes", "provinces"
        )

    def document(self, obj) -> dict:
        return item_document(obj)

    def should_update(self, instance, **kwargs) -> bool:
        return item_is_indexable(instance)


class ReportSectionIndex(_Document, indexes.Indexable):
    def get_model(self):
        return ReportSection

    def index_queryset(self, using=None):
        return ReportSection.objects.all()

    def document(self, obj) -> dict:
        return section_document(obj)
