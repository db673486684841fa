"""Browser harness: Debian's headless Chromium driven by Playwright, axe-core for WCAG checks.

Playwright's own browser download does not work on our machines, so it drives /usr/bin/chromium
(installed by `make test`). A missing browser fails the tests loudly instead of skipping them.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from kenniscentrum.knowledge.loading import load_corpus

CHROMIUM = os.environ.get("KC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium niet gevonden op {CHROMIUM}: draai `make test` (installeert het).")
    # Playwright runs its own event loop; Django must allow sync DB access in that thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """A live server with the real corpus (transactional tests start from an empty database)."""
    load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
    # The flush between transactional tests gives items new keys: index this load afresh.
    call_command("rebuild_index", interactive=False, verbosity=0)
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=True)
    page = context.new_page()
    yield page
    context.close()
