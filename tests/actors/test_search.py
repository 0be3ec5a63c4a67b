"""
Directory search and filters (actors.search, actors.selectors). Runs on SQLite and on
PostgreSQL (DATABASE_URL=postgres://...); the index checks run only on PostgreSQL.
"""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from actors.demo import seed_listings
from actors.models import Listing, Terms
from actors.search import cjk_grams, listing_search_fields, parse_query, query_grams
from actors.selectors import DirectoryFilters, actor_directory_search
from portal.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: full-text stemming, indexes"
)
_numbers = itertools.count(1)


def directory_listing(stage_name, *, status="listed", verified=True, days_ago=0, terms=None, **f):
    """A listing with current terms; ``days_ago`` sets when it was first listed."""
    n = next(_numbers)
    owner = make_user(f"dir{n}@example.com", roles=[Role.ACTOR])
    listed_at = timezone.now() - timedelta(days=days_ago, seconds=n)
    listing = Listing(
        owner=owner,
        slug=f"dir-{n}",
        stage_name=stage_name,
        status=status,
        listed_at=listed_at if status in ("listed", "paused") else None,
        verified_at=listed_at if verified else None,
        **{"languages": ["cmn"], **f},
    )
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    listing.current_terms = Terms.objects.create(
        listing=listing,
        version=1,
        **{"use_types": ["face"], "genres": ["drama"], "territories": ["CN"], **(terms or {})},
    )
    listing.save(update_fields=["current_terms"])
    return listing


def names(**filters) -> list[str]:
    return [
        listing.stage_name
        for listing in actor_directory_search(filters=DirectoryFilters(**filters))
    ]


def found(query: str) -> set[str]:
    return set(names(query=query))


# --- query parsing -------------------------------------------------------------------------


def test_cjk_grams_are_the_unigrams_and_bigrams_of_each_chinese_run():
    assert cjk_grams("林晓雨 Lin 张伟") == ["林", "林晓", "晓", "晓雨", "雨", "张", "张伟", "伟"]


def test_a_query_needs_its_bigrams_or_its_single_character():
    assert query_grams("欧阳娜娜") == ["欧阳", "阳娜", "娜娜"]
    assert query_grams("林") == ["林"]


def test_parse_query_splits_chinese_from_latin_and_normalises_width_and_case():
    parsed = parse_query("  张伟  ＺＨＡＮＧ wei ")
    assert parsed.text == "张伟 zhang wei"
    assert parsed.cjk_runs == ("张伟",)
    assert parsed.latin_words == ("zhang", "wei")


def test_short_latin_words_are_left_to_full_text_not_trigrams():
    assert parse_query("li na").trigram_words == ()
    assert parse_query("okafor maya").trigram_words == ("okafor", "maya")


def test_an_empty_or_blank_query_is_no_query():
    assert not parse_query("   ")


# --- text search ---------------------------------------------------------------------------


@pytest.fixture
def cast():
    return {
        "zhang_wei": directory_listing("张伟 Zhang Wei", bio="Period drama lead."),
        "zhang_li": directory_listing("张丽", bio="都市剧演员。"),
        "ouyang": directory_listing("欧阳娜娜", bio="大提琴和表演。"),
        "lin": directory_listing("林晓雨 Lin Xiaoyu", bio="毕业于上海戏剧学院。"),
        # Holds the bigrams 张伟 and 伟杰 but never 张伟杰 in a row.
        "decoy": directory_listing("王芳", bio="与张伟合作过，也与伟杰合作过。"),
        "zhang_weijie": directory_listing("张伟杰", bio="Action and stunts."),
        "okafor": directory_listing(
            "Maya Okafor", languages=["en"], bio="Experienced in motion capture and dancing."
        ),
    }


def test_a_full_two_character_chinese_name_finds_that_actor(cast):
    assert found("张伟") == {"张伟 Zhang Wei", "张伟杰", "王芳"}


def test_a_full_four_character_name_finds_only_that_actor(cast):
    assert found("欧阳娜娜") == {"欧阳娜娜"}


def test_two_characters_of_a_three_character_name_find_it(cast):
    assert found("晓雨") == {"林晓雨 Lin Xiaoyu"}
    assert found("林晓") == {"林晓雨 Lin Xiaoyu"}


