"""
Pitches: send one (checked against the actor's current terms), move it through the pitch table,
talk on its thread, and expire it by the clock. Every write locks, checks, writes, then logs;
notifications are outbox rows written in the same transaction.
"""

import re
from dataclasses import asdict, dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Listing, ListingUserObjectPermission
from creators import ledger_events
from creators.choices import BriefStatus, MemberRole, PitchStatus, Side
from creators.fit import Mismatch, Offer, Project, pitch_fit
from creators.models import BriefRole, Pitch, PitchEvent, PitchMessage, Studio, StudioMembership
from creators.permissions import can_answer_pitch, can_pitch, can_produce
from creators.states import (
    OPEN_PITCH,
    PITCH_TRANSITIONS,
    ensure_pitch_transition,
    pitch_side_allowed,
)
from portal import hooks
from portal.exceptions import DomainError
from portal.services import audit_record, notification_create

CLOSED = frozenset({PitchStatus.AGREED, PitchStatus.DECLINED, PitchStatus.WITHDRAWN})
# Contact details stay off the portal until a consent exists: no emails, no phone numbers.
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"\+?\d(?:[\s\-()]*\d){7,}")
NOTIFY_KIND = {
    "view": "pitch_viewed",
    "counter": "pitch_countered",
    "agree": "pitch_agreed",
    "decline": "pitch_declined",
    "withdraw": "pitch_withdrawn",
}


class PitchRefused(DomainError):
    """The pitch does not fit the actor's terms; every reason is listed."""

    def __init__(self, mismatches: list[Mismatch]):
        super().__init__(
            _("This pitch does not fit the actor's terms, so it was not sent."), code="no_fit"
        )
        self.mismatches = mismatches


@dataclass(frozen=True)
class PitchOffer:
    """What is on the table: the fit check's Offer plus the scope within the role."""

    use_types: list[str]
    scenes: list[int]
    estimated_shots: int
    territories: list[str]
    term_months: int
    fee: Decimal
    currency: str
    ai_method: str

    def for_fit(self) -> Offer:
        return Offer(
            use_types=list(self.use_types),
            territories=list(self.territories),
            term_months=self.term_months,
            fee=Decimal(self.fee),
            currency=self.currency,
            ai_method=self.ai_method,
        )

    def snapshot(self) -> dict:
        data = asdict(self)
        data["fee"] = str(Decimal(data["fee"]).quantize(Decimal("0.01")))
        return data

    @classmethod
    def of(cls, pitch: Pitch) -> "PitchOffer":
        return cls(**{f: getattr(pitch, f) for f in cls.__dataclass_fields__})


# --- reading the facts ---------------------------------------------------------------------


def project_for_role(role: BriefRole, scenes=()) -> Project:
    """The brief's facts the actor's terms speak to; the text covers the scenes pitched."""
    brief = role.brief
    chosen = [s.description for s in role.scenes.all() if s.number in set(scenes)]
    text = "\n".join(
        [brief.title, brief.logline, brief.synopsis, role.character_name, role.description, *chosen]
    )
    return Project(
        genre=brief.genre,
        format=brief.format,
        sensitive_content=list(brief.sensitive_content),
        text=text,
    )


def pitch_fit_check(*, role: BriefRole, listing: Listing, offer: PitchOffer) -> list[Mismatch]:
    """The preview: the same check the send and the counters run, against the current terms."""
    return [
        *_scope_problems(role, offer),
        *pitch_fit(
            listing_status=listing.status,
            terms=listing.current_terms,
            offer=offer.for_fit(),
            project=project_for_role(role, offer.scenes),
        ),
    ]


def _scope_problems(role: BriefRole, offer: PitchOffer) -> list[Mismatch]:
    found = []
    extra_uses = set(offer.use_types) - set(role.use_types)
    if not offer.use_types or extra_uses:
        found.append(Mismatch("scope_uses", _("Choose use types among those the role needs.")))
    numbers = {s.number for s in role.scenes.all()}
    if not offer.scenes or set(offer.scenes) - numbers:
        found.append(Mismatch("scope_scenes", _("Choose scenes among the role's scenes.")))
    if not offer.territories:
        found.append(Mismatch("scope_territories", _("Choose at least one territory.")))
    return found


def contact_details_refuse(text: str) -> None:
    if EMAIL_RE.search(text) or PHONE_RE.search(text):
        raise DomainError(
            _(
                "Remove email addresses and phone numbers: the two sides talk on Portrait "
                "until a consent is signed."
            ),
            code="contact_details",
        )


# --- who is on which side ------------------------------------------------------------------


