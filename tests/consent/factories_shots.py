"""Grants in any state, shots and reference assets, for the shot and vault tests. Plain
functions, no magic: a grant is written directly (the grant services have their own tests)."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from guardian.shortcuts import assign_perm
from PIL import Image

from actors.models import MediaStatus, ReferenceAsset
from consent.models import Grant
from consent.services.grants import grant_snapshot_document
from creators.models import Pitch
from portal.canonical import canonical_sha256
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

_counter = iter(range(1, 10**6))

NOT_ALLOWED = {
    "data_mining": "notAllowed",
    "ai_inference": "allowed",
    "ai_generative_training": "notAllowed",
    "ai_training": "notAllowed",
}


class GrantWorld:
    """An active grant between a studio (owner, producer, viewer) and an actor, with an agent
    who may sign for the actor, one who may only answer pitches, and an outsider."""

    def __init__(self, **grant_fields):
        n = next(_counter)
        self.producer = make_user(f"g-producer{n}@example.com", roles=[Role.CREATOR])
        self.viewer = make_user(f"g-viewer{n}@example.com", roles=[Role.CREATOR])
        self.studio = make_studio(members=[(self.producer, "producer"), (self.viewer, "viewer")])
        self.owner = self.studio.created_by
        self.listing = make_listing()
        self.actor = self.listing.owner
        self.signing_agent = make_user(f"g-signer{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.sign_grants", self.signing_agent, self.listing)
        self.answering_agent = make_user(f"g-answerer{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.answer_pitches", self.answering_agent, self.listing)
        self.outsider = make_user(f"g-outsider{n}@example.com", roles=[Role.CREATOR])
        self.grant = make_grant(listing=self.listing, studio=self.studio, **grant_fields)


def make_grant(*, listing=None, studio=None, status="active", **fields) -> Grant:
    listing = listing or make_listing()
    studio = studio or make_studio()
    role = make_brief(studio).roles.get()
    now = timezone.now()
    pitch = Pitch.objects.create(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=studio,
        sent_by=studio.created_by,
        status="agreed",
        use_types=["face", "voice"],
        scenes=[1, 2],
        estimated_shots=3,
        territories=["CN"],
        term_months=12,
        fee=Decimal("6000"),
        currency="CNY",
        ai_method="reference_only",
        expires_at=now + timedelta(days=14),
        closed_at=now,
    )
    snapshot = grant_snapshot_document(pitch=pitch)  # the real document, as signing stores it
    signed = status not in ("awaiting_signature", "lapsed")
    values = {
        "use_types": ["face", "voice"],
        "scenes": [1, 2],
        "max_shots": 3,
        "ai_method": "reference_only",
        "training": dict(NOT_ALLOWED),
        "response_window_hours": 72,
        "term_months": 12,
        "sign_by": now + timedelta(days=7),
        "starts_at": now - timedelta(days=1) if signed else None,
        "ends_at": now + timedelta(days=365) if signed else None,
        "signed_at": now - timedelta(days=1) if signed else None,
        "signed_by": listing.owner if signed else None,
        "suspended_at": now if status == "suspended" else None,
        "ended_at": now if status in ("completed", "expired", "revoked", "lapsed") else None,
        **fields,
    }
    return Grant.objects.create(
        pitch=pitch,
        listing=listing,
        studio=studio,
        role=role,
        terms=listing.current_terms,
        status=status,
        snapshot=snapshot,
        snapshot_sha256=canonical_sha256(snapshot),
        **values,
    )


def jpeg_bytes(colour=(120, 90, 60), size=(320, 240)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def render_upload(colour=(120, 90, 60), name="render.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(colour), content_type="image/jpeg")


def make_asset(listing, *, kind=ReferenceAsset.Kind.PHOTO, status=MediaStatus.READY):
    data = jpeg_bytes((200, 160, 140), (400, 300))
    asset = ReferenceAsset(
        listing=listing, kind=kind, label="Front, neutral light", status=status, sha256="a" * 64
    )
    asset.original.save("ref.jpg", ContentFile(data), save=False)
    asset.save()
    return asset
