"""
Consent grants: created when a pitch is agreed, signed by the actor's side, suspended and
resumed with the listing, ended by revocation, completion, expiry or lapse. Every write locks the
grant, checks the transition table, writes, records a grant event, an audit row and a ledger
entry, and writes outbox rows in the same transaction. ``grant_transition`` is the one writer of
``Grant.status``.

Time: whether a grant is in force is read from the clock (``consent.selectors``); the sweep
(``grants_record_clock``) and ``grant_refresh_clock`` only record what the clock already says.
"""

import calendar
import json
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.choices import MAX_TERM_MONTHS_MINOR, AgentRight, ListingStatus
from actors.models import Guardianship, Listing, ListingUserObjectPermission
from consent.choices import CAWG_NOT_ALLOWED, CAWG_PERMISSION, TRAINING_USES, GrantStatus
from consent.models import Grant, GrantEvent
from consent.selectors import grant_effective_status
from consent.states import (
    LIVE_GRANT,
    SIGNED_GRANT,
    SIGNER,
    STAFF,
    SYSTEM,
    TERMINAL_GRANT,
    ensure_grant_transition,
)
from creators.choices import MemberRole, PitchStatus
from creators.models import Pitch, StudioMembership
from creators.services.pitches import PitchOffer, pitch_conclude, pitch_fit_check
from portal.canonical import canonical_json, canonical_sha256
from portal.exceptions import DomainError
from portal.ledger import ledger_append
from portal.receipts import receipt_issue
from portal.services import audit_record, notification_create

SNAPSHOT_FORMAT = "portrait-grant-snapshot/1"
#: Days the actor's side has to sign an agreed pitch's grant before it lapses.
SIGN_DAYS = getattr(settings, "PORTAL_GRANT_SIGN_DAYS", 14)
PAST = {
    "create": "created",
    "signature": "signature_added",
    "sign": "signed",
    "lapse": "lapsed",
    "suspend": "suspended",
    "resume": "resumed",
    "revoke": "revoked",
    "complete": "completed",
    "expire": "expired",
}


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# --- the snapshot --------------------------------------------------------------------------


def _brief_facts(pitch: Pitch) -> dict:
    role, brief = pitch.role, pitch.role.brief
    chosen = set(pitch.scenes)
    return {
        "brief_id": brief.pk,
        "title": brief.title,
        "logline": brief.logline,
        "synopsis": brief.synopsis,
        "genre": brief.genre,
        "format": brief.format,
        "rating": brief.rating,
        "sensitive_content": list(brief.sensitive_content),
        "channels": list(brief.channels),
        "territories": list(brief.territories),
        "ai_tool": brief.ai_tool,
        "ai_method": brief.ai_method,
        "data_plan": brief.data_plan,
        "dialogue": brief.dialogue,
        "starts_on": brief.starts_on.isoformat() if brief.starts_on else None,
        "ends_on": brief.ends_on.isoformat() if brief.ends_on else None,
        "role": {
            "id": role.pk,
            "character_name": role.character_name,
            "description": role.description,
            "scenes": [
                {"number": s.number, "description": s.description, "shots": s.shot_count}
                for s in role.scenes.all()
                if s.number in chosen
            ],
        },
    }


def grant_snapshot_document(*, pitch: Pitch) -> dict:
    """What was agreed, as plain JSON: the terms version in force, the final offer, the brief."""
    document = {
        "format": SNAPSHOT_FORMAT,
        "pitch_id": pitch.pk,
        "studio": {"id": pitch.studio_id, "name": pitch.studio.name},
        "actor": {"listing": pitch.listing.slug, "stage_name": pitch.listing.stage_name},
        "terms": pitch.terms.as_document(),
        "offer": PitchOffer.of(pitch).snapshot(),
        "brief": _brief_facts(pitch),
    }
    # Round-trip through the canonical bytes: what is stored is exactly what was hashed.
    return json.loads(canonical_json(document))


def snapshot_offer(grant: Grant) -> PitchOffer:
    offer = dict(grant.snapshot["offer"])
    offer["fee"] = Decimal(offer["fee"])
    return PitchOffer(**offer)


def _training(terms) -> dict[str, str]:
    values = terms.training()
    return {use: CAWG_PERMISSION.get(values[use], CAWG_NOT_ALLOWED) for use in TRAINING_USES}


# --- who hears about it --------------------------------------------------------------------


