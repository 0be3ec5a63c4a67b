from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.auth import user_has_mfa
from portal.permissions import can_use_admin


class PortalAdminSite(admin.AdminSite):
    """
    The admin signs in through allauth (same rate limits, same MFA) and only lets in staff
    whose session passed a second factor.
    """

    site_header = gettext_lazy("Portrait staff")
    site_title = gettext_lazy("Portrait staff")
    index_title = gettext_lazy("Moderation and records")

    def has_permission(self, request):
        return can_use_admin(request)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            next_url = request.GET.get("next") or reverse("admin:index")
            if not user_has_mfa(user):
                messages.warning(
                    request,
                    _("Staff must turn on two-factor authentication before using the admin."),
                )
                return redirect("mfa_index")
            if not can_use_admin(request):
                messages.info(request, _("Confirm it is you with your second factor."))
                return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return secure_admin_login(super().login)(request, extra_context)
