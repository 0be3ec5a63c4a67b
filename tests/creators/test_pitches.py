"""Pitch services: intake checked against the actor's terms, the pipeline, expiry, the thread."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from actors.models import Listing, Terms
from actors.services.listings import terms_create_version
from creators import selectors_pitches as selectors
from creators.choices import PitchStatus, Side
from creators.models import Pitch, PitchEvent, PitchMessage
from creators.services import pitches as services
from creators.services.pitches import PitchOffer, PitchRefused
from creators.states import PITCH_TRANSITIONS
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db

_n = iter(range(1, 10**6))


def make_offer(**changes) -> PitchOffer:
    values = {
        "use_types": ["face"],
        "scenes": [1, 2],
        "estimated_shots": 5,
        "territories": ["CN"],
        "term_months": 12,
        "fee": Decimal("6000"),
        "currency": "CNY",
        "ai_method": "reference_only",
    }
    return PitchOffer(**{**values, **changes})


class World:
    """A verified studio (owner, producer, viewer), a published brief with a role, an actor
    with a listing, and an agent who may answer pitches for them."""

    def __init__(self, *, verified=True, brief_status="published", listing_status="listed",
                 brief=None, terms=None):  # fmt: skip
        n = next(_n)
        self.producer = make_user(f"producer{n}@example.com", roles=[Role.CREATOR])
        self.viewer = make_user(f"viewer{n}@example.com", roles=[Role.CREATOR])
        self.studio = make_studio(
            verified=verified, members=[(self.producer, "producer"), (self.viewer, "viewer")]
        )
        self.owner = self.studio.created_by
        self.brief = make_brief(self.studio, status=brief_status, **(brief or {}))
        self.role = self.brief.roles.get()
        self.listing = make_listing(status=listing_status, terms=terms)
        self.actor = self.listing.owner
        self.agent = make_user(f"agent{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.answer_pitches", self.agent, self.listing)
        self.idle_agent = make_user(f"idle-agent{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.edit_listing", self.idle_agent, self.listing)

    def send(self, offer=None, *, listing=None, message="We love your work."):
        return services.pitch_send(
            role=self.role,
            listing=listing or self.listing,
            offer=offer or make_offer(),
            message=message,
            acting_user=self.producer,
        )


@pytest.fixture
def world():
    return World()


def _kinds(recipient):
    return sorted(Notification.objects.filter(recipient=recipient).values_list("kind", flat=True))


# --- intake --------------------------------------------------------------------------------


def test_a_fitting_pitch_is_stored_against_the_terms_version_and_tells_the_actor_side(
    world, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_PITCH_ANSWER_DAYS = 10
    before = timezone.now()
    with django_capture_on_commit_callbacks() as callbacks:
        pitch = world.send()
    assert pitch.status == PitchStatus.SENT and pitch.awaiting == Side.ACTOR
    assert pitch.terms_id == world.listing.current_terms_id
    assert before + timedelta(days=10) <= pitch.expires_at <= timezone.now() + timedelta(days=10)
    event = PitchEvent.objects.get(pitch=pitch)
    assert (event.action, event.to_status, event.side) == ("send", "sent", "studio")
    assert event.offer["fee"] == "6000.00" and event.offer["terms_version"] == 1
    assert AuditEvent.objects.filter(action="pitch.sent", target_id=str(pitch.pk)).exists()
    assert _kinds(world.actor) == ["pitch_received"]
    assert _kinds(world.agent) == ["pitch_received"]
    assert _kinds(world.idle_agent) == [] and _kinds(world.producer) == []
    assert len(callbacks) == 2  # one delivery kick per outbox row, after commit


def test_a_pitch_checks_the_terms_current_when_it_is_sent_not_older_ones(world):
    data = {f: getattr(world.listing.current_terms, f) for f in Terms.AGREED_FIELDS}
    terms_create_version(
        listing=world.listing,
        data={**data, "fee_floor": Decimal("9000")},
        acting_user=world.actor,
    )
    with pytest.raises(PitchRefused) as exc:
        world.send()  # the role's form was filled in against version 1's floor of 5000
    assert [m.code for m in exc.value.mismatches] == ["fee"]


MISMATCHES = [
    ({"brief": {"sensitive_content": ["political"]}}, {}, "red_line"),
    ({"terms": {"red_line_terms": ["Hongkou"]}}, {}, "red_line_term"),
    ({"terms": {"genres": ["comedy"]}}, {}, "genre"),
    ({"terms": {"formats": ["film"]}}, {}, "format"),
    ({"terms": {"use_types": ["voice"]}}, {}, "use_type"),
    ({}, {"ai_method": "fine_tune"}, "training"),
    ({"terms": {"max_term_months": 6}}, {}, "term"),
    ({}, {"fee": Decimal("4999.99")}, "fee"),
    ({}, {"currency": "USD"}, "currency"),
    ({}, {"territories": ["CN", "JP"]}, "territory"),
    ({"listing_status": "paused"}, {}, "paused"),
    ({"listing_status": "withdrawn"}, {}, "not_listed"),
    ({}, {"use_types": ["body"]}, "scope_uses"),
    ({}, {"scenes": [1, 7]}, "scope_scenes"),
]


@pytest.mark.parametrize(("setup", "change", "code"), MISMATCHES)
def test_a_pitch_that_does_not_fit_is_refused_with_its_reason_and_nothing_is_stored(
    setup, change, code, django_capture_on_commit_callbacks
):
    world = World(**setup)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(PitchRefused) as exc:
        world.send(make_offer(**change))
    assert code in [m.code for m in exc.value.mismatches]
    assert all(m.message for m in exc.value.mismatches)
    assert not Pitch.objects.exists() and not PitchEvent.objects.exists()
    assert not Notification.objects.exists() and callbacks == []


def test_every_reason_is_listed_not_just_the_first(world):
    offer = make_offer(fee=Decimal("10"), territories=["JP"], term_months=60)
    with pytest.raises(PitchRefused) as exc:
        world.send(offer)
    assert [m.code for m in exc.value.mismatches] == ["term", "fee", "territory"]


def test_the_fit_preview_answers_like_the_intake_check(world):
    mismatches = services.pitch_fit_check(
        role=world.role, listing=world.listing, offer=make_offer(fee=Decimal("1"))
    )
    assert [m.code for m in mismatches] == ["fee"]
    assert (
        services.pitch_fit_check(role=world.role, listing=world.listing, offer=make_offer()) == []
    )


@pytest.mark.parametrize(
    ("setup", "who", "code"),
    [
        ({"verified": False}, "producer", "cannot_pitch"),
        ({}, "viewer", "cannot_pitch"),
        ({"brief_status": "in_review"}, "producer", "brief_not_published"),
        ({"brief_status": "closed"}, "producer", "brief_not_published"),
    ],
)
def test_only_producers_of_verified_studios_pitch_for_published_briefs(setup, who, code):
    world = World(**setup)
    with pytest.raises(DomainError) as exc:
        services.pitch_send(
            role=world.role, listing=world.listing, offer=make_offer(),
            acting_user=getattr(world, who),
        )  # fmt: skip
    assert exc.value.code == code
    assert not Pitch.objects.exists() and not Notification.objects.exists()


def test_the_daily_limit_per_studio_stops_further_pitches_with_a_clear_message(world, settings):
    settings.PORTAL_PITCHES_PER_STUDIO_PER_DAY = 2
    old = world.send(listing=make_listing())
    Pitch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    world.send(listing=make_listing())
    world.send(listing=make_listing())
    Notification.objects.all().delete()
    with pytest.raises(DomainError) as exc:
        world.send()
    assert exc.value.code == "pitch_limit" and "24 hours" in exc.value.message
    assert Pitch.objects.count() == 3 and not Notification.objects.exists()


def test_one_open_pitch_per_role_and_actor(world):
    world.send()
    with pytest.raises(DomainError) as exc:
        world.send(make_offer(fee=Decimal("7000")))
    assert exc.value.code == "duplicate_pitch"
    assert Pitch.objects.count() == 1


def test_after_a_declined_pitch_the_studio_may_pitch_the_actor_again(world):
    pitch = world.send()
    services.pitch_transition(pitch=pitch, action="decline", acting_user=world.actor)
    assert world.send(make_offer(fee=Decimal("8000"))).status == PitchStatus.SENT


@pytest.mark.parametrize("text", ["write to su@studio.cn", "call +86 138 0013 8000", "13800138000"])
def test_contact_details_are_refused_in_the_pitch_message(world, text):
    with pytest.raises(DomainError) as exc:
        world.send(message=text)
    assert exc.value.code == "contact_details" and not Pitch.objects.exists()


# --- the pipeline --------------------------------------------------------------------------


def _pitch_in(world, status, awaiting=Side.ACTOR):
    pitch = world.send()
    Pitch.objects.filter(pk=pitch.pk).update(status=status, awaiting=awaiting)
    pitch.refresh_from_db()
    return pitch


def _user_for(world, side):
    return world.actor if side == Side.ACTOR else world.producer


HAND_ACTIONS = sorted({a for (_s, a) in PITCH_TRANSITIONS if a not in ("expire", "conclude")})
TABLE_CASES = [
    (status, action, awaiting)
    for (status, action) in PITCH_TRANSITIONS
    if action not in ("expire", "conclude")
    for awaiting in ([Side.ACTOR, Side.STUDIO] if status == "countered" else [Side.ACTOR])
]


@pytest.mark.parametrize(("status", "action", "awaiting"), TABLE_CASES)
def test_every_transition_in_the_table_works_for_the_right_side_only(
    world, status, action, awaiting
):
    pitch = _pitch_in(world, status, awaiting)
    right = PITCH_TRANSITIONS[(status, action)][1] if status != "countered" else awaiting
    wrong = Side.STUDIO if right == Side.ACTOR else Side.ACTOR
    offer = make_offer(fee=Decimal("7500")) if action == "counter" else None
    with pytest.raises(DomainError) as exc:
        services.pitch_transition(
            pitch=pitch, action=action, acting_user=_user_for(world, wrong), offer=offer
        )
    assert exc.value.code == "not_your_turn"
    assert PitchEvent.objects.filter(pitch=pitch).count() == 1
    done = services.pitch_transition(
        pitch=pitch, action=action, acting_user=_user_for(world, right), offer=offer
    )
    assert done.status == PITCH_TRANSITIONS[(status, action)][0]
    event = PitchEvent.objects.filter(pitch=pitch).last()
    assert (event.action, event.from_status, event.to_status) == (action, status, done.status)
    assert event.side == right
    assert AuditEvent.objects.filter(action=f"pitch.{action}", target_id=str(pitch.pk)).exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a) for s in PitchStatus.values for a in HAND_ACTIONS if (s, a) not in PITCH_TRANSITIONS],
)
def test_every_transition_outside_the_table_is_refused(world, status, action):
    pitch = _pitch_in(world, status)
    for side in (Side.ACTOR, Side.STUDIO):
        with pytest.raises(DomainError):
            services.pitch_transition(
                pitch=pitch, action=action, acting_user=_user_for(world, side),
                offer=make_offer(fee=Decimal("9000")),
            )  # fmt: skip
    pitch.refresh_from_db()
    assert pitch.status == status and PitchEvent.objects.filter(pitch=pitch).count() == 1


def test_nobody_expires_a_pitch_by_hand(world):
    pitch = world.send()
    with pytest.raises(DomainError) as exc:
        services.pitch_transition(pitch=pitch, action="expire", acting_user=world.producer)
    assert exc.value.code == "system_action"


def test_counters_go_back_and_forth_until_one_side_agrees(world):
    pitch = world.send()
    Notification.objects.all().delete()
    pitch = services.pitch_transition(
        pitch=pitch, action="counter", acting_user=world.actor,
        offer=make_offer(fee=Decimal("9000")), note="My usual rate.",
    )  # fmt: skip
    assert (pitch.status, pitch.awaiting, pitch.fee) == ("countered", "studio", Decimal("9000"))
    assert _kinds(world.producer) == ["pitch_countered"] and _kinds(world.actor) == []
    with pytest.raises(DomainError):  # not the actor's turn any more
        services.pitch_transition(pitch=pitch, action="agree", acting_user=world.actor)
    pitch = services.pitch_transition(
        pitch=pitch, action="counter", acting_user=world.producer,
        offer=make_offer(fee=Decimal("7500"), term_months=6),
    )  # fmt: skip
    assert (pitch.awaiting, pitch.fee, pitch.term_months) == ("actor", Decimal("7500"), 6)
    assert "pitch_countered" in _kinds(world.actor)
    pitch = services.pitch_transition(pitch=pitch, action="agree", acting_user=world.agent)
    assert pitch.status == "agreed" and pitch.closed_at is not None
    actions = list(PitchEvent.objects.filter(pitch=pitch).values_list("action", flat=True))
    assert actions == ["send", "counter", "counter", "agree"]
    fees = [e.offer["fee"] for e in PitchEvent.objects.filter(pitch=pitch)]
    assert fees == ["6000.00", "9000.00", "7500.00", "7500.00"]
    assert "pitch_agreed" in _kinds(world.producer)


def test_a_counter_that_does_not_fit_the_actors_terms_is_refused_with_reasons(world):
    pitch = world.send()
    with pytest.raises(PitchRefused) as exc:
        services.pitch_transition(
            pitch=pitch, action="counter", acting_user=world.actor,
            offer=make_offer(fee=Decimal("100"), territories=["JP"]),
        )  # fmt: skip
    assert [m.code for m in exc.value.mismatches] == ["fee", "territory"]
    pitch.refresh_from_db()
    assert pitch.status == "sent" and pitch.fee == Decimal("6000")
    assert PitchEvent.objects.filter(pitch=pitch).count() == 1


def test_a_studio_counter_back_below_the_floor_is_refused_too(world):
    pitch = world.send()
    pitch = services.pitch_transition(
        pitch=pitch, action="counter", acting_user=world.actor,
        offer=make_offer(fee=Decimal("9000")),
    )  # fmt: skip
    with pytest.raises(PitchRefused):
        services.pitch_transition(
            pitch=pitch, action="counter", acting_user=world.producer,
            offer=make_offer(fee=Decimal("4000")),
        )  # fmt: skip


def test_a_counter_must_change_something(world):
    pitch = world.send()
    with pytest.raises(DomainError) as exc:
        services.pitch_transition(
            pitch=pitch, action="counter", acting_user=world.actor, offer=make_offer()
        )
    assert exc.value.code == "same_offer"


def test_withdraw_is_allowed_only_until_the_actor_has_viewed_the_pitch(world):
    pitch = world.send()
    pitch = services.pitch_mark_viewed(pitch=pitch, user=world.actor)
    assert pitch.status == "viewed" and pitch.viewed_at is not None
    assert "pitch_viewed" in _kinds(world.producer)
    with pytest.raises(DomainError):
        services.pitch_transition(pitch=pitch, action="withdraw", acting_user=world.producer)
    other = world.send(listing=make_listing())
    other = services.pitch_transition(pitch=other, action="withdraw", acting_user=world.producer)
    assert other.status == "withdrawn"
    assert "pitch_withdrawn" in _kinds(other.listing.owner)


def test_viewing_is_recorded_once_and_only_for_the_actor_side(world):
    pitch = world.send()
    assert services.pitch_mark_viewed(pitch=pitch, user=world.producer).status == "sent"
    services.pitch_mark_viewed(pitch=pitch, user=world.agent)
    services.pitch_mark_viewed(pitch=pitch, user=world.actor)
    assert PitchEvent.objects.filter(pitch=pitch, action="view").count() == 1


def test_an_agent_answers_on_behalf_of_the_actor(world):
    pitch = world.send()
    pitch = services.pitch_transition(pitch=pitch, action="decline", acting_user=world.agent)
    event = PitchEvent.objects.filter(pitch=pitch).last()
    assert event.actor == world.agent and event.on_behalf_of == world.actor
    assert AuditEvent.objects.get(action="pitch.decline").on_behalf_of == world.actor
    assert "pitch_declined" in _kinds(world.producer) and "pitch_declined" in _kinds(world.owner)


@pytest.mark.parametrize("who", ["idle_agent", "viewer"])
def test_those_without_the_right_cannot_act(world, who):
    pitch = world.send()
    for action in ("decline", "withdraw", "agree"):
        with pytest.raises(DomainError) as exc:
            services.pitch_transition(pitch=pitch, action=action, acting_user=getattr(world, who))
        assert exc.value.code == "forbidden"


def test_agreeing_rechecks_the_actors_current_terms(world):
    pitch = world.send()
    Listing.objects.filter(pk=world.listing.pk).update(status="paused")
    with pytest.raises(PitchRefused) as exc:
        services.pitch_transition(pitch=pitch, action="agree", acting_user=world.actor)
    assert [m.code for m in exc.value.mismatches] == ["paused"]


# --- expiry --------------------------------------------------------------------------------


def _overdue(pitch):
    Pitch.objects.filter(pk=pitch.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    pitch.refresh_from_db()
    return pitch


def test_an_overdue_pitch_reads_as_expired_before_any_sweep(world):
    pitch = _overdue(world.send())
    assert pitch.is_overdue
    listed = selectors.pitches_for_studio(studio=world.studio).get()
    assert listed.current_status == "expired"
    assert selectors.pitches_for_actor_side(user=world.actor, status="expired").count() == 1
    assert selectors.pitches_for_actor_side(user=world.actor, status="sent").count() == 0


def test_an_overdue_pitch_cannot_be_answered_and_its_expiry_is_recorded(world):
    pitch = _overdue(world.send())
    with pytest.raises(DomainError) as exc:
        services.pitch_transition(pitch=pitch, action="agree", acting_user=world.actor)
    assert exc.value.code == "expired"
    pitch.refresh_from_db()
    assert pitch.status == "expired" and pitch.closed_at is not None
    assert list(PitchEvent.objects.filter(pitch=pitch).values_list("action", flat=True)) == [
        "send",
        "expire",
    ]
    assert "pitch_expired" in _kinds(world.producer) and "pitch_expired" in _kinds(world.actor)
    assert services.pitches_expire_due() == 0  # already recorded: the sweep has nothing to do


def test_the_clock_moving_on_expires_a_pitch_without_the_job(world, monkeypatch, settings):
    settings.PORTAL_PITCH_ANSWER_DAYS = 14
    pitch = world.send()
    later = timezone.now() + timedelta(days=14, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert pitch.is_overdue
    with pytest.raises(DomainError):
        services.pitch_transition(pitch=pitch, action="decline", acting_user=world.actor)
    pitch.refresh_from_db()
    assert pitch.status == "expired"


def test_a_counter_gives_the_other_side_a_fresh_deadline(world, settings):
    pitch = world.send()
    Pitch.objects.filter(pk=pitch.pk).update(expires_at=timezone.now() + timedelta(hours=1))
    pitch.refresh_from_db()
    pitch = services.pitch_transition(
        pitch=pitch, action="counter", acting_user=world.actor,
        offer=make_offer(fee=Decimal("9000")),
    )  # fmt: skip
    assert pitch.expires_at > timezone.now() + timedelta(days=settings.PORTAL_PITCH_ANSWER_DAYS - 1)


def test_the_sweep_records_every_overdue_open_pitch_once(world):
    overdue = [_overdue(world.send(listing=make_listing())) for _ in range(3)]
    fresh = world.send()
    closed = world.send(listing=make_listing())
    services.pitch_transition(pitch=closed, action="decline", acting_user=closed.listing.owner)
    _overdue(closed)
    Notification.objects.all().delete()
    assert services.pitches_expire_due() == 3
    assert services.pitches_expire_due() == 0
    statuses = dict(Pitch.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in overdue] == ["expired"] * 3
    assert statuses[fresh.pk] == "sent" and statuses[closed.pk] == "declined"
    assert PitchEvent.objects.filter(action="expire").count() == 3
    assert Notification.objects.filter(kind="pitch_expired", recipient=world.producer).count() == 3


# --- the thread ----------------------------------------------------------------------------


def test_both_sides_write_on_the_thread_and_the_other_side_is_told(world):
    pitch = world.send()
    Notification.objects.all().delete()
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="Any questions?")
    assert _kinds(world.actor) == ["pitch_message"] and _kinds(world.producer) == []
    services.pitch_message_post(pitch=pitch, acting_user=world.agent, body="Which tool?")
    assert _kinds(world.producer) == ["pitch_message"]
    sides = list(PitchMessage.objects.values_list("side", flat=True))
    assert sides == ["studio", "actor"]


def test_the_thread_refuses_contact_details_and_outsiders(world):
    pitch = world.send()
    with pytest.raises(DomainError) as exc:
        services.pitch_message_post(pitch=pitch, acting_user=world.actor, body="me@example.com")
    assert exc.value.code == "contact_details"
    for who in (world.viewer, world.idle_agent, make_listing().owner):
        with pytest.raises(DomainError):
            services.pitch_message_post(pitch=pitch, acting_user=who, body="Hello")
    assert not PitchMessage.objects.exists()


def test_a_closed_pitch_has_a_read_only_thread(world):
    pitch = world.send()
    services.pitch_transition(pitch=pitch, action="withdraw", acting_user=world.producer)
    with pytest.raises(DomainError) as exc:
        services.pitch_message_post(pitch=pitch, acting_user=world.actor, body="Why?")
    assert exc.value.code == "closed"


def test_a_viewer_member_is_not_on_the_notification_list(world):
    pitch = world.send()
    services.pitch_transition(pitch=pitch, action="decline", acting_user=world.actor)
    assert _kinds(world.viewer) == []
