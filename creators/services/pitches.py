"""
Pitches: send one (checked against the actor's current terms), move it through the pitch table,
talk on its thread, and expire it by the clock. Every write locks, checks, writes, then logs;
notifications are outbox rows written in the same transaction.
"""

from dataclasses import asdict, dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Listing, ListingUserObjectPermission
from actors.selectors import listing_actor_is_minor
from creators import ledger_events
from creators.choices import BriefStatus, MemberRole, PitchStatus, Side
from creators.contact import ContactCheck, Verdict, contact_details_refuse
from creators.fit import Mismatch, Offer, Project, pitch_fit
from creators.models import BriefRole, Pitch, PitchEvent, PitchMessage, Studio, StudioMembership
from creators.permissions import can_answer_pitch, can_pitch, can_produce
from creators.states import (
    OPEN_PITCH,
    PITCH_IN_PLAY,
    PITCH_TRANSITIONS,
    SYSTEM_ACTIONS,
    ensure_pitch_system_transition,
    ensure_pitch_transition,
    pitch_side_allowed,
)
from portal import hooks
from portal.exceptions import DomainError
from portal.models import Notification
from portal.services import audit_record, notification_create


def _notify_kind(target: str) -> str:
    """Each status a move reaches has its notice: pitch_viewed, pitch_agreed, pitch_expired..."""
    return f"pitch_{target}"


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


def project_for_role(*, role: BriefRole, scenes=()) -> Project:
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
            project=project_for_role(role=role, scenes=offer.scenes),
            actor_is_minor=listing_actor_is_minor(listing=listing),
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


def _notify(pitch: Pitch, *, to_side: str, kind: str, extra=None, skip=frozenset()) -> None:
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
    url = reverse("pitch_detail", kwargs={"pk": pitch.pk})
    for user in recipients:
        if user.pk in skip:
            continue
        notification_create(recipient=user, kind=kind, context=context, url=url)


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
    if Pitch.objects.filter(role=role, listing=listing, status__in=PITCH_IN_PLAY).exists():
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
        .select_related("current_terms", "private")
        .get(pk=listing.pk)
    )
    message, held = _split_held(message)
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
    _hold_on_thread(pitch, side=Side.STUDIO, author=acting_user, held=held)
    audit_record(actor=acting_user, action="pitch.sent", target=pitch, data={"role": role.pk})
    _notify(pitch, to_side=Side.ACTOR, kind="pitch_received")
    return pitch


# --- expiry by the clock -------------------------------------------------------------------


def _expire_to():
    """The table's target for "expire" from each open status, as one SQL expression."""
    whens = [
        When(status=status, then=Value(ensure_pitch_system_transition(status, "expire")))
        for status in OPEN_PITCH
    ]
    return Case(*whens, default="status")


def _system_moved(pitch: Pitch, action: str, from_status: str) -> None:
    """History, audit and notices to both sides for a move nobody made by hand."""
    _event(pitch, action=action, from_status=from_status, side=pitch.awaiting)
    audit_record(actor=None, action=f"pitch.{pitch.status}", target=pitch)
    for side in (Side.ACTOR, Side.STUDIO):
        _notify(pitch, to_side=side, kind=_notify_kind(pitch.status))


@transaction.atomic
def pitch_system_transition(*, pitch: Pitch, action: str) -> Pitch:
    """
    One pitch moves along a SYSTEM row of the table: the clock's "expire" when a page finds it
    overdue, or another app's move (consent records the end of a grant this way). Lock, check
    the table, write, then history, audit and notices. Nobody's hand: pitch_transition refuses
    these actions.
    """
    pitch = _lock_pitch(pitch)
    from_status = pitch.status
    target = ensure_pitch_system_transition(from_status, action)
    if from_status in OPEN_PITCH and target not in OPEN_PITCH:
        pitch.closed_at = timezone.now()
    pitch.status = target
    pitch.save(update_fields=["status", "closed_at", "updated_at"])
    _system_moved(pitch, action, from_status)
    return pitch


@transaction.atomic
def pitch_refresh_expiry(*, pitch: Pitch) -> Pitch:
    """Record the expiry of an overdue pitch now, whether or not the sweep has run."""
    if not pitch.is_overdue:
        return pitch
    locked = _lock_pitch(pitch)
    if not locked.is_overdue:  # the sweep or another request recorded it first
        return locked
    return pitch_system_transition(pitch=locked, action="expire")


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
        status=_expire_to(), closed_at=now, updated_at=now
    )
    expired = Pitch.objects.filter(pk__in=due).select_related(
        "terms", "studio", "listing__owner", "role__brief"
    )
    for pitch in expired:
        _system_moved(pitch, "expire", due[pitch.pk])
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
    if action in SYSTEM_ACTIONS:
        raise DomainError(
            _("Portrait records this change itself: nobody makes it by hand."),
            code="system_action",
        )
    pitch = pitch_refresh_expiry(pitch=pitch)
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
    note, held = _split_held(note)
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
    _hold_on_thread(pitch, side=side, author=acting_user, held=held)
    audit_record(
        actor=acting_user,
        action=f"pitch.{action}",
        target=pitch,
        on_behalf_of=behalf,
        data={"from": from_status, "to": target},
    )
    ledger_events.ledger_pitch_agreed(pitch=pitch, acting_user=acting_user, on_behalf_of=behalf)
    _notify(pitch, to_side=other, kind=_notify_kind(target), extra={"note": note})
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
    if pitch.status in OPEN_PITCH and target not in OPEN_PITCH:
        pitch.closed_at = timezone.now()
    pitch.status = target


