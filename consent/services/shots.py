"""
Shots: the studio submits each render for the actor's approval; the actor (or an agent holding
the ``sign_grants`` right) approves, rejects with a reason, or asks for changes. An approval is
bound to the SHA-256 of the exact bytes submitted: a changed render is a new submission.

Locking: every write locks the grant row first, then the shot. Grant-ending services (revoke,
expire, complete, lapse) lock the same grant row and call `shots_void_for_grant` inside their
transaction, so an approval and a revocation of the same grant serialize: either the approval
is recorded before the grant ended, or it is refused.

Every step appends a ledger entry; an approval issues a "shot_approval" receipt. The expiry
sweep is set-based (see `shots_expire_due`).
"""

from datetime import timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import ListingUserObjectPermission
from consent.choices import ShotStatus
from consent.models import Grant, Shot, ShotEvent, VaultCopy
from consent.permissions import can_decide_shot, can_submit_shot
from consent.selectors import grant_in_force
from consent.services.grants import studio_producers
from consent.states import (
    SHOT_COUNTED,
    SHOT_REASON_REQUIRED,
    SIGNER,
    SYSTEM,
    ensure_shot_transition,
)
from portal.canonical import sha256_hex
from portal.exceptions import DomainError
from portal.images import ImageRejected, validate_image
from portal.jobs import enqueue_on_commit
from portal.ledger import ledger_append
from portal.receipts import receipt_issue
from portal.services import audit_record, notification_create

NOTIFY_STUDIO = {
    "approve": "shot_approved",
    "reject": "shot_rejected",
    "request_changes": "shot_changes_requested",
}
#: How long before its due time a signer is reminded of an unanswered shot.
REMIND_BEFORE = timedelta(hours=12)


# --- who hears about it ---------------------------------------------------------------------


def shot_signers(*, grant: Grant) -> list:
    """Whoever may decide on the grant's shots: the actor and agents with the sign right."""
    listing = grant.listing
    agents = ListingUserObjectPermission.objects.filter(
        content_object=listing, permission__codename="sign_grants", user__is_active=True
    ).select_related("user")
    return [listing.owner, *(p.user for p in agents if p.user_id != listing.owner_id)]


def _shots_url(grant: Grant) -> str:
    return reverse("grant_shots", kwargs={"pk": grant.pk})


def _notify(recipients, *, kind: str, grant: Grant, context: dict) -> None:
    for user in recipients:
        notification_create(
            recipient=user,
            kind=kind,
            context={
                "grant": grant.pk,
                "stage_name": grant.listing.stage_name,
                "studio": grant.studio.name,
                **context,
            },
            url=_shots_url(grant),
        )


# --- locks ----------------------------------------------------------------------------------


def _lock(shot: Shot) -> tuple[Grant, Shot]:
    """The grant first, then the shot: the order every consent write takes."""
    grant = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("listing__owner", "studio")
        .get(pk=shot.grant_id)
    )
    shot = Shot.objects.select_for_update().get(pk=shot.pk)
    shot.grant = grant
    return grant, shot


def _validated(upload):
    try:
        return validate_image(upload)
    except ImageRejected as exc:
        raise DomainError(exc.message, code=exc.code) from None


def _on_behalf_of(user, grant: Grant):
    return grant.listing.owner if user is not None and user.pk != grant.listing.owner_id else None


# --- the one writer of Shot.status ----------------------------------------------------------


def shot_transition(
    *, shot: Shot, action: str, by: str, acting_user=None, reason: str = "", now=None
) -> Shot:
    """Move a LOCKED shot through the table, with its history row. Callers hold the grant and
    shot locks (see `_lock`) and have checked who is acting."""
    now = now or timezone.now()
    source = shot.status
    target = ensure_shot_transition(source, action, by=by)
    shot.status = target
    shot.decided_at = now
    shot.decided_by = acting_user if by == SIGNER else None
    shot.reason = reason
    shot.save(update_fields=["status", "decided_at", "decided_by", "reason", "updated_at"])
    ShotEvent.objects.create(
        shot=shot,
        action=action,
        from_status=source,
        to_status=target,
        actor=acting_user,
        on_behalf_of=_on_behalf_of(acting_user, shot.grant) if acting_user else None,
        reason=reason,
        created_at=now,
    )
    return shot


# --- submit ---------------------------------------------------------------------------------


