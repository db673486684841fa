"""Template filters for Dutch presentation of amounts and dates."""

from datetime import date

from django import template
from django.utils.formats import date_format

register = template.Library()


def format_euro(amount: int) -> str:
    """'€ 6.000', '€ 18 miljoen': as the report writes amounts, with a non-breaking space."""
    if amount >= 1_000_000 and amount % 1_000_000 == 0:
        return f"€\u00a0{amount // 1_000_000}\u00a0miljoen"
    return "€\u00a0" + f"{amount:,}".replace(",", ".")


@register.filter
def euro(amount) -> str:
    try:
        return format_euro(int(amount))
    except (TypeError, ValueError):
        return ""


@register.filter
def nl_date(value) -> str:
    """'25 november 2021' from a date or an ISO string."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if not value:
        return ""
    return date_format(value, "j F Y")


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or the key itself when it is missing."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key


@register.filter
def section_slug(key: str) -> str:
    """A report section key as its URL slug: '2.2.1' -> '2-2-1'."""
    return str(key).replace(".", "-")


@register.filter
def dutch_number(value) -> str:
    """2921 -> '2.921', as the report prints numbers."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def link_kind(kind: str) -> str:
    """'Aanbieder', 'Bron', 'Wet- en regelgeving' for an item's link kind."""
    from kenniscentrum.knowledge.schema import LINK_KINDS

    return LINK_KINDS.get(kind, kind)
