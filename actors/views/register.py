"""The public register: who is listed, who opted out; claims; publishing an opt-out."""

from allauth.core import ratelimit
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from actors.forms import OptOutForm, RegisterClaimForm, RegisterSearchForm
from actors.models import Listing, OptOut
from actors.selectors import register_lookup
from actors.services import register as services
from portal import hooks
from portal.exceptions import DomainError
from portal.forms import bound_data


def register(request):
    """Anyone, signed in or not, can check whether a person is listed or opted out."""
    form = RegisterSearchForm(request.GET or None)
    result = None
    if form.is_valid():
        result = register_lookup(query=form.cleaned_data["q"])
        facts = hooks.register_fragments(result["listings"])  # consent: active grant counts
        for listing in result["listings"]:
            listing.register_fragments = facts.get(listing.pk, [])
    return TemplateResponse(request, "actors/register.html", {"form": form, "result": result})


def register_claim(request, slug: str):
    listing = get_object_or_404(Listing, slug=slug)
    if not listing.is_on_register:
        raise Http404
    form = RegisterClaimForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="register_claim"):
            form.add_error(
                None,
                _("Too many claims from your network in the last hour. Please try again later."),
            )
        else:
            try:
                services.register_claim_file(
                    listing=listing,
                    claimant_name=form.cleaned_data["claimant_name"],
                    claimant_email=form.cleaned_data["claimant_email"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return TemplateResponse(
                    request, "actors/register_claim_filed.html", {"listing": listing}
                )
    return TemplateResponse(
        request, "actors/register_claim.html", {"form": form, "listing": listing}
    )


def opt_out(request):
    if not request.user.is_authenticated:
        # Explain first: what an opt-out does and why it needs an account, then sign in.
        return TemplateResponse(request, "actors/opt_out_about.html", {})
    current = OptOut.objects.filter(user=request.user, withdrawn_at__isnull=True).first()
    initial = (
        {"public_name": current.public_name, "statement": current.statement} if current else None
    )
    form = OptOutForm(bound_data(request), initial=initial)
    if request.method == "POST" and request.POST.get("withdraw") and current:
        services.optout_withdraw(opt_out=current, acting_user=request.user)
        messages.success(request, _("Your opt-out is withdrawn from the public register."))
        return redirect("opt_out")
    if request.method == "POST" and form.is_valid():
        try:
            services.optout_publish(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your opt-out is on the public register."))
            return redirect("opt_out")
    return TemplateResponse(request, "actors/opt_out.html", {"form": form, "current": current})
