"""
Who may do what with a listing. The actor owns it; an agent acts within the rights the actor
delegated (guardian object permissions, granted and removed by the representation services);
a guardian consents for a minor. Private details and reference assets are the actor's alone
(creators holding a consent grant come with the consent app).
"""

from actors.choices import AgentRight
from actors.models import Guardianship, Listing, Representation
from portal.permissions import has_object_right, is_staff_with_mfa


def _perm(right: str) -> str:
    return f"actors.{right}"


def is_owner(user, listing: Listing) -> bool:
    return user.is_authenticated and listing.owner_id == user.pk


def has_agent_right(user, listing: Listing, right: str) -> bool:
    return has_object_right(user, _perm(right), listing)


def is_guardian(user, listing: Listing) -> bool:
    return (
        user.is_authenticated
        and Guardianship.objects.filter(
            listing=listing, guardian=user, status=Guardianship.Status.ACTIVE
        ).exists()
    )


def can_manage_listing(user, listing: Listing) -> bool:
    """Open the listing's management pages: edit the profile, terms and media."""
    return is_owner(user, listing) or has_agent_right(user, listing, AgentRight.EDIT_LISTING)


def can_view_listing(user, listing: Listing, *, request=None) -> bool:
    """Staff see hidden listings only from a session that passed MFA (pass the request)."""
    if listing.is_visible:
        return True
    return (
        can_manage_listing(user, listing)
        or is_guardian(user, listing)
        or (request is not None and request.user == user and is_staff_with_mfa(request))
    )


def can_view_private_details(user, listing: Listing) -> bool:
    return is_owner(user, listing)


def can_view_reference_asset(user, asset) -> bool:
    return is_owner(user, asset.listing)


def can_change_listing_status(user, listing: Listing, action: str, *, request=None) -> bool:
    if action in {"verify", "return"}:
        # A staff power: only from a staff session that passed a second factor.
        return request is not None and request.user == user and is_staff_with_mfa(request)
    if action in {"withdraw", "reopen"}:
        # Taking a listing off the portal, or bringing it back, is the actor's own decision.
        return is_owner(user, listing)
    return can_manage_listing(user, listing)


def can_manage_representation(user, representation: Representation) -> bool:
    """The actor decides who represents them and with which rights."""
    return is_owner(user, representation.listing)


def can_end_representation(user, representation: Representation) -> bool:
    return is_owner(user, representation.listing) or representation.agent_id == user.pk


def can_answer_guardianship(user, guardianship: Guardianship) -> bool:
    return user.is_authenticated and guardianship.guardian_id == user.pk
