"""
Demo consent data: the demo agent represents the demo actor with the right to sign grants; on
the role "Dr. Ye" in "雨巷 The Rain Lane" (the creators seeder's agreed pitch) a first grant was
signed and then revoked (awaiting the studio's deletion attestation), and a second pitch for the
same role was agreed and signed: the active grant the shots seeder adds shots to.

Unlike the creators seeder this goes through the services: a grant is only real with its
snapshot, ledger entries and signed receipt. Idempotent: it does nothing once the actor has a
grant for that role.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from actors.choices import AgentRight
from actors.models import Listing, Representation
from consent.models import Grant
from consent.services import grants as services
from creators.choices import PitchStatus, Side
from creators.models import BriefRole, Pitch, PitchEvent, PitchMessage

AGENT_EMAIL = "agent@example.com"
ACTOR_SLUG = "lin-xiaoyu"
ROLE_PREFIX = "Dr. Ye"


def _agent_with_sign_right(listing: Listing, agent) -> None:
    if Representation.objects.filter(listing=listing, agent=agent).exists():
        return
    rights = [AgentRight.ANSWER_PITCHES, AgentRight.SIGN_GRANTS]
    Representation.objects.create(
        listing=listing,
        agent=agent,
        status=Representation.Status.ACTIVE,
        rights=rights,
        message="我代理林晓雨的影视约。I handle Lin Xiaoyu's screen work.",
        responded_at=timezone.now(),
    )
    for right in rights:
        assign_perm(f"actors.{right}", agent, listing)


def _agreed_pitch(role: BriefRole, listing: Listing) -> Pitch:
    """A second pitch for the same role, agreed (seed data, written directly)."""
    now = timezone.now()
    pitch = Pitch.objects.create(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=role.brief.studio,
        sent_by=role.brief.created_by,
        status=PitchStatus.AGREED,
        use_types=["face"],
        scenes=[scene.number for scene in role.scenes.all()],
        estimated_shots=6,
        territories=["CN"],
        term_months=6,
        fee=30000,
        currency="CNY",
        ai_method="reference_only",
        message="新的合作：只用面部，六个月。A new round: face only, six months.",
        awaiting=Side.ACTOR,
        expires_at=now + timedelta(days=settings.PORTAL_PITCH_ANSWER_DAYS),
        viewed_at=now,
        closed_at=now,
    )
    for action, side, before, after in (
        ("send", Side.STUDIO, "", "sent"),
        ("agree", Side.ACTOR, "sent", "agreed"),
    ):
        PitchEvent.objects.create(
            pitch=pitch, action=action, from_status=before, to_status=after, side=side
        )
    PitchMessage.objects.create(
        pitch=pitch, side=Side.ACTOR, author=listing.owner, body="好的，这次只用面部。Face only."
    )
    return pitch


def seed_demo_consent(*, users, actors: int, stdout) -> None:
    """``seed_demo``'s hook for consent; runs after the actors and creators seeders."""
    listing = Listing.objects.filter(slug=ACTOR_SLUG).select_related("owner").first()
    if listing is None:
        return
    agent = users.get(AGENT_EMAIL)
    with transaction.atomic():
        if agent is not None:
            _agent_with_sign_right(listing, agent)
        role = BriefRole.objects.filter(
            character_name__startswith=ROLE_PREFIX, brief__studio__slug="lumen-pictures"
        ).first()
        pitch = Pitch.objects.filter(role=role, listing=listing, status="agreed").first()
        if role is None or pitch is None or Grant.objects.filter(role=role, listing=listing):
            return
        actor = listing.owner
        first = services.grant_create(pitch=pitch, acting_user=actor)
        first = services.grant_sign(
            grant=first, acting_user=actor, reauthenticated=True, acknowledged=True
        )
        services.grant_revoke(
            grant=first, acting_user=actor, reason="档期冲突，暂不合作。A schedule clash."
        )
        second = services.grant_create(pitch=_agreed_pitch(role, listing), acting_user=actor)
        signer = agent if agent is not None else actor
        second = services.grant_sign(
            grant=second, acting_user=signer, reauthenticated=True, acknowledged=True
        )
        services.grant_set_on_profile(grant=second, acting_user=actor, on_profile=True)
    stdout.write(f"Demo consent grants: /grants/{first.pk}/ (revoked), /grants/{second.pk}/")
