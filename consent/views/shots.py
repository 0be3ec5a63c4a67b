"""Shots under a grant: the list both sides see, the studio's submission, the actor's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from consent import selectors
from consent.choices import ShotStatus
from consent.forms_shots import ShotReviewForm, ShotSubmitForm
from consent.models import Grant, Shot
from consent.permissions import can_decide_shot, can_submit_shot, can_view_shots
from consent.services import shots as services
from portal.exceptions import DomainError


def _grant_for(request, pk: int) -> Grant:
    grant = get_object_or_404(
        Grant.objects.select_related("listing__owner", "studio", "role__brief"), pk=pk
    )
    if not can_view_shots(request.user, grant):
        raise Http404
    return grant


@login_required
def grant_shots(request, pk: int):
    grant = _grant_for(request, pk)
    now = timezone.now()
    shots = selectors.shots_for_grant(grant=grant, now=now)
    pending = [s for s in shots if s.effective_status == ShotStatus.PENDING]
    can_decide = can_decide_shot(request.user, grant) and selectors.grant_in_force(
        grant=grant, now=now
    )
    # Choices are the shots still open in the database: one that expired since the page was
    # shown is then refused by the service with its reason, not by the form as "invalid".
    open_shots = [s for s in shots if s.status == ShotStatus.PENDING]
    form = ShotReviewForm(request.POST or None, pending=open_shots)
    if request.method == "POST":
        if not can_decide:
            raise Http404
        if form.is_valid():
            _decide_many(request, grant, form.cleaned_data)
            return redirect("grant_shots", pk=grant.pk)
    context = {
        "grant": grant,
        "shots": shots,
        "awaiting_answer": pending,
        "form": form,
        "can_decide": can_decide,
        "can_submit": can_submit_shot(request.user, grant)
        and selectors.grant_in_force(grant=grant, now=now),
        "used": selectors.shots_used(grant=grant, now=now),
    }
    return TemplateResponse(
        request, "consent/shot_list.html", context, status=400 if form.errors else 200
    )


def _decide_many(request, grant: Grant, data: dict) -> None:
    """Each shot in its own transaction: one that expired meanwhile doesn't undo the others."""
    done, problems = 0, []
    for shot in Shot.objects.filter(grant=grant, pk__in=data["shots"]).order_by("pk"):
        try:
            services.shot_decide(
                shot=shot,
                action=data["decision"],
                acting_user=request.user,
                reason=data["reason"],
            )
        except DomainError as exc:
            problems.append(_("Shot %(n)s: %(why)s") % {"n": shot.pk, "why": exc.message})
        else:
            done += 1
    if done:
        messages.success(
            request,
            ngettext("%(n)s shot answered.", "%(n)s shots answered.", done) % {"n": done},
        )
    for problem in problems:
        messages.error(request, problem)


@login_required
def shot_new(request, pk: int):
    grant = _grant_for(request, pk)
    if not can_submit_shot(request.user, grant):
        raise Http404
    replaces = None
    if request.GET.get("replaces") or request.POST.get("replaces"):
        replaces = get_object_or_404(
            Shot, grant=grant, pk=request.GET.get("replaces") or request.POST.get("replaces")
        )
    form = ShotSubmitForm(request.POST or None, request.FILES or None, scenes=grant.scenes)
    if request.method == "POST" and form.is_valid():
        try:
            services.shot_submit(
                grant=grant,
                scene=form.cleaned_data["scene"],
                description=form.cleaned_data["description"],
                direction=form.cleaned_data["direction"],
                upload=form.cleaned_data["render"],
                replaces=replaces,
                acting_user=request.user,
            )
        except DomainError as exc:
            form.add_error("render" if exc.code not in ("scene",) else "scene", exc.message)
        else:
            messages.success(request, _("Shot sent to the actor for approval."))
            return redirect("grant_shots", pk=grant.pk)
    context = {"grant": grant, "form": form, "replaces": replaces}
    return TemplateResponse(
        request, "consent/shot_form.html", context, status=400 if form.errors else 200
    )


@never_cache
@login_required
def shot_render(request, pk: int):
    """The render's re-encoded preview, for both sides; never the uploaded bytes."""
    shot = get_object_or_404(Shot.objects.select_related("grant__listing", "grant__studio"), pk=pk)
    if not can_view_shots(request.user, shot.grant) or not shot.preview:
        raise Http404
    response = FileResponse(
        storages["private"].open(shot.preview.name, "rb"), content_type="image/jpeg"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