def grant_signers(listing: Listing) -> list:
    """Whoever can sign: the actor, agents with the sign right, the guardian. Not answer-only
    agents: a signature notice is for someone who can act on it."""
    agents = ListingUserObjectPermission.objects.filter(
        content_object=listing, permission__codename=AgentRight.SIGN_GRANTS, user__is_active=True
    ).select_related("user")
    guardians = Guardianship.objects.filter(
        listing=listing, status=Guardianship.Status.ACTIVE, guardian__is_active=True
    ).select_related("guardian")
    people = [listing.owner, *(p.user for p in agents), *(g.guardian for g in guardians)]
    unique = {user.pk: user for user in people if user.is_active}
    return list(unique.values())


def studio_producers(studio) -> list:
    members = StudioMembership.objects.filter(
        studio=studio, role__in=[MemberRole.OWNER, MemberRole.PRODUCER], user__is_active=True
    ).select_related("user")
    return [m.user for m in members]


def grant_notify(grant: Grant, *, recipients, kind: str, extra=None) -> None:
    context = {
        "grant_id": grant.pk,
        "studio": grant.studio.name,
        "stage_name": grant.listing.stage_name,
        "role": grant.snapshot["brief"]["role"]["character_name"],
        "brief": grant.snapshot["brief"]["title"],
        "status": grant.status,
        **(extra or {}),
    }
    url = reverse("grant_detail", kwargs={"pk": grant.pk})
    for user in recipients:
        notification_create(recipient=user, kind=kind, context=context, url=url)


def _record(grant, *, action, from_status, user=None, on_behalf_of=None, note="", payload=None):
    """The grant event, the audit row and the ledger entry of one step."""
    GrantEvent.objects.create(
        grant=grant,
        action=action,
        from_status=from_status,
        to_status=grant.status,
        actor=user,
        on_behalf_of=on_behalf_of,
        note=note,
    )
    data = {"from": from_status, "to": grant.status, **(payload or {})}
    audit_record(
        actor=user, action=f"grant.{action}", target=grant, on_behalf_of=on_behalf_of, data=data
    )
    return ledger_append(
        event_type=f"grant.{PAST.get(action, action)}",
        subject=grant,
        actor=user if user is not None and user.pk else None,
        on_behalf_of=on_behalf_of,
        payload={
            "grant_id": grant.pk,
            "pitch_id": grant.pitch_id,
            "studio": grant.studio.name,
            "actor_name": grant.listing.stage_name,
            "status": grant.status,
            "snapshot_sha256": grant.snapshot_sha256,
            **data,
        },
    )


def _on_behalf_of(grant: Grant, user):
    """An agent or a guardian acts for the actor; staff and the system for nobody."""
    if user is None or not user.pk or user.pk == grant.listing.owner_id or user.is_staff:
        return None
    return grant.listing.owner


# --- creating ------------------------------------------------------------------------------


@transaction.atomic
def grant_create(*, pitch: Pitch, acting_user=None) -> Grant:
    """
    An agreed pitch awaits the actor's signature as a grant. Runs inside the pitch's agree
    transaction (``portal.hooks`` ``pitch_agreed``); idempotent for the same pitch.
    """
    existing = Grant.objects.filter(pitch=pitch).first()
    if existing is not None:
        return existing
    pitch = (
        Pitch.objects.select_related("terms", "studio", "listing__owner", "role__brief")
        .prefetch_related("role__scenes")
        .get(pk=pitch.pk)
    )
    if pitch.status != PitchStatus.AGREED:
        raise DomainError(_("Only an agreed pitch becomes a consent grant."), code="not_agreed")
    snapshot = grant_snapshot_document(pitch=pitch)
    now = timezone.now()
    grant = Grant(
        pitch=pitch,
        listing=pitch.listing,
        studio=pitch.studio,
        role=pitch.role,
        terms=pitch.terms,
        snapshot=snapshot,
        snapshot_sha256=canonical_sha256(snapshot),
        use_types=list(pitch.use_types),
        scenes=list(pitch.scenes),
        max_shots=pitch.estimated_shots,
        ai_method=pitch.ai_method,
        training=_training(pitch.terms),
        response_window_hours=pitch.terms.response_window_hours,
        term_months=pitch.term_months,
        sign_by=now + timedelta(days=SIGN_DAYS),
    )
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError:
        raise DomainError(
            _("This actor already has a consent grant for this role that has not ended."),
            code="duplicate_grant",
        ) from None
    _record(grant, action="create", from_status="", user=acting_user)
    grant_notify(
        grant,
        recipients=grant_signers(grant.listing),
        kind="grant_awaiting_signature",
        extra={"sign_by": grant.sign_by.isoformat()},
    )
    return grant


# --- the one writer of status --------------------------------------------------------------


