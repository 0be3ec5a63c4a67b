"""
Does a pitch fit the actor's terms? One pure function, no ORM: the pitch form's preview, the
intake check that refuses a pitch, and (later) the consent service all ask it, and it answers
with every reason, not just the first.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from actors.choices import (
    MAX_TERM_MONTHS_MINOR,
    Format,
    Genre,
    ListingStatus,
    Permission,
    RedLine,
    Territory,
    UseType,
)
from creators.choices import AI_METHOD_NEEDS, AiMethod


@dataclass(frozen=True)
class Offer:
    use_types: list[str]
    territories: list[str]
    term_months: int
    fee: Decimal
    currency: str
    ai_method: str


@dataclass(frozen=True)
class Project:
    """The facts of a brief that an actor's terms speak to."""

    genre: str
    format: str
    sensitive_content: list[str] = field(default_factory=list)
    text: str = ""  # title, logline, synopsis, role and scenes: searched for named red lines


@dataclass(frozen=True)
class Mismatch:
    code: str
    message: str


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value))


def pitch_fit(
    *, listing_status: str, terms, offer: Offer, project: Project, actor_is_minor: bool
) -> list[Mismatch]:
    """
    Every way this offer, for this project, falls outside the actor's current terms.
    ``actor_is_minor`` is the actor's age on the day of the check, not when the terms were
    written: a minor's term is capped at five years whatever the terms say.
    """
    return [
        *_listing_open(listing_status),
        *_red_lines(terms, project),
        *_project_kind(terms, project),
        *_uses(terms, offer),
        *_training(terms, offer),
        *_term(terms, offer, actor_is_minor=actor_is_minor),
        *_fee(terms, offer),
        *_territories(terms, offer),
    ]


def _listing_open(status: str) -> list[Mismatch]:
    if status == ListingStatus.LISTED:
        return []
    if status == ListingStatus.PAUSED:
        return [
            Mismatch(
                code=ListingStatus.PAUSED,
                message=_("The actor has paused their listing: no new pitches."),
            )
        ]
    return [Mismatch("not_listed", _("The actor's listing is not listed."))]


def _red_lines(terms, project: Project) -> list[Mismatch]:
    found = [
        Mismatch(
            "red_line",
            _("The project includes %(what)s, one of the actor's red lines.")
            % {"what": _label(RedLine, line).lower()},
        )
        for line in project.sensitive_content
        if line in terms.red_lines
    ]
    text = project.text.casefold()
    found += [
        Mismatch(
            "red_line_term",
            _("The project mentions “%(word)s”, which the actor refuses.") % {"word": word},
        )
        for word in terms.red_line_terms
        if word and word.casefold() in text
    ]
    return found


def _project_kind(terms, project: Project) -> list[Mismatch]:
    found = []
    if project.genre not in terms.genres:
        found.append(
            Mismatch(
                "genre",
                _("The actor does not accept the genre %(genre)s.")
                % {"genre": _label(Genre, project.genre)},
            )
        )
    if project.format not in terms.formats:
        found.append(
            Mismatch(
                "format",
                _("The actor does not accept the format %(format)s.")
                % {"format": _label(Format, project.format)},
            )
        )
    return found


def _uses(terms, offer: Offer) -> list[Mismatch]:
    return [
        Mismatch(
            "use_type",
            _("The actor does not allow this use of their likeness: %(use)s.")
            % {"use": _label(UseType, use)},
        )
        for use in offer.use_types
        if use not in terms.use_types
    ]


def _training(terms, offer: Offer) -> list[Mismatch]:
    needed = AI_METHOD_NEEDS.get(offer.ai_method)
    if needed and terms.training().get(needed) == Permission.NOT_ALLOWED:
        return [
            Mismatch(
                "training",
                _("The actor does not permit %(method)s.")
                % {"method": _label(AiMethod, offer.ai_method).lower()},
            )
        ]
    return []


def max_term_months(terms, *, actor_is_minor: bool) -> int:
    """The longest term this actor can agree to today."""
    if actor_is_minor:
        return min(terms.max_term_months, MAX_TERM_MONTHS_MINOR)
    return terms.max_term_months


def _term(terms, offer: Offer, *, actor_is_minor: bool) -> list[Mismatch]:
    cap = max_term_months(terms, actor_is_minor=actor_is_minor)
    if offer.term_months <= cap:
        return []
    return [
        Mismatch(
            "term",
            _("The term of %(months)s months is longer than the actor's maximum of %(max)s.")
            % {"months": offer.term_months, "max": cap},
        )
    ]


def _fee(terms, offer: Offer) -> list[Mismatch]:
    found = []
    if offer.currency != terms.currency:
        found.append(
            Mismatch(
                "currency",
                _("The actor sets fees in %(currency)s: offer in that currency.")
                % {"currency": terms.currency},
            )
        )
    elif Decimal(offer.fee) < terms.fee_floor:
        found.append(
            Mismatch(
                "fee",
                _("The fee is below the actor's floor of %(floor)s %(currency)s.")
                % {"floor": terms.fee_floor, "currency": terms.currency},
            )
        )
    return found


def _territories(terms, offer: Offer) -> list[Mismatch]:
    if Territory.WORLDWIDE in terms.territories:
        return []
    return [
        Mismatch(
            "territory",
            _("The actor does not license their likeness for %(territory)s.")
            % {"territory": _label(Territory, territory)},
        )
        for territory in offer.territories
        if territory not in terms.territories
    ]
