"""The kernel's own dashboard section (account safety, notifications) and header items."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.auth import user_has_mfa
from portal.hooks import NavItem, Section, Task, register_dashboard_section, register_nav_item
from portal.models import Role
from portal.selectors import request_unread_count


@register_dashboard_section
def account_section(request):
    user = request.user
    unread_count = request_unread_count(request=request)
    tasks = []
    if not user.roles and not user.is_staff:
        tasks.append(
            Task(
                _("Choose how you will use Portrait"),
                reverse("onboarding"),
                _("Actor, agent or creator: you can add another role later."),
                urgent=True,
            )
        )
    needs_mfa = user.is_staff or user.roles & {Role.ACTOR, Role.AGENT}
    if needs_mfa and not user_has_mfa(user):
        tasks.append(
            Task(
                _("Turn on two-factor authentication"),
                reverse("mfa_index"),
                _(
                    "Your likeness and your consents are protected by your account: add an "
                    "authenticator app or a passkey."
                ),
                urgent=bool(user.is_staff),
            )
        )
    if unread_count:
        tasks.append(
            Task(
                _("Read your notifications"),
                reverse("notification_list"),
                _("%(count)s unread") % {"count": unread_count},
            )
        )
    return Section(
        title=_("Your account"),
        tasks=tasks,
        order=0,
        empty_text=_("Your account is set up. Nothing needs your attention."),
    )


register_nav_item(NavItem(gettext_lazy("Staff admin"), "admin:index", staff=True, order=900))
