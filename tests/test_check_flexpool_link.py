"""The check sends an organisation that needs expertise to the flexpool (issue 16), with the
request form prefilled from its answers."""

import html
import re
from dataclasses import replace
from datetime import date

import pytest

from kenniscentrum.check.answers import Answers
from kenniscentrum.check.support_links import flexpool_expertise, flexpool_request_url
from kenniscentrum.flexpool.vocabulary import EXPERTISE

pytestmark = pytest.mark.django_db

RESULT = (
    "/check/uitslag/?organisation=gemeente&province=utrecht&backlog=12&large_families=2"
    "&plans=flexwonen&plans=transformatie&plans=nieuwbouw&target_groups=statushouders"
    "&needs_expertise={needs}&regional_cooperation=nee&reference_date=2021-11-01"
)
ANSWERS = Answers(
    organisation="gemeente", province="gelderland", backlog=5, large_families="onbekend",
    plans=("tijdelijke_woningen", "hotel_huisvesting"), target_groups=("statushouders",),
    needs_expertise=True, regional_cooperation=False, reference_date=date(2021, 11, 1),
)  # fmt: skip


def test_plans_and_answers_become_the_flexpools_expertise():
    assert flexpool_expertise(ANSWERS) == ["flexwonen"]  # tijdelijke woningen; hotel: none
    more = replace(ANSWERS, regional_cooperation=True, large_families=3, plans=("transformatie",))
    assert flexpool_expertise(more) == ["transformatie", "regionale-samenwerking", "grote-gezinnen"]
    assert flexpool_expertise(replace(ANSWERS, large_families=0, plans=())) == []
    assert set(flexpool_expertise(more)) <= set(EXPERTISE)


def test_no_link_unless_expertise_is_needed():
    assert flexpool_request_url(replace(ANSWERS, needs_expertise=False)) is None
    url = flexpool_request_url(ANSWERS)
    assert url == "/flexpool/aanvragen/?provincie=gelderland&expertise=flexwonen"


def test_the_result_links_to_a_prefilled_request_when_expertise_is_needed(client):
    page = client.get(RESULT.format(needs="ja")).content.decode()
    assert 'id="flexpool"' in page
    link = html.unescape(re.search(r'<a class="kc-button" href="([^"]+)"', page).group(1))
    assert link == (
        "/flexpool/aanvragen/?provincie=utrecht&expertise=flexwonen&expertise=transformatie"
        "&expertise=grote-gezinnen"
    )
    form = client.get(link).content.decode()
    assert re.search(r'<option value="utrecht"[^>]*selected', form)
    for value in ("flexwonen", "transformatie", "grote-gezinnen"):
        assert re.search(rf'value="{value}"[^>]*checked', form), value
    assert not re.search(r'value="tussenvoorziening"[^>]*checked', form)


def test_the_result_has_no_flexpool_block_without_the_need(client):
    page = client.get(RESULT.format(needs="nee")).content.decode()
    assert 'id="flexpool"' not in page and "/flexpool/aanvragen/" not in page
