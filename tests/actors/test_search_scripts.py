"""
Search meets Chinese users where they type: Traditional or Simplified characters, pinyin with
or without tones, in the directory, the public register and the agent's actor search.
"""

import itertools

import pytest
from django.test import Client
from django.utils import timezone

from actors.models import Listing, OptOut, Terms
from actors.search import listing_search_fields, name_pinyin, normalise, parse_query
from actors.selectors import (
    DirectoryFilters,
    actor_directory_search,
    listings_by_name,
    register_lookup,
)
from portal.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def listed(stage_name, **fields):
    n = next(_numbers)
    owner = make_user(f"script{n}@example.com", roles=[Role.ACTOR])
    listing = Listing(
        owner=owner,
        slug=f"script-{n}",
        stage_name=stage_name,
        status="listed",
        listed_at=timezone.now(),
        **fields,
    )
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    listing.current_terms = Terms.objects.create(
        listing=listing, version=1, use_types=["face"], genres=["drama"], territories=["CN"]
    )
    listing.save(update_fields=["current_terms"])
    return listing


def directory(query: str) -> set[str]:
    return {
        listing.stage_name
        for listing in actor_directory_search(filters=DirectoryFilters(query=query))
    }


@pytest.fixture
def cast():
    return {
        "zhang_wei": listed("张伟"),
        "traditional": listed("陳曉雨"),
        "lin": listed("林晓雨 Lin Xiaoyu"),
        "wang": listed("王芳", bio="曾与张伟合作。"),
        "okafor": listed("Maya Okafor", bio="Motion capture."),
    }


def test_traditional_characters_are_folded_into_simplified():
    assert normalise("張偉") == "张伟"


def test_tone_marks_and_accents_are_dropped():
    assert normalise("Zhāng Wěi José") == "zhang wei jose"


def test_tone_digits_typed_after_syllables_are_ignored():
    assert parse_query("zhang1 wei3").latin_words == ("zhang", "wei")


def test_a_name_is_indexed_in_pinyin_spaced_and_run_together():
    assert name_pinyin("欧阳娜娜") == ["ou yang na na", "ouyangnana"]


def test_a_traditional_query_finds_the_simplified_listing(cast):
    assert directory("張偉") == {"张伟", "王芳"}


def test_a_simplified_query_finds_the_traditional_listing(cast):
    assert directory("陈晓雨") == {"陳曉雨"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zhang wei", {"张伟"}),
        ("zhangwei", {"张伟"}),
        ("Zhāng Wěi", {"张伟"}),
        ("zhang1 wei3", {"张伟"}),
        ("xiaoyu", {"陳曉雨", "林晓雨 Lin Xiaoyu"}),
        ("chen xiaoyu", {"陳曉雨"}),
    ],
)
def test_pinyin_with_or_without_tones_finds_the_name(cast, query, expected):
    assert directory(query) == expected


def test_pinyin_matches_names_not_the_chinese_words_of_a_biography(cast):
    # 王芳's biography mentions 张伟, but her name is not Zhang Wei.
    assert "王芳" not in directory("zhang wei")


def test_the_register_finds_a_name_in_the_other_script(cast):
    names = [listing.stage_name for listing in register_lookup(query="張偉")["listings"]]
    assert names == ["张伟"]


def test_the_register_finds_a_name_typed_in_pinyin(cast):
    names = [listing.stage_name for listing in register_lookup(query="linxiaoyu")["listings"]]
    assert names == ["林晓雨 Lin Xiaoyu"]


def test_the_register_matches_names_not_biographies(cast):
    names = [listing.stage_name for listing in register_lookup(query="张伟")["listings"]]
    assert "王芳" not in names


def test_the_register_finds_an_opt_out_in_pinyin(db):
    owner = make_user("optout@example.com")
    opt_out = OptOut(user=owner, public_name="趙麗")
    opt_out.search_text, opt_out.search_grams = listing_search_fields(
        Listing(stage_name=opt_out.public_name)
    )
    opt_out.save()
    assert [o.public_name for o in register_lookup(query="zhao li")["opt_outs"]] == ["趙麗"]


def test_an_agent_finds_an_actor_by_chinese_name(cast):
    assert [listing.stage_name for listing in listings_by_name(query="陈晓雨")] == ["陳曉雨"]


def test_an_agent_finds_an_actor_by_latin_name(cast):
    assert [listing.stage_name for listing in listings_by_name(query="okafor")] == ["Maya Okafor"]


def test_an_agent_does_not_find_a_draft(cast):
    Listing.objects.filter(pk=cast["okafor"].pk).update(status="draft")
    assert listings_by_name(query="okafor") == []


def test_the_agent_hub_lists_actors_by_name_with_a_request_button(cast):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    client = Client()
    client.force_login(agent)
    page = client.get("/agent/", {"q": "Lin Xiaoyu"})
    assert 'name="listing" value="' + cast["lin"].slug + '"' in page.text


def test_the_agent_hub_says_when_no_actor_has_that_name(cast):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    client = Client()
    client.force_login(agent)
    page = client.get("/agent/", {"q": "nobody at all"})
    assert "No listed actor has that name." in page.text