def _ensure_still_fits(pitch: Pitch, offer: PitchOffer) -> None:
    """Counters and agreements answer to the actor's terms as they are now."""
    listing = Listing.objects.select_for_update(of=("self",)).select_related(
        "current_terms", "private"
    )
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
    unseen = (pitch.status, "view") in PITCH_TRANSITIONS
    if not unseen or pitch.is_overdue or not can_answer_pitch(user, pitch):
        return pitch
    try:
        return pitch_transition(pitch=pitch, action="view", acting_user=user)
    except DomainError:  # someone answered or viewed it in the meantime: nothing to record
        pitch.refresh_from_db()
        return pitch


# --- the thread ----------------------------------------------------------------------------


def _split_held(text: str) -> tuple[str, tuple[str, ContactCheck] | None]:
    """
    Refuse clear contact details; a doubtful text leaves the pitch or note and goes to the
    thread as a held message, so nothing doubtful reaches the other side before staff look.
    """
    check = contact_details_refuse(text)
    if check.verdict == Verdict.HOLD:
        return "", (text, check)
    return text, None


def _hold_on_thread(pitch: Pitch, *, side: str, author, held) -> None:
    if held is not None:
        text, check = held
        PitchMessage.objects.create(
            pitch=pitch,
            side=side,
            author=author,
            body=text,
            moderation=PitchMessage.Moderation.HELD,
            held_reason=check.reason,
        )


def _ensure_message_rate(pitch: Pitch, user) -> None:
    """A sender writes at most PORTAL_PITCH_MESSAGES_PER_WINDOW messages per thread per window."""
    limit = settings.PORTAL_PITCH_MESSAGES_PER_WINDOW
    minutes = settings.PORTAL_PITCH_MESSAGE_WINDOW_MINUTES
    since = timezone.now() - timedelta(minutes=minutes)
    if PitchMessage.objects.filter(pitch=pitch, author=user, created_at__gte=since).count() >= (
        limit
    ):
        raise DomainError(
            _(
                "You have sent %(limit)s messages on this pitch in the last %(minutes)s minutes, "
                "the most allowed. Your message was not sent; try again in a few minutes."
            )
            % {"limit": limit, "minutes": minutes},
            code="rate_limited",
        )


def thread_notify(*, pitch: Pitch, to_side: str) -> None:
    """
    Tell the other side about new messages, once per busy thread: a recipient who still has an
    unread notice about this thread from the last PORTAL_PITCH_NOTICE_QUIET_MINUTES gets none.
    """
    url = reverse("pitch_detail", kwargs={"pk": pitch.pk})
    since = timezone.now() - timedelta(minutes=settings.PORTAL_PITCH_NOTICE_QUIET_MINUTES)
    waiting = set(
        Notification.objects.filter(
            kind="pitch_message", url=url, read_at__isnull=True, created_at__gte=since
        ).values_list("recipient_id", flat=True)
    )
    _notify(pitch, to_side=to_side, kind="pitch_message", skip=waiting)


@transaction.atomic
def pitch_message_post(*, pitch: Pitch, acting_user, body: str) -> PitchMessage:
    """A doubtful message is stored held: the other side neither sees it nor hears of it."""
    pitch = pitch_refresh_expiry(pitch=pitch)
    pitch = _lock_pitch(pitch)
    sides = _sides_of(acting_user, pitch)
    if not sides:
        raise DomainError(_("You cannot write on this pitch."), code="forbidden")
    if not pitch.is_in_play:
        raise DomainError(_("This pitch is closed: the thread is read-only."), code="closed")
    body = body.strip()
    if not body:
        raise DomainError(_("Write a message first."), code="empty")
    _ensure_message_rate(pitch, acting_user)
    check = contact_details_refuse(body)
    side = Side.ACTOR if Side.ACTOR in sides else Side.STUDIO
    held = check.verdict == Verdict.HOLD
    message = PitchMessage.objects.create(
        pitch=pitch,
        side=side,
        author=acting_user,
        body=body,
        moderation=PitchMessage.Moderation.HELD if held else PitchMessage.Moderation.DELIVERED,
        held_reason=check.reason if held else "",
    )
    audit_record(
        actor=acting_user,
        action="pitch.message_held" if held else "pitch.message_posted",
        target=pitch,
        on_behalf_of=_on_behalf_of(pitch, side, acting_user),
    )
    if not held:
        thread_notify(pitch=pitch, to_side=Side.STUDIO if side == Side.ACTOR else Side.ACTOR)
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
    # A system row: no hand takes it, and it tells nobody (consent's own notices say why).
    target = ensure_pitch_system_transition(pitch.status, "conclude")
    from_status = pitch.status
    pitch.status = target
    pitch.closed_at = timezone.now()
    pitch.save(update_fields=["status", "closed_at", "updated_at"])
    _event(pitch, action="conclude", from_status=from_status, side=Side.STUDIO, note=reason)
    audit_record(actor=None, action="pitch.conclude", target=pitch, data={"reason": reason})
    return pitch
