"""
Brief and pitch lifecycles: pure tables, no ORM. Services call ensure_*; pages ask which
actions each side may take now. Every set of pitch statuses the code needs is derived here
(or, for the one that cannot be, written here once): models, services, selectors, hooks and
templates import them.
"""

from django.utils.translation import gettext_lazy as _

from actors.states import sources_of
from creators.choices import BriefStatus as B
from creators.choices import PitchStatus as P
from creators.choices import Side
from portal.exceptions import DomainError

# (from, action) -> to
BRIEF_TRANSITIONS: dict[tuple[str, str], str] = {
    (B.DRAFT, "submit"): B.IN_REVIEW,
    (B.RETURNED, "submit"): B.IN_REVIEW,
    (B.IN_REVIEW, "publish"): B.PUBLISHED,  # staff
    (B.IN_REVIEW, "return"): B.RETURNED,  # staff, with reasons
    (B.DRAFT, "close"): B.CLOSED,
    (B.RETURNED, "close"): B.CLOSED,
    (B.PUBLISHED, "close"): B.CLOSED,
}
BRIEF_STAFF_ACTIONS = frozenset({"publish", "return"})

#: The table's "side" for moves nobody makes by hand: the clock, or another app's service
#: (consent will record "the grant ended" on an agreed pitch with one more row like these).
SYSTEM = "system"

# (from, action) -> (to, the side that may take it)
PITCH_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (P.SENT, "view"): (P.VIEWED, Side.ACTOR),
    (P.SENT, "withdraw"): (P.WITHDRAWN, Side.STUDIO),  # allowed until the actor has viewed it
    (P.SENT, "counter"): (P.COUNTERED, Side.ACTOR),
    (P.VIEWED, "counter"): (P.COUNTERED, Side.ACTOR),
    (P.COUNTERED, "counter"): (P.COUNTERED, Side.ACTOR),  # whoever it awaits (see below)
    (P.SENT, "agree"): (P.AGREED, Side.ACTOR),
    (P.VIEWED, "agree"): (P.AGREED, Side.ACTOR),
    (P.COUNTERED, "agree"): (P.AGREED, Side.ACTOR),
    (P.SENT, "decline"): (P.DECLINED, Side.ACTOR),
    (P.VIEWED, "decline"): (P.DECLINED, Side.ACTOR),
    (P.COUNTERED, "decline"): (P.DECLINED, Side.ACTOR),
    (P.SENT, "expire"): (P.EXPIRED, SYSTEM),
    (P.VIEWED, "expire"): (P.EXPIRED, SYSTEM),
    (P.COUNTERED, "expire"): (P.EXPIRED, SYSTEM),
    # consent: the pitch's grant ended or lapsed; the pitch leaves play, a new one may follow
    (P.AGREED, "conclude"): (P.CONCLUDED, SYSTEM),
}
#: In a counter round the table's "actor" side means "the side the pitch awaits".
TURN_BASED = frozenset({"counter", "agree", "decline"})
#: Moves the system makes (derived: a new system row needs nothing else here).
SYSTEM_ACTIONS = frozenset(a for (_s, a), (_t, side) in PITCH_TRANSITIONS.items() if side == SYSTEM)
#: Recorded when the actor's side first opens a pitch; never a button.
RECORDED_ACTIONS = frozenset({"view"})

#: Open: waiting for an answer before a deadline, so the clock can expire it. In table order,
#: as the model's partial index lists them.
OPEN_PITCH = sources_of(PITCH_TRANSITIONS, "expire")
#: Open or agreed: at most one per role and actor (a constraint), and its thread stays open.
#: Not derivable: an agreed pitch stays in play until consent says otherwise.
PITCH_IN_PLAY = (*OPEN_PITCH, P.AGREED)


def ensure_brief_transition(status: str, action: str) -> str:
    try:
        return BRIEF_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A brief that is “%(status)s” cannot be changed that way.")
            % {"status": B(status).label},
            code="invalid_transition",
        ) from None


def pitch_side_allowed(status: str, action: str, *, awaiting: str) -> str:
    """The side that may take this action now."""
    _to, side = PITCH_TRANSITIONS[(status, action)]
    if action in TURN_BASED and status == P.COUNTERED:
        return awaiting
    return side


def ensure_pitch_transition(status: str, action: str, *, side: str, awaiting: str) -> str:
    try:
        target, _side = PITCH_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A pitch that is “%(status)s” cannot be changed that way.")
            % {"status": P(status).label},
            code="invalid_transition",
        ) from None
    if side != pitch_side_allowed(status, action, awaiting=awaiting):
        raise DomainError(
            _("It is the other side's turn to answer this pitch."), code="not_your_turn"
        )
    return target


def ensure_pitch_system_transition(status: str, action: str) -> str:
    """Where the clock (or another app's service) takes a pitch; only along the table."""
    try:
        target, side = PITCH_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A pitch that is “%(status)s” cannot be changed that way.")
            % {"status": P(status).label},
            code="invalid_transition",
        ) from None
    if side != SYSTEM:
        raise DomainError(_("Only a person can take this action."), code="not_system")
    return target


def pitch_actions_for(status: str, *, side: str, awaiting: str) -> list[str]:
    return [
        action
        for (source, action) in PITCH_TRANSITIONS
        if source == status
        and action not in RECORDED_ACTIONS
        and pitch_side_allowed(status, action, awaiting=awaiting) == side
    ]
