"""
Who may do what in a studio, and with a pitch. Membership roles become guardian object
permissions on the studio (owner: manage, produce, follow; producer: produce, follow; viewer:
follow); a studio's briefs and pitches are governed by its studio's permissions.
"""

from actors.permissions import has_agent_right, is_owner
from creators.choices import BriefStatus, MemberRole, Visibility
from portal.models import Role
from portal.permissions import has_object_right, is_staff_with_mfa

ROLE_PERMISSIONS = {
    MemberRole.OWNER: ("manage_studio", "produce", "follow_studio"),
    MemberRole.PRODUCER: ("produce", "follow_studio"),
    MemberRole.VIEWER: ("follow_studio",),
}


def _has(user, perm: str, studio) -> bool:
    return has_object_right(user, f"creators.{perm}", studio)


def can_manage_studio(user, studio) -> bool:
    return _has(user, "manage_studio", studio)


def can_produce(user, studio) -> bool:
    """Write briefs, pitch actors, keep shortlists."""
    return _has(user, "produce", studio)


def can_follow_studio(user, studio) -> bool:
    """See the studio's briefs, pitches and shortlists (every member)."""
    return _has(user, "follow_studio", studio)


def can_pitch(user, studio) -> bool:
    """Pitching needs a producer's rights in a studio staff have verified."""
    return can_produce(user, studio) and studio.is_verified


def can_answer_pitch(user, pitch) -> bool:
    """The actor, or an agent the actor let answer pitches."""
    listing = pitch.listing
    return is_owner(user, listing) or has_agent_right(user, listing, "answer_pitches")


def can_view_pitch(user, pitch) -> bool:
    return can_follow_studio(user, pitch.studio) or can_answer_pitch(user, pitch)


def can_view_brief(user, brief, *, request=None) -> bool:
    """Staff see drafts only from a session that passed MFA (pass the request)."""
    if can_follow_studio(user, brief.studio):
        return True
    if request is not None and request.user == user and is_staff_with_mfa(request):
        return True
    if brief.status != BriefStatus.PUBLISHED:
        return False
    if brief.visibility == Visibility.OPEN:
        return user.is_authenticated and bool(user.roles & {Role.ACTOR, Role.AGENT})
    return False  # private briefs: the pitch page shows them to the actors pitched
