"""Grant pages: the lists, one grant, signing, revoking, completing, declaring, attesting."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consent import selectors
from consent.choices import GrantStatus
from consent.forms import (
    ACKNOWLEDGEMENTS,
    AttestationForm,
    CompleteForm,
    ModelDeclarationForm,
    RevokeForm,
    SignForm,
)
from consent.models import Attestation, Grant
from consent.permissions import (
    can_act_for_studio,
    can_revoke_grant,
    can_show_grant_on_profile,
    can_sign_grant,
    can_view_grant,
    grant_parties,
)
from consent.services import attestations as attestation_services
from consent.services import grants as services
from consent.states import SIGNER, STUDIO, grant_actions_for
from portal.auth import can_sign_now, recent_login_required
from portal.exceptions import DomainError
from portal.forms import bound_data
from portal.receipts import Receipt


def _visible_grant(request, pk: int) -> Grant:
    """The grant, its clock applied; a 404 for anyone who may not see it."""
    grant = selectors.grant_get(grant_id=pk)
    if grant is None or not can_view_grant(request.user, grant):
        raise Http404
    return services.grant_refresh_clock(grant=grant)


@login_required
def grant_list(request):
    grants = selectors.grant_list_for(request.user)
    page = Paginator(grants, 25).get_page(request.GET.get("page"))
    return TemplateResponse(request, "consent/grant_list.html", {"page": page})


@login_required
def grant_detail(request, pk: int):
    grant = _visible_grant(request, pk)
    parties = grant_parties(request.user, grant)
    receipts = Receipt.objects.filter(subject_type="consent.grant", subject_id=str(grant.pk))
    context = {
        "grant": grant,
        "actions": grant_actions_for(grant.status, parties=parties),
        "in_force": selectors.grant_in_force(grant),
        "is_signer": SIGNER in parties,
        "is_studio": STUDIO in parties,
        "can_toggle_profile": can_show_grant_on_profile(request.user, grant),
        "receipts": receipts.order_by("issued_at"),
        "declarations": grant.model_declarations.all(),
        "attestation": getattr(grant, "attestation", None),
        "history": grant.events.select_related("actor").all(),
        "allows_models": attestation_services.grant_allows_models(grant),
    }
    return TemplateResponse(request, "consent/grant_detail.html", context)


def _to_second_factor(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


@recent_login_required
def grant_sign(request, pk: int):
    """Re-authentication within five minutes; the second factor too when one is enrolled."""
    grant = _visible_grant(request, pk)
    if not can_sign_grant(request.user, grant):
        raise Http404
    if not can_sign_now(request):
        return _to_second_factor(request)
    form = SignForm(bound_data(request))
    if request.method == "POST":
        try:
            services.grant_sign(
                grant=grant,
                acting_user=request.user,
                reauthenticated=can_sign_now(request),
                acknowledged=form.acknowledged(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Signed. The studio has been told."))
            return redirect("grant_detail", pk=grant.pk)
    return _sign_page(request, grant, form)


def _sign_page(request, grant: Grant, form: SignForm):
    snapshot = grant.snapshot
    context = {
        "grant": grant,
        "form": form,
        "acknowledgements": [form[name] for name, _label in ACKNOWLEDGEMENTS],
        "brief": snapshot["brief"],
        "offer": snapshot["offer"],
        "terms": snapshot["terms"],
        "allows_models": attestation_services.grant_allows_models(grant),
        "is_open": grant.status == GrantStatus.AWAITING_SIGNATURE,
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "consent/grant_sign.html", context, status=status)


@recent_login_required
def grant_revoke(request, pk: int):
    grant = _visible_grant(request, pk)
    if not can_revoke_grant(request.user, grant):
        raise Http404
    form = RevokeForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_revoke(
                grant=grant, acting_user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Consent revoked. The studio has been told."))
            return redirect("grant_detail", pk=grant.pk)
    context = {
        "grant": grant,
        "form": form,
        "allows_models": attestation_services.grant_allows_models(grant),
    }
    return TemplateResponse(request, "consent/grant_revoke.html", context)


@login_required
def grant_complete(request, pk: int):
    grant = _visible_grant(request, pk)
    parties = grant_parties(request.user, grant) & {SIGNER, STUDIO}
    if not parties:
        raise Http404
    form = CompleteForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        party = STUDIO if STUDIO in parties else SIGNER
        try:
            services.grant_complete(
                grant=grant, acting_user=request.user, party=party, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The consent grant is completed."))
            return redirect("grant_detail", pk=grant.pk)
    return TemplateResponse(request, "consent/grant_complete.html", {"grant": grant, "form": form})


@login_required
@require_POST
def grant_profile(request, pk: int):
    grant = _visible_grant(request, pk)
    if not can_show_grant_on_profile(request.user, grant):
        raise Http404
    try:
        services.grant_set_on_profile(
            grant=grant, acting_user=request.user, on_profile=request.POST.get("show") == "1"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("grant_detail", pk=grant.pk)


@login_required
def model_declare(request, pk: int):
    grant = _visible_grant(request, pk)
    if not can_act_for_studio(request.user, grant):
        raise Http404
    form = ModelDeclarationForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            attestation_services.model_declare(
                grant=grant, acting_user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Model declared. The actor can see it."))
            return redirect("grant_detail", pk=grant.pk)
    return TemplateResponse(request, "consent/grant_model.html", {"grant": grant, "form": form})


@login_required
def grant_attest(request, pk: int):
    grant = _visible_grant(request, pk)
    attestation = Attestation.objects.filter(grant=grant).first()
    if attestation is None or not can_act_for_studio(request.user, grant):
        raise Http404
    declarations = grant.model_declarations.order_by("pk")
    form = AttestationForm(bound_data(request), declarations=declarations)
    if request.method == "POST" and form.is_valid():
        try:
            attestation_services.attestation_submit(
                attestation=attestation,
                acting_user=request.user,
                reference_data_deleted=form.cleaned_data["reference_data_deleted"],
                model_ids=form.model_ids(),
                statement=form.cleaned_data["statement"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Deletion attested. The actor has been told."))
            return redirect("grant_detail", pk=grant.pk)
    context = {"grant": grant, "form": form, "attestation": attestation}
    return TemplateResponse(request, "consent/grant_attest.html", context)