def test_characters_that_are_not_next_to_each_other_do_not_match(cast):
    assert found("林雨") == set()


def test_a_three_character_query_must_appear_in_order_not_just_its_bigrams(cast):
    assert found("张伟杰") == {"张伟杰"}


def test_a_single_chinese_character_finds_every_listing_holding_it(cast):
    assert found("林") == {"林晓雨 Lin Xiaoyu"}
    assert found("丽") == {"张丽"}


def test_english_words_in_a_biography_are_found(cast):
    assert found("motion capture") == {"Maya Okafor"}
    assert found("Period DRAMA") == {"张伟 Zhang Wei"}


def test_a_partial_latin_name_is_found_in_any_case(cast):
    assert found("okaf") == {"Maya Okafor"}
    assert found("XIAOY") == {"林晓雨 Lin Xiaoyu"}


def test_chinese_and_latin_in_one_query_must_both_match(cast):
    # Not "zhang": 张伟杰 is Zhang Weijie in pinyin, which the directory now finds.
    assert found("张伟 period") == {"张伟 Zhang Wei"}
    assert found("林 okafor") == set()


def test_like_wildcards_in_a_query_are_taken_literally(cast):
    assert found("%") == set()
    assert found("_a_") == set()


@on_postgresql
def test_english_words_match_their_other_forms_on_postgresql(cast):
    assert found("dances") == {"Maya Okafor"}


# --- visibility ----------------------------------------------------------------------------


def test_only_listed_and_paused_listings_appear():
    for status in ("draft", "awaiting_verification", "listed", "paused", "withdrawn"):
        directory_listing(f"Status {status}", status=status)
    assert set(names()) == {"Status listed", "Status paused"}
    assert set(names(query="status")) == {"Status listed", "Status paused"}


def test_a_listing_without_current_terms_cannot_be_pitched_and_is_not_shown():
    listing = directory_listing("No Terms Yet")
    Listing.objects.filter(pk=listing.pk).update(current_terms=None)
    assert names() == []


# --- filters -------------------------------------------------------------------------------


def test_gender_groups_match_the_actors_own_words_without_confusing_female_and_male():
    directory_listing("A", gender="female")
    directory_listing("B", gender="Trans woman")
    directory_listing("C", gender="女")
    directory_listing("D", gender="male")
    directory_listing("E", gender="男性")
    directory_listing("F", gender="non-binary")
    directory_listing("G", gender="")
    assert set(names(gender="woman")) == {"A", "B", "C"}
    assert set(names(gender="man")) == {"D", "E"}
    assert set(names(gender="nonbinary")) == {"F"}


def test_playing_age_must_fall_inside_the_range_and_open_ends_are_open():
    directory_listing("20s", playing_age_min=20, playing_age_max=29)
    directory_listing("30s", playing_age_min=30, playing_age_max=39)
    directory_listing("Over 25", playing_age_min=25)
    directory_listing("Unstated")
    assert set(names(age=29)) == {"20s", "Over 25"}
    assert set(names(age=30)) == {"30s", "Over 25"}
    assert set(names(age=19)) == set()


def test_languages_must_all_be_spoken():
    directory_listing("Mandarin", languages=["cmn"])
    directory_listing("Both", languages=["cmn", "en"])
    directory_listing("English", languages=["en"])
    directory_listing("Korean", languages=["ko"])
    assert set(names(languages=("en",))) == {"Both", "English"}
    assert set(names(languages=("cmn", "en"))) == {"Both"}


def test_location_matches_part_of_the_place():
    directory_listing("Shanghai", location="上海")
    directory_listing("London", location="London, UK")
    assert names(location="上海") == ["Shanghai"]
    assert names(location="london") == ["London"]


def test_use_types_and_genres_filter_on_the_current_terms():
    directory_listing("Face", terms={"use_types": ["face"], "genres": ["drama", "comedy"]})
    directory_listing("Voice", terms={"use_types": ["face", "voice"], "genres": ["drama"]})
    assert set(names(use_types=("voice",))) == {"Voice"}
    assert set(names(use_types=("face",))) == {"Face", "Voice"}
    assert set(names(genres=("comedy",))) == {"Face"}
    assert set(names(genres=("drama", "comedy"), use_types=("voice",))) == set()


