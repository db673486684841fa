"""The search index's state on /redactie/, and the button that rebuilds it.

Why here: when an index write fails after a save (logged, the save still succeeds) or a rebuild
was killed, search silently served old or missing results and only a developer could see it.
Editors see it on their first page now, counted per kind, with the fix one click away.
The rebuild runs in a background thread: at 10,000 items it takes about a minute, longer than
a request may, and the current index keeps serving until the new one is complete.
"""

import logging
import threading

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from haystack import connections

from kenniscentrum.search.index_builds import build_full, running_since
from kenniscentrum.search.index_health import index_health

from .editor_views import editor_required

log = logging.getLogger(__name__)
REBUILD_PERMISSION = "knowledge.publish_item"  # eindredacteuren and beheerders


def index_notice(user) -> dict:
    """Template context for the notice: empty when the index agrees with the database."""
    path = connections.connections_info["default"].get("PATH")
    building = running_since(path) if path else None
    health = index_health()
    if health.in_step and building is None:
        return {}
    return {
        "index_health": health,
        "index_building": building,
        "can_rebuild": user.has_perm(REBUILD_PERMISSION),
    }


def _rebuild() -> None:
    try:
        result = build_full()
        log.warning("Zoekindex opnieuw gebouwd: %s documenten", result.documents)
    except Exception:
        log.exception("Zoekindex opnieuw bouwen mislukt")
    finally:
        from django.db import connection

        connection.close()  # this thread's own database connection


@require_POST
@editor_required
def rebuild_index(request):
    if not request.user.has_perm(REBUILD_PERMISSION):
        messages.error(request, "Alleen een eindredacteur kan de zoekindex opnieuw opbouwen.")
        return redirect("editorial:items")
    if settings.INDEX_REBUILD_IN_BACKGROUND:
        threading.Thread(target=_rebuild, name="rebuild-index", daemon=True).start()
        messages.success(
            request,
            "De zoekindex wordt opnieuw opgebouwd. Tot de nieuwe klaar is, blijft de huidige in "
            "gebruik. Ververs deze pagina over een minuut om het resultaat te zien.",
        )
    else:
        _rebuild()
        messages.success(request, "De zoekindex is opnieuw opgebouwd.")
    return redirect("editorial:items")
