from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from portal import health, hooks, services
from portal.auth import recent_login_required
from portal.exceptions import DomainError
from portal.forms import AccountDeleteForm, RoleChoiceForm, bound_data
from portal.models import Notification, Role
from portal.permissions import can_read_notification
from portal.selectors import notification_page


def home(request):
    from portal.views_trust import receipt_verify_url

    return TemplateResponse(request, "portal/home.html", {"verify_url": receipt_verify_url()})


@login_required
def dashboard(request):
    if not request.user.roles and not request.user.is_staff:
        return redirect("onboarding")
    sections = [s for fn in hooks.dashboard_sections if (s := fn(request)) is not None]
    sections.sort(key=lambda s: s.order)
    return TemplateResponse(request, "portal/dashboard.html", {"sections": sections})


def _role_form_view(request, *, template: str, success_message: str):
    form = RoleChoiceForm(bound_data(request), held_roles=request.user.roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_add_role(
                user=request.user, role=form.cleaned_data["role"], acting_user=request.user
            )
        except DomainError as exc:
            form.add_error("role", exc.message)
        else:
            messages.success(
                request, success_message % {"role": Role(form.cleaned_data["role"]).label}
            )
            return redirect("dashboard")
    return TemplateResponse(
        request, template, {"form": form, "all_taken": not form.fields["role"].choices}
    )


@login_required
def onboarding(request):
    if request.user.roles:
        return redirect("account_roles")
    return _role_form_view(
        request,
        template="portal/onboarding.html",
        success_message=_("Welcome to Portrait. You joined as: %(role)s."),
    )


@login_required
def account_roles(request):
    return _role_form_view(
        request,
        template="portal/account_roles.html",
        success_message=_("Role added: %(role)s."),
    )


@login_required
def notification_list(request):
    page = notification_page(user=request.user, page=request.GET.get("page"))
    return TemplateResponse(request, "portal/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk)
    if not can_read_notification(request.user, notification):
        raise Http404
    services.notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notification_list")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("Marked %(count)s notifications as read.") % {"count": count})
    return redirect("notification_list")


@login_required
@recent_login_required
def account_delete(request):
    form = AccountDeleteForm(bound_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user, acting_user=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("home")
    effects = [step.description for step in hooks.account_deletion_steps]
    return TemplateResponse(
        request, "portal/account_delete.html", {"form": form, "deletion_effects": effects}
    )


@require_POST
def set_language(request):
    """Django's language switch, remembered on the account too so emails follow it."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response


@never_cache
@require_GET
def healthz(request):
    checks = health.check_all()
    ok = checks["database"] == "ok"
    status = "ok" if all(v == "ok" for v in checks.values()) else ("degraded" if ok else "down")
    return JsonResponse({"status": status, "checks": checks}, status=200 if ok else 503)


def error_400(request, exception=None):
    return TemplateResponse(request, "400.html", {}, status=400).render()


def error_403(request, exception=None):
    return TemplateResponse(request, "403.html", {}, status=403).render()


def error_404(request, exception=None):
    return TemplateResponse(request, "404.html", {}, status=404).render()


def error_500(request):
    # No request context: the database or a context processor may be what failed.
    return HttpResponseServerError(render_to_string("500.html"))
