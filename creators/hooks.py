"""What the creators app adds to the kernel: header items, dashboard sections, page actions
for actor pages and the directory, demo data.

Each dashboard section costs a fixed, small number of queries whatever the user holds: a
dashboard is opened often, and a member of several studios must not pay per studio.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timesince import timeuntil
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from actors.models import ListingUserObjectPermission
from creators.choices import BriefStatus, PitchStatus, Side
from creators.demo import seed_demo_creators
from creators.models import (
    Brief,
    BriefRole,
    Pitch,
    PitchMessage,
    StudioMembership,
    StudioUserObjectPermission,
)
from creators.states import OPEN_PITCH
from portal.hooks import (
    Fragment,
    NavItem,
    Section,
    Task,
    register_dashboard_section,
    register_demo_seeder,
    register_directory_action,
    register_listing_action,
    register_nav_item,
)
from portal.models import Role
from portal.permissions import is_staff_with_mfa
from portal.text import human_list

DASHBOARD_LIMIT = 10
# A deadline this close is shown as urgent.
URGENT_WITHIN = timedelta(hours=48)

# An actor's page offers at most this many of the producer's roles to pitch them for.
LISTING_ROLES_LIMIT = 20

register_nav_item(
    NavItem(gettext_lazy("My studios"), "studio_list", roles=frozenset({Role.CREATOR}), order=40)
)
register_nav_item(
    NavItem(
        gettext_lazy("Casting calls"),
        "brief_list",
        roles=frozenset({Role.ACTOR, Role.AGENT}),
        order=34,
    )
)
register_nav_item(
    NavItem(
        gettext_lazy("Pitches"), "pitch_inbox", roles=frozenset({Role.ACTOR, Role.AGENT}), order=35
    )
)
register_demo_seeder(seed_demo_creators)


def _counts(rows, labels) -> dict[int, str]:
    """``{studio_id: "2 draft, 1 published"}`` from grouped (studio_id, status, n) rows."""
    by_studio = defaultdict(list)
    for row in rows:
        by_studio[row["studio_id"]].append(
            # Translators: "2 draft"; in Chinese the status comes first (草稿 2).
            gettext("%(n)s %(status)s") % {"n": row["n"], "status": labels(row["status"]).lower()}
        )
    return {studio_id: human_list(parts) for studio_id, parts in by_studio.items()}


def _deadline(expires_at) -> str:
    return _("answer within %(left)s (by %(date)s)") % {
        "left": timeuntil(expires_at),
        "date": date_format(timezone.localtime(expires_at), "SHORT_DATETIME_FORMAT"),
    }


def _studio_tasks(memberships, ids) -> list[Task]:
    """One task a studio: its status and what it holds. Two grouped queries."""
    briefs = _counts(
        Brief.objects.filter(studio_id__in=ids)
        .values("studio_id", "status")
        .annotate(n=Count("id"))
        .order_by("studio_id", "status"),
        lambda s: BriefStatus(s).label,
    )
    pitches = _counts(
        Pitch.objects.filter(studio_id__in=ids)
        .values("studio_id", "status")
        .annotate(n=Count("id"))
        .order_by("studio_id", "status"),
        lambda s: PitchStatus(s).label,
    )
    tasks = []
    for membership in memberships:
        studio = membership.studio
        url = reverse("studio_detail", kwargs={"slug": studio.slug})
        if not studio.is_verified:
            tasks.append(
                Task(
                    _("%(studio)s is waiting for verification") % {"studio": studio.name},
                    url,
                    _("Staff verify a studio before it can pitch. You can write briefs meanwhile."),
                    urgent=True,
                )
            )
        detail = _("Briefs: %(briefs)s. Pitches: %(pitches)s.") % {
            "briefs": briefs.get(studio.pk, _("none")),
            "pitches": pitches.get(studio.pk, _("none")),
        }
        tasks.append(Task(studio.name, url, detail))
    return tasks


def _creator_answers(ids, now) -> list[Task]:
    """Pitches awaiting the studio and briefs staff returned. Two queries."""
    awaiting = (
        Pitch.objects.filter(
            studio_id__in=ids, status__in=OPEN_PITCH, awaiting=Side.STUDIO, expires_at__gt=now
        )
        .select_related("listing", "role")
        .only("pk", "expires_at", "listing__stage_name", "role__character_name")
        .order_by("expires_at")[:DASHBOARD_LIMIT]
    )
    tasks = [
        Task(
            _("%(actor)s countered your pitch for %(role)s")
            % {"actor": pitch.listing.stage_name, "role": pitch.role.character_name},
            reverse("pitch_detail", kwargs={"pk": pitch.pk}),
            _deadline(pitch.expires_at),
            urgent=True,
        )
        for pitch in awaiting
    ]
    returned = Brief.objects.filter(studio_id__in=ids, status=BriefStatus.RETURNED).only(
        "pk", "title", "review_notes"
    )[:DASHBOARD_LIMIT]
    tasks += [
        Task(
            _("Staff returned “%(title)s”: fix it and submit it again") % {"title": brief.title},
            reverse("brief_detail", kwargs={"pk": brief.pk}),
            brief.review_notes,
            urgent=True,
        )
        for brief in returned
    ]
    return tasks


@register_dashboard_section
def creator_section(request):
    user = request.user
    memberships = list(
        StudioMembership.objects.filter(user=user).select_related("studio").order_by("studio__name")
    )
    if not memberships:
        if not user.has_role(Role.CREATOR):
            return None
        tasks = [
            Task(
                _("Create your studio, or ask a studio to invite you"),
                reverse("studio_create"),
                _("Briefs and pitches are written by a studio."),
                urgent=True,
            )
        ]
        return Section(title=_("Your studios"), tasks=tasks, order=30)
    ids = [m.studio_id for m in memberships]
    answers = _creator_answers(ids, timezone.now())
    return Section(
        title=_("Your studios"),
        tasks=[*answers, *_studio_tasks(memberships, ids)],
        order=30,
    )


def _incoming_title(pitch, user) -> str:
    values = {"studio": pitch.studio.name, "role": pitch.role.character_name}
    if pitch.status == PitchStatus.COUNTERED:
        title = _("%(studio)s answered the counter-offer for %(role)s") % values
    elif pitch.status == PitchStatus.SENT:
        title = _("New pitch from %(studio)s for %(role)s") % values
    else:
        title = _("Answer %(studio)s's pitch for %(role)s") % values
    if pitch.listing.owner_id != user.pk:
        title += " · " + _("for %(actor)s") % {"actor": pitch.listing.stage_name}
    return title


@register_dashboard_section
def incoming_pitches_section(request):
    """The actor's, or their agent's, open pitches awaiting an answer, soonest deadline first."""
    user = request.user
    if not (user.has_role(Role.ACTOR) or user.has_role(Role.AGENT)):
        return None
    now = timezone.now()
    # The listings an agent may answer for: the same object permission can_answer_pitch checks.
    represented = ListingUserObjectPermission.objects.filter(
        user=user, permission__codename="answer_pitches"
    ).values("content_object_id")
    pitches = list(
        Pitch.objects.filter(Q(listing__owner=user) | Q(listing_id__in=represented))
        .filter(status__in=OPEN_PITCH, awaiting=Side.ACTOR, expires_at__gt=now)
        .select_related("listing", "studio", "role")
        .only(
            "pk", "status", "expires_at", "listing__stage_name", "listing__owner_id",
            "studio__name", "role__character_name",
        )
        .order_by("expires_at", "pk")[: DASHBOARD_LIMIT + 1]
    )  # fmt: skip
    tasks = [
        Task(
            _incoming_title(pitch, user),
            reverse("pitch_detail", kwargs={"pk": pitch.pk}),
            _deadline(pitch.expires_at),
            urgent=pitch.expires_at - now < URGENT_WITHIN,
        )
        for pitch in pitches[:DASHBOARD_LIMIT]
    ]
    if len(pitches) > DASHBOARD_LIMIT:
        tasks.append(Task(_("See every pitch"), reverse("pitch_inbox")))
    return Section(
        title=_("Pitches waiting for an answer"),
        tasks=tasks,
        order=12,
        empty_text=_("No pitch is waiting for your answer."),
    )


@register_listing_action
def pitch_listing_action(request, listing):
    """
    "Pitch this actor" on their public page: a producer of a verified studio picks one of the
    studio's published roles. Creators only, so other visitors pay no query for it.
    """
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.CREATOR) or not listing.accepts_pitches:
        return None
    if listing.current_terms_id is None or listing.owner_id == user.pk:
        return None
    # Guardian's produce permission is what can_pitch checks; verified studios only.
    producing = StudioUserObjectPermission.objects.filter(
        user=user, permission__codename="produce"
    ).values("content_object_id")
    roles = list(
        BriefRole.objects.filter(
            brief__studio_id__in=producing,
            brief__studio__verified_at__isnull=False,
            brief__status=BriefStatus.PUBLISHED,
        )
        .select_related("brief__studio")
        .annotate(pitched=Exists(Pitch.objects.filter(role=OuterRef("pk"), listing=listing)))
        .order_by("brief__studio__name", "-brief__created_at", "pk")[: LISTING_ROLES_LIMIT + 1]
    )
    if not roles:
        return None
    context = {
        "listing": listing,
        "roles": roles[:LISTING_ROLES_LIMIT],
        "more": len(roles) > LISTING_ROLES_LIMIT,
    }
    return Fragment("creators/_listing_pitch.html", context)


def _search_query(request) -> str:
    """The directory's current search as a query string, without the page or empty fields."""
    pairs = [
        (key, value)
        for key, values in request.GET.lists()
        if key != "page"
        for value in values
        if value.strip()
    ]
    return urlencode(pairs)


