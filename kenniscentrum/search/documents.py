"""What a search result is made of, for every searchable thing.

Items and report sections are indexed as the same kind of document, so one query, one result
list and one API serve both. Values are computed here once (not in the search index classes) so
the index, the API and the tests agree on them.
"""

import hashlib
import html
import json
from datetime import UTC, datetime

from django.utils.html import strip_tags

from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import Status
from kenniscentrum.report.models import ReportSection

REPORT_KIND = "rapport"
REPORT_PUBLISHED = datetime(2021, 11, 1, tzinfo=UTC).date()
# Whoosh cannot range-query a missing value: "no date" is indexed as far past / far future.
ALWAYS_FROM = datetime(1900, 1, 1, tzinfo=UTC)
ALWAYS_UNTIL = datetime(9999, 12, 31, tzinfo=UTC)


def item_is_indexable(item: Item) -> bool:
    """Published items are indexed; their publish/expiry window is checked at query time."""
    return item.status == Status.GEPUBLICEERD


def item_document(item: Item) -> dict:
    body = html.unescape(strip_tags(item.body_html))
    return {
        "text": "\n".join([item.title, item.summary, body]),
        "title": item.title,
        "summary": item.summary,
        "kind": item.kind,
        "themes": [t.slug for t in item.themes.all()],
        "provinces": [p.slug for p in item.provinces.all()],
        "slug": item.slug,
        "url": item.get_absolute_url(),
        "published": item.published,
        "visible_from": item.publish_at or ALWAYS_FROM,
        "visible_until": item.expire_at or ALWAYS_UNTIL,
    }


def section_slug(section: ReportSection) -> str:
    return f"rapport-{section.slug}"


def section_document(section: ReportSection) -> dict:
    summary = f"{section.citation}. {section.text[:240]}".strip()
    if len(section.text) > 240:
        summary = summary.rsplit(" ", 1)[0] + " …"
    return {
        "text": "\n".join([section.label, section.text]),
        "title": f"{section.label} (eindrapportage)",
        "summary": summary,
        "kind": REPORT_KIND,
        "themes": [],
        "provinces": [],
        "slug": section_slug(section),
        "url": section.get_absolute_url(),
        "published": REPORT_PUBLISHED,
        "visible_from": ALWAYS_FROM,
        "visible_until": ALWAYS_UNTIL,
    }


def fingerprint(document: dict) -> str:
    """A short hash of everything a document is made of (index_health compares them)."""
    text = json.dumps(document, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()
