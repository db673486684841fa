"""The Atom feed of new and changed published items, for readers who follow the site."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .changes import changed_items

SITE_NAME = "Kenniscentrum huisvesting statushouders"
FEED_LENGTH = 50


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = f"Nieuw en gewijzigd · {SITE_NAME}"
    subtitle = "Kennisitems die op deze website zijn verschenen of gewijzigd, nieuwste eerst."
    link = reverse_lazy("home")
    author_name = SITE_NAME
    language = "nl"

    def items(self):
        return changed_items().defer("body", "body_html")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.changed_at

    def item_pubdate(self, item):
        """The day the item appeared here (a date in the data, shown as the start of that day)."""
        return datetime.combine(item.on_site_since, time(), tzinfo=timezone.get_current_timezone())