def _sides_of(user, pitch: Pitch) -> set[str]:
    sides = set()
    if user is not None and can_answer_pitch(user, pitch):
        sides.add(Side.ACTOR)
    if user is not None and can_produce(user, pitch.studio):
        sides.add(Side.STUDIO)
    return sides


def _on_behalf_of(pitch: Pitch, side: str, user):
    """An agent answering is recorded as acting for the actor."""
    owner = pitch.listing.owner
    return owner if side == Side.ACTOR and user.pk != owner.pk else None


def _actor_side_recipients(listing: Listing) -> list:
    agents = ListingUserObjectPermission.objects.filter(
        content_object=listing, permission__codename="answer_pitches", user__is_active=True
    ).select_related("user")
    return [listing.owner, *(p.user for p in agents if p.user_id != listing.owner_id)]


def _studio_recipients(studio: Studio) -> list:
    members = StudioMembership.objects.filter(
        studio=studio,
        role__in=[MemberRole.OWNER, MemberRole.PRODUCER],
        user__is_active=True,
    ).select_related("user")
    return [m.user for m in members]


def _notify(pitch: Pitch, *, to_side: str, kind: str, extra=None) -> None:
    recipients = (
        _actor_side_recipients(pitch.listing)
        if to_side == Side.ACTOR
        else _studio_recipients(pitch.studio)
    )
    context = {
        "pitch_id": pitch.pk,
        "studio": pitch.studio.name,
        "stage_name": pitch.listing.stage_name,
        "role": pitch.role.character_name,
        "brief": pitch.role.brief.title,
        "status": pitch.status,
        **(extra or {}),
    }
    for user in recipients:
        notification_create(recipient=user, kind=kind, context=context, url=f"/pitches/{pitch.pk}/")


def _event(pitch, *, action, from_status, side, user=None, on_behalf_of=None, note=""):
    return PitchEvent.objects.create(
        pitch=pitch,
        action=action,
        from_status=from_status,
        to_status=pitch.status,
        side=side,
        actor=user,
        on_behalf_of=on_behalf_of,
        offer={**PitchOffer.of(pitch).snapshot(), "terms_version": pitch.terms.version},
        note=note,
    )


# --- sending -------------------------------------------------------------------------------


def _ensure_can_send(role: BriefRole, acting_user) -> Studio:
    studio = Studio.objects.select_for_update().get(pk=role.brief.studio_id)
    if not can_pitch(acting_user, studio):
        raise DomainError(
            _("Only producers of a verified studio can pitch actors."), code="cannot_pitch"
        )
    if role.brief.status != BriefStatus.PUBLISHED:
        raise DomainError(
            _("Pitch for roles of published briefs only: submit the brief for review first."),
            code="brief_not_published",
        )
    since = timezone.now() - timedelta(hours=24)
    limit = settings.PORTAL_PITCHES_PER_STUDIO_PER_DAY
    if Pitch.objects.filter(studio=studio, created_at__gte=since).count() >= limit:
        raise DomainError(
            _(
                "Your studio has sent %(limit)s pitches in the last 24 hours, the most allowed. "
                "Nothing was sent; try again later."
            )
            % {"limit": limit},
            code="pitch_limit",
        )
    return studio


def _ensure_no_open_pitch(role: BriefRole, listing: Listing) -> None:
    if Pitch.objects.filter(
        role=role, listing=listing, status__in=[*OPEN_PITCH, "agreed"]
    ).exists():
        raise DomainError(
            _("Your studio already has an open pitch to this actor for this role."),
            code="duplicate_pitch",
        )


@transaction.atomic
def pitch_send(
    *, role: BriefRole, listing: Listing, offer: PitchOffer, message: str = "", acting_user
) -> Pitch:
    """Refused with every reason when it does not fit; then nothing is stored or sent."""
    role = BriefRole.objects.select_related("brief").get(pk=role.pk)
    studio = _ensure_can_send(role, acting_user)
    # Lock the listing and re-read its terms: a change of terms cannot slip past the check.
    listing = (
        Listing.objects.select_for_update(of=("self",))
        .select_related("current_terms")
        .get(pk=listing.pk)
    )
    contact_details_refuse(message)
    _ensure_no_open_pitch(role, listing)
    mismatches = pitch_fit_check(role=role, listing=listing, offer=offer)
    if mismatches:
        raise PitchRefused(mismatches)
    pitch = Pitch(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=studio,
        sent_by=acting_user,
        message=message,
        expires_at=timezone.now() + timedelta(days=settings.PORTAL_PITCH_ANSWER_DAYS),
        **{f: getattr(offer, f) for f in PitchOffer.__dataclass_fields__},
    )
    try:
        with transaction.atomic():
            pitch.save()
    except IntegrityError:  # a concurrent send for the same role and actor won the race
        raise DomainError(
            _("Your studio already has an open pitch to this actor for this role."),
            code="duplicate_pitch",
        ) from None
    _event(pitch, action="send", from_status="", side=Side.STUDIO, user=acting_user, note=message)
    audit_record(actor=acting_user, action="pitch.sent", target=pitch, data={"role": role.pk})
    _notify(pitch, to_side=Side.ACTOR, kind="pitch_received")
    return pitch


