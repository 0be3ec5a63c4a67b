"""Pages for the account-security rules of issue 13 (findings 3 and 4)."""

from allauth.account import views as account_views
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.account.models import get_emailconfirmation_model
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
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
