"""Reference assets under a grant, for the studio's members: decided on every request."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from actors.models import ReferenceAsset
from consent.choices import VaultAccessKind
from consent.models import Grant
from consent.permissions import can_use_vault
from consent.selectors import grant_in_force
from consent.services import vault as services
from portal.exceptions import DomainError


def _grant_for(request, pk: int) -> Grant:
    grant = get_object_or_404(Grant.objects.select_related("listing", "studio"), pk=pk)
    if not can_use_vault(request.user, grant):
        raise Http404
    return grant


@never_cache
@login_required
def grant_vault(request, pk: int):
    grant = _grant_for(request, pk)
    now = timezone.now()
    context = {
        "grant": grant,
        "in_force": grant_in_force(grant=grant, now=now),
        "assets": list(services.vault_assets(grant=grant, now=now)),
        "data_mining": services.plus_data_mining(training=grant.training),
    }
    return TemplateResponse(request, "consent/vault_list.html", context)


@never_cache
@login_required
def vault_file(request, pk: int, asset_pk: int, kind: str):
    """Streamed through the portal (or X-Accel-Redirect): never a presigned URL, which could
    outlive a revocation."""
    if kind not in VaultAccessKind.values:
        raise Http404
    grant = _grant_for(request, pk)
    asset = get_object_or_404(ReferenceAsset, pk=asset_pk, listing_id=grant.listing_id)
    try:
        services.vault_access_record(grant=grant, asset=asset, user=request.user, kind=kind)
    except DomainError:
        raise Http404 from None
    copy = services.vault_copy_get(grant=grant, asset=asset)
    return _private_stream(copy.file.name, attachment=kind == VaultAccessKind.DOWNLOAD)


def _private_stream(name: str, *, attachment: bool):
    filename = f"portrait-{name.rsplit('/', 1)[-1]}"
    if settings.PORTAL_X_ACCEL_PREFIX:
        response = HttpResponse(content_type="image/jpeg")
        response["X-Accel-Redirect"] = f"{settings.PORTAL_X_ACCEL_PREFIX.rstrip('/')}/{name}"
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    else:
        response = FileResponse(
            storages["private"].open(name, "rb"),
            content_type="image/jpeg",
            as_attachment=attachment,
            filename=filename,
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
