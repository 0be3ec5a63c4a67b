"""
The grant lifecycle (and, below it, the shot lifecycle): pure tables, no ORM. Services call
``ensure_*``; pages ask which actions a party may take now.

Grant parties: "signer" (the actor, an agent holding ``sign_grants``, the guardian), "studio"
(a producer or owner of the studio), "staff", and "system" (the clock, listing hooks).
"""

from django.utils.translation import gettext_lazy as _

from consent.choices import GrantStatus as G
from portal.exceptions import DomainError

SIGNER = "signer"
STUDIO = "studio"
STAFF = "staff"
SYSTEM = "system"

# (from, action) -> (to, the parties that may take it)
GRANT_TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    # The last signature needed (both, for a minor) makes it active; see grant_sign.
    (G.AWAITING_SIGNATURE, "sign"): (G.ACTIVE, frozenset({SIGNER})),
    (G.AWAITING_SIGNATURE, "lapse"): (G.LAPSED, frozenset({SYSTEM})),  # sign_by passed
    (G.ACTIVE, "suspend"): (G.SUSPENDED, frozenset({SYSTEM, STAFF})),  # listing paused
    (G.SUSPENDED, "resume"): (G.ACTIVE, frozenset({SYSTEM, STAFF})),  # only inside its window
    (G.ACTIVE, "revoke"): (G.REVOKED, frozenset({SIGNER, SYSTEM, STAFF})),
    (G.SUSPENDED, "revoke"): (G.REVOKED, frozenset({SIGNER, SYSTEM, STAFF})),
    (G.ACTIVE, "complete"): (G.COMPLETED, frozenset({STUDIO, SIGNER})),
    (G.SUSPENDED, "complete"): (G.COMPLETED, frozenset({STUDIO, SIGNER})),
    (G.ACTIVE, "expire"): (G.EXPIRED, frozenset({SYSTEM})),  # ends_at passed
    (G.SUSPENDED, "expire"): (G.EXPIRED, frozenset({SYSTEM})),
}
GRANT_STATUSES = frozenset(G.values)
#: Statuses something can still happen to; the rest are final and carry ended_at.
LIVE_GRANT = frozenset(source for (source, _action) in GRANT_TRANSITIONS)
TERMINAL_GRANT = GRANT_STATUSES - LIVE_GRANT
#: Signed and not ended: the window runs (whether or not suspended).
SIGNED_GRANT = frozenset(source for (source, action) in GRANT_TRANSITIONS if action == "expire")
#: Actions the clock takes; reading a grant applies them whether or not the sweep has run.
CLOCK_ACTIONS = frozenset({"lapse", "expire"})


def ensure_grant_transition(status: str, action: str, *, party: str) -> str:
    try:
        target, parties = GRANT_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A consent grant that is “%(status)s” cannot be changed that way.")
            % {"status": G(status).label},
            code="invalid_transition",
        ) from None
    if party not in parties:
        raise DomainError(_("You cannot do that to this consent grant."), code="forbidden")
    return target


def grant_actions_for(status: str, *, parties) -> list[str]:
    """What these parties may do by hand now (the clock's actions are never buttons)."""
    parties = set(parties)
    return [
        action
        for (source, action), (_to, allowed) in GRANT_TRANSITIONS.items()
        if source == status and action not in CLOCK_ACTIONS and parties & (allowed - {SYSTEM})
    ]


#: The past tense each grant move is told and recorded under (notices grant_<name>, history).
GRANT_EVENT_NAMES = {
    "create": "created",
    "signature": "signature_added",
    "sign": "signed",
    "lapse": "lapsed",
    "suspend": "suspended",
    "resume": "resumed",
    "revoke": "revoked",
    "complete": "completed",
    "expire": "expired",
}
# --- shots (per-shot approvals) ------------------------------------------------------------
# A shot is one render submitted for the actor's approval. Every decision is final for that
# render: a changed render is a new submission, so nothing leaves approved, rejected or
# changes_requested. Only the open request can expire (the clock) or be voided (its grant
# ended). An approval is never voided by a later revocation: it stays the record of what was
# approved, and stops covering anything the moment its grant stops being in force
# (selectors.shot_covers reads the grant and the clock).
from consent.choices import ShotStatus as S  # noqa: E402

# (from, action) -> (to, who may take it): SIGNER and SYSTEM are the grant table's parties.
SHOT_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (S.PENDING, "approve"): (S.APPROVED, SIGNER),
    (S.PENDING, "reject"): (S.REJECTED, SIGNER),  # with a reason
    (S.PENDING, "request_changes"): (S.CHANGES_REQUESTED, SIGNER),  # with a reason
    (S.PENDING, "expire"): (S.EXPIRED, SYSTEM),  # unanswered within the response window
    (S.PENDING, "void"): (S.VOIDED, SYSTEM),  # its grant ended first
}
SHOT_OPEN = frozenset({S.PENDING})
#: Submissions that take one of the grant's ``max_shots`` places: approved or awaiting an
#: answer. A rejected, sent-back, expired or voided render frees its place.
SHOT_COUNTED = frozenset({S.PENDING, S.APPROVED})
SHOT_REASON_REQUIRED = frozenset({"reject", "request_changes"})


def ensure_shot_transition(status: str, action: str, *, by: str) -> str:
    try:
        target, who = SHOT_TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(
            _("A shot that is “%(status)s” cannot be changed that way.")
            % {"status": S(status).label},
            code="invalid_transition",
        ) from None
    if who != by:
        raise DomainError(_("Only the clock or the grant's end does that."), code="system_action")
    return target


def shot_actions_for(status: str) -> list[str]:
    """What a signer may do with a shot in this status (the review page's choices)."""
    return [
        action
        for (source, action), (_to, who) in SHOT_TRANSITIONS.items()
        if source == status and who == SIGNER
    ]