@register_directory_action
def save_search_action(request):
    """A "Save this search" link per studio of a creator, once the directory has a search."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.CREATOR):
        return None
    query = _search_query(request)
    if not query:
        return None
    memberships = StudioMembership.objects.filter(user=user).select_related("studio")
    search = urlencode({"query": query})
    links = [
        (m.studio, reverse("saved_search_list", kwargs={"slug": m.studio.slug}) + "?" + search)
        for m in memberships.order_by("studio__name")
    ]
    if not links:
        return None
    return Fragment("creators/_directory_save.html", {"links": links})


# --- staff: pitch messages the contact filter held (security finding 5, issue 13) -----------


@register_dashboard_section
def held_messages_section(request):
    """Held messages wait for staff; without this nobody would know they are there."""
    if not request.user.is_staff or not is_staff_with_mfa(request):
        return None
    held = PitchMessage.objects.filter(moderation=PitchMessage.Moderation.HELD).count()
    if not held:
        return None
    url = (
        reverse("admin:creators_pitchmessage_changelist")
        + "?"
        + urlencode({"moderation__exact": PitchMessage.Moderation.HELD})
    )
    title = ngettext(
        "%(count)s pitch message held for review",
        "%(count)s pitch messages held for review",
        held,
    ) % {"count": held}
    return Section(
        title=_("Moderation"),
        tasks=[Task(title, url, _("Release or reject them in the admin."), urgent=True)],
        order=5,
    )
