"""
Who may do what with a consent grant. The actor's side signs and revokes: the actor, an agent
holding ``sign_grants`` and, for a minor, the guardian. The studio's producers declare models,
attest deletion and declare the work done; every studio member may read its grants. Staff read.
"""

from actors.choices import AgentRight
from actors.permissions import has_agent_right, is_guardian, is_owner
from consent.states import SIGNER, STAFF, STUDIO
from creators.permissions import can_follow_studio, can_produce


def is_actor_signer(user, listing) -> bool:
    """The actor, or an agent the actor let sign grants (a guardian signs beside them)."""
    return is_owner(user, listing) or has_agent_right(user, listing, AgentRight.SIGN_GRANTS)


def can_sign_grant(user, grant) -> bool:
    return is_actor_signer(user, grant.listing) or is_guardian(user, grant.listing)


def can_view_grant(user, grant) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or can_sign_grant(user, grant)
        or has_agent_right(user, grant.listing, AgentRight.ANSWER_PITCHES)
        or can_follow_studio(user, grant.studio)
    )


def can_revoke_grant(user, grant) -> bool:
    return can_sign_grant(user, grant)


def can_act_for_studio(user, grant) -> bool:
    """Declare models, attest deletion, declare the work done."""
    return can_produce(user, grant.studio)


def can_show_grant_on_profile(user, grant) -> bool:
    """Listing a project among "approved projects" is the actor's own choice."""
    return is_owner(user, grant.listing)


def grant_parties(user, grant) -> set[str]:
    """The parties of the grant table this user acts as."""
    parties = set()
    if user.is_authenticated and can_sign_grant(user, grant):
        parties.add(SIGNER)
    if user.is_authenticated and can_act_for_studio(user, grant):
        parties.add(STUDIO)
    if user.is_authenticated and user.is_staff:
        parties.add(STAFF)
    return parties


# --- shots and the vault --------------------------------------------------------------------
# Shots are decided by whoever may sign for the actor (the actor, or an agent holding the
# ``sign_grants`` right): approving a shot extends what was consented to, so the right to answer
# pitches is not enough. A minor's guardian sees the shots but the actor's side decides (the
# guardian co-signed the grant, and may revoke it).


def can_decide_shot(user, grant) -> bool:
    return is_actor_signer(user, grant.listing)


def can_submit_shot(user, grant) -> bool:
    return can_produce(user, grant.studio)


def can_view_shots(user, grant) -> bool:
    return (
        can_follow_studio(user, grant.studio)
        or can_decide_shot(user, grant)
        or is_guardian(user, grant.listing)
    )


def can_use_vault(user, grant) -> bool:
    """Every member of the studio; whether the grant opens anything right now is the vault
    service's decision (consent.services.vault.vault_may_access)."""
    return can_follow_studio(user, grant.studio)