def _lock(grant: Grant) -> Grant:
    return (
        Grant.objects.select_for_update(of=("self",))
        .select_related("listing__owner", "studio", "pitch")
        .get(pk=grant.pk)
    )


def _apply(grant: Grant, action: str, target: str, *, user, reason: str, now) -> None:
    grant.status = target
    if action == "sign":
        grant.starts_at = now
        grant.ends_at = add_months(now, grant.term_months)
    elif action == "suspend":
        grant.suspended_at = now
    elif action == "resume":
        grant.suspended_at = None
    if target in TERMINAL_GRANT:
        grant.ended_at = now
        grant.ended_by = user if user is not None and user.pk else None
        grant.end_reason = reason


@transaction.atomic
def grant_transition(
    *, grant: Grant, action: str, party: str, acting_user=None, reason: str = "", now=None
) -> Grant:
    """Lock, check the table, write, record; what an ending sets in motion follows."""
    grant = _lock(grant)
    target = ensure_grant_transition(grant.status, action, party=party)
    now = now or timezone.now()
    if action == "resume" and not (grant.ends_at and now < grant.ends_at):
        raise DomainError(_("This consent grant's term is over."), code="window_over")
    from_status = grant.status
    _apply(grant, action, target, user=acting_user, reason=reason, now=now)
    grant.save()
    entry = _record(
        grant,
        action=action,
        from_status=from_status,
        user=acting_user,
        on_behalf_of=_on_behalf_of(grant, acting_user),
        note=reason,
        payload={"staff": True} if party == STAFF else None,
    )
    _after_transition(grant, action, from_status, entry=entry)
    return grant


def _after_transition(grant: Grant, action: str, from_status: str, *, entry) -> None:
    from consent.services import attestations

    if action == "sign":
        _issue_receipt(grant, entry)
        grant_notify(grant, recipients=studio_producers(grant.studio), kind="grant_signed")
    elif action in ("suspend", "resume"):
        grant_notify(grant, recipients=studio_producers(grant.studio), kind=f"grant_{action}ed")
    if grant.status not in TERMINAL_GRANT:
        return
    for step in GRANT_ENDED_STEPS:
        step(grant=grant)
    pitch_conclude(pitch=grant.pitch, reason=f"grant {PAST[action]}")
    recipients = {u.pk: u for u in [*grant_signers(grant.listing), *studio_producers(grant.studio)]}
    grant_notify(grant, recipients=recipients.values(), kind=f"grant_{PAST[action]}")
    if from_status in SIGNED_GRANT:
        attestations.attestation_request(grant=grant)


#: Callables ``(*, grant) -> None`` run inside the transaction that ends a grant (the shots
#: service appends ``shots_void_for_grant`` here: pending shots are voided).
GRANT_ENDED_STEPS: list = []


def _issue_receipt(grant: Grant, entry) -> None:
    brief = grant.snapshot["brief"]
    offer = grant.snapshot["offer"]
    receipt = receipt_issue(
        kind="grant",
        subject=grant,
        ledger_entry=entry,
        document={
            "actor_name": grant.listing.stage_name,
            "studio": grant.studio.name,
            "project": brief["title"],
            "role": brief["role"]["character_name"],
            "scope_summary": {
                "use_types": grant.use_types,
                "scenes": grant.scenes,
                "max_shots": grant.max_shots,
                "channels": brief["channels"],
                "territories": offer["territories"],
                "term_months": grant.term_months,
                "fee": {"amount": offer["fee"], "currency": offer["currency"]},
                "ai_method": grant.ai_method,
            },
            "snapshot_sha256": grant.snapshot_sha256,
            "valid_from": grant.starts_at.isoformat(),
            "valid_until": grant.ends_at.isoformat(),
            "guardian_signed": grant.guardian_signed_at is not None,
            "training": {f"cawg.{use}": value for use, value in grant.training.items()},
        },
    )
    grant.receipt_id = receipt.id
    Grant.objects.filter(pk=grant.pk).update(receipt_id=receipt.id)


# --- signing -------------------------------------------------------------------------------


def _is_minor_today(grant: Grant) -> bool:
    """Read from the date of birth as it is now, not as it was when the pitch was agreed."""
    from actors.models import ListingPrivate

    private = ListingPrivate.objects.filter(listing_id=grant.listing_id).first()
    return bool(private and private.is_minor)


