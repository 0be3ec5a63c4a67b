"""The public register: opt-outs people publish, and claims against listings, for staff."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors import ledger_events
from actors.models import Listing, OptOut, RegisterClaim
from actors.search import listing_search_fields
from portal.exceptions import DomainError
from portal.models import User
from portal.services import audit_record, notification_create


@transaction.atomic
def optout_publish(*, user: User, public_name: str, statement: str = "") -> OptOut:
    """ "I do not license my likeness for AI work", on the public record."""
    if Listing.objects.filter(owner=user, status__in=["listed", "paused"]).exists():
        raise DomainError(
            _(
                "Your listing is live. Withdraw it first: a listing and an opt-out contradict "
                "each other."
            ),
            code="listed",
        )
    opt_out = OptOut.objects.select_for_update().filter(user=user).first() or OptOut(user=user)
    opt_out.public_name = public_name
    opt_out.statement = statement
    opt_out.withdrawn_at = None
    probe = Listing(stage_name=public_name)
    opt_out.search_text, opt_out.search_grams = listing_search_fields(probe)
    opt_out.save()
    audit_record(actor=user, action="optout.published", target=opt_out)
    ledger_events.ledger_opt_out(opt_out=opt_out, acting_user=user, published=True)
    return opt_out


@transaction.atomic
def optout_withdraw(*, opt_out: OptOut, acting_user: User) -> OptOut:
    opt_out = OptOut.objects.select_for_update().get(pk=opt_out.pk)
    if opt_out.withdrawn_at is None:
        opt_out.withdrawn_at = timezone.now()
        opt_out.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(actor=acting_user, action="optout.withdrawn", target=opt_out)
        ledger_events.ledger_opt_out(opt_out=opt_out, acting_user=acting_user, published=False)
    return opt_out


@transaction.atomic
def register_claim_file(
    *, listing: Listing, claimant_name: str, claimant_email: str, message: str
) -> RegisterClaim:
    """Someone says this listing uses their likeness without consent: every staff member hears."""
    if not listing.is_visible and listing.status != "withdrawn":
        raise DomainError(_("That listing is not on the public register."), code="not_public")
    claim = RegisterClaim.objects.create(
        listing=listing,
        claimant_name=claimant_name,
        claimant_email=claimant_email,
        message=message,
    )
    audit_record(
        actor=None, action="register.claim_filed", target=listing, data={"claim": claim.pk}
    )
    for staff in User.objects.filter(is_staff=True, is_active=True):
        notification_create(
            recipient=staff,
            kind="register_claim_filed",
            context={"listing": listing.stage_name, "claim": claim.pk},
            url=f"/admin/actors/registerclaim/{claim.pk}/change/",
        )
    return claim