# --- expiry by the clock -------------------------------------------------------------------


def _expired_now(pitch: Pitch, from_status: str) -> None:
    _event(pitch, action="expire", from_status=from_status, side=Side.STUDIO)
    audit_record(actor=None, action="pitch.expired", target=pitch)
    for side in (Side.ACTOR, Side.STUDIO):
        _notify(pitch, to_side=side, kind="pitch_expired")


@transaction.atomic
def pitch_refresh_expiry(pitch: Pitch) -> Pitch:
    """Record the expiry of an overdue pitch now, whether or not the sweep has run."""
    if not pitch.is_overdue:
        return pitch
    now = timezone.now()
    from_status = pitch.status
    claimed = Pitch.objects.filter(pk=pitch.pk, status__in=OPEN_PITCH, expires_at__lte=now).update(
        status=PitchStatus.EXPIRED, closed_at=now, updated_at=now
    )
    pitch.refresh_from_db()
    if claimed:
        _expired_now(pitch, from_status)
    return pitch


@transaction.atomic
def pitches_expire_due(*, limit: int = 1000) -> int:
    """The periodic sweep: one conditional UPDATE, then history and notices for what it took."""
    now = timezone.now()
    due = dict(
        Pitch.objects.select_for_update(skip_locked=True)
        .filter(status__in=OPEN_PITCH, expires_at__lte=now)
        .order_by("expires_at")
        .values_list("pk", "status")[:limit]
    )
    if not due:
        return 0
    Pitch.objects.filter(pk__in=due, status__in=OPEN_PITCH).update(
        status=PitchStatus.EXPIRED, closed_at=now, updated_at=now
    )
    expired = Pitch.objects.filter(pk__in=due).select_related(
        "terms", "studio", "listing__owner", "role__brief"
    )
    for pitch in expired:
        _expired_now(pitch, due[pitch.pk])
    return len(due)


# --- the pipeline --------------------------------------------------------------------------


def _lock_pitch(pitch: Pitch) -> Pitch:
    return (
        Pitch.objects.select_for_update(of=("self",))
        .select_related("terms", "studio", "listing__owner", "role__brief")
        .get(pk=pitch.pk)
    )


def _acting_side(pitch: Pitch, action: str, user) -> str:
    sides = _sides_of(user, pitch)
    if not sides:
        raise DomainError(_("You cannot act on this pitch."), code="forbidden")
    if (pitch.status, action) in PITCH_TRANSITIONS:
        wanted = pitch_side_allowed(pitch.status, action, awaiting=pitch.awaiting)
        if wanted in sides:
            return wanted
    return next(iter(sorted(sides)))


def pitch_transition(
    *, pitch: Pitch, action: str, acting_user, offer: PitchOffer | None = None, note: str = ""
) -> Pitch:
    """
    The one way a pitch changes status. An overdue pitch is recorded as expired first (in its
    own transaction, so the record stays even though the action is then refused).
    """
    if action == "expire":
        raise DomainError(_("Pitches expire by the clock only."), code="system_action")
    if action == "conclude":  # consent records it when the pitch's grant ends or lapses
        raise DomainError(_("You cannot act on this pitch."), code="system_action")
    pitch = pitch_refresh_expiry(pitch)
    if pitch.status == PitchStatus.EXPIRED:
        raise DomainError(_("This pitch has expired: nobody answered in time."), code="expired")
    return _pitch_transition(
        pitch=pitch, action=action, acting_user=acting_user, offer=offer, note=note
    )


@transaction.atomic
def _pitch_transition(*, pitch, action, acting_user, offer, note) -> Pitch:
    pitch = _lock_pitch(pitch)
    side = _acting_side(pitch, action, acting_user)
    target = ensure_pitch_transition(pitch.status, action, side=side, awaiting=pitch.awaiting)
    contact_details_refuse(note)
    from_status = pitch.status
    other = Side.STUDIO if side == Side.ACTOR else Side.ACTOR
    _apply_action(pitch, action, target, offer, other)
    pitch.save()
    behalf = _on_behalf_of(pitch, side, acting_user)
    _event(
        pitch,
        action=action,
        from_status=from_status,
        side=side,
        user=acting_user,
        on_behalf_of=behalf,
        note=note,
    )
    audit_record(
        actor=acting_user,
        action=f"pitch.{action}",
        target=pitch,
        on_behalf_of=behalf,
        data={"from": from_status, "to": target},
    )
    ledger_events.ledger_pitch_agreed(pitch=pitch, acting_user=acting_user, on_behalf_of=behalf)
    _notify(pitch, to_side=other, kind=NOTIFY_KIND[action], extra={"note": note})
    if action == "agree":  # consent: the grant awaiting the actor's signature (same transaction)
        hooks.pitch_agreed(pitch=pitch, acting_user=acting_user)
    return pitch


