"""
What the creators app records in the public ledger (issue 8): the pitch both sides agreed, the
step before a consent grant. Public names and ids only; the fee stays between the parties (the
grant's receipt states what the actor chose to make verifiable).
"""

from creators.choices import PitchStatus
from creators.models import Pitch
from portal.ledger import ledger_append


def ledger_pitch_agreed(*, pitch: Pitch, acting_user, on_behalf_of=None):
    if pitch.status != PitchStatus.AGREED:
        return None
    role = pitch.role
    return ledger_append(
        event_type="pitch.agreed",
        subject=pitch,
        actor=acting_user,
        on_behalf_of=on_behalf_of,
        payload={
            "listing": pitch.listing.slug,
            "stage_name": pitch.listing.stage_name,
            "studio": pitch.studio.name,
            "studio_id": pitch.studio_id,
            "brief_id": role.brief_id,
            "role": role.character_name,
            "terms_version": pitch.terms.version if pitch.terms_id else None,
            "term_months": pitch.term_months,
            "use_types": list(pitch.use_types),
        },
    )
