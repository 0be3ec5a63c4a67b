"""
Chromium through Playwright against a live server (pytest-django's ``live_server``).

Debian's ``chromium`` is used (Playwright's own browser download does not work on these
machines); the tests skip only when it is not installed. PORTRAIT_SCREENSHOTS=<folder> makes
them save what they see there as PNG files.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from portal.models import User

CHROMIUM = shutil.which("chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run
# unless told the test knows what it does (the live server answers in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

#: Every browser test module carries this (a pytestmark in a conftest would apply to nothing).
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="session")
def chromium():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(settings, transactional_db):
    """The demo data, served with its photos (tests/browser/urls.py)."""
    settings.DEBUG = True
    settings.ROOT_URLCONF = "tests.browser.urls"
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


@pytest.fixture
def open_page(chromium, live_server):
    """``open_page(path, user=None, language="en", width=1280)``: a page in a fresh context."""
    contexts = []

    def open_(path, *, user=None, language="en", width=1280):
        context = chromium.new_context(
            viewport={"width": width, "height": 900 if width > 800 else 844},
            extra_http_headers={"Accept-Language": language},
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(User.objects.get(email=user))
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        page.goto(live_server.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():
    """Save a screenshot when PORTRAIT_SCREENSHOTS names a folder; otherwise do nothing."""
    folder = os.environ.get("PORTRAIT_SCREENSHOTS")

    def save(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            # Lazy photos load only near the viewport: scroll through once first.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(800)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return save
