"""
Reads for the matchmaking tools: suggested actors for a role, shortlists, saved searches and
the dashboards' summaries.

Suggestions ask the one fit check (creators.fit.pitch_fit) about every actor they show, so a
suggested actor is one the pitch form would accept. The check is Python; what SQL can answer
is answered first (status, currency, fee floor, term, use types, genre, format, training, red
lines, territories), then at most ``SUGGESTION_CANDIDATES`` rows, the most relevant first,
are checked in Python and ranked. A page costs the same few queries whatever it shows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from actors.choices import Format, Genre, ListingStatus, Permission, Territory
from actors.models import Headshot, Listing, MediaStatus
from actors.search import normalise, parse_query, query_grams
from actors.selectors import listing_actor_is_minor
from creators.choices import AI_METHOD_NEEDS, AiMethod
from creators.fit import Offer, Project, pitch_fit
from creators.models import Brief, BriefRole, Pitch, SavedSearch, Shortlist, ShortlistEntry
from creators.states import PITCH_IN_PLAY
from portal.text import human_list

SUGGESTION_PAGE_SIZE = 20
# Python checks and ranks at most this many prefiltered actors, the most relevant first.
SUGGESTION_CANDIDATES = 500
# Words of the brief that rank actors; more would make the relevance expression long for little.
MAX_KEYWORDS = 12

# Words that say nothing about an actor; brief text is English or Chinese.
_STOPWORD_TEXT = (
    "the and for with her his their them she who whom from into that this those these then "
    "than when where while what which about after before over under between through during "
    "each every other some such only also very will would could should must have has had "
    "been being were are was not but its our your you they one two three four five six "
    "seven eight nine ten episode episodes minute minutes scene scenes role roles"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Fit strength, added to relevance: documented weights, so the order can be explained.
WEIGHT_KEYWORD = 3.0
WEIGHT_VERIFIED = 2.0
WEIGHT_FEE_HEADROOM = 2.0  # times the share of the budget left above the fee floor
WEIGHT_BREADTH = 0.1  # per accepted genre and format beyond the brief's own


@dataclass
class Suggestion:
    listing: Listing
    score: float
    reasons: list[str] = field(default_factory=list)
    already_pitched: bool = False


@dataclass(frozen=True)
class SuggestionPage:
    page: Page
    count: int
    keywords: tuple[str, ...]
    truncated: bool  # more actors passed the SQL filters than were checked


def role_offer(*, role: BriefRole, fee: Decimal | None = None) -> tuple[Offer, Project]:
    """The offer a pitch for this role would make at the top of the budget, and the project."""
    brief = role.brief
    scenes = " ".join(scene.description for scene in role.scenes.all())
    text = " ".join(
        [brief.title, brief.logline, brief.synopsis, role.character_name, role.description, scenes]
    )
    offer = Offer(
        use_types=list(role.use_types),
        territories=list(brief.territories),
        term_months=brief.term_months or 1,
        fee=fee if fee is not None else (brief.budget_max or Decimal(0)),
        currency=brief.currency,
        ai_method=brief.ai_method or AiMethod.REFERENCE_ONLY,
    )
    project = Project(
        genre=brief.genre,
        format=brief.format,
        sensitive_content=list(brief.sensitive_content),
        text=text,
    )
    return offer, project


def role_keywords(*, role: BriefRole) -> tuple[str, ...]:
    """The words of the role and brief an actor's profile is ranked on (actors' tokeniser)."""
    brief = role.brief
    text = " ".join([brief.title, brief.logline, role.description])
    parsed = parse_query(text)
    latin = [w for w in parsed.latin_words if len(w) >= 4 and w not in _STOPWORDS]
    # Single CJK characters match nearly everyone: bigrams only.
    bigrams = [gram for gram in query_grams(normalise(text)) if len(gram) > 1]
    return tuple(dict.fromkeys([*latin, *bigrams]))[:MAX_KEYWORDS]


# --- the SQL prefilter ---------------------------------------------------------------------


def _json_holds(path: str, value: str) -> Q:
    """A JSON list holding ``value``: ``@>`` on PostgreSQL, the quoted code in the JSON text on
    SQLite (codes are plain ASCII words, so quoting makes a substring match exact)."""
    if connection.features.supports_json_field_contains:
        return Q(**{f"{path}__contains": [value]})
    return Q(**{f"{path}__icontains": f'"{value}"'})


def _terms_prefilter(offer: Offer, project: Project, *, fee_known: bool) -> Q:
    t = "current_terms__"
    condition = Q(
        status=ListingStatus.LISTED,
        current_terms__isnull=False,
        current_terms__currency=offer.currency,
        current_terms__max_term_months__gte=offer.term_months,
    )
    if fee_known:
        condition &= Q(current_terms__fee_floor__lte=offer.fee)
    for use in offer.use_types:
        condition &= _json_holds(f"{t}use_types", use)
    condition &= _json_holds(f"{t}genres", project.genre) & _json_holds(
        f"{t}formats", project.format
    )
    for line in project.sensitive_content:
        condition &= ~_json_holds(f"{t}red_lines", line)
    needed = AI_METHOD_NEEDS.get(offer.ai_method)
    if needed:
        condition &= ~Q(**{f"{t}training_{needed}": Permission.NOT_ALLOWED})
    if offer.territories:
        every = Q()
        for territory in offer.territories:
            every &= _json_holds(f"{t}territories", territory)
        condition &= _json_holds(f"{t}territories", Territory.WORLDWIDE) | every
    return condition


def _keyword_annotations(keywords: tuple[str, ...]) -> dict:
    # search_text is stored normalised (lower case), like the keywords: a plain LIKE.
    return {
        f"kw_{i}": Case(
            When(search_text__contains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for i, word in enumerate(keywords)
    }


_CANDIDATE_FIELDS = [
    "slug",
    "stage_name",
    "headline",
    "location",
    "status",
    "listed_at",
    "verified_at",
    "current_terms",
    # Only to know whether the actor is a minor today (the fit check caps their term).
    "private__date_of_birth",
    *(f"current_terms__{name}" for name in (
        "use_types", "genres", "formats", "red_lines", "red_line_terms", "territories",
        "max_term_months", "fee_floor", "currency", "training_data_mining",
        "training_ai_inference", "training_ai_generative_training", "training_ai_training",
    )),
]  # fmt: skip


def _candidates(role: BriefRole, offer: Offer, project: Project, keywords) -> list[Listing]:
    """One query: the prefiltered actors, most keyword hits first, then the newest."""
    fee_known = role.brief.budget_max is not None
    annotations = _keyword_annotations(keywords)
    queryset = (
        Listing.objects.filter(_terms_prefilter(offer, project, fee_known=fee_known))
        .select_related("current_terms", "private")
        .only(*_CANDIDATE_FIELDS)
        .annotate(**annotations)
    )
    if annotations:
        hits = sum((annotations[name] for name in annotations), Value(0))
        queryset = queryset.alias(hits=hits).order_by("-hits", "-listed_at", "-id")
    else:
        queryset = queryset.order_by("-listed_at", "-id")
    return list(queryset[: SUGGESTION_CANDIDATES + 1])


# --- ranking and reasons -------------------------------------------------------------------


def _money(amount: Decimal, currency: str) -> str:
    decimals = 0 if amount == amount.to_integral() else 2
    return f"{number_format(amount, decimals, force_grouping=True)} {currency}"


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value))


def _rank(listing: Listing, brief: Brief, keywords) -> Suggestion:
    terms = listing.current_terms
    hits = [word for i, word in enumerate(keywords) if getattr(listing, f"kw_{i}", 0)]
    score = WEIGHT_KEYWORD * len(hits)
    reasons = []
    if hits:
        reasons.append(_("Profile mentions %(words)s") % {"words": human_list(hits)})
    reasons.append(
        _("Accepts %(genre)s and %(format)s")
        % {
            "genre": _label(Genre, brief.genre).lower(),
            "format": _label(Format, brief.format).lower(),
        }
    )
    budget = brief.budget_max
    if budget:
        score += WEIGHT_FEE_HEADROOM * float((budget - terms.fee_floor) / budget)
        reasons.append(
            _("Fee floor %(floor)s, within budget")
            % {"floor": _money(terms.fee_floor, terms.currency)}
        )
    if listing.verified_at is not None:
        score += WEIGHT_VERIFIED
        reasons.append(_("Identity verified"))
    score += WEIGHT_BREADTH * (len(terms.genres) + len(terms.formats) - 2)
    return Suggestion(listing=listing, score=score, reasons=reasons)


def _fits(listing: Listing, role: BriefRole, offer: Offer, project: Project) -> bool:
    terms = listing.current_terms
    if role.brief.budget_max is None:
        # No budget stated: the fee is for the pitch to settle, not a reason to leave anyone out.
        offer = Offer(**{**offer.__dict__, "fee": terms.fee_floor})
    return not pitch_fit(
        listing_status=listing.status,
        terms=terms,
        offer=offer,
        project=project,
        actor_is_minor=listing_actor_is_minor(listing=listing),
    )


def role_suggestions_page(*, role: BriefRole, page_number) -> SuggestionPage:
    """
    Actors whose current terms fit this role, best first, one page: the candidates (one
    query), the page's headshots and which of them were already pitched for the role (one
    each). ``role`` comes with its brief and scenes loaded (see ``suggestion_role_get``).
    """
    brief = role.brief
    offer, project = role_offer(role=role)
    keywords = role_keywords(role=role)
    candidates = _candidates(role, offer, project, keywords)
    truncated = len(candidates) > SUGGESTION_CANDIDATES
    ranked = [
        _rank(listing, brief, keywords)
        for listing in candidates[:SUGGESTION_CANDIDATES]
        if _fits(listing, role, offer, project)
    ]
    ranked.sort(key=lambda s: (-s.score, s.listing.stage_name))
    page = Paginator(ranked, SUGGESTION_PAGE_SIZE).get_page(page_number)
    _load_page_extras(page.object_list, role)
    return SuggestionPage(page=page, count=len(ranked), keywords=keywords, truncated=truncated)


def _load_page_extras(suggestions: list[Suggestion], role: BriefRole) -> None:
    ids = [s.listing.pk for s in suggestions]
    if not ids:
        return
    photos = {}
    primary = Headshot.objects.filter(
        listing_id__in=ids, is_primary=True, status=MediaStatus.READY
    ).only("id", "listing_id", "image", "thumbnail", "alt_text")
    for headshot in primary:
        photos.setdefault(headshot.listing_id, headshot)
    pitched = set(
        Pitch.objects.filter(role=role, listing_id__in=ids, status__in=PITCH_IN_PLAY).values_list(
            "listing_id", flat=True
        )
    )
    for suggestion in suggestions:
        photo = photos.get(suggestion.listing.pk)
        suggestion.listing.primary_headshots = [photo] if photo else []
        suggestion.already_pitched = suggestion.listing.pk in pitched


def suggestion_role_get(*, role_id: int) -> BriefRole | None:
    """The role with its brief, studio and scenes, in two queries."""
    return (
        BriefRole.objects.select_related("brief__studio")
        .prefetch_related("scenes")
        .filter(pk=role_id)
        .first()
    )


# --- shortlists and saved searches ---------------------------------------------------------


def shortlists_for_studio(*, studio) -> list[Shortlist]:
    """The studio's shortlists with how many actors each holds, in one query."""
    return list(studio.shortlists.annotate(entry_count=Count("entries")).order_by("name", "id"))


def shortlist_entries(*, shortlist: Shortlist) -> list[ShortlistEntry]:
    return list(
        shortlist.entries.select_related("listing", "added_by").order_by("created_at", "id")
    )


def saved_searches_for(*, studio, user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(studio=studio, user=user).order_by("name", "id"))
