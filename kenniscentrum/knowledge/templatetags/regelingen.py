"""A regeling's state on the day a page is shown, for every template that shows a regeling.

Why a template tag and not view context: the regeling page, the editors' visitor preview, the
lists and the theme pages all render items, and the preview (editorial) builds its own context.
Asking here, from the item itself, makes each of them mark an ended regeling from that day on
without each view having to remember to.
"""

from django import template

from kenniscentrum.core.dates import today

from ..windows import state_of

register = template.Library()


def _facts(item):
    # A missing one-to-one row raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(item, "regeling", None)


@register.simple_tag
def regeling_state(item) -> str:
    """The window state today (windows.py), or "" for an item that is not a regeling."""
    facts = _facts(item)
    return state_of(facts, today()) if facts is not None else ""


@register.simple_tag
def ended_on(item):
    """The day a regeling ended if that day has come (Dutch time), else None."""
    facts = _facts(item)
    return facts.ended_on if facts is not None and facts.has_ended(today()) else None


@register.simple_tag
def today_date():
    """The day the states above are for, to name it beside them."""
    return today()
