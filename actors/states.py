"""
The listing's lifecycle: one table, no ORM. Services call ensure_transition(); pages ask
actions_from() which buttons to show.
"""

from django.utils.translation import gettext_lazy as _

from actors.choices import ListingStatus as S
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
