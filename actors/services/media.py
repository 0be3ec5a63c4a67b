"""
Headshots (public) and reference assets (private likeness data). Uploads are validated in the
request, so a refused file gets its reason on the form and nothing is stored; the heavy part
(orientation, re-encoding that strips all metadata, the sizes pages use) runs in a worker.
"""

import logging

from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import MEDIA_STUCK_AFTER, Headshot, Listing, MediaStatus, ReferenceAsset
from portal.exceptions import DomainError
from portal.images import ImageRejected, render_derivatives, validate_image
from portal.jobs import enqueue_on_commit
from portal.services import audit_record

logger = logging.getLogger(__name__)

MAX_HEADSHOTS = 8
MAX_REFERENCE_ASSETS = 40
HEADSHOT_SIZES = {"image": 1200, "thumbnail": 360}
REFERENCE_SIZES = {"derivative": 0, "preview": 480}
HEADSHOT_TASK = "actors.tasks.headshot_process"
REFERENCE_TASK = "actors.tasks.reference_asset_process"


def _validated(upload):
    try:
        return validate_image(upload)
    except ImageRejected as exc:
        raise DomainError(exc.message, code=exc.code) from None


@transaction.atomic
def headshot_upload(*, listing: Listing, upload, alt_text: str = "", acting_user) -> Headshot:
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    count = listing.headshots.count()
    if count >= MAX_HEADSHOTS:
        raise DomainError(
            _("A listing has at most %(n)s headshots: delete one first.") % {"n": MAX_HEADSHOTS},
            code="too_many",
        )
    image = _validated(upload)
    headshot = Headshot(
        listing=listing,
        sha256=image.sha256,
        width=image.width,
        height=image.height,
        is_primary=count == 0,
        alt_text=alt_text,
    )
    # The original keeps its metadata (GPS, serials), so it lives in private storage and is
    # never served; only the re-encoded derivatives are public.
    headshot.original.save(f"{image.sha256[:16]}.{image.format.lower()}", upload, save=False)
    headshot.save()
    audit_record(
        actor=acting_user,
        action="headshot.uploaded",
        target=listing,
        on_behalf_of=listing.owner if acting_user.pk != listing.owner_id else None,
        data={"headshot": headshot.pk, "sha256": image.sha256},
    )
    enqueue_on_commit(HEADSHOT_TASK, headshot.pk)
    return headshot


@transaction.atomic
def reference_asset_upload(
    *, listing: Listing, upload, label: str = "", acting_user
) -> ReferenceAsset:
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.reference_assets.count() >= MAX_REFERENCE_ASSETS:
        raise DomainError(
            _("A listing has at most %(n)s reference assets.") % {"n": MAX_REFERENCE_ASSETS},
            code="too_many",
        )
    image = _validated(upload)
    asset = ReferenceAsset(
        listing=listing,
        label=label,
        sha256=image.sha256,
        width=image.width,
        height=image.height,
        created_by=acting_user,
    )
    asset.original.save(f"{image.sha256[:16]}.{image.format.lower()}", upload, save=False)
    asset.save()
    audit_record(
        actor=acting_user,
        action="reference_asset.uploaded",
        target=listing,
        data={"asset": asset.pk, "sha256": image.sha256},
    )
    enqueue_on_commit(REFERENCE_TASK, asset.pk)
    return asset


def _process(model, pk: int, sizes: dict[str, int], storage_name: str) -> bool:
    """Render the derivatives of one upload. Idempotent: a finished item is left alone."""
    item = model.objects.filter(pk=pk, status=MediaStatus.PROCESSING).first()
    if item is None:
        return False
    try:
        with storages["private"].open(item.original.name, "rb") as source:
            files = render_derivatives(source.read(), sizes)
    except ImageRejected as exc:
        model.objects.filter(pk=pk).update(status=MediaStatus.FAILED)
        logger.warning("%s %s failed processing: %s", model.__name__, pk, exc.code)
        return False
    storage = storages[storage_name]
    names = {
        field: storage.save(f"{model._meta.model_name}/{item.sha256[:16]}-{field}.jpg", content)
        for field, content in files.items()
    }
    updated = model.objects.filter(pk=pk, status=MediaStatus.PROCESSING).update(
        status=MediaStatus.READY, **names
    )
    if not updated:  # someone else finished first: keep theirs, drop ours
        for name in names.values():
            storage.delete(name)
    return bool(updated)