def test_training_filter_keeps_listings_allowing_it_outright_or_with_constraints():
    directory_listing("Default")
    directory_listing("Allowed", terms={"training_ai_generative_training": "allowed"})
    directory_listing("Constrained", terms={"training_ai_generative_training": "constrained"})
    directory_listing("Mining", terms={"training_data_mining": "allowed"})
    assert set(names(training="ai_generative_training")) == {"Allowed", "Constrained"}
    assert set(names(training="data_mining")) == {"Mining"}


def test_budget_compares_fee_floors_within_the_chosen_currency():
    directory_listing("Cheap yuan", terms={"fee_floor": 1000, "currency": "CNY"})
    directory_listing("Dear yuan", terms={"fee_floor": 90000, "currency": "CNY"})
    directory_listing("Cheap pounds", terms={"fee_floor": 500, "currency": "GBP"})
    assert names(currency="CNY", budget=Decimal(5000)) == ["Cheap yuan"]
    assert names(currency="GBP", budget=Decimal(5000)) == ["Cheap pounds"]
    assert set(names(currency="CNY")) == {"Cheap yuan", "Dear yuan"}
    assert names(currency="CNY", budget=Decimal(1000)) == ["Cheap yuan"]


def test_verified_only_and_available_now():
    directory_listing("Verified")
    directory_listing("Unverified", verified=False)
    directory_listing("Paused", status="paused")
    assert set(names(verified_only=True)) == {"Verified", "Paused"}
    assert set(names(available_now=True)) == {"Verified", "Unverified"}


# --- sorting -------------------------------------------------------------------------------


def test_newest_first_without_a_query():
    directory_listing("Old", days_ago=30)
    directory_listing("New", days_ago=1)
    directory_listing("Middle", days_ago=10)
    assert names() == ["New", "Middle", "Old"]
    assert names(sort="relevance") == ["New", "Middle", "Old"]


def test_fee_sort_puts_the_lowest_floor_first():
    directory_listing("Mid", terms={"fee_floor": 5000})
    directory_listing("Low", terms={"fee_floor": 100})
    directory_listing("High", terms={"fee_floor": 90000})
    assert names(sort="fee") == ["Low", "Mid", "High"]
    assert names(sort="fee", currency="CNY", budget=Decimal(10000)) == ["Low", "Mid"]


def test_relevance_puts_the_exact_name_first_then_names_then_the_rest_by_date():
    directory_listing("Liu Yang", bio="Worked with chen on stage.", days_ago=1)
    directory_listing("Chen Jie", days_ago=5)
    directory_listing("Chen", days_ago=20)
    assert names(query="chen") == ["Chen", "Chen Jie", "Liu Yang"]
    assert names(query="chen", sort="newest") == ["Liu Yang", "Chen Jie", "Chen"]


# --- PostgreSQL indexes --------------------------------------------------------------------


def _plan(query: str = "", **filters) -> str:
    return actor_directory_search(filters=DirectoryFilters(query=query, **filters))[:20].explain()


@on_postgresql
def test_postgresql_answers_each_kind_of_query_from_its_index():
    # Enough rows, analysed, that scanning would cost more than the index: the plan then
    # shows that the selector's SQL matches the migration's index expressions.
    seed_listings(count=1500)
    directory_listing("欧阳娜娜 Ouyang Nana", bio="Plays the theremin.")
    with connection.cursor() as cursor:
        # Rows inserted in this transaction still sit in the GIN indexes' pending lists, which
        # the planner rightly costs as slow; (auto)vacuum would move them in.
        for index in ("grams", "english", "trgm"):
            cursor.execute(f"SELECT gin_clean_pending_list('listing_search_{index}_gin')")
        cursor.execute("ANALYZE actors_listing")
        cursor.execute("ANALYZE actors_terms")
    assert "listing_search_grams_gin" in _plan("欧阳")
    assert "listing_search_grams_gin" in _plan("娜")
    # Three characters or more: the bigrams or the trigrams, whichever is more selective.
    assert {"listing_search_grams_gin", "listing_search_trgm_gin"} & set(_plan("欧阳娜").split())
    assert "listing_search_trgm_gin" in _plan("theremi")
    assert "listing_search_english_gin" in _plan("theremin")
    assert "listing_directory_newest_idx" in _plan()