def _ensure_signable(grant: Grant, *, minor: bool) -> None:
    if grant.listing.status != ListingStatus.LISTED:
        raise DomainError(
            _("The listing is not live, so nothing can be signed now."), code="not_listed"
        )
    if minor and grant.term_months > MAX_TERM_MONTHS_MINOR:
        raise DomainError(
            _("The actor is a minor: a consent may run for %(cap)s months at most.")
            % {"cap": MAX_TERM_MONTHS_MINOR},
            code="minor_term",
        )
    listing = Listing.objects.select_related("current_terms").get(pk=grant.listing_id)
    mismatches = pitch_fit_check(role=grant.role, listing=listing, offer=snapshot_offer(grant))
    if mismatches:
        raise DomainError(
            _("This consent no longer fits the actor's current terms: %(reasons)s")
            % {"reasons": " ".join(m.message for m in mismatches)},
            code="no_fit",
        )


def _capacity(grant: Grant, user) -> str:
    from actors.permissions import is_guardian
    from consent.permissions import is_actor_signer

    if is_actor_signer(user, grant.listing):
        return "actor"
    if is_guardian(user, grant.listing):
        return "guardian"
    raise DomainError(_("You cannot sign this consent grant."), code="forbidden")


@transaction.atomic
def _grant_sign(*, grant: Grant, acting_user) -> Grant:
    grant = _lock(grant)
    ensure_grant_transition(grant.status, "sign", party=SIGNER)
    capacity = _capacity(grant, acting_user)
    minor = _is_minor_today(grant)
    if capacity == "guardian" and not minor:
        raise DomainError(_("The actor is an adult and signs alone."), code="not_minor")
    _ensure_signable(grant, minor=minor)
    now = timezone.now()
    if capacity == "actor":
        if grant.signed_at is not None:
            raise DomainError(_("The actor's side has already signed."), code="already_signed")
        grant.signed_at, grant.signed_by = now, acting_user
    else:
        if grant.guardian_signed_at is not None:
            raise DomainError(_("The guardian has already signed."), code="already_signed")
        grant.guardian_signed_at, grant.guardian_signed_by = now, acting_user
    grant.save(
        update_fields=[
            "signed_at",
            "signed_by",
            "guardian_signed_at",
            "guardian_signed_by",
            "updated_at",
        ]
    )
    if grant.signed_at is None or (minor and grant.guardian_signed_at is None):
        _record(
            grant,
            action="signature",
            from_status=grant.status,
            user=acting_user,
            on_behalf_of=_on_behalf_of(grant, acting_user),
            payload={"capacity": capacity},
        )
        others = [u for u in grant_signers(grant.listing) if u.pk != acting_user.pk]
        grant_notify(grant, recipients=others, kind="grant_awaiting_signature")
        return grant
    return grant_transition(grant=grant, action="sign", party=SIGNER, acting_user=acting_user)


def grant_sign(*, grant: Grant, acting_user, reauthenticated: bool, acknowledged: bool) -> Grant:
    """
    Sign for the actor (the actor, or an agent with ``sign_grants``) or as the guardian of a
    minor; the grant becomes active with the last signature it needs. The view establishes
    ``reauthenticated`` (a sign-in or re-authentication within five minutes, and the second
    factor where one is enrolled); ``acknowledged``: every statement on the page was ticked.
    """
    if not reauthenticated:
        raise DomainError(
            _("Confirm it is you (password or second factor) before signing."), code="reauth"
        )
    if not acknowledged:
        raise DomainError(
            _("Tick every statement to show you read what you are signing."), code="unticked"
        )
    grant = grant_refresh_clock(grant=grant)
    if grant.status == GrantStatus.LAPSED:
        raise DomainError(_("This consent grant was not signed in time."), code="lapsed")
    return _grant_sign(grant=grant, acting_user=acting_user)


# --- ending and pausing --------------------------------------------------------------------


def grant_revoke(*, grant: Grant, acting_user, reason: str = "") -> Grant:
    """The actor's side withdraws consent, at any time, with an optional reason."""
    from consent.permissions import can_revoke_grant

    grant = grant_refresh_clock(grant=grant)
    if not can_revoke_grant(acting_user, grant):
        raise DomainError(_("You cannot revoke this consent grant."), code="forbidden")
    return grant_transition(
        grant=grant, action="revoke", party=SIGNER, acting_user=acting_user, reason=reason.strip()
    )


def grant_complete(*, grant: Grant, acting_user, party: str, note: str = "") -> Grant:
    """The studio declares the work done (or the actor agrees it is): the grant ends."""
    grant = grant_refresh_clock(grant=grant)
    return grant_transition(
        grant=grant, action="complete", party=party, acting_user=acting_user, reason=note.strip()
    )