def headshot_process(*, headshot_id: int) -> bool:
    return _process(Headshot, headshot_id, HEADSHOT_SIZES, "default")


def reference_asset_process(*, asset_id: int) -> bool:
    return _process(ReferenceAsset, asset_id, REFERENCE_SIZES, "private")


def _retry(model, item, task: str, acting_user, action: str) -> bool:
    """
    Claim a stuck item with one conditional UPDATE (its clock starts again), then publish its
    task after commit. A second click, or one on an item that got done meanwhile, claims
    nothing and publishes nothing; the task itself leaves a finished item alone.
    """
    now = timezone.now()
    claimed = model.objects.filter(
        pk=item.pk, status=MediaStatus.PROCESSING, updated_at__lte=now - MEDIA_STUCK_AFTER
    ).update(updated_at=now)
    if not claimed:
        return False
    audit_record(
        actor=acting_user,
        action=action,
        target=item.listing,
        on_behalf_of=item.listing.owner if acting_user.pk != item.listing.owner_id else None,
        data={"item": item.pk},
    )
    enqueue_on_commit(task, item.pk)
    return True


@transaction.atomic
def headshot_retry_processing(*, headshot: Headshot, acting_user) -> bool:
    """Try again for a headshot stuck "Preparing…". False when there was nothing to retry."""
    return _retry(Headshot, headshot, HEADSHOT_TASK, acting_user, "headshot.processing_retried")


@transaction.atomic
def reference_asset_retry_processing(*, asset: ReferenceAsset, acting_user) -> bool:
    return _retry(
        ReferenceAsset, asset, REFERENCE_TASK, acting_user, "reference_asset.processing_retried"
    )


@transaction.atomic
def headshot_set_primary(*, headshot: Headshot, acting_user) -> Headshot:
    Listing.objects.select_for_update().get(pk=headshot.listing_id)
    if headshot.status != MediaStatus.READY:
        raise DomainError(_("Only a processed headshot can be the primary one."))
    Headshot.objects.filter(listing_id=headshot.listing_id, is_primary=True).update(
        is_primary=False
    )
    Headshot.objects.filter(pk=headshot.pk).update(is_primary=True)
    headshot.is_primary = True
    audit_record(
        actor=acting_user,
        action="headshot.primary_set",
        target=headshot.listing,
        data={"headshot": headshot.pk},
    )
    return headshot


def _delete_files_on_commit(storage_name: str, names: list[str]) -> None:
    storage = storages[storage_name]
    transaction.on_commit(lambda: [storage.delete(n) for n in names if n])


@transaction.atomic
def headshot_delete(*, headshot: Headshot, acting_user) -> None:
    Listing.objects.select_for_update().get(pk=headshot.listing_id)
    was_primary = headshot.is_primary
    _delete_files_on_commit("private", [headshot.original.name])
    _delete_files_on_commit("default", [headshot.image.name, headshot.thumbnail.name])
    listing = headshot.listing
    headshot.delete()
    if was_primary:
        successor = listing.headshots.filter(status=MediaStatus.READY).first()
        if successor:
            Headshot.objects.filter(pk=successor.pk).update(is_primary=True)
    audit_record(actor=acting_user, action="headshot.deleted", target=listing)


@transaction.atomic
def reference_asset_delete(*, asset: ReferenceAsset, acting_user) -> None:
    _delete_files_on_commit(
        "private", [asset.original.name, asset.derivative.name, asset.preview.name]
    )
    listing = asset.listing
    asset.delete()
    audit_record(
        actor=acting_user,
        action="reference_asset.deleted",
        target=listing,
        data={"sha256": asset.sha256},
    )
