"""`python -m kenniscentrum.core.soak.dump [SLUG ...]`: the soak site's database as JSON.

Why a child process: the soak command's own Django is configured for the developer's var/, not
for the soak's temporary database; a child started with the soak's environment reads the right
file with the ORM, the same way the web workers wrote it.

Printed: every item (slug, kind, status, whether visitors see it now); for the given slugs also
the body and every revision (number, document, pending, author); and the whole audit log.
"""

import json
import os
import sys


def main(slugs: list[str]) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenniscentrum.settings")
    django.setup()
    from kenniscentrum.editorial.models import AuditEntry, Revision
    from kenniscentrum.knowledge.models import Item

    public = set(Item.objects.published().values_list("slug", flat=True))
    items = [
        {**row, "public": row["slug"] in public}
        for row in Item.objects.order_by("slug").values("slug", "kind", "status")
    ]
    detail = {
        row["slug"]: {**row, "revisions": []}
        for row in Item.objects.filter(slug__in=slugs).values(
            "slug", "kind", "status", "body", "edited_since_load"
        )
    }
    revisions = Revision.objects.filter(item__slug__in=slugs).select_related("item", "author")
    for revision in revisions.order_by("item__slug", "number"):
        detail[revision.item.slug]["revisions"].append(
            {
                "number": revision.number,
                "document": revision.document,
                "pending": revision.pending,
                "author": revision.author.username if revision.author else None,
            }
        )
    audit = [
        {
            "at": entry.at.timestamp(),
            "user": entry.user.username if entry.user else None,
            "slug": entry.item_slug,
            "action": entry.action,
            "from": entry.from_status,
            "to": entry.to_status,
        }
        for entry in AuditEntry.objects.select_related("user").order_by("at", "pk")
    ]
    return {"items": items, "detail": detail, "audit": audit}


if __name__ == "__main__":
    json.dump(main(sys.argv[1:]), sys.stdout)
