"""
The pages a newcomer reads before trusting the portal with a face: what it keeps and why
(privacy), the rules (terms), who to write to (contact), and how to report a misuse. Plus the
small files every site answers: ``robots.txt`` and ``/favicon.ico``.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def _context() -> dict:
    # The actors app's pages by path, not by name: the kernel imports no app.
    return {
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "verify_url": receipt_verify_url(),
        "privacy_url": reverse("privacy"),
        "report_url": reverse("report_misuse"),
        "register_url": "/register/",
        "opt_out_url": "/opt-out/",
    }


RECEIPT_VERIFY_PATH = "/verify/"


def receipt_verify_url() -> str:
    """
    The public receipt check, once the consent app serves it at ``/verify/``; empty until then,
    so no page links to a 404 or promises what the portal does not do yet.
    """
    try:
        resolve(RECEIPT_VERIFY_PATH)
    except Resolver404:
        return ""
    return RECEIPT_VERIFY_PATH


@require_GET
def privacy(request):
    return TemplateResponse(request, "portal/trust_privacy.html", _context())


@require_GET
def terms(request):
    return TemplateResponse(request, "portal/trust_terms.html", _context())


@require_GET
def contact(request):
    return TemplateResponse(request, "portal/trust_contact.html", _context())


@require_GET
def report_misuse(request):
    return TemplateResponse(request, "portal/trust_report.html", _context())


ROBOTS = """User-agent: *
Disallow: /accounts/
Disallow: /admin/
Disallow: /vault/
Disallow: /dashboard/
Disallow: /notifications/
"""


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # Private pages need a session anyway; this keeps crawlers off the sign-in walls.
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the real icon."""
    return redirect(static("img/favicon.svg"), permanent=True)
