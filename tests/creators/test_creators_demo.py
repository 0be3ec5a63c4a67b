"""seed_demo's creators part: the demo studio, briefs in every state, pitches to the demo actor."""

import io

import pytest
from django.core.management import call_command

from creators.models import (
    Brief,
    BriefRole,
    BriefScene,
    Pitch,
    PitchEvent,
    PitchMessage,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    Studio,
)
from creators.permissions import can_produce
from creators.services.matchmaking import saved_search_clean_query

pytestmark = pytest.mark.django_db

MODELS = [
    Studio,
    Brief,
    BriefRole,
    BriefScene,
    Pitch,
    PitchEvent,
    PitchMessage,
    Shortlist,
    ShortlistEntry,
    SavedSearch,
]


def seed():
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_adds_the_demo_studio_briefs_and_pitches(settings):
    settings.DEBUG = False
    assert "/studios/lumen-pictures/" in seed()
    studio = Studio.objects.get(slug="lumen-pictures")
    assert studio.name == "Lumen Pictures 流明影业" and studio.is_verified
    assert studio.created_by.email == "creator@example.com"
    assert can_produce(studio.created_by, studio)
    statuses = set(studio.briefs.values_list("status", flat=True))
    assert statuses == {"draft", "in_review", "published", "returned", "closed"}
    published = set(studio.briefs.filter(status="published").values_list("visibility", flat=True))
    assert published == {"open", "private"}
    assert studio.briefs.get(status="returned").review_notes
    assert not BriefRole.objects.filter(scenes__isnull=True).exists()
    pitches = Pitch.objects.filter(listing__slug="lin-xiaoyu")
    assert set(pitches.values_list("status", flat=True)) == {
        "sent",
        "viewed",
        "countered",
        "agreed",
        "declined",
        "concluded",
    }  # fmt: skip  (concluded: consent's demo revoked a grant, then a new pitch was agreed)
    assert all(p.events.exists() and p.messages.exists() for p in pitches)
    assert pitches.get(status="countered").awaiting == "studio"
    assert ShortlistEntry.objects.filter(note__gt="").exists()
    search = SavedSearch.objects.get()
    assert saved_search_clean_query(search.query) == search.query  # the directory accepts it


def test_seed_demo_twice_adds_nothing(settings):
    settings.DEBUG = False
    seed()
    before = counts()
    seed()
    assert counts() == before


def test_without_the_demo_actor_the_pitches_are_skipped(settings):
    from creators.demo import seed_demo_creators
    from tests.conftest import make_user

    creator = make_user("creator@example.com")
    out = io.StringIO()
    seed_demo_creators(users={"creator@example.com": creator}, actors=0, stdout=out)
    assert "demo pitches skipped" in out.getvalue()
    assert Brief.objects.count() == 6 and not Pitch.objects.exists()
