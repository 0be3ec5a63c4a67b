"""
The lifecycles of the actors app, one table each, no ORM: listings, representations by agents
and guardianships of minors. Services call ensure_*(); pages ask *_actions_from() which buttons
to show. Every other set of statuses is derived here, and models' constraints use them.
"""

from django.utils.translation import gettext_lazy as _

from actors.choices import GuardianshipStatus as G
from actors.choices import ListingStatus as S
from actors.choices import RepresentationStatus as R
from portal.exceptions import DomainError

# (from status, action) -> to status
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.AWAITING_VERIFICATION,
    (S.DRAFT, "relist"): S.LISTED,  # a listing verified before goes straight back
    (S.AWAITING_VERIFICATION, "verify"): S.LISTED,
    (S.AWAITING_VERIFICATION, "return"): S.DRAFT,
    (S.LISTED, "pause"): S.PAUSED,
    (S.PAUSED, "resume"): S.LISTED,
    (S.DRAFT, "withdraw"): S.WITHDRAWN,
    (S.AWAITING_VERIFICATION, "withdraw"): S.WITHDRAWN,
    (S.LISTED, "withdraw"): S.WITHDRAWN,
    (S.PAUSED, "withdraw"): S.WITHDRAWN,
    (S.WITHDRAWN, "reopen"): S.DRAFT,
}

ACTION_LABELS = {
    "submit": _("Submit for verification"),
    "relist": _("List again"),
    "verify": _("Verify identity and list"),
    "return": _("Return to draft"),
    "pause": _("Pause everything"),
    "resume": _("Resume"),
    "withdraw": _("Withdraw listing"),
    "reopen": _("Reopen as draft"),
}

#: Actions only staff may take.
STAFF_ACTIONS = frozenset({"verify", "return"})
#: Actions that need a confirmation page before they happen.
DESTRUCTIVE_ACTIONS = frozenset({"withdraw", "pause"})


def ensure_transition(status: str, action: str) -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A listing that is “%(status)s” cannot be changed that way.")
            % {"status": S(status).label},
            code="invalid_transition",
        ) from None


def actions_from(status: str, *, staff: bool = False) -> list[str]:
    return [
        action
        for (source, action) in TRANSITIONS
        if source == status and (staff or action not in STAFF_ACTIONS)
    ]


def sources_of(table, action: str) -> tuple[str, ...]:
    """The statuses ``action`` leaves from, in table order (model constraints list them)."""
    return tuple(dict.fromkeys(source for (source, a) in table if a == action))


#: Shown in the directory and on the public page.
LISTING_VISIBLE = (S.LISTED, S.PAUSED)
#: The public register answers for these: visible, or withdrawn and since when.
LISTING_ON_REGISTER = (*LISTING_VISIBLE, S.WITHDRAWN)


# --- representation: an agent acting for an actor ------------------------------------------

# (from status, action) -> to status. Created as "requested" by the agent's request.
REPRESENTATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (R.REQUESTED, "accept"): R.ACTIVE,
    (R.REQUESTED, "decline"): R.DECLINED,
    (R.REQUESTED, "end"): R.ENDED,  # the agent takes the request back, or an account goes
    (R.ACTIVE, "set_rights"): R.ACTIVE,
    (R.ACTIVE, "end"): R.ENDED,  # either side, at any time
}
#: The actor decides who represents them and with which rights; either side may end it.
REPRESENTATION_ACTOR_ACTIONS = frozenset({"accept", "decline", "set_rights"})
#: Asking or acting: what can still end. At most one a listing and agent (a constraint).
REPRESENTATION_OPEN = sources_of(REPRESENTATION_TRANSITIONS, "end")
#: Representations whose agent holds rights (only these reach the public ledger when they end).
REPRESENTATION_GRANTED = sources_of(REPRESENTATION_TRANSITIONS, "set_rights")
#: The public ledger event each move records (a request or a decline changes nobody's rights).
REPRESENTATION_LEDGER_EVENTS = {"accept": "granted", "set_rights": "rights_changed", "end": "ended"}


def ensure_representation_transition(status: str, action: str) -> str:
    try:
        return REPRESENTATION_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("This representation is “%(status)s”: it cannot be changed that way.")
            % {"status": R(status).label},
            code="invalid_transition",
        ) from None


def representation_actions_from(status: str, *, actor: bool) -> list[str]:
    """What the actor (``actor=True``) or the agent may do now: the buttons pages show."""
    return [
        action
        for (source, action) in REPRESENTATION_TRANSITIONS
        if source == status and (actor or action not in REPRESENTATION_ACTOR_ACTIONS)
    ]


# --- guardianship: the guardian who consents for a minor -----------------------------------

# (from status, action) -> to status. Created as "invited" by the actor's invitation.
GUARDIANSHIP_TRANSITIONS: dict[tuple[str, str], str] = {
    (G.INVITED, "accept"): G.ACTIVE,
    (G.INVITED, "decline"): G.DECLINED,
    (G.INVITED, "end"): G.ENDED,
    (G.ACTIVE, "approve_listing"): G.ACTIVE,
    (G.ACTIVE, "check_identity"): G.ACTIVE,  # staff
    (G.ACTIVE, "end"): G.ENDED,
}
GUARDIANSHIP_GUARDIAN_ACTIONS = frozenset({"accept", "decline", "approve_listing"})
GUARDIANSHIP_STAFF_ACTIONS = frozenset({"check_identity"})
#: Invited or acting: at most one a listing (a constraint).
GUARDIANSHIP_OPEN = sources_of(GUARDIANSHIP_TRANSITIONS, "end")
#: Guardianships in force (only these reach the public ledger when they end).
GUARDIANSHIP_GRANTED = sources_of(GUARDIANSHIP_TRANSITIONS, "approve_listing")
GUARDIANSHIP_LEDGER_EVENTS = {
    "accept": "granted",
    "approve_listing": "listing_approved",
    "check_identity": "identity_checked",
    "end": "ended",
}


def ensure_guardianship_transition(status: str, action: str) -> str:
    try:
        return GUARDIANSHIP_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("This guardianship is “%(status)s”: it cannot be changed that way.")
            % {"status": G(status).label},
            code="invalid_transition",
        ) from None


def guardianship_actions_from(status: str, *, guardian: bool = False, staff: bool = False):
    """What the guardian or staff may do now (ending is for the account-deletion step)."""
    allowed = (GUARDIANSHIP_GUARDIAN_ACTIONS if guardian else frozenset()) | (
        GUARDIANSHIP_STAFF_ACTIONS if staff else frozenset()
    )
    return [
        action
        for (source, action) in GUARDIANSHIP_TRANSITIONS
        if source == status and action in allowed
    ]
