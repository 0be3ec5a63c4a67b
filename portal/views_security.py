"""Pages for the account-security rules of issue 13 (findings 3 and 4)."""

from functools import wraps

from allauth.account import views as account_views
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.account.models import get_emailconfirmation_model
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal import account_security
from portal.exceptions import DomainError


def _is_email_change(confirmation) -> bool:
    """Confirming an address on an account that already has a verified one replaces it."""
    address = confirmation.email_address
    return address.user.emailaddress_set.filter(verified=True).exclude(pk=address.pk).exists()


def confirm_email(request, key: str):
    """
    allauth's confirmation page, except that confirming a *change* of address needs the
    account's owner signed in with a recent password or second factor: a stolen session alone
    can no longer swap the address and then reset the password.
    """
    if request.method == "POST":
        confirmation = get_emailconfirmation_model().from_key(key)
        if confirmation is not None and _is_email_change(confirmation):
            user = request.user
            if not user.is_authenticated or user.pk != confirmation.email_address.user_id:
                return redirect_to_login(request.get_full_path())
            if not did_recently_reauthenticate(request):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('account_reauthenticate')}?{query}")
    return account_views.confirm_email(request, key=key)


@never_cache
def email_change_stop(request, token: str):
    """From the old mailbox: stop a change of address and lock out whoever started it."""
    if account_security.email_change_stop_read(token) is None:
        return TemplateResponse(request, "portal/email_change_stop.html", {"invalid": True})
    if request.method == "POST":
        try:
            account_security.email_change_stop(token=token)
        except DomainError as exc:
            messages.error(request, exc.message)
            return TemplateResponse(request, "portal/email_change_stop.html", {"done": False})
        messages.success(
            request,
            _(
                "The change is stopped and every session is signed out. Choose a new "
                "password now: the reset link goes to this address."
            ),
        )
        return redirect("account_reset_password")
    return TemplateResponse(request, "portal/email_change_stop.html", {"token": token})


# --- a staff account's first second factor (finding 3) ---------------------------------------


def staff_first_factor_guard(view):
    """Wrap allauth's enrolment views: staff without a factor need the emailed link first."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if account_security.staff_needs_enrol_link(request):
            return redirect("staff_mfa_enrol")
        return view(request, *args, **kwargs)

    return guarded


@login_required
def staff_mfa_enrol(request):
    """Staff without a second factor ask for the enrolment link here."""
    if not request.user.is_staff:
        raise Http404
    if not account_security.staff_needs_enrol_link(request):
        return redirect("mfa_index")
    link_sent = False
    if request.method == "POST":
        link_sent = account_security.staff_enrol_link_send(user=request.user)
        if not link_sent:
            messages.error(request, _("Your account has no verified email address."))
    context = {"link_sent": link_sent, "minutes": settings.PORTAL_STAFF_MFA_ENROL_MINUTES}
    return TemplateResponse(request, "portal/staff_mfa_enrol.html", context)


@login_required
def staff_mfa_enrol_confirm(request, token: str):
    if not account_security.staff_enrol_link_open(request, token=token):
        messages.error(request, _("This link has expired or is not valid."))
        return redirect("staff_mfa_enrol" if request.user.is_staff else "dashboard")
    messages.success(request, _("Confirmed. Set up your authenticator app now."))
    return redirect("mfa_activate_totp")
