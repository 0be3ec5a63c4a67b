"""Who may do what under a consent grant: shots and the vault (grants add theirs)."""

from actors.permissions import has_agent_right, is_guardian, is_owner
from creators.permissions import can_follow_studio, can_produce

# --- shots and the vault --------------------------------------------------------------------
# Shots are decided by whoever may sign for the actor (the actor, or an agent holding the
# ``sign_grants`` right): approving a shot extends what was consented to, so the right to answer
# pitches is not enough.


def can_decide_shot(user, grant) -> bool:
    listing = grant.listing
    return is_owner(user, listing) or has_agent_right(user, listing, "sign_grants")


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