@transaction.atomic
def shot_submit(
    *,
    grant: Grant,
    scene: int,
    description: str,
    direction: str,
    upload,
    acting_user,
    replaces: Shot | None = None,
) -> Shot:
    grant = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("listing__owner", "studio")
        .get(pk=grant.pk)
    )
    if not can_submit_shot(acting_user, grant):
        raise DomainError(_("Only the studio's producers can submit shots."), code="forbidden")
    now = timezone.now()
    _check_can_take_shot(grant, scene=scene, now=now)
    if replaces is not None and replaces.grant_id != grant.pk:
        raise DomainError(_("A shot can only replace one of the same grant."), code="replaces")
    image = _validated(upload)
    shot = Shot(
        grant=grant,
        scene=scene,
        description=description,
        direction=direction,
        render_sha256=image.sha256,
        width=image.width,
        height=image.height,
        replaces=replaces,
        submitted_by=acting_user,
        due_at=now + timedelta(hours=grant.response_window_hours),
        created_at=now,
    )
    shot.render.save(f"{image.sha256[:16]}.{image.format.lower()}", upload, save=False)
    shot.save()
    ShotEvent.objects.create(
        shot=shot, action="submit", to_status=shot.status, actor=acting_user, created_at=now
    )
    ledger_append(
        event_type="shot.submitted",
        subject=shot,
        payload={
            "grant": grant.pk,
            "scene": scene,
            "render_sha256": image.sha256,
            "due_at": shot.due_at.isoformat(),
        },
        actor=acting_user,
    )
    audit_record(actor=acting_user, action="shot.submitted", target=shot)
    _notify(
        shot_signers(grant=grant), kind="shot_submitted", grant=grant, context={"shot": shot.pk}
    )
    enqueue_on_commit("consent.tasks.shot_render_preview", shot.pk)
    return shot


def _check_can_take_shot(grant: Grant, *, scene: int, now) -> None:
    if not grant_in_force(grant=grant, now=now):
        raise DomainError(
            _("This grant is not in force, so it takes no shots."), code="grant_not_in_force"
        )
    if scene not in grant.scenes:
        raise DomainError(_("Choose one of the scenes the grant covers."), code="scene")
    # Pending requests past their due time have expired (the clock decides, not the sweep).
    used = (
        grant.shots.filter(status__in=SHOT_COUNTED)
        .exclude(status=ShotStatus.PENDING, due_at__lte=now)
        .count()
    )
    if used >= grant.max_shots:
        raise DomainError(
            _("This grant allows %(n)s shots, and all of them are approved or awaiting an answer.")
            % {"n": grant.max_shots},
            code="max_shots",
        )


# --- decide ---------------------------------------------------------------------------------


@transaction.atomic
def shot_decide(*, shot: Shot, action: str, acting_user, reason: str = "") -> Shot:
    """Approve, reject or ask for changes. Refused once the request has expired by the clock
    or the grant is no longer in force."""
    grant, shot = _lock(shot)
    if not can_decide_shot(acting_user, grant):
        raise DomainError(
            _("Only the actor, or an agent who may sign for them, decides on shots."),
            code="forbidden",
        )
    now = timezone.now()
    reason = (reason or "").strip()
    # The grant first: once it ended (its open shots voided with it), that is the reason.
    if not grant_in_force(grant=grant, now=now):
        raise DomainError(
            _("The grant is no longer in force, so its shots can't be approved."),
            code="grant_not_in_force",
        )
    if shot.status == ShotStatus.PENDING and shot.due_at <= now:
        raise DomainError(_("This request has expired: nobody answered in time."), code="expired")
    if action in SHOT_REASON_REQUIRED and not reason:
        raise DomainError(_("Say why, so the studio knows what to change."), code="reason")
    shot = shot_transition(
        shot=shot, action=action, by=SIGNER, acting_user=acting_user, reason=reason, now=now
    )
    entry = ledger_append(
        event_type=f"shot.{shot.status}",
        subject=shot,
        payload={"grant": grant.pk, "render_sha256": shot.render_sha256, "action": action},
        actor=acting_user,
        on_behalf_of=_on_behalf_of(acting_user, grant),
    )
    if action == "approve":
        receipt = receipt_issue(
            kind="shot_approval", subject=shot, document=_receipt_document(shot), ledger_entry=entry
        )
        shot.receipt_id = receipt.id
        shot.save(update_fields=["receipt_id", "updated_at"])
    audit_record(
        actor=acting_user,
        action=f"shot.{action}",
        target=shot,
        on_behalf_of=_on_behalf_of(acting_user, grant),
    )
    _notify(
        studio_producers(studio=grant.studio),
        kind=NOTIFY_STUDIO[action],
        grant=grant,
        context={"shot": shot.pk, "reason": reason},
    )
    return shot


