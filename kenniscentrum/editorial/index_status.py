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

from kenniscentrum.search.embedded import engine_is_embedded
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


def _rebuild_in_thread() -> None:
    """The background rebuild; it closes its thread's own database connection when done
    (closing it in _rebuild() also closed the request's when rebuilding inline)."""
    from django.db import connection

    try:
        _rebuild()
    finally:
        connection.close()


def rebuild_started_message(embedded: bool) -> str:
    """What an editor is told when a background rebuild starts. Only an embedded engine builds
    a new index beside the live one; a search server is emptied and refilled in place
    (search/index_builds.py), so searches meanwhile find part of the content."""
    if embedded:
        return (
            "De zoekindex wordt opnieuw opgebouwd. Tot de nieuwe klaar is, blijft de huidige in "
            "gebruik. Ververs deze pagina over een minuut om het resultaat te zien."
        )
    return (
        "De zoekindex op de zoekserver wordt leeggemaakt en opnieuw gevuld. Tot dat klaar is, "
        "vindt zoeken maar een deel van de inhoud. Ververs deze pagina over een minuut om het "
        "resultaat te zien."
    )


@require_POST
@editor_required
def rebuild_index(request):
    if not request.user.has_perm(REBUILD_PERMISSION):
        messages.error(request, "Alleen een eindredacteur kan de zoekindex opnieuw opbouwen.")
        return redirect("editorial:items")
    if settings.INDEX_REBUILD_IN_BACKGROUND:
        threading.Thread(target=_rebuild_in_thread, name="rebuild-index", daemon=True).start()
        messages.success(request, rebuild_started_message(engine_is_embedded()))
    else:
        _rebuild()
        messages.success(request, "De zoekindex is opnieuw opgebouwd.")
    return redirect("editorial:items")
