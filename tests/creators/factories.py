"""Studios and briefs in any state, for tests. Plain functions, no magic.

Shared by the studio, brief, pitch and matchmaking tests: keep the signatures stable.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from guardian.shortcuts import assign_perm

from creators.models import Brief, BriefRole, BriefScene, Studio, StudioMembership
from creators.permissions import ROLE_PERMISSIONS
from portal.models import Role
from tests.conftest import make_user

_counter = iter(range(1, 10**6))


def add_member(studio, user, role="producer"):
    """A membership with the guardian permissions its role carries, as the services give."""
    membership = StudioMembership.objects.create(studio=studio, user=user, role=role)
    for perm in ROLE_PERMISSIONS[role]:
        assign_perm(f"creators.{perm}", user, studio)
    return membership


def make_studio(owner=None, *, verified=True, members=(), **fields):
    """
    A studio with an owner (a new creator account unless given). `members` is a mapping or an
    iterable of (user, role) pairs added beside the owner.
    """
    n = next(_counter)
    owner = owner or make_user(f"studio-owner{n}@example.com", roles=[Role.CREATOR])
    now = timezone.now()
    studio = Studio.objects.create(
        name=fields.pop("name", f"Studio {n}"),
        slug=fields.pop("slug", f"studio-{n}"),
        legal_entity=fields.pop("legal_entity", f"Studio {n} Film Co., Ltd."),
        country=fields.pop("country", "China"),
        website=fields.pop("website", "https://studio.example.com"),
        description=fields.pop("description", "Short dramas made with AI tools."),
        created_by=owner,
        verified_at=now if verified else None,
        **fields,
    )
    add_member(studio, owner, "owner")
    pairs = members.items() if hasattr(members, "items") else members
    for user, role in pairs:
        add_member(studio, user, role)
    return studio


DEFAULT_ROLE = {
    "character_name": "Su Wan",
    "description": "A young teacher who returns to her home town in 1930s Shanghai.",
    "use_types": ["face", "voice"],
    "scenes": [
        {"number": 1, "description": "Su Wan arrives at the station in the rain.", "shot_count": 3},
        {"number": 2, "description": "She opens the old school's doors.", "shot_count": 2},
    ],
}


def make_role(brief, *, scenes=None, **fields):
    """A role with scenes (two by default); pass scenes=[] for a role without any."""
    values = {**DEFAULT_ROLE, **fields}
    default_scenes = values.pop("scenes")
    scene_rows = default_scenes if scenes is None else scenes
    role = BriefRole.objects.create(brief=brief, **values)
    for row in scene_rows:
        BriefScene.objects.create(role=role, **row)
    return role


def make_brief(studio=None, *, status="published", visibility="open", roles=None, **fields):
    """
    A complete brief (nothing missing), published and open by default, with one role "Su Wan"
    (face and voice) in two scenes. `roles` is a list of make_role keyword dicts; [] for none.
    """
    studio = studio or make_studio()
    now = timezone.now()
    start = timezone.localdate() + timedelta(days=30)
    values = {
        "title": "The Teacher of Hongkou",
        "logline": "A teacher fights to reopen her school in 1930s Shanghai.",
        "synopsis": "Twelve three-minute episodes about a teacher and her school.",
        "genre": "drama",
        "format": "short_drama",
        "rating": "12",
        "sensitive_content": [],
        "channels": ["short_video", "streaming"],
        "territories": ["CN", "HK"],
        "term_months": 12,
        "ai_tool": "Kling 2.1",
        "ai_method": "reference_only",
        "data_plan": "References kept encrypted, deleted within 30 days of the last render.",
        "dialogue": "scripted",
        "starts_on": start,
        "ends_on": start + timedelta(days=60),
        "budget_min": Decimal("10000"),
        "budget_max": Decimal("50000"),
        "currency": "CNY",
        **fields,
    }
    submitted = status in ("in_review", "published", "returned", "closed")
    brief = Brief.objects.create(
        studio=studio,
        created_by=studio.created_by,
        status=status,
        visibility=visibility,
        submitted_at=values.pop("submitted_at", now if submitted else None),
        published_at=values.pop("published_at", now if status == "published" else None),
        **values,
    )
    for role_fields in [{}] if roles is None else roles:
        make_role(brief, **role_fields)
    return brief
