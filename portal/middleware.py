import re
import uuid

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation

from portal.logs import request_id_var

# A proxy's id is kept only when it looks like an id, so a client cannot inject log content.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestSizeLimitMiddleware:
    """
    Refuse a request whose declared body is over ``PORTAL_MAX_REQUEST_BYTES`` with 413, before
    anything reads or parses it (CSRF, sessions, forms): an anonymous 200 MB POST used to be
    read whole before the redirect to sign-in. The proxy limits bodies too (see README); this
    holds when it does not. Bodies sent without a Content-Length are bounded by Django's own
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and the upload handlers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = 0  # Django answers a malformed length itself, without reading a body
        if length > settings.PORTAL_MAX_REQUEST_BYTES:
            return self._too_large(request)
        return self.get_response(request)

    def _too_large(self, request):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = TemplateResponse(
                request,
                "413.html",
                {"limit_mb": settings.PORTAL_MAX_REQUEST_BYTES // (1024 * 1024)},
                status=413,
            )
            response.render()
        response["Connection"] = "close"  # the unread body must not be taken as a next request
        return response


class PrivacyHeadersMiddleware:
    """
    Headers every response carries: a Permissions-Policy that switches off the powerful browser
    features Portrait never uses, and Cross-Origin-Resource-Policy: same-origin so no other site
    embeds our responses. Pages for a signed-in user are private: unless a view set its own
    Cache-Control, they are sent ``private, no-store`` so no shared cache or back button keeps
    private details, pitches or the dashboard.
    """

    PERMISSIONS_POLICY = (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
        "fullscreen=(self), geolocation=(), gyroscope=(), hid=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(self), "
        "screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), xr-spatial-tracking=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
