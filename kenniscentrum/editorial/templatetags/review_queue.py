"""The workflow steps of one item for the history page, with the reasons given (queue.py).

A tag rather than a context variable so the page shows them without the history view needing
to know: `{% include "editorial/_workflow_log.html" %}` is all a template adds.
"""

from django import template

from kenniscentrum.editorial.queue import workflow_log
from kenniscentrum.knowledge.vocabulary import Status

register = template.Library()


@register.simple_tag
def workflow_steps(item):
    return workflow_log(item)


@register.filter
def status_label(value: str) -> str:
    """'ter-beoordeling' → 'Ter beoordeling'; an old or unknown value as it was stored."""
    return dict(Status.choices).get(value, value)
