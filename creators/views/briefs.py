"""Briefs: studios write them (roles, scenes) and submit them; actors and agents browse them."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from creators import permissions, selectors, states
from creators.choices import BriefStatus, PitchStatus
from creators.forms import BriefFilterForm, BriefForm, InterestForm, RoleForm, SceneFormSet
from creators.models import Brief, BriefRole
from creators.selectors_pitches import pitches_for_studio
from creators.services import briefs as brief_services
from creators.views.studios import followed_studio
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.models import Role
from portal.permissions import is_staff_with_mfa

PAGE_SIZE = 20
#: What the studio's buttons say for each action a producer takes by hand.
ACTION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "close": gettext_lazy("Close the brief"),
}


def _brief(pk: int) -> Brief:
    brief = selectors.brief_with_roles(pk=pk)
    if brief is None:
        raise Http404
    return brief


def produced_brief(request, pk: int) -> Brief:
    """The brief, for a producer of its studio: 404 to outsiders, 403 to viewer members."""
    brief = _brief(pk)
    if not permissions.can_follow_studio(request.user, brief.studio):
        raise Http404
    if not permissions.can_produce(request.user, brief.studio):
        raise PermissionDenied
    return brief


@login_required
def brief_create(request, slug: str):
    studio = followed_studio(request, slug)
    if not permissions.can_produce(request.user, studio):
        raise PermissionDenied
    form = BriefForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        brief = brief_services.brief_create(
            studio=studio, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, _("Brief saved as a draft. Now add its roles."))
        return redirect("brief_detail", pk=brief.pk)
    return TemplateResponse(request, "creators/brief_form.html", {"form": form, "studio": studio})


@login_required
def brief_edit(request, pk: int):
    brief = produced_brief(request, pk)
    form = BriefForm(bound_data(request), instance=Brief.objects.get(pk=brief.pk))
    if request.method == "POST" and form.is_valid():
        try:
            brief_services.brief_update(
                brief=brief, data=form.cleaned_data, acting_user=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Brief saved."))
            return redirect("brief_detail", pk=brief.pk)
    context = {"form": form, "studio": brief.studio, "brief": brief}
    return TemplateResponse(request, "creators/brief_form.html", context)


def _attach_role_pitches(brief: Brief) -> None:
    """Each role's pitches, as ``role.studio_pitches``, for the working page. One query."""
    labels = dict(PitchStatus.choices)
    by_role = defaultdict(list)
    for pitch in pitches_for_studio(studio=brief.studio).filter(role__brief=brief):
        pitch.current_status_label = labels[pitch.current_status]
        by_role[pitch.role_id].append(pitch)
    for role in brief.roles.all():
        role.studio_pitches = by_role[role.pk]


def _studio_context(request, brief: Brief) -> dict:
    can_produce = permissions.can_produce(request.user, brief.studio)
    actions = [a for (s, a) in states.BRIEF_TRANSITIONS if s == brief.status]
    _attach_role_pitches(brief)
    return {
        "brief": brief,
        "missing": brief_services.brief_missing_parts(brief=brief),
        "can_produce": can_produce,
        "editable": can_produce and brief.status in brief_services.EDITABLE,
        "actions": [(a, ACTION_LABELS[a]) for a in actions if a in ACTION_LABELS and can_produce],
        "interests": brief.interests.select_related("listing").order_by("-created_at"),
        "can_pitch": permissions.can_pitch(request.user, brief.studio),
    }


@login_required
def brief_detail(request, pk: int):
    """Members see the studio's working page; actors and agents see an open call's page."""
    brief = _brief(pk)
    if permissions.can_follow_studio(request.user, brief.studio):
        context = _studio_context(request, brief)
        return TemplateResponse(request, "creators/brief_manage.html", context)
    if not permissions.can_view_brief(request.user, brief, request=request):
        raise Http404
    listings = selectors.listings_user_can_answer_for(user=request.user)
    form = InterestForm(listings=listings) if listings else None
    context = {"brief": brief, "interest_form": form}
    return TemplateResponse(request, "creators/brief_detail.html", context)


