"""
Briefs, their roles and scenes, and their review. Status changes only through creators.states.

A published brief cannot be edited: actors expressed interest in, and pitches quote, exactly what
it said. To change it, close it and write a new one. Drafts and returned briefs are editable;
a brief in review is frozen while staff read it.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.choices import ListingStatus
from actors.models import Listing
from actors.permissions import has_agent_right, is_owner
from creators import states
from creators.choices import BriefStatus, Visibility
from creators.models import Brief, BriefRole, BriefScene, Interest, Studio
from creators.permissions import can_produce
from creators.selectors import studio_producers
from portal.exceptions import DomainError
from portal.services import audit_record, notification_create

BRIEF_FIELDS = [
    "title",
    "logline",
    "synopsis",
    "genre",
    "format",
    "rating",
    "sensitive_content",
    "channels",
    "territories",
    "term_months",
    "ai_tool",
    "ai_method",
    "data_plan",
    "dialogue",
    "starts_on",
    "ends_on",
    "budget_min",
    "budget_max",
    "currency",
    "visibility",
]
#: Must be filled before submitting (sensitive content may rightly be empty: none declared).
REQUIRED_FIELDS = [f for f in BRIEF_FIELDS if f not in ("sensitive_content", "currency")]
ROLE_FIELDS = ["character_name", "description", "use_types"]
EDITABLE = frozenset({BriefStatus.DRAFT, BriefStatus.RETURNED})


class BriefIncomplete(DomainError):
    """Submitting a vague brief: `missing` says exactly what to fill in."""

    def __init__(self, missing: list[str]):
        super().__init__(_("This brief is not specific enough yet."), code="incomplete")
        self.missing = missing


def _lock(brief: Brief) -> Brief:
    return Brief.objects.select_for_update().select_related("studio").get(pk=brief.pk)


def _ensure_editable(brief: Brief) -> None:
    if brief.status not in EDITABLE:
        raise DomainError(
            _("Only a draft or a returned brief can be edited. Close it and write a new one."),
            code="not_editable",
        )


def _ensure_producer(user, studio: Studio) -> None:
    if not can_produce(user, studio):
        raise DomainError(_("Only the studio's producers can do this."), code="forbidden")


def _role_missing(role: BriefRole) -> list[str]:
    name = role.character_name
    missing = []
    if not role.use_types:
        missing.append(_("Role “%(role)s”: choose the use types needed.") % {"role": name})
    scenes = list(role.scenes.all())
    if not scenes:
        missing.append(_("Role “%(role)s”: add at least one scene.") % {"role": name})
    for scene in scenes:
        if not scene.description.strip():
            missing.append(
                _("Role “%(role)s”, scene %(number)s: describe what happens.")
                % {"role": name, "number": scene.number}
            )
    return missing


def brief_missing_parts(*, brief: Brief) -> list[str]:
    """Everything that keeps the brief from being specific enough to consent to, in order."""
    missing = []
    for name in REQUIRED_FIELDS:
        value = getattr(brief, name)
        if value in (None, "", []) or (isinstance(value, str) and not value.strip()):
            label = Brief._meta.get_field(name).verbose_name
            missing.append(_("Fill in “%(field)s”.") % {"field": label})
    if brief.starts_on and brief.ends_on and brief.ends_on < brief.starts_on:
        missing.append(_("Production must end on or after the day it starts."))
    low, high = brief.budget_min, brief.budget_max
    if low is not None and high is not None and low > high:
        missing.append(_("The budget's lower end must not be above its upper end."))
    roles = list(brief.roles.prefetch_related("scenes"))
    if not roles:
        missing.append(_("Add at least one role."))
    for role in roles:
        missing.extend(_role_missing(role))
    return missing


@transaction.atomic
def brief_create(*, studio: Studio, data: dict, acting_user) -> Brief:
    _ensure_producer(acting_user, studio)
    values = {k: v for k, v in data.items() if k in BRIEF_FIELDS}
    brief = Brief.objects.create(studio=studio, created_by=acting_user, **values)
    audit_record(actor=acting_user, action="brief.created", target=brief)
    return brief


@transaction.atomic
def brief_update(*, brief: Brief, data: dict, acting_user) -> Brief:
    brief = _lock(brief)
    _ensure_producer(acting_user, brief.studio)
    _ensure_editable(brief)
    changed = [k for k in BRIEF_FIELDS if k in data and getattr(brief, k) != data[k]]
    for name in changed:
        setattr(brief, name, data[name])
    brief.save()
    audit_record(actor=acting_user, action="brief.updated", target=brief, data={"fields": changed})
    return brief


@transaction.atomic
def brief_role_save(
    *, brief: Brief, data: dict, acting_user, role: BriefRole | None = None, scenes=None
) -> BriefRole:
    """Add a role (role=None) or change one; with `scenes`, its scenes become exactly those."""
    brief = _lock(brief)
    _ensure_producer(acting_user, brief.studio)
    _ensure_editable(brief)
    values = {k: v for k, v in data.items() if k in ROLE_FIELDS}
    if role is None:
        role = BriefRole.objects.create(brief=brief, **values)
    else:
        role = BriefRole.objects.get(pk=role.pk, brief=brief)
        for name, value in values.items():
            setattr(role, name, value)
        role.save()
    if scenes is not None:
        _replace_scenes(role, scenes)
    audit_record(
        actor=acting_user,
        action="brief.role_saved",
        target=brief,
        data={"role": role.pk, "scenes": [row["number"] for row in scenes or []]},
    )
    return role


@transaction.atomic
def brief_role_delete(*, role: BriefRole, acting_user) -> None:
    brief = _lock(role.brief)
    _ensure_producer(acting_user, brief.studio)
    _ensure_editable(brief)
    audit_record(
        actor=acting_user, action="brief.role_deleted", target=brief, data={"role": role.pk}
    )
    role.delete()


def _replace_scenes(role: BriefRole, scenes: list[dict]) -> None:
    """The role's scenes become exactly `scenes` (dicts of number, description, shot_count)."""
    numbers = [row["number"] for row in scenes]
    if len(numbers) != len(set(numbers)):
        raise DomainError(_("Each scene needs its own number."), code="duplicate_scene")
    role.scenes.all().delete()
    BriefScene.objects.bulk_create(
        BriefScene(
            role=role,
            number=row["number"],
            description=row["description"],
            shot_count=row["shot_count"],
        )
        for row in scenes
    )


