"""Where the check sends an organisation that asked for help with expertise (issue 16).

Why here and not in the template: which of the flexpool's expertises a check answer asks for is a
rule (a plan to build flexwoningen asks for flexwonen; 8+ persons in a household ask for grote
gezinnen), and the flexpool's request form is prefilled from it. The expertise values are the
flexpool's own (flexpool/vocabulary.py), so a renamed value fails a test here, not a visitor.
"""

from urllib.parse import urlencode

from django.urls import reverse

from kenniscentrum.flexpool.vocabulary import EXPERTISE

from .answers import Answers

# A plan in the check → the flexpool expertise that builds it. Nieuwbouw and hotel_huisvesting
# have no matching expertise in the flexpool's list; they add none.
PLAN_EXPERTISE = {
    "tussenvoorziening": "tussenvoorziening",
    "flexwonen": "flexwonen",
    "tijdelijke_woningen": "flexwonen",
    "transformatie": "transformatie",
}


def flexpool_expertise(answers: Answers) -> list[str]:
    """The flexpool expertises these answers ask for, in the flexpool's order."""
    wanted = {PLAN_EXPERTISE[plan] for plan in answers.plans if plan in PLAN_EXPERTISE}
    if answers.regional_cooperation:
        wanted.add("regionale-samenwerking")
    if isinstance(answers.large_families, int) and answers.large_families > 0:
        wanted.add("grote-gezinnen")
    return [value for value in EXPERTISE if value in wanted]


def flexpool_request_url(answers: Answers) -> str | None:
    """The flexpool's request form, prefilled with province and expertise; None unless the
    organisation said it needs expertise (the question 'needs_expertise')."""
    if not answers.needs_expertise:
        return None
    query = [("provincie", answers.province)]
    query += [("expertise", value) for value in flexpool_expertise(answers)]
    return f"{reverse('flexpool:request')}?{urlencode(query)}"
