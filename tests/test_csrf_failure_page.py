"""A refused CSRF check is a Dutch page in the site's look, not Django's English one: the public
forms of the vraagbaak and the flexpool (issue 16) are the first that visitors without an
account post with a token."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/vraag-stellen/", "/flexpool/aanvragen/"])
def test_a_post_without_its_token_is_refused_in_dutch(path):
    response = Client(enforce_csrf_checks=True).post(path, {"gemeente": "Utrecht"})
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="nl"' in page
    assert "Het formulier is verlopen of kwam niet van deze website" in page
    assert "CSRF" not in page