def _transition(brief: Brief, action: str, acting_user) -> Brief:
    previous = brief.status
    brief.status = states.ensure_brief_transition(brief.status, action)
    audit_record(
        actor=acting_user,
        action=f"brief.{action}",
        target=brief,
        data={"from": previous, "to": brief.status},
    )
    return brief


def _tell_producers(brief: Brief, kind: str, context=None) -> None:
    url = reverse("brief_detail", kwargs={"pk": brief.pk})
    for user in studio_producers(studio=brief.studio):
        notification_create(
            recipient=user,
            kind=kind,
            context={"brief": brief.title, "studio": brief.studio.name, **(context or {})},
            url=url,
        )


@transaction.atomic
def brief_submit(*, brief: Brief, acting_user) -> Brief:
    """Send the brief to staff review; a vague brief is refused with what is missing."""
    brief = _lock(brief)
    _ensure_producer(acting_user, brief.studio)
    states.ensure_brief_transition(brief.status, "submit")
    missing = brief_missing_parts(brief=brief)
    if missing:
        raise BriefIncomplete(missing)
    _transition(brief, "submit", acting_user)
    brief.submitted_at = timezone.now()
    brief.save(update_fields=["status", "submitted_at", "updated_at"])
    return brief


def _ensure_staff(user) -> None:
    if not (user.is_authenticated and user.is_staff):
        raise DomainError(_("Only staff can review briefs."), code="forbidden")


@transaction.atomic
def brief_publish(*, brief: Brief, staff_user) -> Brief:
    _ensure_staff(staff_user)
    brief = _lock(brief)
    _transition(brief, "publish", staff_user)
    brief.published_at = timezone.now()
    brief.review_notes = ""
    brief.save(update_fields=["status", "published_at", "review_notes", "updated_at"])
    _tell_producers(brief, "brief_published")
    return brief


@transaction.atomic
def brief_return(*, brief: Brief, staff_user, reasons: str) -> Brief:
    """Back to the studio with staff's reasons, which the brief page shows until resubmitted."""
    _ensure_staff(staff_user)
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError(_("Say why the brief is returned."), code="reasons_required")
    brief = _lock(brief)
    _transition(brief, "return", staff_user)
    brief.review_notes = reasons
    brief.save(update_fields=["status", "review_notes", "updated_at"])
    _tell_producers(brief, "brief_returned", {"reasons": reasons})
    return brief


@transaction.atomic
def brief_close(*, brief: Brief, acting_user) -> Brief:
    brief = _lock(brief)
    _ensure_producer(acting_user, brief.studio)
    _transition(brief, "close", acting_user)
    brief.save(update_fields=["status", "updated_at"])
    return brief


def can_express_interest_for(*, user, listing: Listing) -> bool:
    return is_owner(user, listing) or has_agent_right(user, listing, "answer_pitches")


@transaction.atomic
def interest_express(*, brief: Brief, listing: Listing, acting_user, note: str = "") -> Interest:
    """An actor (or their agent) tells an open brief's studio they are interested, once."""
    brief = _lock(brief)
    if brief.status != BriefStatus.PUBLISHED or brief.visibility != Visibility.OPEN:
        raise DomainError(_("This brief is not an open casting call."), code="not_open")
    if not can_express_interest_for(user=acting_user, listing=listing):
        raise DomainError(_("You cannot answer for this actor."), code="forbidden")
    if listing.status != ListingStatus.LISTED:
        raise DomainError(_("Only a listed actor can express interest."), code="not_listed")
    if Interest.objects.filter(brief=brief, listing=listing).exists():
        raise DomainError(_("Interest already expressed for this brief."), code="duplicate")
    interest = Interest.objects.create(
        brief=brief, listing=listing, expressed_by=acting_user, note=note
    )
    on_behalf_of = listing.owner if acting_user.pk != listing.owner_id else None
    audit_record(
        actor=acting_user,
        action="brief.interest_expressed",
        target=brief,
        on_behalf_of=on_behalf_of,
        data={"listing": listing.pk},
    )
    _tell_producers(brief, "interest_expressed", {"actor": listing.stage_name, "note": note})
    return interest