@require_POST
@login_required
def brief_action(request, pk: int, action: str):
    brief = produced_brief(request, pk)
    service = {"submit": brief_services.brief_submit, "close": brief_services.brief_close}
    if action not in service:
        raise Http404
    try:
        service[action](brief=brief, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        done = {"submit": _("Submitted: staff will review it."), "close": _("Brief closed.")}
        messages.success(request, done[action])
    return redirect("brief_detail", pk=brief.pk)


@login_required
def brief_role(request, pk: int, role_pk: int | None = None):
    """One page for a role: its character, use types, and its scenes as a formset."""
    brief = produced_brief(request, pk)
    role = get_object_or_404(BriefRole, pk=role_pk, brief=brief) if role_pk else None
    initial = list(role.scenes.values("number", "description", "shot_count")) if role else []
    form = RoleForm(bound_data(request), instance=role, prefix="role")
    scenes = SceneFormSet(bound_data(request), initial=initial, prefix="scenes")
    if request.method == "POST" and form.is_valid() and scenes.is_valid():
        try:
            brief_services.brief_role_save(
                brief=brief,
                role=role,
                data=form.cleaned_data,
                scenes=scenes.scenes(),
                acting_user=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Role saved."))
            return redirect("brief_detail", pk=brief.pk)
    context = {"brief": brief, "role": role, "form": form, "scenes": scenes}
    return TemplateResponse(request, "creators/brief_role.html", context)


@require_POST
@login_required
def brief_role_delete(request, pk: int, role_pk: int):
    brief = produced_brief(request, pk)
    role = get_object_or_404(BriefRole, pk=role_pk, brief=brief)
    try:
        brief_services.brief_role_delete(role=role, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role removed."))
    return redirect("brief_detail", pk=brief.pk)


def _filters(form: BriefFilterForm) -> selectors.BriefFilters:
    if not form.is_valid():
        return selectors.BriefFilters()
    data = form.cleaned_data
    return selectors.BriefFilters(
        genre=data["genre"],
        format=data["format"],
        use_types=tuple(data["use_types"]),
        territory=data["territory"],
        budget=data["budget"],
        currency=data["currency"],
    )


@login_required
def brief_list(request):
    """Open casting calls, for actors and agents; a creator gets their studios' briefs."""
    if not request.user.roles & {Role.ACTOR, Role.AGENT} and not is_staff_with_mfa(request):
        if request.user.has_role(Role.CREATOR):
            briefs = selectors.briefs_for_member(user=request.user)
            return TemplateResponse(request, "creators/brief_list_studio.html", {"briefs": briefs})
        raise Http404
    form = BriefFilterForm(request.GET or None)
    filters = _filters(form)
    page = Paginator(selectors.open_briefs(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    has_filters = filters != selectors.BriefFilters()
    context = {"form": form, "page": page, "has_filters": has_filters}
    return TemplateResponse(request, "creators/brief_list.html", context)


@require_POST
@login_required
def brief_interest(request, pk: int):
    brief = _brief(pk)
    if (
        not permissions.can_view_brief(request.user, brief, request=request)
        or brief.status != BriefStatus.PUBLISHED
    ):
        raise Http404
    listings = selectors.listings_user_can_answer_for(user=request.user)
    form = InterestForm(request.POST, listings=listings)
    if not form.is_valid():
        messages.error(request, _("Choose an actor you may answer for."))
        return redirect("brief_detail", pk=brief.pk)
    try:
        brief_services.interest_express(brief=brief, acting_user=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The studio has been told you are interested."))
    return redirect("brief_detail", pk=brief.pk)


urlpatterns = [
    path("briefs/", brief_list, name="brief_list"),
    path("studios/<slug:slug>/briefs/new/", brief_create, name="brief_create"),
    path("briefs/<int:pk>/", brief_detail, name="brief_detail"),
    path("briefs/<int:pk>/edit/", brief_edit, name="brief_edit"),
    path("briefs/<int:pk>/interest/", brief_interest, name="brief_interest"),
    path("briefs/<int:pk>/roles/new/", brief_role, name="brief_role_new"),
    path("briefs/<int:pk>/roles/<int:role_pk>/", brief_role, name="brief_role"),
    path(
        "briefs/<int:pk>/roles/<int:role_pk>/delete/", brief_role_delete, name="brief_role_delete"
    ),
    path("briefs/<int:pk>/<str:action>/", brief_action, name="brief_action"),
]