@transaction.atomic
def grants_follow_listing(*, listing: Listing, action: str, acting_user=None) -> int:
    """
    The listing's pause suspends all of the actor's active grants at once; its resume restores
    those still in their window (the rest are recorded as expired); its withdrawal revokes them.
    """
    now = timezone.now()
    plan = {
        "pause": (GrantStatus.ACTIVE, "suspend"),
        "resume": (GrantStatus.SUSPENDED, "resume"),
        "withdraw": (None, "revoke"),
    }
    if action not in plan:
        return 0
    status, step = plan[action]
    grants = Grant.objects.filter(listing=listing, status__in=SIGNED_GRANT)
    if status is not None:
        grants = grants.filter(status=status)
    done = 0
    for grant in grants.order_by("pk"):
        if grant.ends_at <= now:
            grant_transition(grant=grant, action="expire", party=SYSTEM, now=grant.ends_at)
            continue
        reason = _("The listing was withdrawn.") if step == "revoke" else ""
        grant_transition(
            grant=grant, action=step, party=SYSTEM, acting_user=acting_user, reason=reason
        )
        done += 1
    return done


def grants_revoke_for_user(*, user, acting_user) -> int:
    """Account deletion: every signed grant of the actor ends now."""
    listing = Listing.objects.filter(owner=user).first()
    if listing is None:
        return 0
    return grants_follow_listing(listing=listing, action="withdraw", acting_user=acting_user)


# --- the clock -----------------------------------------------------------------------------


def grant_refresh_clock(*, grant: Grant) -> Grant:
    """
    Record expiry or lapse the clock already decided, whether or not the sweep has run. In its
    own transaction, so the record stays even when the caller's action is then refused.
    """
    grant.refresh_from_db(fields=["status", "sign_by", "ends_at"])
    if grant_effective_status(grant) == grant.status:
        return grant
    with transaction.atomic():
        locked = _lock(grant)
        effective = grant_effective_status(locked)
        if effective != locked.status:
            action = "lapse" if effective == GrantStatus.LAPSED else "expire"
            at = locked.sign_by if action == "lapse" else locked.ends_at
            grant_transition(grant=locked, action=action, party=SYSTEM, now=at)
    grant.refresh_from_db()
    return grant


def grants_record_clock(*, limit: int = 500) -> int:
    """
    The beat sweep: claim the due grants with one conditional UPDATE per kind (so a second run,
    or a concurrent one, finds nothing), then record each like any other transition.
    """
    now = timezone.now()
    done = 0
    for action, due in (
        ("expire", {"status__in": SIGNED_GRANT, "ends_at__lte": now}),
        ("lapse", {"status": GrantStatus.AWAITING_SIGNATURE, "sign_by__lte": now}),
    ):
        ids = list(Grant.objects.filter(**due).order_by("pk").values_list("pk", flat=True)[:limit])
        for pk in ids:
            done += _record_due(pk, action, due)
    return done


@transaction.atomic
def _record_due(pk: int, action: str, due: dict) -> int:
    grant = Grant.objects.select_for_update(skip_locked=True).filter(pk=pk, **due).first()
    if grant is None:  # recorded meanwhile (a request, another sweep): nothing to do
        return 0
    at = grant.ends_at if action == "expire" else grant.sign_by
    grant_transition(grant=grant, action=action, party=SYSTEM, now=at)
    return 1


# --- the actor's public page ---------------------------------------------------------------


@transaction.atomic
def grant_set_on_profile(*, grant: Grant, acting_user, on_profile: bool) -> Grant:
    from consent.permissions import can_show_grant_on_profile

    grant = _lock(grant)
    if not can_show_grant_on_profile(acting_user, grant):
        raise DomainError(_("Only the actor chooses what their profile shows."), code="forbidden")
    if on_profile and not grant.receipt_id:
        raise DomainError(_("Only a signed consent can be shown."), code="unsigned")
    Grant.objects.filter(pk=grant.pk).update(on_profile=on_profile, updated_at=timezone.now())
    grant.on_profile = on_profile
    audit_record(
        actor=acting_user, action="grant.profile_toggled", target=grant, data={"on": on_profile}
    )
    return grant


__all__ = [
    "GRANT_ENDED_STEPS",
    "LIVE_GRANT",
    "add_months",
    "grant_complete",
    "grant_create",
    "grant_refresh_clock",
    "grant_revoke",
    "grant_set_on_profile",
    "grant_sign",
    "grant_signers",
    "grant_snapshot_document",
    "grant_transition",
    "grants_follow_listing",
    "grants_record_clock",
    "grants_revoke_for_user",
]
