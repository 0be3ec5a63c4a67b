"""
Reads of listings. The directory (``/actors/``) is the public face of the register: everyone
listed or paused, searchable in Chinese and English, filtered by what a creator needs.

The directory must stay under 50 ms p95 with 100,000 actors (bench/directory.py), so every
query here is shaped for an index that migration 0002 creates on PostgreSQL, the count is
capped, and a page costs the same number of queries whatever it shows.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, Prefetch, Q, QuerySet, Value, When

from actors import states
from actors.choices import ListingStatus, Permission, TrainingUse
from actors.models import Headshot, Listing, MediaStatus
from actors.search import TRIGRAM_MIN, ParsedQuery, parse_query, query_grams

DIRECTORY_PAGE_SIZE = 20
# Beyond this many matches the page says "1,000+": an exact count of a broad query costs more
# than the page itself (STACK.md: 12 ms against 1.8 ms). Visitors narrow their search instead.
DIRECTORY_COUNT_CAP = 1000

DIRECTORY_STATUSES = states.LISTING_VISIBLE


class DirectorySort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    FEE = "fee"


# Gender is free text in the actor's own words; a visitor picks a broad group and the group
# matches the usual ways of saying it (word-bounded, so "female" is not read as "male").
GENDER_PATTERNS = {
    "woman": r"(^|[^a-z])(woman|women|female|girl|trans ?woman)([^a-z]|$)|女",
    "man": r"(^|[^a-z])(man|men|male|boy|trans ?man)([^a-z]|$)|男",
    "nonbinary": r"non[- ]?binary|enby|genderqueer|gender ?fluid|agender|非二元|性别酷儿",
}


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor asked the directory for; every field optional."""

    query: str = ""
    gender: str = ""
    age: int | None = None
    languages: tuple[str, ...] = ()
    location: str = ""
    use_types: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    training: str = ""  # a TrainingUse value: allowed, or allowed with constraints
    currency: str = ""
    budget: Decimal | None = None
    verified_only: bool = False
    available_now: bool = False
    sort: str = ""

    @cached_property
    def parsed_query(self) -> ParsedQuery:
        return parse_query(self.query)

    @property
    def effective_sort(self) -> str:
        """Relevance means nothing without a query: the newest come first instead."""
        if self.sort in (DirectorySort.NEWEST, DirectorySort.FEE):
            return self.sort
        return DirectorySort.RELEVANCE if self.parsed_query else DirectorySort.NEWEST


class _EnglishMatch(Func):
    """
    The listing's English text matches a plain query. On PostgreSQL ``search_english`` is a
    stored tsvector generated from ``search_text`` (migration 0002), GIN indexed: computing
    ``to_tsvector()`` per row instead costs about 20 us, which a broad query pays on every
    row it rechecks or filters (600 ms for "drama" over 100,000 actors).
    """

    arity = 2  # F("search_text"), for its table alias; the query
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        (text, _), (query, params) = map(compiler.compile, self.get_source_expressions())
        # The column is not a model field: name it on the table Django aliased search_text
        # to, so the test also works inside a subquery (U0, U1...).
        column = text.rsplit(".", 1)[0] + '."search_english"'
        return f"{column} @@ plainto_tsquery('english'::regconfig, {query})", params


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _text_condition(parsed: ParsedQuery) -> Q:
    """All CJK runs and all Latin words must match (search_text is already lower case)."""
    condition = Q()
    for run in parsed.cjk_runs:
        if _is_postgresql() and len(run) < TRIGRAM_MIN:
            # Below pg_trgm's floor: the GIN jsonb_path_ops index of unigrams and bigrams.
            # A run this short is one gram, so holding it means containing the run.
            condition &= Q(search_grams__contains=query_grams(run))
        else:
            # Longer runs through the trigram index (bigrams alone would also match 张伟 and
            # 伟杰 apart for 张伟杰). One test a run, not both: ANDed, PostgreSQL would count
            # them independent and underestimate the matches tenfold, then pick a bad plan.
            condition &= Q(search_text__contains=run)
    if parsed.latin_words:
        condition &= _latin_condition(parsed)
    return condition


