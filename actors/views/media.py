"""Headshots and reference assets: upload, watch processing, choose the primary, delete, serve."""

import mimetypes

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from actors import permissions
from actors.models import Headshot, Listing, ReferenceAsset
from actors.services import media as services
from actors.views.listing import managed_listing
from portal.exceptions import DomainError


class HeadshotForm(forms.Form):
    image = forms.FileField(label=gettext_lazy("Photo (JPEG, PNG or WebP, up to 20 MB)"))
    alt_text = forms.CharField(
        label=gettext_lazy("Describe the photo for people who cannot see it"),
        max_length=200,
        required=False,
    )


class ReferenceAssetForm(forms.Form):
    image = forms.FileField(label=gettext_lazy("Reference photo (JPEG, PNG or WebP)"))
    label = forms.CharField(label=gettext_lazy("Label"), max_length=120, required=False)


def _media_context(request, listing: Listing, **forms_):
    is_owner = permissions.is_owner(request.user, listing)
    headshots = list(listing.headshots.all())
    assets = list(listing.reference_assets.all()) if is_owner else []
    return {
        "listing": listing,
        "headshots": headshots,
        "assets": assets,
        # One poll for the whole list while anything is still being prepared; a stuck item
        # waits for "try again" instead of being polled for ever.
        "poll": any(i.is_processing and not i.is_stuck for i in headshots + assets),
        "is_owner": is_owner,
        "headshot_form": forms_.get("headshot_form") or HeadshotForm(),
        "asset_form": forms_.get("asset_form") or ReferenceAssetForm(),
        "max_headshots": services.MAX_HEADSHOTS,
    }


@login_required
def listing_media(request, slug: str):
    listing = managed_listing(request, slug)
    if request.GET.get("partial") == "status" and request.htmx:
        return TemplateResponse(
            request, "actors/listing_media.html#media-lists", _media_context(request, listing)
        )
    return TemplateResponse(request, "actors/listing_media.html", _media_context(request, listing))


def _upload(request, listing, form, service, **kwargs):
    if not form.is_valid():
        return False
    try:
        service(
            listing=listing,
            upload=form.cleaned_data["image"],
            acting_user=request.user,
            **{k: form.cleaned_data[v] for k, v in kwargs.items()},
        )
    except DomainError as exc:
        form.add_error("image", exc.message)
        return False
    return True


@login_required
@require_POST
def headshot_upload(request, slug: str):
    listing = managed_listing(request, slug)
    form = HeadshotForm(request.POST, request.FILES)
    if _upload(request, listing, form, services.headshot_upload, alt_text="alt_text"):
        messages.success(
            request, _("Photo received. It is being prepared; this takes a few seconds.")
        )
        return redirect("listing_media", slug=slug)
    return TemplateResponse(
        request,
        "actors/listing_media.html",
        _media_context(request, listing, headshot_form=form),
        status=400,
    )


@login_required
@require_POST
def reference_asset_upload(request, slug: str):
    listing = managed_listing(request, slug)
    if not permissions.is_owner(request.user, listing):
        raise Http404
    form = ReferenceAssetForm(request.POST, request.FILES)
    if _upload(request, listing, form, services.reference_asset_upload, label="label"):
        messages.success(request, _("Reference photo received and stored privately."))
        return redirect("listing_media", slug=slug)
    return TemplateResponse(
        request,
        "actors/listing_media.html",
        _media_context(request, listing, asset_form=form),
        status=400,
    )


@login_required
def headshot_action(request, slug: str, pk: int, action: str):
    listing = managed_listing(request, slug)
    headshot = get_object_or_404(Headshot, pk=pk, listing=listing)
    if action not in ("primary", "delete"):
        raise Http404
    if request.method != "POST":
        return TemplateResponse(
            request,
            "actors/media_delete_confirm.html",
            {"listing": listing, "item": headshot, "kind": "headshot"},
        )
    try:
        if action == "primary":
            services.headshot_set_primary(headshot=headshot, acting_user=request.user)
        else:
            services.headshot_delete(headshot=headshot, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("listing_media", slug=slug)


def _retried(request, slug: str, retried: bool):
    if retried:
        messages.success(request, _("Trying again. The photo should be ready in a few seconds."))
    else:
        messages.info(
            request,
            _("This photo is already being prepared again, or is ready. Reload in a moment."),
        )
    return redirect("listing_media", slug=slug)


@login_required
@require_POST
def headshot_retry(request, slug: str, pk: int):
    """ "Try again" for a headshot stuck "Preparing…" (its task was lost)."""
    listing = managed_listing(request, slug)
    headshot = get_object_or_404(Headshot, pk=pk, listing=listing)
    retried = services.headshot_retry_processing(headshot=headshot, acting_user=request.user)
    return _retried(request, slug, retried)


@login_required
@require_POST
def reference_asset_retry(request, slug: str, pk: int):
    listing = managed_listing(request, slug)
    asset = get_object_or_404(ReferenceAsset, pk=pk, listing=listing)
    if not permissions.can_view_reference_asset(request.user, asset):
        raise Http404
    retried = services.reference_asset_retry_processing(asset=asset, acting_user=request.user)
    return _retried(request, slug, retried)


@login_required
def reference_asset_delete(request, slug: str, pk: int):
    listing = managed_listing(request, slug)
    asset = get_object_or_404(ReferenceAsset, pk=pk, listing=listing)
    if not permissions.can_view_reference_asset(request.user, asset):
        raise Http404
    if request.method != "POST":
        return TemplateResponse(
            request,
            "actors/media_delete_confirm.html",
            {"listing": listing, "item": asset, "kind": "asset"},
        )
    services.reference_asset_delete(asset=asset, acting_user=request.user)
    messages.success(request, _("Reference photo deleted."))
    return redirect("listing_media", slug=slug)


@never_cache
@login_required
def reference_asset_file(request, pk: int, variant: str):
    """Private likeness data: permission is checked on every request, never cached."""
    asset = get_object_or_404(ReferenceAsset.objects.select_related("listing"), pk=pk)
    if variant not in ("preview", "derivative") or not permissions.can_view_reference_asset(
        request.user, asset
    ):
        raise Http404
    file = getattr(asset, variant)
    if not file:
        raise Http404
    return private_file_response(file.name)


def private_file_response(name: str):
    storage = storages["private"]
    if settings.AWS_STORAGE_BUCKET_NAME:
        return HttpResponseRedirect(storage.url(name))  # presigned, 60 seconds
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.PORTAL_X_ACCEL_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{settings.PORTAL_X_ACCEL_PREFIX.rstrip('/')}/{name}"
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
