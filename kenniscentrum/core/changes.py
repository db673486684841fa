"""When each published item last changed for a visitor: one date for the sitemap and the feed.

`updated_at` is the last save (a load skips files whose content hash is unchanged, so it is a
real change, not the last deploy). An item scheduled with `publish_at` changes for a visitor
when it appears, which can be later than its last save: the later of the two counts. Nothing
here invents a date: both are columns of the item.
"""

from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest

from kenniscentrum.knowledge.selectors import public_items

CHANGED_AT = Greatest("updated_at", Coalesce("publish_at", "updated_at"))


def changed_items():
    """Published items with `changed_at`, most recently changed first."""
    return public_items().annotate(changed_at=CHANGED_AT).order_by("-changed_at", "slug")


def last_change(items):
    """The latest `changed_at` of a queryset of published items, or None when it is empty."""
    return items.aggregate(latest=Max(CHANGED_AT))["latest"]