def _latin_condition(parsed: ParsedQuery) -> Q:
    substrings = Q(*(Q(search_text__contains=word) for word in parsed.latin_words))
    if not _is_postgresql():
        return substrings
    # English words also match stemmed ("dances" finds "dancing"); partial names ("okaf")
    # match as substrings through the trigram index, which needs three characters a word.
    english = Q(_EnglishMatch(F("search_text"), Value(parsed.latin)))
    if parsed.trigram_words:
        return substrings | english
    return english


def _json_has_all(field: str, values: tuple[str, ...]) -> Q:
    """A JSON list holding every value: ``@>`` on PostgreSQL, the JSON text on SQLite."""
    if not values:
        return Q()
    if connection.features.supports_json_field_contains:
        return Q(**{f"{field}__contains": list(values)})
    # SQLite stores the list as JSON text (JSONField's icontains reads it as such); codes are
    # plain ASCII words, so quoting them makes a substring match exact ("en" is not "ken").
    return Q(*(Q(**{f"{field}__icontains": f'"{value}"'}) for value in values))


def _age_condition(age: int | None) -> Q:
    if age is None:
        return Q()
    # An open end of the range is open; a listing that gave no range at all is left out.
    return (
        (Q(playing_age_min__lte=age) | Q(playing_age_min__isnull=True))
        & (Q(playing_age_max__gte=age) | Q(playing_age_max__isnull=True))
        & ~Q(playing_age_min__isnull=True, playing_age_max__isnull=True)
    )


def _profile_conditions(filters: DirectoryFilters) -> Q:
    condition = _age_condition(filters.age) & _json_has_all("languages", filters.languages)
    if filters.gender in GENDER_PATTERNS:
        condition &= Q(gender__iregex=GENDER_PATTERNS[filters.gender])
    if filters.location:
        # A case-insensitive regex rather than icontains: PostgreSQL estimates ~* from the
        # column's statistics, but not UPPER(location) LIKE, which it then guesses 100 times
        # too rare and answers with a full scan (85 ms) instead of walking the newest index.
        condition &= Q(location__iregex=re.escape(filters.location))
    if filters.verified_only:
        condition &= Q(verified_at__isnull=False)
    if filters.available_now:
        condition &= Q(status=ListingStatus.LISTED)
    return condition


def _terms_conditions(filters: DirectoryFilters) -> Q:
    condition = _json_has_all("current_terms__use_types", filters.use_types)
    condition &= _json_has_all("current_terms__genres", filters.genres)
    if filters.training:
        allowed = [Permission.ALLOWED, Permission.CONSTRAINED]
        condition &= Q(**{f"current_terms__training_{filters.training}__in": allowed})
    # Fees are compared within one currency: the portal holds no exchange rates, and 1,000
    # yuan is not 1,000 pounds.
    if filters.currency:
        condition &= Q(current_terms__currency=filters.currency)
    if filters.budget is not None:
        condition &= Q(current_terms__fee_floor__lte=filters.budget)
    return condition


def _newest_first(matches: QuerySet[Listing]) -> QuerySet[Listing]:
    return matches.order_by("-listed_at", "-id")


def _by_relevance(candidates, text: str) -> QuerySet[Listing]:
    """
    A cheap relevance (ts_rank over many rows costs three times the page, STACK.md): the name
    itself first, then names containing the query, then the rest, newest first.

    Only ``candidates`` are ranked, the newest ``DIRECTORY_COUNT_CAP`` matches: the same rows
    the capped count lets a visitor page through. Ranking every match of a broad word ("drama":
    30,000 of 100,000 actors) means fetching and sorting them all, 90 ms; the newest thousand
    come off an index in a few. A narrower query has fewer matches than that and loses nothing.
    """
    tier = Case(
        When(stage_name__iexact=text, then=Value(0)),
        When(stage_name__icontains=text, then=Value(1)),
        default=Value(2),
    )
    return (
        Listing.objects.filter(pk__in=candidates)
        .alias(name_tier=tier)
        .order_by("name_tier", "-listed_at", "-id")
    )