def _apply_action(pitch: Pitch, action: str, target: str, offer, other: str) -> None:
    if action == "counter":
        _apply_counter(pitch, offer)
        pitch.awaiting = other
        pitch.expires_at = timezone.now() + timedelta(days=settings.PORTAL_PITCH_ANSWER_DAYS)
    elif action == "agree":
        _ensure_still_fits(pitch, PitchOffer.of(pitch))
    elif action == "view":
        pitch.viewed_at = timezone.now()
    pitch.status = target
    if target in CLOSED:
        pitch.closed_at = timezone.now()


def _ensure_still_fits(pitch: Pitch, offer: PitchOffer) -> None:
    """Counters and agreements answer to the actor's terms as they are now."""
    listing = Listing.objects.select_for_update(of=("self",)).select_related("current_terms")
    listing = listing.get(pk=pitch.listing_id)
    mismatches = pitch_fit_check(role=pitch.role, listing=listing, offer=offer)
    if mismatches:
        raise PitchRefused(mismatches)
    pitch.terms = listing.current_terms


def _apply_counter(pitch: Pitch, offer: PitchOffer | None) -> None:
    if offer is None or offer == PitchOffer.of(pitch):
        raise DomainError(
            _("A counter-offer changes the fee, the term or the scope."), code="same_offer"
        )
    _ensure_still_fits(pitch, offer)
    for field in PitchOffer.__dataclass_fields__:
        setattr(pitch, field, getattr(offer, field))


def pitch_mark_viewed(*, pitch: Pitch, user) -> Pitch:
    """The first time the actor's side opens a sent pitch, the studio learns it was seen."""
    if pitch.status != PitchStatus.SENT or pitch.is_overdue or not can_answer_pitch(user, pitch):
        return pitch
    try:
        return pitch_transition(pitch=pitch, action="view", acting_user=user)
    except DomainError:  # someone answered or viewed it in the meantime: nothing to record
        pitch.refresh_from_db()
        return pitch


# --- the thread ----------------------------------------------------------------------------


@transaction.atomic
def pitch_message_post(*, pitch: Pitch, acting_user, body: str) -> PitchMessage:
    pitch = pitch_refresh_expiry(pitch)
    pitch = _lock_pitch(pitch)
    sides = _sides_of(acting_user, pitch)
    if not sides:
        raise DomainError(_("You cannot write on this pitch."), code="forbidden")
    if pitch.status not in {*OPEN_PITCH, PitchStatus.AGREED}:
        raise DomainError(_("This pitch is closed: the thread is read-only."), code="closed")
    body = body.strip()
    if not body:
        raise DomainError(_("Write a message first."), code="empty")
    contact_details_refuse(body)
    side = Side.ACTOR if Side.ACTOR in sides else Side.STUDIO
    message = PitchMessage.objects.create(pitch=pitch, side=side, author=acting_user, body=body)
    audit_record(
        actor=acting_user,
        action="pitch.message_posted",
        target=pitch,
        on_behalf_of=_on_behalf_of(pitch, side, acting_user),
    )
    other = Side.STUDIO if side == Side.ACTOR else Side.ACTOR
    _notify(pitch, to_side=other, kind="pitch_message")
    return message


# --- after the consent grant (called by consent; creators never imports it) -----------------


@transaction.atomic
def pitch_conclude(*, pitch: Pitch, reason: str = "") -> Pitch:
    """
    The agreed pitch's consent grant ended or lapsed: the pitch leaves "agreed", so the same
    role and actor may meet again in a new pitch. Idempotent: a concluded pitch stays as it is.
    """
    pitch = _lock_pitch(pitch)
    if pitch.status == PitchStatus.CONCLUDED:
        return pitch
    target = ensure_pitch_transition(
        pitch.status, "conclude", side=Side.STUDIO, awaiting=pitch.awaiting
    )
    from_status = pitch.status
    pitch.status = target
    pitch.closed_at = timezone.now()
    pitch.save(update_fields=["status", "closed_at", "updated_at"])
    _event(pitch, action="conclude", from_status=from_status, side=Side.STUDIO, note=reason)
    audit_record(actor=None, action="pitch.conclude", target=pitch, data={"reason": reason})
    return pitch
