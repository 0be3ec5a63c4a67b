"""What the actors app adds to the kernel: header items, dashboard sections, deletion steps."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors import states
from actors.choices import ListingStatus
from actors.models import Guardianship, Listing, OptOut, Representation
from actors.services import listings as listing_services
from portal.hooks import (
    NavItem,
    Section,
    Task,
    register_account_deletion_step,
    register_dashboard_section,
    register_nav_item,
)
from portal.models import Role

register_nav_item(NavItem(gettext_lazy("Actors"), "actor_directory", public=True, order=10))
register_nav_item(NavItem(gettext_lazy("Public register"), "register", public=True, order=15))
register_nav_item(
    NavItem(gettext_lazy("My listing"), "my_listing", roles=frozenset({Role.ACTOR}), order=20)
)
register_nav_item(
    NavItem(gettext_lazy("My actors"), "agent_hub", roles=frozenset({Role.AGENT}), order=30)
)


@register_dashboard_section
def actor_section(request):
    if not request.user.has_role(Role.ACTOR):
        return None
    listing = (
        Listing.objects.filter(owner=request.user)
        .select_related("current_terms", "private")
        .first()
    )
    tasks = []
    if listing is None:
        tasks.append(
            Task(
                _("Start your listing"),
                reverse("my_listing"),
                _("Your profile, your terms and your red lines."),
                urgent=True,
            )
        )
    else:
        manage = reverse("listing_manage", kwargs={"slug": listing.slug})
        if listing.status == ListingStatus.DRAFT:
            missing = listing_services.listing_missing_parts(listing=listing)
            tasks.append(
                Task(
                    _("Finish your listing and submit it") if missing else _("Submit your listing"),
                    manage,
                    "; ".join(missing),
                    urgent=not missing,
                )
            )
        requests = listing.representations.filter(status=Representation.Status.REQUESTED)
        for rep in requests.select_related("agent"):
            tasks.append(
                Task(
                    _("%(agent)s asks to represent you") % {"agent": rep.agent}, manage, urgent=True
                )
            )
    return Section(
        title=_("Your listing"),
        tasks=tasks,
        order=10,
        empty_text=_("Your listing is live. New pitches will show up here."),
    )


@register_dashboard_section
def agent_section(request):
    if not request.user.has_role(Role.AGENT):
        return None
    reps = Representation.objects.filter(agent=request.user, status=Representation.Status.ACTIVE)
    tasks = [
        Task(rep.listing.stage_name, reverse("agent_hub"))
        for rep in reps.select_related("listing")[:10]
    ]
    if not tasks:
        tasks.append(Task(_("Ask an actor to let you represent them"), reverse("agent_hub")))
    return Section(title=_("Actors you represent"), tasks=tasks, order=20)


@register_dashboard_section
def guardian_section(request):
    # Waiting for the guardian: whatever the table lets them do now (answer, approve).
    waiting = [
        status
        for status in Guardianship.Status.values
        if states.guardianship_actions_from(status, guardian=True)
    ]
    pending = Guardianship.objects.filter(guardian=request.user, status__in=waiting).exclude(
        status=Guardianship.Status.ACTIVE, listing_approved_at__isnull=False
    )
    if not pending.exists():
        return None
    return Section(
        title=_("Guardian"),
        order=5,
        tasks=[
            Task(
                _("A young actor is waiting for your answer"), reverse("guardian_hub"), urgent=True
            )
        ],
    )


@register_account_deletion_step(
    gettext_lazy(
        "your listing is withdrawn, your private details and reference photos are erased, your "
        "agents' rights end and your public opt-out is removed;"
    )
)
def withdraw_actor_presence(*, user, acting_user):
    """Every change goes through its service, so each is audited and the other side told."""
    from actors.services import media, register
    from actors.services import representation as rep_services

    listing = Listing.objects.filter(owner=user).first()
    if listing is not None:
        if (listing.status, "withdraw") in states.TRANSITIONS:
            listing_services.listing_transition(
                listing=listing, action="withdraw", acting_user=acting_user
            )
        listing_services.listing_erase_private(listing=listing, acting_user=acting_user)
        for asset in listing.reference_assets.all():
            media.reference_asset_delete(asset=asset, acting_user=acting_user)
    either_side = Q(agent=user) | Q(listing__owner=user)
    for rep in Representation.objects.filter(either_side, status__in=states.REPRESENTATION_OPEN):
        rep_services.representation_end(representation=rep, acting_user=acting_user)
    either_side = Q(guardian=user) | Q(listing__owner=user)
    for guardianship in Guardianship.objects.filter(
        either_side, status__in=states.GUARDIANSHIP_OPEN
    ):
        rep_services.guardianship_end(guardianship=guardianship, acting_user=acting_user)
    for opt_out in OptOut.objects.filter(user=user, withdrawn_at__isnull=True):
        register.optout_withdraw(opt_out=opt_out, acting_user=acting_user)
