"""Studios: create one, see and edit it, invite people, manage members, join by invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creators import permissions, selectors
from creators.forms import InviteForm, MemberRoleForm, StudioEditForm, StudioForm
from creators.models import Studio, StudioInvitation, StudioMembership
from creators.services import studios as studio_services
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.models import Role


def followed_studio(request, slug: str) -> Studio:
    """The studio, if this user is a member; a 404 otherwise (private means not found)."""
    studio = get_object_or_404(Studio, slug=slug)
    if not permissions.can_follow_studio(request.user, studio):
        raise Http404
    return studio


def managed_studio(request, slug: str) -> Studio:
    studio = followed_studio(request, slug)
    if not permissions.can_manage_studio(request.user, studio):
        raise PermissionDenied
    return studio


@login_required
def studio_list(request):
    memberships = selectors.memberships_for_user(user=request.user)
    can_create = request.user.has_role(Role.CREATOR)
    return TemplateResponse(
        request,
        "creators/studio_list.html",
        {"memberships": memberships, "can_create": can_create},
    )


@login_required
def studio_create(request):
    if not request.user.has_role(Role.CREATOR):
        raise Http404
    form = StudioForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            studio = studio_services.studio_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error("slug" if exc.code == "slug_taken" else None, exc.message)
        else:
            messages.success(request, _("Your studio is created. Staff will verify it."))
            return redirect("studio_detail", slug=studio.slug)
    return TemplateResponse(request, "creators/studio_create.html", {"form": form})


@login_required
def studio_detail(request, slug: str):
    studio = followed_studio(request, slug)
    can_manage = permissions.can_manage_studio(request.user, studio)
    context = {
        "studio": studio,
        "members": selectors.studio_members(studio=studio),
        "briefs": selectors.briefs_for_studio(studio=studio),
        "can_manage": can_manage,
        "can_produce": permissions.can_produce(request.user, studio),
        "invite_form": InviteForm() if can_manage else None,
        "invitations": (
            selectors.pending_invitations_for_studio(studio=studio) if can_manage else ()
        ),
        "role_choices": MemberRoleForm.base_fields["role"].choices,
    }
    return TemplateResponse(request, "creators/studio_detail.html", context)


@login_required
def studio_edit(request, slug: str):
    studio = managed_studio(request, slug)
    # The form edits a copy: validation writes into its instance, the service re-reads the row.
    form = StudioEditForm(bound_data(request), instance=Studio.objects.get(pk=studio.pk))
    if request.method == "POST" and form.is_valid():
        try:
            saved = studio_services.studio_update(
                studio=studio, data=form.cleaned_data, acting_user=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if studio.is_verified and not saved.is_verified:
                messages.warning(
                    request,
                    _(
                        "Details saved. The legal entity or country changed, so the studio is no "
                        "longer verified: staff will check it again before it can pitch."
                    ),
                )
            else:
                messages.success(request, _("Details saved."))
            return redirect("studio_detail", slug=studio.slug)
    return TemplateResponse(request, "creators/studio_edit.html", {"studio": studio, "form": form})


@login_required
def studio_invite(request, slug: str):
    studio = managed_studio(request, slug)
    form = InviteForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            studio_services.studio_invite(
                studio=studio, acting_user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("studio_detail", slug=studio.slug)
    return TemplateResponse(
        request, "creators/studio_invite.html", {"studio": studio, "form": form}
    )


@require_POST
@login_required
def studio_member_role(request, slug: str, pk: int):
    studio = managed_studio(request, slug)
    membership = get_object_or_404(StudioMembership, pk=pk, studio=studio)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles offered."))
        return redirect("studio_detail", slug=studio.slug)
    try:
        studio_services.studio_member_set_role(
            membership=membership, role=form.cleaned_data["role"], acting_user=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role changed."))
    return redirect("studio_detail", slug=studio.slug)


@require_POST
@login_required
def studio_member_remove(request, slug: str, pk: int):
    studio = managed_studio(request, slug)
    membership = get_object_or_404(StudioMembership, pk=pk, studio=studio)
    try:
        studio_services.studio_member_remove(membership=membership, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Member removed."))
    if membership.user_id == request.user.pk:
        return redirect("studio_list")
    return redirect("studio_detail", slug=studio.slug)


@login_required
def studio_invitation_cancel(request, slug: str, pk: int):
    studio = managed_studio(request, slug)
    invitation = get_object_or_404(StudioInvitation, pk=pk, studio=studio)
    if request.method == "POST":
        try:
            studio_services.studio_invitation_cancel(
                invitation=invitation, acting_user=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Invitation cancelled. Its link no longer works."))
        return redirect("studio_detail", slug=studio.slug)
    context = {"studio": studio, "invitation": invitation}
    return TemplateResponse(request, "creators/studio_invitation_cancel.html", context)


@login_required
def studio_join(request, token: str):
    invitation = StudioInvitation.objects.select_related("studio").filter(token=token).first()
    if invitation is None:
        # Never issued, or cancelled by the studio: say so, still as a 404.
        context = {"invitation": None, "problem": _("This invitation link is not valid.")}
        return TemplateResponse(request, "creators/studio_join.html", context, status=404)
    problem = studio_services.invitation_problem(invitation=invitation, user=request.user)
    if request.method == "POST" and not problem:
        try:
            studio_services.studio_join(token=token, user=request.user)
        except DomainError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Welcome to %(studio)s.") % {"studio": invitation.studio})
            return redirect("studio_detail", slug=invitation.studio.slug)
    context = {"invitation": invitation, "problem": problem}
    return TemplateResponse(request, "creators/studio_join.html", context)


urlpatterns = [
    path("studios/", studio_list, name="studio_list"),
    path("studios/new/", studio_create, name="studio_create"),
    path("studios/join/<str:token>/", studio_join, name="studio_join"),
    path("studios/<slug:slug>/", studio_detail, name="studio_detail"),
    path("studios/<slug:slug>/edit/", studio_edit, name="studio_edit"),
    path("studios/<slug:slug>/invite/", studio_invite, name="studio_invite"),
    path(
        "studios/<slug:slug>/invitations/<int:pk>/cancel/",
        studio_invitation_cancel,
        name="studio_invitation_cancel",
    ),
    path(
        "studios/<slug:slug>/members/<int:pk>/role/", studio_member_role, name="studio_member_role"
    ),
    path(
        "studios/<slug:slug>/members/<int:pk>/remove/",
        studio_member_remove,
        name="studio_member_remove",
    ),
]
