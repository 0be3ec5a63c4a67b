"""
Demo shots and vault data, on the grants seeder's active grant for the demo actor: one shot
approved, one rejected with a reason, one awaiting the actor's answer, and a reference photo the
studio can open as a marked copy. Through the services (hashes, ledger entries, the approval
receipt). Idempotent: nothing happens once the grant has shots. Runs after seed_demo_consent.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from actors.models import Listing
from actors.services import media as media_services
from consent.choices import GrantStatus
from consent.models import Grant, Shot
from consent.permissions import can_submit_shot
from consent.services import shots as services
from creators.models import StudioMembership

ACTOR_EMAIL = "actor@example.com"
SHOTS = [
    ((92, 108, 140), "雨中车站，苏婉撑伞下车。Su Wan steps off the train in the rain."),
    ((150, 120, 90), "旧校门推开，灰尘在光里飘。The school doors open onto dusty light."),
    ((70, 90, 80), "夜里灯下备课的特写。Close-up: preparing lessons by lamplight."),
]


def _picture(colour, label: str, name: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (960, 540), colour)
    ImageDraw.Draw(image).text(
        (40, 460), label, fill=(255, 255, 255), font=ImageFont.load_default(size=36)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _producer(grant: Grant):
    members = StudioMembership.objects.filter(studio=grant.studio).select_related("user")
    return next((m.user for m in members if can_submit_shot(m.user, grant)), None)


def seed_demo_shots(*, users, actors: int, stdout) -> None:
    listing = Listing.objects.filter(owner__email=ACTOR_EMAIL).select_related("owner").first()
    grant = (
        Grant.objects.filter(listing=listing, status=GrantStatus.ACTIVE)
        .select_related("studio", "listing__owner")
        .first()
        if listing
        else None
    )
    if grant is None or Shot.objects.filter(grant=grant).exists():
        return
    producer = _producer(grant)
    if producer is None:
        return
    actor = listing.owner
    asset = None
    with transaction.atomic():
        shots = [
            services.shot_submit(
                grant=grant,
                scene=grant.scenes[i % len(grant.scenes)],
                description=text,
                direction=f"Reference-only generation, photos 1-3, 16:9. {text}",
                upload=_picture(colour, f"Portrait demo shot {i + 1}", f"shot-{i + 1}.jpg"),
                acting_user=producer,
            )
            for i, (colour, text) in enumerate(SHOTS[: max(1, min(3, grant.max_shots))])
        ]
        services.shot_approve(shot=shots[0], acting_user=actor)
        if len(shots) > 1:
            services.shot_reject(
                shot=shots[1], acting_user=actor, reason="光线太暗，表情不像我。Too dark; not me."
            )
        if not listing.reference_assets.exists():
            asset = media_services.reference_asset_upload(
                listing=listing,
                upload=_picture((200, 170, 150), "Reference: front, neutral", "reference.jpg"),
                label="正面，自然光 Front, natural light",
                acting_user=actor,
            )
    # The previews and the reference copy would be made by the worker; the demo needs them now.
    for shot in shots:
        services.shot_render_preview(shot_id=shot.pk)
    if asset is not None:
        media_services.reference_asset_process(asset_id=asset.pk)
    stdout.write(f"Demo shots: /grants/{grant.pk}/shots/ (approved, rejected, pending)")