def shot_approve(*, shot: Shot, acting_user) -> Shot:
    return shot_decide(shot=shot, action="approve", acting_user=acting_user)


def shot_reject(*, shot: Shot, acting_user, reason: str) -> Shot:
    return shot_decide(shot=shot, action="reject", acting_user=acting_user, reason=reason)


def shot_request_changes(*, shot: Shot, acting_user, reason: str) -> Shot:
    return shot_decide(shot=shot, action="request_changes", acting_user=acting_user, reason=reason)


def _receipt_document(shot: Shot) -> dict:
    grant = shot.grant
    return {
        "actor": grant.listing.stage_name,
        "studio": grant.studio.name,
        "grant": grant.pk,
        "grant_receipt": grant.receipt_id,
        "scene": shot.scene,
        "render_sha256": shot.render_sha256,
        "approved_at": shot.decided_at.isoformat(),
        "covers": "the render with this SHA-256 only, while the grant is in force",
        "grant_valid_until": grant.ends_at.isoformat() if grant.ends_at else None,
    }


# --- ending with the grant ------------------------------------------------------------------


def shots_void_for_grant(*, grant: Grant, acting_user=None) -> int:
    """Called by every service that ends a grant, inside its transaction with the grant row
    locked. Open requests past their due time are recorded as expired, the rest voided; the
    grant's vault copies are deleted. Approvals stay as the record of what was approved and stop
    covering anything because their grant is no longer in force."""
    now = timezone.now()
    expired = shots_expire_due(now=now, grant=grant)
    pending = list(Shot.objects.filter(grant=grant, status=ShotStatus.PENDING).order_by("pk"))
    for shot in pending:
        shot.grant = grant
        shot_transition(shot=shot, action="void", by=SYSTEM, now=now)
    if pending:
        ledger_append(
            event_type="shots.voided",
            subject=grant,
            payload={"grant": grant.pk, "shots": [s.pk for s in pending], "at": now.isoformat()},
            actor=acting_user,
        )
    vault_copies_delete(grant=grant)
    return expired + len(pending)


def vault_copies_delete(*, grant: Grant) -> int:
    copies = list(VaultCopy.objects.filter(grant=grant))
    names = [c.file.name for c in copies if c.file]
    if names:
        from django.core.files.storage import storages

        storage = storages["private"]
        transaction.on_commit(lambda: [storage.delete(n) for n in names])
    VaultCopy.objects.filter(pk__in=[c.pk for c in copies]).delete()
    return len(copies)


# --- the clock: expiry sweep ----------------------------------------------------------------
#
# The sweep only RECORDS what the clock already decided (every read and write compares due_at
# with now). It is set-based so that it keeps up at scale: one UPDATE claims the due requests,
# their history rows and the studio notices are written with INSERT ... SELECT, and the ledger
# gets ONE entry for the batch (count, first and last id, and the SHA-256 of the sorted ids
# joined by commas). A hash chain can't be extended row by row at 100,000 rows a run within a
# small multiple of a raw UPDATE, so the batch entry is what the chain proves; the per-shot
# history is in consent_shotevent. Running it twice does nothing the second time.


def shots_expire_due(*, now=None, grant: Grant | None = None) -> int:
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            count, first, last, digest = _expire_postgresql(now, grant)
        else:
            count, first, last, digest = _expire_portable(now, grant)
        if count:
            ledger_append(
                event_type="shots.expired",
                subject=grant,
                subject_type="" if grant else "consent.shot",
                payload={
                    "count": count,
                    "first_id": first,
                    "last_id": last,
                    "ids_sha256": digest,
                    "at": now.isoformat(),
                },
            )
    return count


def _notice_sql(rows: str) -> str:
    """Studio producers hear once per grant and sweep, not once per shot."""
    prefix, suffix = reverse("grant_shots", kwargs={"pk": 999999999}).split("999999999")
    json = "json_build_object" if connection.vendor == "postgresql" else "json_object"
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    concat = f"'{prefix}' || e.grant_id || '{suffix}'"
    # Every interpolated piece is a constant of this module or a URL from reverse(): no input.
    return f"""
        INSERT INTO portal_notification
            (recipient_id, kind, context, url, created_at, status, attempts, next_attempt_at,
             last_error)
        SELECT m.user_id, 'shots_expired', {json}('grant', e.grant_id, 'count', COUNT(*)){cast},
               {concat}, %(now)s, 'pending', 0, %(now)s, ''
        FROM {rows} e
        JOIN consent_grant g ON g.id = e.grant_id
        JOIN creators_studiomembership m
             ON m.studio_id = g.studio_id AND m.role IN ('owner', 'producer')
        JOIN portal_user u ON u.id = m.user_id AND u.is_active
        GROUP BY m.user_id, e.grant_id
    """  # noqa: S608