def _ordered(matches: QuerySet[Listing], filters: DirectoryFilters) -> QuerySet[Listing]:
    sort = filters.effective_sort
    if sort == DirectorySort.FEE:
        # Filtering through the join makes it an inner join (fee_floor is never null), so
        # PostgreSQL can walk the terms' fee index and stop after a page.
        return matches.filter(current_terms__fee_floor__isnull=False).order_by(
            "current_terms__fee_floor", "id"
        )
    if sort == DirectorySort.NEWEST:
        return _newest_first(matches)
    candidates = _newest_first(matches).values("pk")[:DIRECTORY_COUNT_CAP]
    return _by_relevance(candidates, filters.parsed_query.text)


def actor_directory_matches(*, filters: DirectoryFilters) -> QuerySet[Listing]:
    """Visible listings matching ``filters``, unordered (what the count counts)."""
    # A listing without terms cannot be pitched; testing the key needs no join.
    queryset = Listing.objects.filter(status__in=DIRECTORY_STATUSES, current_terms__isnull=False)
    if filters.parsed_query:
        queryset = queryset.filter(_text_condition(filters.parsed_query))
    return queryset.filter(_profile_conditions(filters) & _terms_conditions(filters))


def actor_directory_search(*, filters: DirectoryFilters) -> QuerySet[Listing]:
    """Visible listings matching ``filters``, in the order asked for."""
    return _ordered(actor_directory_matches(filters=filters), filters)


# What a result card shows; nothing else is read (the search columns, biography and terms'
# JSON lists would cost their transfer and their decoding, twenty times a page).
CARD_FIELDS = [
    "slug",
    "stage_name",
    "headline",
    "location",
    "languages",
    "playing_age_min",
    "playing_age_max",
    "status",
    "listed_at",
    "verified_at",
    "current_terms__use_types",
    "current_terms__fee_floor",
    "current_terms__currency",
    *(f"current_terms__training_{use}" for use in TrainingUse.values),
]


def _with_card_data(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    """What a result card shows, in two queries whatever the page size."""
    primary = Headshot.objects.filter(is_primary=True, status=MediaStatus.READY).only(
        "id", "listing_id", "image", "thumbnail", "alt_text"
    )
    return (
        queryset.select_related("current_terms")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("headshots", queryset=primary, to_attr="primary_headshots"))
    )


class CappedPaginator(Paginator):
    """Pages through at most ``cap`` rows, given how many match counted up to ``cap + 1``."""

    def __init__(self, object_list, per_page, *, cap: int, matched: int):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.matched = matched

    @cached_property
    def count(self) -> int:
        return min(self.matched, self.cap)

    @property
    def is_capped(self) -> bool:
        return self.matched > self.cap


@dataclass(frozen=True)
class DirectoryPage:
    page: Page
    count: int
    is_capped: bool


def _ordered_and_counted(filters: DirectoryFilters) -> tuple[QuerySet[Listing], int]:
    """The ordered rows, and how many match up to the cap + 1, in one query either way."""
    matches = actor_directory_matches(filters=filters)
    if filters.effective_sort != DirectorySort.RELEVANCE:
        # Counting past the cap would cost more than the page (STACK.md: 12 ms against 1.8).
        return _ordered(matches, filters), matches.values("pk")[: DIRECTORY_COUNT_CAP + 1].count()
    # Ranking needs the newest matches' ids anyway; their number is the count.
    newest = _newest_first(matches).values_list("pk", flat=True)[: DIRECTORY_COUNT_CAP + 1]
    ids = list(newest)
    return _by_relevance(ids[:DIRECTORY_COUNT_CAP], filters.parsed_query.text), len(ids)


