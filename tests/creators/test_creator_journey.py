"""The path issue 4 must show, through the services a page calls, start to finish."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from creators.models import Pitch
from creators.selectors_matchmaking import role_suggestions_page, suggestion_role_get
from creators.services import briefs, matchmaking, pitches, studios
from creators.services.briefs import BriefIncomplete
from creators.services.pitches import PitchOffer, PitchRefused
from portal.models import Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

BRIEF = {
    "title": "长安月下 Moonlight over Chang'an",
    "logline": "A princess hides a secret.",
    "synopsis": "A costume romance in twelve short episodes.",
    "genre": "historical",
    "format": "short_drama",
    "rating": "12",
    "sensitive_content": [],
    "channels": ["streaming"],
    "territories": ["CN"],
    "term_months": 12,
    "ai_tool": "Studio model v3",
    "ai_method": "reference_only",
    "data_plan": "References deleted 30 days after delivery.",
    "dialogue": "scripted",
    "starts_on": timezone.localdate(),
    "ends_on": timezone.localdate() + timedelta(60),
    "budget_min": Decimal("10000"),
    "budget_max": Decimal("40000"),
    "currency": "CNY",
    "visibility": "open",
}


def _offer(**change):
    values = dict(
        use_types=["face"],
        scenes=[1],
        estimated_shots=3,
        territories=["CN"],
        term_months=12,
        fee=Decimal("30000"),
        currency="CNY",
        ai_method="reference_only",
    )
    return PitchOffer(**{**values, **change})


def test_studio_to_agreement_and_a_refused_red_line_pitch():
    creator = make_user("producer@example.com", roles=[Role.CREATOR])
    staff = make_user("ops@example.com", staff=True)
    fits = make_listing(
        stage_name="林晓雨",
        slug="lin",
        terms={
            "genres": ["historical"],
            "formats": ["short_drama"],
            "fee_floor": 20000,
            "territories": ["CN"],
            "red_lines": ["gambling"],
        },
    )
    refuses = make_listing(
        stage_name="周迅",
        slug="zhou",
        terms={"genres": ["historical"], "formats": ["short_drama"], "red_lines": ["gambling"]},
    )

    studio = studios.studio_create(
        user=creator, name="Lumen", slug="lumen", legal_entity="Lumen Pictures Ltd", country="CN"
    )
    brief = briefs.brief_create(studio=studio, data={"title": "Untitled"}, acting_user=creator)
    with pytest.raises(BriefIncomplete) as vague:
        briefs.brief_submit(brief=brief, acting_user=creator)
    assert any("role" in part.lower() for part in vague.value.missing)
    assert any("logline" in part.lower() for part in vague.value.missing)

    briefs.brief_update(brief=brief, data=BRIEF, acting_user=creator)
    role = briefs.brief_role_save(
        brief=brief,
        acting_user=creator,
        data={
            "character_name": "Princess Lian",
            "description": "The lead.",
            "use_types": ["face", "voice"],
        },
        scenes=[{"number": 1, "description": "She rides out at dawn.", "shot_count": 3}],
    )
    briefs.brief_submit(brief=brief, acting_user=creator)
    briefs.brief_publish(brief=brief, staff_user=staff)
    studios.studio_verify(studio=studio, staff_user=staff)

    page = role_suggestions_page(role=suggestion_role_get(role_id=role.pk), page_number=1)
    suggested = [s.listing.slug for s in page.page.object_list]
    assert "lin" in suggested

    shortlist = matchmaking.shortlist_create(studio=studio, name="Leads", acting_user=creator)
    matchmaking.shortlist_entry_add(
        shortlist=shortlist, listing=fits, acting_user=creator, note="Strong on horseback"
    )

    pitch = pitches.pitch_send(role=role, listing=fits, offer=_offer(), acting_user=creator)
    assert pitch.status == "sent"
    assert pitch.terms_id == fits.current_terms_id
    assert Notification.objects.filter(recipient=fits.owner, kind="pitch_received").exists()

    pitches.pitch_mark_viewed(pitch=pitch, user=fits.owner)
    pitches.pitch_transition(
        pitch=pitch,
        action="counter",
        acting_user=fits.owner,
        offer=_offer(fee=Decimal("36000")),
        note="Two more shots.",
    )
    pitch.refresh_from_db()
    assert pitch.status == "countered"
    assert pitch.awaiting == "studio"
    pitches.pitch_transition(pitch=pitch, action="agree", acting_user=creator)
    pitch.refresh_from_db()
    assert pitch.status == "agreed"
    assert pitch.fee == Decimal("36000")
    assert [e.action for e in pitch.events.all()] == ["send", "view", "counter", "agree"]

    # The same brief, now declaring gambling: refused at intake with its reasons.
    brief.refresh_from_db()
    gambling = briefs.brief_create(
        studio=studio,
        data={**BRIEF, "title": "Casino Nights", "sensitive_content": ["gambling"]},
        acting_user=creator,
    )
    role2 = briefs.brief_role_save(
        brief=gambling,
        acting_user=creator,
        data={"character_name": "Dealer", "description": "Deals.", "use_types": ["face"]},
        scenes=[{"number": 1, "description": "At the table.", "shot_count": 2}],
    )
    briefs.brief_submit(brief=gambling, acting_user=creator)
    briefs.brief_publish(brief=gambling, staff_user=staff)
    with pytest.raises(PitchRefused) as refused:
        pitches.pitch_send(
            role=role2, listing=refuses, offer=_offer(fee=Decimal("50000")), acting_user=creator
        )
    assert [m.code for m in refused.value.mismatches] == ["red_line"]
    assert "gambling" in refused.value.mismatches[0].message.lower()
    assert not Pitch.objects.filter(listing=refuses).exists()
    assert not Notification.objects.filter(recipient=refuses.owner).exists()