_EVENT_COLUMNS = "(shot_id, action, from_status, to_status, reason, created_at)"


def _expire_postgresql(now, grant):
    """One statement: the UPDATE's RETURNING feeds the history rows, the notices and the
    batch summary through data-modifying CTEs."""
    where = "AND grant_id = %(grant)s" if grant else ""
    sql = f"""
        WITH expired_now AS (
            UPDATE consent_shot SET status = 'expired', decided_at = %(now)s, updated_at = %(now)s
            WHERE status = 'pending' AND due_at <= %(now)s {where}
            RETURNING id, grant_id
        ), events AS (
            INSERT INTO consent_shotevent {_EVENT_COLUMNS}
            SELECT id, 'expire', 'pending', 'expired', '', %(now)s FROM expired_now
        ), notices AS ({_notice_sql("expired_now")})
        SELECT COUNT(*), MIN(id), MAX(id),
               encode(sha256(convert_to(COALESCE(string_agg(id::text, ',' ORDER BY id), ''),
                                        'UTF8')), 'hex')
        FROM expired_now
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"now": now, "grant": grant.pk if grant else None})
        return cursor.fetchone()


def _expire_portable(now, grant):
    """SQLite has no data-modifying CTEs, but it also runs one writer at a time: the same rows
    are selected by the same condition in each statement of this transaction."""
    where = "status = 'pending' AND due_at <= %(now)s"
    if grant:
        where += " AND grant_id = %(grant)s"
    # Raw SQL bypasses the ORM's conversion: store the time exactly as DateTimeField does.
    params = {
        "now": connection.ops.adapt_datetimefield_value(now),
        "grant": grant.pk if grant else None,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM consent_shot WHERE {where} ORDER BY id", params)  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return 0, None, None, None
        due = f"(SELECT id, grant_id FROM consent_shot WHERE {where})"  # noqa: S608
        cursor.execute(
            f"INSERT INTO consent_shotevent {_EVENT_COLUMNS} "  # noqa: S608
            f"SELECT id, 'expire', 'pending', 'expired', '', %(now)s FROM {due}",
            params,
        )
        cursor.execute(_notice_sql(due), params)
        cursor.execute(
            f"UPDATE consent_shot SET status = 'expired', decided_at = %(now)s, "  # noqa: S608
            f"updated_at = %(now)s WHERE {where}",
            params,
        )
    digest = sha256_hex(",".join(map(str, ids)).encode())
    return len(ids), ids[0], ids[-1], digest


# --- reminders ------------------------------------------------------------------------------


@transaction.atomic
def shots_remind_due(*, now=None) -> int:
    """Tell the signers, once, about requests due within REMIND_BEFORE. One notice per grant."""
    now = now or timezone.now()
    soon = Shot.objects.filter(
        status=ShotStatus.PENDING,
        reminded_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + REMIND_BEFORE,
    )
    by_grant: dict[int, int] = {}
    for grant_id in soon.values_list("grant_id", flat=True):
        by_grant[grant_id] = by_grant.get(grant_id, 0) + 1
    if not by_grant:
        return 0
    count = soon.update(reminded_at=now)
    for grant in Grant.objects.filter(pk__in=by_grant).select_related("listing__owner", "studio"):
        _notify(
            shot_signers(grant=grant),
            kind="shots_expiring",
            grant=grant,
            context={"count": by_grant[grant.pk]},
        )
    return count


# --- the preview both sides look at ---------------------------------------------------------


def shot_render_preview(*, shot_id: int) -> bool:
    """Re-encode the render for the review page (pixels only, upright, 1280 px). Idempotent: a
    shot that has its preview is left alone. The approval is about the submitted bytes, whose
    hash the page shows; the preview is only how people see them."""
    from django.core.files.storage import storages

    from portal.images import render_derivatives

    shot = Shot.objects.filter(pk=shot_id, preview="").first()
    if shot is None:
        return False
    storage = storages["private"]
    with storage.open(shot.render.name, "rb") as source:
        files = render_derivatives(source.read(), {"preview": 1280})
    name = storage.save(f"shots/previews/{shot.render_sha256[:16]}.jpg", files["preview"])
    if not Shot.objects.filter(pk=shot_id, preview="").update(preview=name):
        storage.delete(name)
        return False
    return True