def actor_directory_page(*, filters: DirectoryFilters, page_number) -> DirectoryPage:
    """One page of the directory, in three queries: a capped count, the rows, the headshots."""
    ordered, matched = _ordered_and_counted(filters)
    paginator = CappedPaginator(
        _with_card_data(ordered), DIRECTORY_PAGE_SIZE, cap=DIRECTORY_COUNT_CAP, matched=matched
    )
    page = paginator.get_page(page_number)
    return DirectoryPage(page=page, count=paginator.count, is_capped=paginator.is_capped)


# --- the public register -------------------------------------------------------------------

REGISTER_LIMIT = 20
REGISTER_CANDIDATES = 200


def _register_name_condition(parsed: ParsedQuery) -> Q:
    """
    Rows that may answer to the name: every CJK run and Latin word is in the normalised text,
    which holds the name in Simplified characters and its pinyin. The text also holds the
    biography, so ``name_matches`` then keeps only rows whose *name* matches.
    """
    return Q(*(Q(search_text__contains=part) for part in (*parsed.cjk_runs, *parsed.latin_words)))


def _names_matching(rows, query: str, name_of) -> list:
    from actors.search import name_matches

    return [row for row in rows if name_matches(name_of(row), query)]


AGENT_SEARCH_LIMIT = 10


def listings_by_name(*, query: str, limit: int = AGENT_SEARCH_LIMIT) -> list[Listing]:
    """
    Visible listings whose name answers to ``query`` (any script, or pinyin), for an agent
    looking for the actor they represent; each with its primary headshot, in two queries.
    """
    parsed = parse_query(query)
    if not parsed:
        return []
    primary = Headshot.objects.filter(is_primary=True, status=MediaStatus.READY).only(
        "id", "listing_id", "image", "thumbnail", "alt_text"
    )
    candidates = (
        Listing.objects.filter(_register_name_condition(parsed), status__in=DIRECTORY_STATUSES)
        .only("slug", "stage_name", "headline", "location", "status")
        .order_by("stage_name", "id")
        .prefetch_related(Prefetch("headshots", queryset=primary, to_attr="primary_headshots"))
    )[:REGISTER_CANDIDATES]
    return _names_matching(candidates, query, lambda listing: listing.stage_name)[:limit]


def register_lookup(*, query: str) -> dict:
    """
    Who answers to this name on the public record: listings that are or were public (never
    drafts), and published opt-outs. Matches on names only, not biographies, in Traditional
    or Simplified characters or in pinyin (張偉, 张伟, "zhang wei" and "zhangwei" alike).
    """
    from actors.models import OptOut

    parsed = parse_query(query)
    if not parsed:
        return {"query": query, "listings": [], "opt_outs": [], "more": False}
    # Candidates are capped generously: a biography may mention the name too.
    candidates = (
        Listing.objects.filter(
            _register_name_condition(parsed), status__in=states.LISTING_ON_REGISTER
        )
        .only("slug", "stage_name", "status", "listed_at", "verified_at", "status_changed_at")
        .order_by("status", "stage_name")[:REGISTER_CANDIDATES]
    )
    listings = _names_matching(candidates, query, lambda listing: listing.stage_name)
    opt_outs = _names_matching(
        OptOut.objects.filter(_register_name_condition(parsed), withdrawn_at__isnull=True).order_by(
            "public_name"
        )[:REGISTER_CANDIDATES],
        query,
        lambda opt_out: opt_out.public_name,
    )
    return {
        "query": query,
        "listings": listings[:REGISTER_LIMIT],
        "opt_outs": opt_outs[:REGISTER_LIMIT],
        "more": len(listings) > REGISTER_LIMIT,
    }


def listing_actor_is_minor(*, listing: Listing) -> bool:
    """
    Under 18 today, by the private date of birth: read at the time of each check, never
    cached on the terms. Load ``private`` with the listing to spare a query.
    """
    private = getattr(listing, "private", None)
    return bool(private and private.is_minor)
