"""Representation by agents and consent by guardians: asked for, answered, changed, ended."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors import permissions, states
from actors.forms import (
    ActorNameSearchForm,
    GuardianInviteForm,
    RepresentationRequestForm,
    RightsForm,
)
from actors.models import Guardianship, Listing, Representation
from actors.selectors import listings_by_name
from actors.services import representation as services
from actors.views.listing import managed_listing
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.models import Role

#: The answers in a guardian's URLs, and the guardianship table's actions they take.
GUARDIAN_ANSWERS = {"accept": "accept", "decline": "decline", "approve": "approve_listing"}


@login_required
def agent_hub(request):
    if not request.user.has_role(Role.AGENT):
        raise Http404
    form = RepresentationRequestForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        listing = Listing.objects.filter(slug=form.cleaned_data["listing"].strip("/ ")).first()
        if listing is None or not listing.is_visible:
            form.add_error(None, _("No listed actor has that address."))
        else:
            try:
                services.representation_request(
                    listing=listing, agent=request.user, message=form.cleaned_data["message"]
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Request sent. The actor decides, and chooses what you may do for them."),
                )
                return redirect("agent_hub")
    representations = list(
        Representation.objects.filter(agent=request.user)
        .exclude(status=Representation.Status.DECLINED)
        .select_related("listing")
        .order_by("status", "-created_at")
    )
    for rep in representations:
        rep.actions = states.representation_actions_from(rep.status, actor=False)
    search = ActorNameSearchForm(request.GET or None)
    found = listings_by_name(query=search.cleaned_data["q"]) if search.is_valid() else None
    return TemplateResponse(
        request,
        "actors/agent_hub.html",
        {"form": form, "search": search, "found": found, "representations": representations},
    )


def _owned_representation(request, pk: int) -> Representation:
    representation = get_object_or_404(Representation.objects.select_related("listing"), pk=pk)
    if not permissions.can_manage_representation(request.user, representation):
        raise Http404
    return representation


@login_required
@require_POST
def representation_respond(request, pk: int):
    representation = _owned_representation(request, pk)
    accept = request.POST.get("decision") == "accept"
    form = RightsForm(request.POST)
    if form.is_valid():
        try:
            services.representation_respond(
                representation=representation,
                accept=accept,
                rights=form.cleaned_data["rights"],
                acting_user=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Agent accepted.") if accept else _("Request declined."))
    return redirect("listing_manage", slug=representation.listing.slug)


@login_required
@require_POST
def representation_rights(request, pk: int):
    representation = _owned_representation(request, pk)
    form = RightsForm(request.POST)
    if form.is_valid():
        try:
            services.representation_set_rights(
                representation=representation,
                rights=form.cleaned_data["rights"],
                acting_user=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The agent's rights are updated."))
    return redirect("listing_manage", slug=representation.listing.slug)


@login_required
def representation_end(request, pk: int):
    representation = get_object_or_404(
        Representation.objects.select_related("listing", "agent"), pk=pk
    )
    if not permissions.can_end_representation(request.user, representation):
        raise Http404
    if request.method == "POST":
        try:
            services.representation_end(representation=representation, acting_user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The representation has ended."))
        if permissions.is_owner(request.user, representation.listing):
            return redirect("listing_manage", slug=representation.listing.slug)
        return redirect("agent_hub")
    return TemplateResponse(
        request, "actors/representation_end.html", {"representation": representation}
    )


@login_required
def guardian_invite(request, slug: str):
    listing = managed_listing(request, slug)
    if not permissions.is_owner(request.user, listing):
        raise Http404
    form = GuardianInviteForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="guardian_invite", user=request.user):
            return TemplateResponse(request, "429.html", status=429)
        try:
            services.guardianship_invite(
                listing=listing,
                guardian_email=form.cleaned_data["email"],
                relationship=form.cleaned_data["relationship"],
                acting_user=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # The same answer whether or not the address has an account (security finding 7).
            messages.success(request, _("Invitation sent to your guardian."))
            return redirect("listing_manage", slug=listing.slug)
    return TemplateResponse(
        request, "actors/guardian_invite.html", {"listing": listing, "form": form}
    )


@login_required
def guardian_hub(request):
    guardianships = list(
        Guardianship.objects.filter(
            guardian=request.user, status__in=states.GUARDIANSHIP_OPEN
        ).select_related("listing")
    )
    for guardianship in guardianships:
        guardianship.actions = states.guardianship_actions_from(guardianship.status, guardian=True)
    return TemplateResponse(request, "actors/guardian_hub.html", {"guardianships": guardianships})


@login_required
@require_POST
def guardianship_answer(request, pk: int, answer: str):
    guardianship = get_object_or_404(Guardianship.objects.select_related("listing"), pk=pk)
    if not permissions.can_answer_guardianship(request.user, guardianship):
        raise Http404
    action = GUARDIAN_ANSWERS.get(answer)
    if action is None:
        raise Http404
    try:
        services.guardianship_transition(
            guardianship=guardianship, action=action, acting_user=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your answer is recorded."))
    return redirect("guardian_hub")
