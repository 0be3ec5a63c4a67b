"""A property the whole consent engine must keep: whatever happens in whatever order (sign,
approve, pause, resume, revoke, the clock jumping) a studio member NEVER gets a reference asset
unless the grant is signed, not revoked, not paused, inside its window and covering the use.

The model below is kept independently of the code under test (it knows only what was done and
what time it is), and every asset request is made through the real view."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from actors.services.listings import listing_transition
from consent.models import Grant
from consent.selectors import shot_covers
from consent.services import shots as shot_services
from consent.services.grants import grant_revoke, grant_sign
from portal.exceptions import DomainError
from tests.consent.conftest import GrantWorld as SigningWorld
from tests.consent.conftest import make_offer
from tests.consent.factories_shots import make_asset, render_upload

PHOTO_USES = {"face", "body", "digital_double", "de_ageing"}


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now


class VaultMachine(RuleBasedStateMachine):
    clock: Clock

    @initialize(
        uses=st.sampled_from([["face"], ["face", "voice"], ["body"], ["voice"]]),
        sign_first=st.booleans(),
    )
    def setup(self, uses, sign_first):
        self.clock.now = self.clock.now + timedelta(days=1)
        self.world = SigningWorld(terms={"use_types": ["face", "voice", "body"]})
        self.world.role.use_types = ["face", "voice", "body"]
        self.world.role.save(update_fields=["use_types"])
        self.grant = self.world.agreed_grant(make_offer(use_types=uses))
        self.asset = make_asset(self.world.listing)
        self.client = Client()
        self.client.force_login(self.world.viewer)
        self.covers_photos = bool(PHOTO_USES & set(uses))
        # The model: only what was done, and the clock.
        self.signed = self.revoked = self.paused = False
        self.ends_at = None
        self.approved = []
        self.colour = 0
        self.requests = 0
        if sign_first:
            self.sign()

    def in_force(self) -> bool:
        return (
            self.signed
            and not self.revoked
            and not self.paused
            and self.ends_at is not None
            and self.clock.now < self.ends_at
        )

    @rule()
    def sign(self):
        try:
            grant_sign(
                grant=self.grant,
                acting_user=self.world.actor,
                reauthenticated=True,
                acknowledged=True,
            )
        except DomainError:
            return
        self.signed = True
        self.ends_at = Grant.objects.get(pk=self.grant.pk).ends_at

    @rule()
    def submit_and_approve(self):
        self.colour += 1
        try:
            shot = shot_services.shot_submit(
                grant=self.grant,
                scene=1,
                description="A shot.",
                direction="A prompt.",
                upload=render_upload((self.colour % 256, 10, 10)),
                acting_user=self.world.producer,
            )
            shot = shot_services.shot_approve(shot=shot, acting_user=self.world.actor)
        except DomainError:
            return
        assert self.in_force()
        self.approved.append(shot.render_sha256)

    @rule()
    def pause(self):
        try:
            listing_transition(
                listing=self.world.listing, action="pause", acting_user=self.world.actor
            )
        except DomainError:
            return
        self.paused = True

    @rule()
    def resume(self):
        try:
            listing_transition(
                listing=self.world.listing, action="resume", acting_user=self.world.actor
            )
        except DomainError:
            return
        self.paused = False

    @rule()
    def revoke(self):
        try:
            grant_revoke(grant=self.grant, acting_user=self.world.actor, reason="")
        except DomainError:
            return
        self.revoked = True

    @rule(hours=st.integers(min_value=1, max_value=24 * 400))
    def clock_jumps(self, hours):
        self.clock.now += timedelta(hours=hours)

    @invariant()
    def the_vault_answers_as_the_model_says(self):
        # After every step, a request through the real view: served exactly when the model says
        # the grant is in force and covers photos, refused (404) otherwise.
        if not hasattr(self, "grant"):
            return
        self.requests += 1
        kind = "download" if self.requests % 2 else "view"
        url = f"/grants/{self.grant.pk}/vault/{self.asset.pk}/{kind}/"
        status = self.client.get(url).status_code
        allowed = self.in_force() and self.covers_photos
        event("asset served" if status == 200 else "asset refused")
        assert status == (200 if allowed else 404), (status, allowed)

    @invariant()
    def no_approval_outlives_its_grant(self):
        grant = Grant.objects.get(pk=self.grant.pk)
        for sha256 in self.approved:
            assert shot_covers(grant=grant, sha256=sha256) == self.in_force()


@pytest.mark.django_db
def test_the_vault_never_opens_without_a_grant_in_force_covering_the_use(monkeypatch, settings):
    # Sessions must outlive the clock's jumps, or every request would just be signed out.
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 365 * 20
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    VaultMachine.clock = clock
    run_state_machine_as_test(
        VaultMachine,
        settings=hypothesis_settings(
            max_examples=8,
            stateful_step_count=12,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
