"""Reads of the corpus for pages and the API. Every public read starts from `published()`."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Item, Province, Theme
from .vocabulary import Kind


def public_items():
    return Item.objects.published()


def items_citing(section):
    return public_items().filter(sources__section=section).distinct().order_by("kind", "title")


def item_detail(slug: str) -> Item | None:
    return (
        public_items()
        .select_related("regeling", "aanbeveling")
        .prefetch_related("themes", "provinces", "sources__section")
        .filter(slug=slug)
        .first()
    )


def regelingen():
    """Published regelingen with their facts, by title (the comparison table)."""
    return (
        public_items()
        .filter(kind=Kind.REGELING, regeling__isnull=False)
        .select_related("regeling")
        .defer("body", "body_html")
        .order_by("title")
    )


def search_hit_dates(slugs, on) -> dict[str, tuple]:
    """(checked_on, ended_on) per published item, for the dates a search result may show.

    The search index knows neither (and need not: both are read here at display time, for the
    ten hits of a page, through the unique slug index); `ended_on` only once that day has come.
    """
    rows = public_items().filter(slug__in=list(slugs))
    return {
        slug: (checked_on, ended_on if ended_on is not None and ended_on <= on else None)
        for slug, checked_on, ended_on in rows.values_list(
            "slug", "checked_on", "regeling__ended_on"
        )
    }


def related_items(item: Item, limit: int = 6) -> list[Item]:
    """Explicitly related items first, then items sharing the most themes."""
    chosen = list(public_items().filter(pk__in=item.related.values("pk")).order_by("title"))
    if len(chosen) < limit:
        shared = (
            public_items()
            .exclude(pk=item.pk)
            .exclude(pk__in=[i.pk for i in chosen])
            .filter(themes__in=item.themes.all())
            .annotate(shared=Count("themes"))
            .order_by("-shared", "title")[: limit - len(chosen)]
        )
        chosen.extend(shared)
    return chosen


@dataclass
class Facet:
    slug: str
    name: str
    count: int


@dataclass
class Listing:
    items: list
    themes: list[Facet]
    provinces: list[Facet]


def list_items(kind: str | None = None, theme: str | None = None, province: str | None = None):
    """Items of a kind, filtered, with counts per theme and province under the other filters."""
    base = public_items()
    if kind:
        base = base.filter(kind=kind)
    by_theme = Q(themes__slug=theme) if theme else Q()
    by_province = Q(provinces__slug=province) if province else Q()
    items = (
        base.filter(pk__in=base.filter(by_theme).filter(by_province).values("pk"))
        .select_related("regeling", "aanbeveling")
        .prefetch_related("themes")
        .order_by("aanbeveling__number", "title")
    )
    theme_counts = dict(
        base.filter(by_province).values_list("themes__slug").annotate(n=Count("pk", distinct=True))
    )
    province_counts = dict(
        base.filter(by_theme).values_list("provinces__slug").annotate(n=Count("pk", distinct=True))
    )
    return Listing(
        items=list(items),
        themes=[Facet(t.slug, t.name, theme_counts.get(t.slug, 0)) for t in Theme.objects.all()],
        provinces=[
            Facet(p.slug, p.name, province_counts.get(p.slug, 0)) for p in Province.objects.all()
        ],
    )


def themes_with_counts():
    return Theme.objects.annotate(
        n=Count("items", filter=Q(items__in=public_items()), distinct=True)
    )


def kind_counts() -> dict[str, int]:
    return dict(public_items().values_list("kind").annotate(n=Count("pk")))
