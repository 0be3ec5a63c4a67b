"""
The vault under a grant: while a grant is in force, and only for the use types it covers, the
studio's members see the actor's reference assets as copies made for that studio and grant
(a visible mark, and XMP naming the grant and stating whether data mining and AI training are
allowed). Access is decided on every request against the grant's state and the clock; every
view or download is logged, appended to the ledger, and shown to the actor.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone

from actors.models import MediaStatus, ReferenceAsset
from consent.choices import VaultAccessKind
from consent.models import Grant, VaultAccess, VaultCopy
from consent.permissions import can_use_vault
from consent.selectors import grant_in_force
from portal.canonical import sha256_hex
from portal.exceptions import DomainError
from portal.images import render_marked, xmp_packet
from portal.ledger import ledger_append

#: Which reference assets each use type opens. Photos serve the visual uses; voice samples the
#: voice use (no voice samples can be uploaded yet, so none are served today).
USE_ASSET_KINDS = {
    "face": ReferenceAsset.Kind.PHOTO,
    "body": ReferenceAsset.Kind.PHOTO,
    "digital_double": ReferenceAsset.Kind.PHOTO,
    "de_ageing": ReferenceAsset.Kind.PHOTO,
    "voice": ReferenceAsset.Kind.VOICE,
}
#: The asset kinds the vault can make marked copies of.
SERVABLE_KINDS = frozenset({ReferenceAsset.Kind.PHOTO})


def vault_asset_kinds(*, grant: Grant) -> set[str]:
    return {USE_ASSET_KINDS[u] for u in grant.use_types or () if u in USE_ASSET_KINDS}


def vault_assets(*, grant: Grant, now=None):
    """The assets the grant opens right now: none unless it is in force."""
    if not grant_in_force(grant=grant, now=now):
        return ReferenceAsset.objects.none()
    kinds = vault_asset_kinds(grant=grant) & SERVABLE_KINDS
    return ReferenceAsset.objects.filter(
        listing_id=grant.listing_id, kind__in=kinds, status=MediaStatus.READY
    ).order_by("created_at", "pk")


def vault_may_access(*, user, grant: Grant, asset: ReferenceAsset, now=None) -> bool:
    """The whole decision, read from the grant and the clock: a page and an API call it alike."""
    return (
        can_use_vault(user, grant)
        and grant_in_force(grant=grant, now=now)
        and asset.listing_id == grant.listing_id
        and asset.kind in vault_asset_kinds(grant=grant) & SERVABLE_KINDS
        and asset.status == MediaStatus.READY
    )


# --- what the copy says about training ------------------------------------------------------


def plus_data_mining(*, training: dict | None) -> str:
    """The PLUS ``DataMining`` value for a grant's CAWG training choices. Anything that is not
    "allowed" counts as not allowed, so a missing or odd value never opens anything."""
    training = training or {}
    if any(training.get(use) == "constrained" for use in training):
        return "DMI-PROHIBITED-SEECONSTRAINT"
    allowed = {use for use, value in training.items() if value == "allowed"}
    if "data_mining" not in allowed:
        return "DMI-PROHIBITED"
    if "ai_training" not in allowed:
        return "DMI-PROHIBITED-AIMLTRAINING"
    if "ai_generative_training" not in allowed:
        return "DMI-PROHIBITED-GENAIMLTRAINING"
    return "DMI-ALLOWED"


def vault_mark(*, grant: Grant) -> str:
    # The slug, not the name: the mark's font is Latin-only, and slugs are.
    return f"Portrait · grant {grant.pk} · {grant.studio.slug}"


def _xmp(grant: Grant, data_mining: str) -> bytes:
    constraints = ""
    if data_mining == "DMI-PROHIBITED-SEECONSTRAINT":
        constraints = (
            f"Data mining and AI training only as constrained by Portrait consent grant "
            f"{grant.pk}; see its receipt."
        )
    return xmp_packet(
        data_mining=data_mining,
        identifier=f"portrait:grant:{grant.pk}",
        rights=(
            f"Reference likeness licensed to {grant.studio.slug} under Portrait consent grant "
            f"{grant.pk} only, while that grant is in force."
        ),
        description=f"Portrait consent grant {grant.pk}; receipt {grant.receipt_id or '-'}",
        other_constraints=constraints,
    )


def vault_copy_get(*, grant: Grant, asset: ReferenceAsset) -> VaultCopy:
    """The asset's copy for this grant, made on first use. Callers decide access first."""
    existing = VaultCopy.objects.filter(grant=grant, asset=asset).first()
    if existing is not None:
        return existing
    data_mining = plus_data_mining(training=grant.training)
    with storages["private"].open(asset.original.name, "rb") as source:
        data = render_marked(
            source.read(), mark=vault_mark(grant=grant), xmp=_xmp(grant, data_mining)
        )
    copy = VaultCopy(grant=grant, asset=asset, sha256=sha256_hex(data), data_mining=data_mining)
    copy.file.save(f"{grant.pk}/{asset.pk}-{copy.sha256[:16]}.jpg", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError:  # made by a concurrent request: keep theirs
        storages["private"].delete(copy.file.name)
        return VaultCopy.objects.get(grant=grant, asset=asset)
    return copy


@transaction.atomic
def vault_access_record(
    *, grant: Grant, asset: ReferenceAsset, user, kind: str = VaultAccessKind.VIEW
) -> VaultAccess:
    """Check again under a shared lock on the grant and log the access. A revocation commits
    before or after this; never in between, so no access is logged under an ended grant."""
    grant = (
        Grant.objects.select_for_update(of=("self",), no_key=True)
        .select_related("studio", "listing")
        .get(pk=grant.pk)
    )
    now = timezone.now()
    if not vault_may_access(user=user, grant=grant, asset=asset, now=now):
        raise DomainError("vault access refused", code="forbidden")
    access = VaultAccess.objects.create(
        grant=grant, asset=asset, asset_sha256=asset.sha256, user=user, kind=kind, at=now
    )
    ledger_append(
        event_type="vault.downloaded" if kind == VaultAccessKind.DOWNLOAD else "vault.viewed",
        subject=grant,
        payload={"grant": grant.pk, "asset_sha256": asset.sha256, "access": access.pk},
        actor=user,
    )
    return access
