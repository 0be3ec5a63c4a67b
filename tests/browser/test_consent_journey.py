"""
Issue 7's whole path in Chromium, in both languages, through the real pages: the actor agrees a
pitch and signs its consent grant, the studio submits a shot, the actor approves it, the studio
opens a reference asset under the grant, the actor revokes, the asset is gone on the very next
request and the grant asks the studio to attest deletion. No console error (a CSP violation is
one) and no server error on the way.
"""

import io
import re
import threading

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from consent.choices import GrantStatus, ShotStatus
from consent.forms import ACKNOWLEDGEMENTS
from consent.models import Attestation, Grant, Shot
from consent.services import vault as vault_services
from creators.choices import PitchStatus
from creators.models import Pitch
from tests.browser.conftest import needs_chromium

pytestmark = [
    needs_chromium,
    pytest.mark.usefixtures("demo"),
]

ACTOR = "actor@example.com"
PRODUCER = "creator@example.com"
DEMO_PASSWORD = "portrait-demo"


class Watch:
    """Console errors (CSP violations included), uncaught page errors and 5xx answers."""

    def __init__(self):
        self.problems = []

    def attach(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("response", self._response)
        return page

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 500:
            self.problems.append(f"{response.status}: {response.url}")


@pytest.fixture(autouse=True)
def _one_vault_request_at_a_time(monkeypatch):
    """
    The vault page loads its images at once, and each view appends to the ledger. The live
    server shares an in-memory SQLite database between its threads through SQLite's shared
    cache, where ``BEGIN IMMEDIATE`` does not keep two writers apart (PostgreSQL's row lock on
    the ledger head, and a file database's, do): two appends then race for the same sequence
    number. On SQLite only, the test's server takes vault requests' writes one at a time.
    """
    if connection.vendor != "sqlite":
        return
    lock = threading.Lock()
    for name in ("vault_access_record", "vault_copy_get"):
        original = getattr(vault_services, name)

        def serialized(*args, _original=original, **kwargs):
            with lock:
                return _original(*args, **kwargs)

        monkeypatch.setattr(vault_services, name, serialized)


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def open_watched(open_page, live_server, watch):
    """Like ``open_page``, but watched from the first request of the page under test."""

    def open_(path, *, user, language):
        page = watch.attach(open_page("/robots.txt", user=user, language=language))
        page.set_default_timeout(10_000)
        page.goto(live_server.url + path)
        return page

    return open_


def _render_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (180, 120, 90)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _path(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url).split("?")[0].split("#")[0]


@pytest.mark.parametrize(
    ("language", "sign_button"), [("en", "Sign this consent"), ("zh-hans", "签署授权")]
)
def test_the_whole_consent_path_in_the_browser(open_watched, watch, shoot, language, sign_button):
    translation.activate(language)
    t = gettext
    pitch = Pitch.objects.get(listing__slug="lin-xiaoyu", role__character_name__startswith="Su Wan")
    shot_name = f"journey-{language}"

    # The actor agrees the studio's offer on the pitch page.
    actor = open_watched(f"/pitches/{pitch.pk}/", user=ACTOR, language=language)
    actor.get_by_role("link", name=t("Agree"), exact=True).click()
    actor.get_by_role("button", name=t("Agree"), exact=True).click()
    actor.wait_for_url(re.compile(rf"/pitches/{pitch.pk}/"))
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.AGREED
    grant = Grant.objects.get(pitch=pitch)
    assert grant.status == GrantStatus.AWAITING_SIGNATURE
    shoot(actor, f"{shot_name}-1-agreed")

    # The actor signs: confirms the password first, then ticks every statement.
    actor.get_by_role("link", name=t("Review and sign")).click()
    actor.wait_for_load_state()
    if "/reauthenticate/" in actor.url:
        actor.locator("input[name=password]").fill(DEMO_PASSWORD)
        actor.locator("form:has(input[name=password]) button[type=submit]").click()
        actor.wait_for_url(re.compile(rf"/grants/{grant.pk}/sign/"))
    assert _path(actor) == f"/grants/{grant.pk}/sign/"
    for _name, label in ACKNOWLEDGEMENTS:
        actor.get_by_label(str(label)).check()
    shoot(actor, f"{shot_name}-2-sign")
    actor.get_by_role("button", name=sign_button).click()
    actor.wait_for_url(re.compile(rf"/grants/{grant.pk}/$"))
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACTIVE

    # The studio's producer submits a shot with its render.
    producer = open_watched(f"/grants/{grant.pk}/shots/new/", user=PRODUCER, language=language)
    producer.get_by_label(re.compile("^" + re.escape(t("Scene")))).select_option(index=0)
    producer.get_by_label(t("What the shot shows")).fill(
        "雨中回眸，近景。A glance back in the rain."
    )
    producer.get_by_label(t("Prompt or direction")).fill("close-up, rain, lantern light, 35mm")
    producer.get_by_label(t("Render (JPEG, PNG or WebP)")).set_input_files(
        files=[{"name": "render.jpg", "mimeType": "image/jpeg", "buffer": _render_jpeg()}]
    )
    shoot(producer, f"{shot_name}-3-shot-form")
    producer.get_by_role("button", name=t("Send to the actor")).click()
    producer.wait_for_url(re.compile(rf"/grants/{grant.pk}/shots/$"))
    shot = Shot.objects.get(grant=grant)
    assert shot.status == ShotStatus.PENDING

    # The actor approves it on the review page.
    actor.goto(actor.url.split("/grants/")[0] + f"/grants/{grant.pk}/shots/")
    actor.locator(f'input[name=shots][value="{shot.pk}"]').check()
    actor.get_by_label(t("Approve"), exact=True).check()
    shoot(actor, f"{shot_name}-4-review")
    actor.get_by_role("button", name=t("Send my answer")).click()
    actor.wait_for_load_state()
    shot.refresh_from_db()
    assert shot.status == ShotStatus.APPROVED

    # The producer opens a reference asset under the grant.
    producer.goto(producer.url.split("/grants/")[0] + f"/grants/{grant.pk}/vault/")
    image = producer.locator(".media-grid img").first
    producer.wait_for_function(
        "() => [...document.querySelectorAll('.media-grid img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    asset_url = producer.url.split("/grants/")[0] + image.get_attribute("src")
    shoot(producer, f"{shot_name}-5-vault")
    assert producer.request.get(asset_url).status == 200

    # The actor revokes, with a reason.
    actor.goto(actor.url.split("/grants/")[0] + f"/grants/{grant.pk}/")
    actor.get_by_role("link", name=t("Revoke consent")).click()
    actor.get_by_label(t("Reason (optional, the studio sees it)")).fill("不再合作。No longer.")
    shoot(actor, f"{shot_name}-6-revoke")
    actor.get_by_role("button", name=t("Revoke consent")).click()
    actor.wait_for_url(re.compile(rf"/grants/{grant.pk}/$"))
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REVOKED

    # The very next request for the same asset is refused.
    assert producer.request.get(asset_url).status == 404

    # The grant page asks the studio to attest deletion.
    producer.goto(producer.url.split("/grants/")[0] + f"/grants/{grant.pk}/")
    shoot(producer, f"{shot_name}-7-attestation")
    assert producer.get_by_role("heading", name=t("Deletion attestation")).count() == 1
    assert producer.get_by_role("link", name=t("Attest deletion")).count() == 1
    assert Attestation.objects.filter(grant=grant, attested_at__isnull=True).count() == 1
    assert watch.problems == []
