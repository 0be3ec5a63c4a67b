"""
Demo data for the creators app: the studio "Lumen Pictures 流明影业" owned by the demo
creator, briefs in every state, pitches to the demo actor (lin-xiaoyu) in several states with
their history and messages, a shortlist and a saved search.

Rows are written directly: this is seed data, not anyone's actions, so no notifications or
audit rows. Each row is found by a natural key first, so a re-run adds nothing; it runs after
the actors seeder (registered first), and skips the pitches if the demo actor is missing.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from actors.choices import ListingStatus
from actors.models import Listing
from creators.choices import BriefStatus as B
from creators.choices import MemberRole, Side, Visibility
from creators.choices import PitchStatus as P
from creators.models import (
    Brief,
    BriefRole,
    BriefScene,
    Pitch,
    PitchEvent,
    PitchMessage,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    Studio,
    StudioMembership,
)
from creators.permissions import ROLE_PERMISSIONS
from creators.states import OPEN_PITCH, PITCH_TRANSITIONS

CREATOR_EMAIL = "creator@example.com"
STUDIO_SLUG = "lumen-pictures"
DEMO_ACTOR_SLUG = "lin-xiaoyu"

_COMMON = {
    "rating": "12",
    "channels": ["short_video", "streaming"],
    "territories": ["CN", "HK"],
    "term_months": 12,
    "ai_tool": "Kling 2.1",
    "ai_method": "reference_only",
    "data_plan": "参考素材加密保存，最后一次渲染后 30 天内删除。References are kept encrypted and "
    "deleted within 30 days of the last render; no model is trained on them.",
    "dialogue": "scripted",
    "budget_min": Decimal("20000"),
    "budget_max": Decimal("60000"),
    "currency": "CNY",
}

# title, status, visibility, genre, format, extra fields, roles (name, description, uses, scenes)
BRIEFS = [
    (
        "长安月下 Moonlight over Chang'an",
        B.PUBLISHED,
        Visibility.OPEN,
        "historical",
        "short_drama",
        {"logline": "A palace musician uncovers a plot in Tang-dynasty Chang'an."},
        [
            (
                "Su Wan 苏婉",
                "The palace musician: quiet, stubborn, brave.",
                ["face", "voice"],
                [
                    "Su Wan plays the pipa at the lantern festival.",
                    "She hides a letter in her sleeve.",
                ],
            ),
            (
                "Princess Lian 莲公主",
                "The emperor's youngest daughter.",
                ["face"],
                ["The princess rides out at dawn."],
            ),
            (
                "Madam Qiao 乔夫人",
                "The head of the music bureau.",
                ["face", "voice"],
                ["Madam Qiao questions Su Wan."],
            ),
        ],
    ),
    (
        "雨巷 The Rain Lane",
        B.PUBLISHED,
        Visibility.PRIVATE,
        "romance",
        "series",
        {"logline": "Two strangers share an umbrella in 1930s Shanghai, every rainy day."},
        [
            (
                "Dr. Ye 叶医生",
                "A young doctor back from abroad.",
                ["face", "voice"],
                ["Dr. Ye opens her clinic in the rain."],
            ),
            (
                "Narrator 旁白",
                "The voice of the older Dr. Ye, looking back.",
                ["voice"],
                ["The narrator introduces the lane."],
            ),
        ],
    ),
    (
        "星河旅人 Star River Traveller",
        B.DRAFT,
        Visibility.OPEN,
        "sci_fi",
        "film",
        {"logline": "A courier crosses the solar system with one last letter."},
        [("Captain Mo 莫船长", "The courier.", ["face", "body"], ["Mo docks at Europa."])],
    ),
    (
        "茶香 Tea Fragrance",
        B.IN_REVIEW,
        Visibility.OPEN,
        "drama",
        "advertisement",
        {"logline": "A tea farmer's daughter returns to the mountain for the spring harvest."},
        [("The Daughter 女儿", "Thirty, a city designer.", ["face"], ["Picking tea at dawn."])],
    ),
    (
        "夜市 Night Market",
        B.RETURNED,
        Visibility.OPEN,
        "comedy",
        "short_drama",
        {
            "logline": "A street-food stall becomes a city sensation overnight.",
            "review_notes": "Scene 2 does not say what the character does on screen. "
            "State whether dialogue is generated live.",
        },
        [("Boss Fang 方老板", "The stall owner.", ["face", "voice"], ["Fang cooks noodles."])],
    ),
    (
        "旧城 The Old Town",
        B.CLOSED,
        Visibility.PRIVATE,
        "drama",
        "film",
        {"logline": "An architect fights to save her grandmother's courtyard house."},
        [("Architect Lu 陆建筑师", "The architect.", ["face"], ["Lu measures the courtyard."])],
    ),
]

# brief title prefix, role prefix, status, awaiting, the history (action, side, note)
_SENT = ("send", Side.STUDIO, "")
_VIEWED = ("view", Side.ACTOR, "")
PITCHES = [
    ("长安月下", "Su Wan", P.SENT, Side.ACTOR, [_SENT]),
    ("长安月下", "Princess Lian", P.VIEWED, Side.ACTOR, [_SENT, _VIEWED]),
    (
        "长安月下",
        "Madam Qiao",
        P.COUNTERED,
        Side.STUDIO,
        [_SENT, _VIEWED, ("counter", Side.ACTOR, "30,000 CNY, 6 months.")],
    ),
    ("雨巷", "Dr. Ye", P.AGREED, Side.ACTOR, [_SENT, _VIEWED, ("agree", Side.ACTOR, "")]),
    (
        "雨巷",
        "Narrator",
        P.DECLINED,
        Side.ACTOR,
        [_SENT, ("decline", Side.ACTOR, "Voice-only work is not for me right now.")],
    ),
]

# Where each action of the history leads: the pitch table's, after the send.
_STATUS_AFTER = {"send": P.SENT, **{a: to for (_s, a), (to, _side) in PITCH_TRANSITIONS.items()}}


def _studio(owner) -> Studio:
    studio, _created = Studio.objects.get_or_create(
        slug=STUDIO_SLUG,
        defaults={
            "name": "Lumen Pictures 流明影业",
            "legal_entity": "上海流明影业有限公司 Shanghai Lumen Pictures Co., Ltd.",
            "country": "China",
            "website": "https://lumen.example.com",
            "description": "AI 短剧工作室。An AI short-drama studio in Shanghai.",
            "created_by": owner,
            "verified_at": timezone.now(),
        },
    )
    StudioMembership.objects.get_or_create(
        studio=studio, user=owner, defaults={"role": MemberRole.OWNER}
    )
    for perm in ROLE_PERMISSIONS["owner"]:
        assign_perm(f"creators.{perm}", owner, studio)
    return studio


def _brief(studio, owner, spec) -> Brief:
    title, status, visibility, genre, fmt, extra, roles = spec
    existing = Brief.objects.filter(studio=studio, title=title).first()
    if existing is not None:
        return existing
    now = timezone.now()
    submitted = status != B.DRAFT
    brief = Brief.objects.create(
        studio=studio,
        created_by=owner,
        title=title,
        synopsis=extra.get("logline", ""),
        genre=genre,
        format=fmt,
        status=status,
        visibility=visibility,
        starts_on=(now + timedelta(days=30)).date(),
        ends_on=(now + timedelta(days=90)).date(),
        submitted_at=now if submitted else None,
        published_at=now if status in (B.PUBLISHED, B.CLOSED) else None,
        **{**_COMMON, **extra},
    )
    for name, description, uses, scenes in roles:
        role = BriefRole.objects.create(
            brief=brief, character_name=name, description=description, use_types=uses
        )
        for number, scene in enumerate(scenes, start=1):
            BriefScene.objects.create(role=role, number=number, description=scene, shot_count=3)
    return brief


def _pitch(role, listing, owner, spec, when) -> None:
    _title, _role, status, awaiting, history = spec
    if Pitch.objects.filter(role=role, listing=listing).exists():
        return
    brief = role.brief
    pitch = Pitch.objects.create(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=brief.studio,
        sent_by=owner,
        status=status,
        use_types=role.use_types,
        scenes=[scene.number for scene in role.scenes.all()],
        estimated_shots=3,
        territories=brief.territories,
        term_months=brief.term_months,
        fee=Decimal("30000"),
        currency=brief.currency,
        ai_method=brief.ai_method,
        message="我们很喜欢您在《长安夜行》中的表演。We loved your work in Chang'an Nights.",
        awaiting=awaiting,
        expires_at=when + timedelta(days=settings.PORTAL_PITCH_ANSWER_DAYS),
        viewed_at=when if status != P.SENT else None,
        closed_at=None if status in OPEN_PITCH else when,
    )
    _history(pitch, history, owner, listing.owner, when)


def _history(pitch, history, studio_user, actor_user, when) -> None:
    offer = {
        "use_types": pitch.use_types,
        "scenes": pitch.scenes,
        "estimated_shots": pitch.estimated_shots,
        "territories": pitch.territories,
        "term_months": pitch.term_months,
        "fee": str(pitch.fee),
        "currency": pitch.currency,
        "ai_method": pitch.ai_method,
        "terms_version": pitch.terms.version,
    }
    previous = ""
    for step, (action, side, note) in enumerate(history):
        to_status = _STATUS_AFTER[action]
        PitchEvent.objects.create(
            pitch=pitch,
            action=action,
            from_status=previous,
            to_status=to_status,
            side=side,
            actor=studio_user if side == Side.STUDIO else actor_user,
            offer=offer,
            note=note,
            created_at=when + timedelta(minutes=10 * step),
        )
        previous = to_status
    PitchMessage.objects.create(
        pitch=pitch, side=Side.STUDIO, author=studio_user, body=pitch.message, created_at=when
    )
    if len(history) > 2:
        PitchMessage.objects.create(
            pitch=pitch,
            side=Side.ACTOR,
            author=actor_user,
            body="谢谢！剧本很有意思。Thank you: the script is lovely.",
            created_at=when + timedelta(minutes=30),
        )


def _shortlist_and_search(studio, owner, listing) -> None:
    shortlist, _created = Shortlist.objects.get_or_create(studio=studio, name="长安 leads")
    others = Listing.objects.filter(status=ListingStatus.LISTED).exclude(slug=DEMO_ACTOR_SLUG)
    candidates = ([listing] if listing else []) + list(others.order_by("id")[:2])
    notes = ["Strong period work; ask about horse riding.", "Good voice.", "Check availability."]
    for candidate, note in zip(candidates, notes, strict=False):
        ShortlistEntry.objects.get_or_create(
            shortlist=shortlist, listing=candidate, defaults={"note": note, "added_by": owner}
        )
    SavedSearch.objects.get_or_create(
        studio=studio,
        user=owner,
        name="古装 leads under 50,000 CNY",
        defaults={"query": "genres=historical&currency=CNY&budget=50000", "alerts": True},
    )


def seed_demo_creators(*, users, actors: int, stdout) -> None:
    """``seed_demo``'s hook for the creators app; runs after the actors seeder."""
    owner = users.get(CREATOR_EMAIL)
    if owner is None:
        return
    with transaction.atomic():
        studio = _studio(owner)
        briefs = {spec[0].split()[0]: _brief(studio, owner, spec) for spec in BRIEFS}
        listing = Listing.objects.filter(slug=DEMO_ACTOR_SLUG, current_terms__isnull=False).first()
        if listing is not None:
            when = timezone.now() - timedelta(days=2)
            for spec in PITCHES:
                role = briefs[spec[0]].roles.filter(character_name__startswith=spec[1]).first()
                if role is not None:
                    _pitch(role, listing, owner, spec, when)
        else:
            stdout.write("No demo actor listing (lin-xiaoyu): demo pitches skipped.")
        _shortlist_and_search(studio, owner, listing)
    stdout.write(f"Demo studio: /studios/{STUDIO_SLUG}/")
