"""An actor's own listing: create it, edit profile, private details and terms, change status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from actors import permissions, states
from actors.choices import AgentRight
from actors.forms import ListingCreateForm, ListingPrivateForm, ListingProfileForm, TermsForm
from actors.models import Listing, MediaStatus, Representation
from actors.services import listings as listing_services
from portal import hooks
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.models import Role


def managed_listing(request, slug: str) -> Listing:
    """The listing, if this user may manage it; a 404 otherwise (private means not found)."""
    listing = get_object_or_404(
        Listing.objects.select_related("current_terms", "owner", "private"), slug=slug
    )
    if not permissions.can_manage_listing(request.user, listing):
        raise Http404
    return listing


@login_required
def my_listing(request):
    """The actor's hub: their listing if they have one, the form to start one otherwise."""
    listing = Listing.objects.filter(owner=request.user).first()
    if listing is not None:
        return redirect("listing_manage", slug=listing.slug)
    if not request.user.has_role(Role.ACTOR):
        raise Http404
    form = ListingCreateForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            listing = listing_services.listing_create(
                owner=request.user, acting_user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error("slug" if exc.code == "slug_taken" else None, exc.message)
        else:
            messages.success(request, _("Your listing is started. Fill it in, then submit it."))
            return redirect("listing_manage", slug=listing.slug)
    return TemplateResponse(request, "actors/listing_create.html", {"form": form})


@login_required
def listing_manage(request, slug: str):
    listing = managed_listing(request, slug)
    is_owner = permissions.is_owner(request.user, listing)
    context = {
        "listing": listing,
        "is_owner": is_owner,
        "missing": listing_services.listing_missing_parts(listing=listing),
        "actions": [
            (action, states.ACTION_LABELS[action])
            for action in states.actions_from(listing.status)
            if permissions.can_change_listing_status(request.user, listing, action, request=request)
        ],
        "representations": _representations(listing) if is_owner else [],
        "guardianship": listing.guardianships.filter(status__in=states.GUARDIANSHIP_OPEN)
        .select_related("guardian")
        .first(),
        "is_minor": listing.private.is_minor if hasattr(listing, "private") else False,
        "rights_choices": AgentRight.choices,
        # What higher apps add (consent: the log of who opened the reference assets).
        "sections": hooks.fragments(hooks.listing_manage_sections, request, listing),
    }
    return TemplateResponse(request, "actors/listing_manage.html", context)


def _representations(listing: Listing) -> list[Representation]:
    """The open ones, each with what the actor may do now (the table decides the buttons)."""
    representations = list(
        listing.representations.select_related("agent").filter(
            status__in=states.REPRESENTATION_OPEN
        )
    )
    for rep in representations:
        rep.actions = states.representation_actions_from(rep.status, actor=True)
    return representations


@login_required
def listing_profile(request, slug: str):
    listing = managed_listing(request, slug)
    form = ListingProfileForm(bound_data(request), instance=Listing.objects.get(pk=listing.pk))
    if request.method == "POST" and form.is_valid():
        try:
            listing_services.listing_update_profile(
                listing=listing, data=form.cleaned_data, acting_user=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("listing_manage", slug=listing.slug)
    return TemplateResponse(
        request, "actors/listing_profile.html", {"listing": listing, "form": form}
    )


@login_required
def listing_private(request, slug: str):
    listing = managed_listing(request, slug)
    if not permissions.can_view_private_details(request.user, listing):
        raise Http404
    form = ListingPrivateForm(bound_data(request), instance=listing.private)
    if request.method == "POST" and form.is_valid():
        terms_before = listing.current_terms_id
        listing_services.listing_update_private(
            listing=listing, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, _("Private details saved. Only you and Portrait staff see them."))
        if Listing.objects.filter(pk=listing.pk).exclude(current_terms_id=terms_before).exists():
            messages.info(
                request,
                _(
                    "You are under 18, so your terms now allow a term of at most 5 years. "
                    "This is saved as a new version of your terms."
                ),
            )
        return redirect("listing_manage", slug=listing.slug)
    return TemplateResponse(
        request, "actors/listing_private.html", {"listing": listing, "form": form}
    )


@login_required
def listing_terms(request, slug: str):
    listing = managed_listing(request, slug)
    max_term = listing_services.max_term_for(listing=listing)
    form = TermsForm(bound_data(request), instance=listing.current_terms, max_term_months=max_term)
    if request.method == "POST" and form.is_valid():
        try:
            terms = listing_services.terms_create_version(
                listing=listing, data=form.cleaned_data, acting_user=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Terms saved as version %(version)s.") % {"version": terms.version}
            )
            return redirect("listing_manage", slug=listing.slug)
    versions = listing.terms_versions.select_related("created_by").order_by("-version")[:20]
    return TemplateResponse(
        request,
        "actors/listing_terms.html",
        {"listing": listing, "form": form, "versions": versions, "max_term": max_term},
    )


@login_required
def listing_status(request, slug: str, action: str):
    """GET asks for confirmation; POST changes the status through the transition table."""
    listing = get_object_or_404(Listing, slug=slug)
    if not permissions.can_view_listing(request.user, listing, request=request) or action not in (
        states.ACTION_LABELS
    ):
        raise Http404
    if not permissions.can_change_listing_status(request.user, listing, action, request=request):
        raise Http404
    if request.method == "POST":
        try:
            listing_services.listing_transition(
                listing=listing, action=action, acting_user=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Done: %(action)s.") % {"action": states.ACTION_LABELS[action]}
            )
        return redirect("listing_manage", slug=listing.slug)
    return TemplateResponse(
        request,
        "actors/listing_status_confirm.html",
        {
            "listing": listing,
            "action": action,
            "label": states.ACTION_LABELS[action],
        },
    )


def listing_detail(request, slug: str):
    """The public page: what creators see. Hidden listings are a 404 but for their managers."""
    listing = get_object_or_404(Listing.objects.select_related("current_terms"), slug=slug)
    if not permissions.can_view_listing(request.user, listing, request=request):
        raise Http404
    headshots = listing.headshots.filter(status=MediaStatus.READY)
    return TemplateResponse(
        request,
        "actors/listing_detail.html",
        {
            "listing": listing,
            "terms": listing.current_terms,
            "headshots": headshots,
            "is_manager": permissions.can_manage_listing(request.user, listing),
            "terms_url": reverse("listing_terms_json", kwargs={"slug": slug}),
            # What higher apps offer here (a studio pitches the actor): see portal.hooks.
            "actions": hooks.fragments(hooks.listing_actions, request, listing),
        },
    )


@require_GET
def listing_terms_json(request, slug: str):
    listing = get_object_or_404(Listing.objects.select_related("current_terms"), slug=slug)
    if (
        not permissions.can_view_listing(request.user, listing, request=request)
        or listing.current_terms is None
    ):
        raise Http404
    document = listing.current_terms.as_document()
    document["status"] = listing.status
    document["verified"] = listing.is_verified
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
