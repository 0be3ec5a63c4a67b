"""
Brief and pitch lifecycles: pure tables, no ORM. Services call ensure_*; pages ask which
actions each side may take now.
"""

from django.utils.translation import gettext_lazy as _

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
    (P.SENT, "expire"): (P.EXPIRED, Side.STUDIO),
    (P.VIEWED, "expire"): (P.EXPIRED, Side.STUDIO),
    (P.COUNTERED, "expire"): (P.EXPIRED, Side.STUDIO),
    # consent: the pitch's grant ended or lapsed (a system row; a new pitch may follow)
    (P.AGREED, "conclude"): (P.CONCLUDED, Side.STUDIO),
}
#: In a counter round the table's "actor" side means "the side the pitch awaits".
TURN_BASED = frozenset({"counter", "agree", "decline"})
OPEN_PITCH = frozenset({P.SENT, P.VIEWED, P.COUNTERED})
#: Actions nobody takes by hand: the system records them.
SYSTEM_ACTIONS = frozenset({"view", "expire", "conclude"})


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


def pitch_actions_for(status: str, *, side: str, awaiting: str) -> list[str]:
    return [
        action
        for (source, action) in PITCH_TRANSITIONS
        if source == status
        and action not in SYSTEM_ACTIONS
        and pitch_side_allowed(status, action, awaiting=awaiting) == side
    ]
