"""The public directory at /actors/: one URL, a whole page, or only its results for htmx."""

from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from actors.choices import Language, ListingStatus, Permission, TrainingUse, UseType
from actors.filters import DirectoryFilterForm
from actors.models import Listing, Terms
from actors.selectors import actor_directory_page
from portal import hooks
from portal.text import human_list, parenthesised

_LANGUAGES = dict(Language.choices)
_USE_TYPES = dict(UseType.choices)
# Generation from references is the default in every listing; a card calls out the rest.
_TRAINING_SHOWN = [
    TrainingUse.DATA_MINING,
    TrainingUse.AI_GENERATIVE_TRAINING,
    TrainingUse.AI_TRAINING,
]


@dataclass(frozen=True)
class ResultCard:
    """
    A listing as its card shows it, every value already text: formatting twenty cards in
    Python costs a fraction of doing it with template filters.
    """

    url: str
    name: str
    headline: str
    location: str
    verified: bool
    paused: bool
    photo_url: str
    photo_alt: str
    languages: str
    playing_age: str
    use_types: str
    fee: str
    training: str


def _photo(listing: Listing) -> tuple[str, str]:
    headshot = next(iter(listing.primary_headshots), None)
    image = headshot and (headshot.thumbnail or headshot.image)
    return (image.url, headshot.alt_text) if image else ("", "")


def _playing_age(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return _("%(age)s and over") % {"age": low}
    if high is not None:
        return _("up to %(age)s") % {"age": high}
    return ""


def _fee(terms: Terms) -> str:
    if not terms.fee_floor:
        return _("None: open to offers")
    decimals = 0 if terms.fee_floor == terms.fee_floor.to_integral() else 2
    amount = number_format(terms.fee_floor, decimals, force_grouping=True)
    return f"{amount} {terms.currency}"


def _training(terms: Terms) -> str:
    permissions = terms.training()
    # Outside the f-string, or makemessages would never see it (it reads no f-strings).
    constrained = parenthesised(pgettext("training permission", "with constraints"))
    allowed = [
        f"{use.label}{constrained}"
        if permissions[use.value] == Permission.CONSTRAINED
        else str(use.label)
        for use in _TRAINING_SHOWN
        if permissions[use.value] != Permission.NOT_ALLOWED
    ]
    return human_list(allowed) or _("Generation from references only; no training")


def _card(listing: Listing, url_pattern: str) -> ResultCard:
    terms = listing.current_terms
    photo_url, photo_alt = _photo(listing)
    return ResultCard(
        url=url_pattern.replace(_SLUG, listing.slug),
        name=listing.stage_name,
        headline=listing.headline,
        location=listing.location,
        verified=listing.verified_at is not None,
        paused=listing.status == ListingStatus.PAUSED,
        photo_url=photo_url,
        photo_alt=photo_alt,
        languages=human_list(_LANGUAGES.get(code, code) for code in listing.languages),
        playing_age=_playing_age(listing.playing_age_min, listing.playing_age_max),
        use_types=human_list(_USE_TYPES.get(code, code) for code in terms.use_types),
        fee=_fee(terms),
        training=_training(terms),
    )


_SLUG = "--slug--"


def _cards(listings) -> list[ResultCard]:
    # One reverse() for the page: a slug is a valid path segment as it is.
    url_pattern = reverse("listing_detail", kwargs={"slug": _SLUG})
    return [_card(listing, url_pattern) for listing in listings]


def _template(request) -> str:
    # A history restore after a cache miss needs the whole page, though it comes through htmx.
    if request.htmx and not request.htmx.history_restore_request:
        return "actors/directory.html#htmx_results"
    return "actors/directory.html"


@require_GET
@vary_on_headers("HX-Request")
def actor_directory(request):
    form = DirectoryFilterForm(request.GET or None)
    result = actor_directory_page(filters=form.to_filters(), page_number=request.GET.get("page"))
    context = {
        "form": form,
        "result": result,
        "cards": _cards(result.page.object_list),
        "first_visit": not request.GET,
        "has_filters": form.has_filters,
        # What higher apps offer for this search (a studio saves it): see portal.hooks.
        "actions": hooks.fragments(hooks.directory_actions, request),
    }
    return TemplateResponse(request, _template(request), context)
