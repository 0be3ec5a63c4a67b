"""
Matchmaking pages: suggested actors for a role, the studio's shortlists, saved directory
searches. Members see them (viewers read only); anyone else, actors included, gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actors.models import Listing
from creators import selectors_matchmaking as selectors
from creators.forms_matchmaking import (
    SavedSearchForm,
    ShortlistAddForm,
    ShortlistForm,
    ShortlistNoteForm,
)
from creators.models import SavedSearch, Shortlist, ShortlistEntry, Studio
from creators.permissions import can_follow_studio, can_produce
from creators.services import matchmaking as services
from portal.exceptions import DomainError
from portal.forms import bound_data

# --- access --------------------------------------------------------------------------------


def _member_studio(request, slug: str) -> Studio:
    studio = get_object_or_404(Studio, slug=slug)
    if not can_follow_studio(request.user, studio):
        raise Http404
    return studio


def _member_shortlist(request, pk: int) -> Shortlist:
    shortlist = get_object_or_404(Shortlist.objects.select_related("studio"), pk=pk)
    if not can_follow_studio(request.user, shortlist.studio):
        raise Http404
    return shortlist


def _producer_check(request, studio: Studio) -> None:
    """Members who may see but not edit (viewers) are refused, not told it does not exist."""
    if not can_produce(request.user, studio):
        raise PermissionDenied


def _own_search(request, pk: int) -> SavedSearch:
    search = get_object_or_404(SavedSearch.objects.select_related("studio"), pk=pk)
    if search.user_id != request.user.pk or not can_follow_studio(request.user, search.studio):
        raise Http404
    return search


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


# --- suggested actors ----------------------------------------------------------------------


@login_required
@require_GET
def role_suggestions(request, role_id: int):
    role = selectors.suggestion_role_get(role_id=role_id)
    if role is None or not can_follow_studio(request.user, role.brief.studio):
        raise Http404
    studio = role.brief.studio
    result = selectors.role_suggestions_page(role=role, page_number=request.GET.get("page"))
    may_edit = can_produce(request.user, studio)
    shortlists = selectors.shortlists_for_studio(studio=studio) if may_edit else []
    context = {
        "role": role,
        "brief": role.brief,
        "studio": studio,
        "result": result,
        "may_edit": may_edit,
        "shortlists": shortlists,
        "add_form": ShortlistAddForm(studio=studio, shortlists=shortlists),
    }
    return TemplateResponse(request, "creators/match_suggestions.html", context)


# --- shortlists ----------------------------------------------------------------------------


@login_required
def shortlist_list(request, slug: str):
    studio = _member_studio(request, slug)
    form = ShortlistForm(bound_data(request))
    if request.method == "POST":
        _producer_check(request, studio)
        if form.is_valid():
            shortlist = services.shortlist_create(
                studio=studio, name=form.cleaned_data["name"], acting_user=request.user
            )
            messages.success(request, _("Shortlist created."))
            return redirect("shortlist_detail", pk=shortlist.pk)
    context = {
        "studio": studio,
        "shortlists": selectors.shortlists_for_studio(studio=studio),
        "form": form,
        "may_edit": can_produce(request.user, studio),
    }
    return TemplateResponse(request, "creators/shortlist_list.html", context)


@login_required
def shortlist_detail(request, pk: int):
    shortlist = _member_shortlist(request, pk)
    form = ShortlistForm(bound_data(request), instance=shortlist)
    if request.method == "POST":
        _producer_check(request, shortlist.studio)
        if form.is_valid():
            services.shortlist_rename(
                shortlist=shortlist, name=form.cleaned_data["name"], acting_user=request.user
            )
            messages.success(request, _("Shortlist renamed."))
            return redirect("shortlist_detail", pk=shortlist.pk)
    context = {
        "shortlist": shortlist,
        "studio": shortlist.studio,
        "entries": selectors.shortlist_entries(shortlist=shortlist),
        "form": form,
        "may_edit": can_produce(request.user, shortlist.studio),
    }
    return TemplateResponse(request, "creators/shortlist_detail.html", context)


@login_required
def shortlist_delete(request, pk: int):
    shortlist = _member_shortlist(request, pk)
    _producer_check(request, shortlist.studio)
    if request.method == "POST":
        services.shortlist_delete(shortlist=shortlist, acting_user=request.user)
        messages.success(request, _("Shortlist deleted."))
        return redirect("shortlist_list", slug=shortlist.studio.slug)
    context = {"shortlist": shortlist, "studio": shortlist.studio}
    return TemplateResponse(request, "creators/shortlist_delete.html", context)


@login_required
@require_POST
def shortlist_entry_add(request, slug: str):
    studio = _member_studio(request, slug)
    _producer_check(request, studio)
    form = ShortlistAddForm(request.POST, studio=studio)
    back = _next_or(request, reverse("shortlist_list", kwargs={"slug": studio.slug}))
    if not form.is_valid():
        messages.error(request, _("Choose a shortlist and an actor."))
        return redirect(back)
    listing = Listing.objects.filter(pk=form.cleaned_data["listing"]).first()
    if listing is None:
        raise Http404
    try:
        services.shortlist_entry_add(
            shortlist=form.cleaned_data["shortlist"],
            listing=listing,
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(actor)s shortlisted.") % {"actor": listing.stage_name})
    return redirect(back)


def _member_entry(request, pk: int) -> ShortlistEntry:
    entry = get_object_or_404(
        ShortlistEntry.objects.select_related("shortlist__studio", "listing"), pk=pk
    )
    if not can_follow_studio(request.user, entry.shortlist.studio):
        raise Http404
    _producer_check(request, entry.shortlist.studio)
    return entry


@login_required
def shortlist_entry_note(request, pk: int):
    entry = _member_entry(request, pk)
    form = ShortlistNoteForm(bound_data(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        services.shortlist_entry_set_note(
            entry=entry, note=form.cleaned_data["note"], acting_user=request.user
        )
        if not request.htmx:
            messages.success(request, _("Note saved."))
            return redirect("shortlist_detail", pk=entry.shortlist_id)
        form = None
    template = "creators/shortlist_note.html"
    if request.htmx:
        template += "#entry_note"
    context = {"entry": entry, "note_form": form, "may_edit": True}
    return TemplateResponse(request, template, context)


@login_required
@require_POST
def shortlist_entry_remove(request, pk: int):
    entry = _member_entry(request, pk)
    services.shortlist_entry_remove(entry=entry, acting_user=request.user)
    messages.success(request, _("%(actor)s removed.") % {"actor": entry.listing.stage_name})
    return redirect("shortlist_detail", pk=entry.shortlist_id)


# --- saved searches ------------------------------------------------------------------------


@login_required
def saved_search_list(request, slug: str):
    studio = _member_studio(request, slug)
    initial = {"query": request.GET.get("query", "")}
    form = SavedSearchForm(bound_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_create(studio=studio, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error("name" if exc.code == "name_missing" else "query", exc.message)
        else:
            messages.success(request, _("Search saved."))
            return redirect("saved_search_list", slug=studio.slug)
    context = {
        "studio": studio,
        "searches": selectors.saved_searches_for(studio=studio, user=request.user),
        "form": form,
    }
    return TemplateResponse(request, "creators/saved_search_list.html", context)


@login_required
@require_POST
def saved_search_alerts(request, pk: int):
    search = _own_search(request, pk)
    alerts = request.POST.get("alerts") == "on"
    services.saved_search_set_alerts(search=search, alerts=alerts, acting_user=request.user)
    messages.success(request, _("Alerts turned on.") if alerts else _("Alerts turned off."))
    return redirect("saved_search_list", slug=search.studio.slug)


@login_required
def saved_search_delete(request, pk: int):
    search = _own_search(request, pk)
    if request.method == "POST":
        services.saved_search_delete(search=search, acting_user=request.user)
        messages.success(request, _("Saved search deleted."))
        return redirect("saved_search_list", slug=search.studio.slug)
    context = {"search": search, "studio": search.studio}
    return TemplateResponse(request, "creators/saved_search_delete.html", context)


urlpatterns = [
    path("briefs/roles/<int:role_id>/suggestions/", role_suggestions, name="role_suggestions"),
    path("studios/<slug:slug>/shortlists/", shortlist_list, name="shortlist_list"),
    path("studios/<slug:slug>/shortlists/add/", shortlist_entry_add, name="shortlist_entry_add"),
    path("shortlists/<int:pk>/", shortlist_detail, name="shortlist_detail"),
    path("shortlists/<int:pk>/delete/", shortlist_delete, name="shortlist_delete"),
    path("shortlists/entries/<int:pk>/note/", shortlist_entry_note, name="shortlist_entry_note"),
    path(
        "shortlists/entries/<int:pk>/remove/",
        shortlist_entry_remove,
        name="shortlist_entry_remove",
    ),
    path("studios/<slug:slug>/searches/", saved_search_list, name="saved_search_list"),
    path("searches/<int:pk>/alerts/", saved_search_alerts, name="saved_search_alerts"),
    path("searches/<int:pk>/delete/", saved_search_delete, name="saved_search_delete"),
]
