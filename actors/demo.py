"""
Demo data: the demo actor's own listing, and generated listed actors for a directory worth
browsing (60 on every DEBUG demo run) or for scale tests (``seed_demo --actors 100000``).

Generated actors are bulk inserted, not made through the listing services: 100,000 of them
must take well under two minutes. Each is derived from its number alone (a seeded RNG), so a
re-run recreates nothing and tops up only the numbers that are missing. Their accounts have
unusable passwords and ``gen-<n>@example.invalid`` addresses, which is how they are found.
"""

import hashlib
import random
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import reset_queries, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from actors.choices import (
    Currency,
    Format,
    Genre,
    Language,
    ListingStatus,
    Permission,
    RedLine,
    Territory,
    UseType,
)
from actors.models import Headshot, Listing, ListingPrivate, MediaStatus, Terms
from actors.search import listing_search_fields
from portal.models import Role, User, UserRole

GENERATED_PREFIX = "gen-"
GENERATED_DOMAIN = "@example.invalid"
DEMO_MIN_GENERATED = 60  # enough for a few pages of directory on `make run`
BATCH_SIZE = 2000


def _words(text: str) -> list[str]:
    """Long word lists stay readable as one string each."""
    return text.split()


def _pairs(text: str) -> list[tuple[str, str]]:
    """``"王:Wang 李:Li"``: characters and their pinyin, so a Chinese name gets a Latin slug."""
    return [tuple(pair.split(":", 1)) for pair in text.split()]


SURNAMES = _pairs(
    "王:Wang 李:Li 张:Zhang 刘:Liu 陈:Chen 杨:Yang 黄:Huang 赵:Zhao 吴:Wu 周:Zhou 徐:Xu "
    "孙:Sun 马:Ma 朱:Zhu 胡:Hu 郭:Guo 何:He 林:Lin 罗:Luo 高:Gao 梁:Liang 郑:Zheng 谢:Xie "
    "宋:Song 唐:Tang 韩:Han 冯:Feng 邓:Deng 曹:Cao 彭:Peng 曾:Zeng 肖:Xiao 田:Tian 董:Dong "
    "袁:Yuan 潘:Pan 蒋:Jiang 蔡:Cai 余:Yu 杜:Du 叶:Ye 程:Cheng 苏:Su 魏:Wei 丁:Ding 沈:Shen "
    "任:Ren 姚:Yao 钟:Zhong 崔:Cui 谭:Tan 陆:Lu 范:Fan 廖:Liao 石:Shi 金:Jin 贾:Jia 夏:Xia "
    "方:Fang 邹:Zou 熊:Xiong 白:Bai 孟:Meng 秦:Qin 江:Jiang 薛:Xue 雷:Lei 侯:Hou 龙:Long "
    "顾:Gu 毛:Mao 邵:Shao 钱:Qian 戴:Dai 严:Yan 莫:Mo 孔:Kong 欧阳:Ouyang 司马:Sima "
    "上官:Shangguan 诸葛:Zhuge 慕容:Murong"
)
GIVEN = _pairs(
    "伟:Wei 芳:Fang 娜:Na 敏:Min 静:Jing 丽:Li 强:Qiang 磊:Lei 军:Jun 洋:Yang 勇:Yong "
    "艳:Yan 杰:Jie 娟:Juan 涛:Tao 明:Ming 超:Chao 秀:Xiu 霞:Xia 平:Ping 刚:Gang 英:Ying "
    "华:Hua 晓:Xiao 雨:Yu 欣:Xin 怡:Yi 梓:Zi 涵:Han 浩:Hao 宇:Yu 轩:Xuan 子:Zi 萱:Xuan "
    "诗:Shi 琪:Qi 博:Bo 文:Wen 思:Si 佳:Jia 嘉:Jia 俊:Jun 雪:Xue 婷:Ting 慧:Hui 峰:Feng "
    "辰:Chen 一:Yi 可:Ke 心:Xin 安:An 然:Ran 悦:Yue 天:Tian 泽:Ze 睿:Rui 瑶:Yao 晨:Chen "
    "阳:Yang 颖:Ying 玲:Ling 云:Yun 飞:Fei 凯:Kai 彤:Tong 菲:Fei 蕾:Lei 倩:Qian 书:Shu"
)
# English first names by the gender the generated actor gives, so names and genders agree.
FIRST_NAMES = {
    "f": _words(
        "Emma Olivia Amelia Isla Ava Mia Grace Chloe Ruby Lily Sophie Hannah Zoe Maya Nadia "
        "Priya Aisha Leah Clara Freya"
    ),
    "m": _words(
        "Jack Oliver Harry George Noah Leo Arthur Oscar Samuel Daniel James Thomas Ethan Lucas "
        "Adam Marcus Rafael Kofi Tariq Aaron Felix"
    ),
    "x": _words("Rowan Jordan Alex Sam Robin Charlie Riley Quinn"),
}
LAST_NAMES = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Clarke Jackson Hughes Edwards Okafor Mensah Patel "
    "Khan Singh Garcia Martinez Rossi Dubois Novak Murphy Kelly Byrne Reyes Nakamura Kim Park "
    "Chan Wong Leung Tan Lim Ng Ho"
)
CN_CITIES = _words("北京 上海 杭州 成都 广州 深圳 重庆 西安 南京 武汉 长沙 厦门 青岛 天津")
INTL_CITIES = [
    "Hong Kong",
    "London",
    "Los Angeles",
    "New York",
    "Vancouver",
    "Singapore",
    "Toronto",
    "Sydney",
    "Manchester",
    "Kuala Lumpur",
    "Taipei",
    "Paris",
]
CN_GENDERS = ["女", "男", "女", "男", "female", "male", "女性", "男性"]
EN_GENDERS = {
    "f": ["female", "woman", "Female", "trans woman"],
    "m": ["male", "man", "Male"],
    "x": ["non-binary", "genderqueer"],
}
CN_HEADLINES = [
    "古装剧女主角，擅长武打动作",
    "都市情感剧演员，镜头感强",
    "喜剧演员，短剧经验丰富",
    "话剧出身的实力派演员",
    "青春偶像剧男主角",
    "武侠剧演员，会骑马和剑术",
    "配音演员，声音辨识度高",
    "悬疑剧常客，擅长复杂角色",
    "舞蹈演员，古典舞和现代舞",
    "老戏骨，擅长家庭伦理剧",
]
EN_HEADLINES = [
    "Period drama lead with stage combat training",
    "Comedic actor for short-form drama",
    "Voice and motion-capture performer",
    "Character actor: villains, mentors, oddballs",
    "Bilingual lead for thrillers and crime",
    "Dancer and physical theatre performer",
    "Young adult lead, sci-fi and fantasy",
    "Classical stage actor, Shakespeare to Chekhov",
    "Commercial face for lifestyle and tech brands",
    "Stunt-trained action performer",
]
CN_BIO = [
    "毕业于北京电影学院表演系。",
    "毕业于中央戏剧学院，主修表演。",
    "毕业于上海戏剧学院。",
    "出演过多部古装剧和都市剧。",
    "曾在短剧平台主演十余部作品。",
    "擅长武术、骑马和古典舞。",
    "有丰富的配音和旁白经验。",
    "多次参与话剧全国巡演。",
    "曾获电视剧节最佳新人提名。",
    "喜欢挑战反派和复杂人物。",
    "长期与独立电影导演合作。",
    "拍摄过多支品牌广告。",
]
EN_BIO = [
    "Trained at a London drama school and spent six years on stage.",
    "Graduated in acting and has worked in film, television and games.",
    "Experienced in motion capture, stunt work and green-screen shoots.",
    "Known for comedic timing and improvisation.",
    "Has appeared in more than twenty short dramas.",
    "Regular voice for audiobooks and animated series.",
    "Toured with a physical theatre company across Europe and Asia.",
    "Interested in historical roles and period accents.",
    "Comfortable with dancing, singing and live music on set.",
    "Works with independent filmmakers on experimental projects.",
]
SKILLS = _words(
    "武术 骑马 古典舞 京剧 游泳 钢琴 配音 唱歌 剑术 书法 "
    "stage-combat horse-riding ballet singing piano accents improvisation motion-capture "
    "swimming fencing guitar stand-up"
)
CN_TITLE_WORDS = _words("长安 风云 山河 明月 江湖 少年 星辰 烟火 归途 春风 长歌 夜行 南城 旧梦")
EN_TITLE_WORDS = _words("Last Harbour Quiet Winter Glass City Northern Lights Red Thread Salt Road")
CN_ROLES = ["女主角", "男主角", "女二号", "男二号", "配角", "客串"]
EN_ROLES = ["lead", "supporting", "guest", "recurring", "voice"]
CN_FORMATS = ["网剧", "电影", "短剧", "电视剧", "话剧"]
EN_FORMATS = ["feature", "series", "short drama", "stage", "game"]
AGENCIES = ["", "", "北辰经纪", "青禾文化", "星河艺人", "Northlight Talent", "Harbour & Finch"]
UNIONS = ["", "", "", "Equity", "SAG-AFTRA", "中国电影家协会"]
FEE_RANGES = {  # currency: (low, high, step)
    Currency.CNY: (2000, 200000, 500),
    Currency.HKD: (3000, 150000, 500),
    Currency.USD: (500, 50000, 100),
    Currency.GBP: (400, 40000, 100),
    Currency.EUR: (400, 40000, 100),
}


def generated_email(n: int) -> str:
    return f"{GENERATED_PREFIX}{n}{GENERATED_DOMAIN}"


def _generated_numbers() -> set[int]:
    emails = User.objects.filter(
        email__startswith=GENERATED_PREFIX, email__endswith=GENERATED_DOMAIN
    ).values_list("email", flat=True)
    numbers = set()
    for email in emails:
        middle = email[len(GENERATED_PREFIX) : -len(GENERATED_DOMAIN)]
        if middle.isdigit():
            numbers.add(int(middle))
    return numbers


def _chinese_identity(rng: random.Random) -> dict:
    surname, surname_py = rng.choice(SURNAMES)
    given = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))]
    name = surname + "".join(c for c, _ in given)
    latin = f"{surname_py} {''.join(p for _, p in given).capitalize()}"
    stage_name = name if rng.random() < 0.3 else f"{name} {latin}"
    return {
        "stage_name": stage_name,
        "latin": latin,
        "gender": rng.choice(CN_GENDERS),
        "location": rng.choice(CN_CITIES) if rng.random() < 0.85 else rng.choice(INTL_CITIES),
        "languages": ["cmn", *rng.sample(["yue", "wuu", "sichuanese", "dongbei", "en"], 2)][
            : rng.randint(1, 3)
        ],
        "headline": rng.choice(CN_HEADLINES),
        "bio": "".join(rng.sample(CN_BIO, rng.randint(2, 4))),
        "credits": "\n".join(
            f"《{''.join(rng.sample(CN_TITLE_WORDS, 2))}》（{rng.randint(2015, 2026)}，"
            f"{rng.choice(CN_FORMATS)}，{rng.choice(CN_ROLES)}）"
            for _ in range(rng.randint(1, 4))
        ),
    }


def _english_identity(rng: random.Random) -> dict:
    group = rng.choices(["f", "m", "x"], weights=[47, 47, 6])[0]
    latin = f"{rng.choice(FIRST_NAMES[group])} {rng.choice(LAST_NAMES)}"
    others = ["fr", "es", "cmn", "ja", "ko", "yue"]
    return {
        "stage_name": latin,
        "latin": latin,
        "gender": rng.choice(EN_GENDERS[group]),
        "location": rng.choice(INTL_CITIES),
        "languages": ["en", *rng.sample(others, rng.randint(0, 2))],
        "headline": rng.choice(EN_HEADLINES),
        "bio": " ".join(rng.sample(EN_BIO, rng.randint(2, 4))),
        "credits": "\n".join(
            f"{' '.join(rng.sample(EN_TITLE_WORDS, 2))} ({rng.randint(2012, 2026)}, "
            f"{rng.choice(EN_FORMATS)}, {rng.choice(EN_ROLES)})"
            for _ in range(rng.randint(1, 4))
        ),
    }


def _slug(latin: str, n: int) -> str:
    return f"{'-'.join(latin.lower().split())}-{n}"[:60]


def _listing(n: int, now) -> Listing:
    rng = random.Random(f"portrait-demo-listing-{n}")
    identity = _chinese_identity(rng) if rng.random() < 0.6 else _english_identity(rng)
    low = rng.randint(16, 62)
    listed_at = now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
    listing = Listing(
        slug=_slug(identity["latin"], n),
        stage_name=identity["stage_name"],
        headline=identity["headline"],
        bio=identity["bio"],
        location=identity["location"],
        languages=identity["languages"],
        playing_age_min=low,
        playing_age_max=min(100, low + rng.randint(4, 15)),
        gender=identity["gender"],
        height_cm=rng.randint(152, 192),
        skills=", ".join(s.replace("-", " ") for s in rng.sample(SKILLS, rng.randint(2, 5))),
        credits=identity["credits"],
        agency=rng.choice(AGENCIES),
        union_membership=rng.choice(UNIONS),
        status=ListingStatus.LISTED,
        status_changed_at=listed_at,
        listed_at=listed_at,
        verified_at=listed_at - timedelta(days=1) if rng.random() < 0.85 else None,
    )
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    return listing


def _permission(rng: random.Random, *, allowed: float, constrained: float) -> str:
    roll = rng.random()
    if roll < allowed:
        return Permission.ALLOWED
    if roll < allowed + constrained:
        return Permission.CONSTRAINED
    return Permission.NOT_ALLOWED


def _terms(n: int, listing: Listing) -> Terms:
    rng = random.Random(f"portrait-demo-terms-{n}")
    currency = Currency.CNY if rng.random() < 0.6 else rng.choice(list(FEE_RANGES))
    low, high, step = FEE_RANGES[currency]
    other_uses = [u for u in UseType.values if u != UseType.FACE]
    return Terms(
        listing=listing,
        version=1,
        created_at=listing.listed_at,
        created_by_id=listing.owner_id,
        use_types=[UseType.FACE, *rng.sample(other_uses, rng.randint(0, len(other_uses)))],
        genres=rng.sample(Genre.values, rng.randint(3, 8)),
        formats=rng.sample(Format.values, rng.randint(2, 5)),
        red_lines=rng.sample(RedLine.values, rng.randint(1, 5)),
        training_data_mining=_permission(rng, allowed=0.03, constrained=0.1),
        training_ai_inference=Permission.ALLOWED,
        training_ai_generative_training=_permission(rng, allowed=0.05, constrained=0.12),
        training_ai_training=_permission(rng, allowed=0.03, constrained=0.07),
        territories=rng.sample(Territory.values, rng.randint(1, 4)),
        max_term_months=rng.choice((6, 12, 12, 24, 36, 60)),
        fee_floor=Decimal(rng.randrange(low, high, step)),
        currency=currency,
        response_window_hours=rng.choice((24, 48, 72, 72, 120, 168)),
        has_counsel=rng.random() < 0.2,
        has_union_representation=bool(listing.union_membership),
    )


@transaction.atomic
def _create_batch(numbers: list[int], now) -> None:
    listings = [_listing(n, now) for n in numbers]
    # An unusable password (the "!" prefix) that is still unique per account.
    users = User.objects.bulk_create(
        User(
            email=generated_email(n),
            display_name=listing.stage_name,
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(20),
            date_joined=now,
        )
        for n, listing in zip(numbers, listings, strict=True)
    )
    UserRole.objects.bulk_create(UserRole(user=user, role=Role.ACTOR) for user in users)
    for listing, user in zip(listings, users, strict=True):
        listing.owner = user
    Listing.objects.bulk_create(listings)
    Terms.objects.bulk_create(
        _terms(n, listing) for n, listing in zip(numbers, listings, strict=True)
    )
    _point_at_their_terms(Listing.objects.filter(pk__in=[listing.pk for listing in listings]))


def _point_at_their_terms(listings) -> int:
    """One UPDATE: each listing's current terms become its latest version."""
    latest = Terms.objects.filter(listing=OuterRef("pk")).order_by("-version").values("pk")[:1]
    return listings.filter(current_terms__isnull=True).update(current_terms=Subquery(latest))


def seed_listings(*, count: int, stdout=None) -> int:
    """Make sure generated actors 0..count-1 exist, listed with terms. Returns how many were new."""
    existing = _generated_numbers()
    missing = [n for n in range(count) if n not in existing]
    now = timezone.now()
    for start in range(0, len(missing), BATCH_SIZE):
        _create_batch(missing[start : start + BATCH_SIZE], now)
        # With DEBUG on, every multi-megabyte INSERT would stay in connection.queries.
        reset_queries()
        if stdout is not None and len(missing) > BATCH_SIZE:
            stdout.write(f"  generated actors: {min(start + BATCH_SIZE, len(missing)):,}")
    if stdout is not None:
        stdout.write(f"Generated actors: {len(missing)} new, {len(existing) + len(missing)} in all")
    return len(missing)


DEMO_ACTOR_EMAIL = "actor@example.com"


@transaction.atomic
def demo_actor_listing(*, user: User) -> Listing | None:
    """The demo actor's complete listing (slug ``lin-xiaoyu``), unless they have one already."""
    if Listing.objects.filter(owner=user).exists():
        return None
    now = timezone.now()
    listing = Listing(
        owner=user,
        slug="lin-xiaoyu",
        stage_name="林晓雨 Lin Xiaoyu",
        headline="古装与都市剧演员 · Period and contemporary drama",
        bio=(
            "毕业于上海戏剧学院表演系，出演过多部古装剧和短剧。"
            "Trained in Shanghai; bilingual on set, comfortable with stunts and horse riding."
        ),
        location="上海",
        languages=[Language.MANDARIN, Language.SHANGHAINESE, Language.ENGLISH],
        playing_age_min=22,
        playing_age_max=32,
        gender="女",
        height_cm=168,
        skills="古典舞, 骑马, 剑术, horse riding, stage combat",
        credits="《长安夜行》（2024，网剧，女主角）\nRed Thread (2023, short drama, lead)",
        agency="青禾文化",
        status=ListingStatus.LISTED,
        status_changed_at=now,
        listed_at=now,
        verified_at=now,
    )
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    ListingPrivate.objects.create(listing=listing, legal_name="林晓雨", contact_email=user.email)
    terms = _demo_actor_terms(listing)
    Listing.objects.filter(pk=listing.pk).update(current_terms=terms)
    listing.current_terms = terms
    return listing


def _demo_actor_terms(listing: Listing) -> Terms:
    """Face and voice for drama, no politics or adult content, no training: the defaults."""
    return Terms.objects.create(
        listing=listing,
        version=1,
        created_by=listing.owner,
        use_types=[UseType.FACE, UseType.VOICE],
        genres=[Genre.DRAMA, Genre.ROMANCE, Genre.HISTORICAL, Genre.FANTASY],
        formats=[Format.SHORT_DRAMA, Format.SERIES, Format.FILM],
        red_lines=[RedLine.POLITICAL, RedLine.SEXUAL, RedLine.GAMBLING, RedLine.TOBACCO],
        territories=[Territory.MAINLAND_CHINA, Territory.HONG_KONG, Territory.TAIWAN],
        max_term_months=12,
        fee_floor=Decimal("20000"),
        currency=Currency.CNY,
    )


# --- faces ------------------------------------------------------------------------------------
# Every demo listing shows a face: a portrait the project draws (actors/demo_faces.py), never a
# photograph. FACE_SET of them go through the real pipeline (the upload service's validation,
# the worker's re-encoding into the sizes pages use); other generated actors share those
# processed files, so 100,000 actors cost one row each, not 100,000 renders. Generated accounts
# cannot sign in, so nobody can delete a shared file from under the others.
FACE_SET = 12
DEMO_ACTOR_FACE = 1  # long dark hair, for 林晓雨
FEMININE_STYLES = {"long", "bob", "bun", "ponytail", "curly"}
MASCULINE_STYLES = {"short", "crop", "shaved", "side_part"}


def _face_pools() -> dict[str, list[int]]:
    from actors.demo_faces import face_style

    styles = {n: face_style(n) for n in range(FACE_SET)}
    return {
        "f": [n for n, style in styles.items() if style in FEMININE_STYLES],
        "m": [n for n, style in styles.items() if style in MASCULINE_STYLES],
        "x": list(styles),
    }


def _face_number(listing: Listing, pools: dict[str, list[int]]) -> int:
    gender = (listing.gender or "").lower()
    if "女" in gender or "woman" in gender or "female" in gender:
        pool = pools["f"]
    elif "男" in gender or gender in ("male", "man"):
        pool = pools["m"]
    else:
        pool = pools["x"]
    return pool[listing.pk % len(pool)]


def _alt_text(listing: Listing) -> str:
    name = listing.stage_name
    if any("\u4e00" <= char <= "\u9fff" for char in name):
        return f"{name}的示意头像（程序生成的插画，并非真人照片）"
    return f"Illustrated portrait of {name} (generated for the demo, not a photograph)"


def _upload(listing: Listing, number: int, *, variant: int = 0):
    """A portrait through the same services an upload and its worker task use."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actors.demo_faces import portrait_jpeg
    from actors.services.media import headshot_process, headshot_upload

    upload = SimpleUploadedFile(
        f"portrait-{number}-{variant}.jpg", portrait_jpeg(number, variant), "image/jpeg"
    )
    headshot = headshot_upload(
        listing=listing, upload=upload, alt_text=_alt_text(listing), acting_user=listing.owner
    )
    headshot_process(headshot_id=headshot.pk)
    return Headshot.objects.get(pk=headshot.pk)


def _demo_actor_media(listing: Listing) -> None:
    """The demo actor's own portraits: two headshots and two private reference photos."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actors.demo_faces import portrait_jpeg
    from actors.services.media import reference_asset_process, reference_asset_upload

    for variant in (0, 2):
        _upload(listing, DEMO_ACTOR_FACE, variant=variant)
    for variant, label in ((3, "正面 · front"), (5, "侧光 · side light")):
        upload = SimpleUploadedFile(
            f"reference-{variant}.jpg", portrait_jpeg(DEMO_ACTOR_FACE, variant), "image/jpeg"
        )
        asset = reference_asset_upload(
            listing=listing, upload=upload, label=label, acting_user=listing.owner
        )
        reference_asset_process(asset_id=asset.pk)


def _shared_template(number: int, listing: Listing, templates: dict) -> Headshot | None:
    """A processed generated headshot of face ``number`` to share, or None after uploading one."""
    if number in templates:
        return templates[number]
    from actors.demo_faces import portrait_jpeg

    digest = hashlib.sha256(portrait_jpeg(number)).hexdigest()
    existing = (
        Headshot.objects.filter(
            sha256=digest,
            status=MediaStatus.READY,
            listing__owner__email__endswith=GENERATED_DOMAIN,
        )
        .order_by("pk")
        .first()
    )
    templates[number] = existing or _upload(listing, number)
    return existing


def seed_headshots(*, stdout=None) -> int:
    """Give every demo listing without a headshot a portrait. Returns how many were added."""
    demo = Listing.objects.filter(owner__email=DEMO_ACTOR_EMAIL, headshots__isnull=True).first()
    if demo is not None:
        _demo_actor_media(demo)
    missing = Listing.objects.filter(
        owner__email__endswith=GENERATED_DOMAIN, headshots__isnull=True
    ).only("pk", "stage_name", "gender", "owner_id")
    pools, templates, copies, added = _face_pools(), {}, [], 0
    for listing in missing.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        template = _shared_template(_face_number(listing, pools), listing, templates)
        added += 1
        if template is None:  # this listing just had the face uploaded for it
            continue
        copies.append(_copy(template, listing))
        if len(copies) >= BATCH_SIZE:
            Headshot.objects.bulk_create(copies)
            copies = []
    Headshot.objects.bulk_create(copies)
    if stdout is not None and added:
        stdout.write(f"Demo portraits: {added} listings given a generated headshot")
    return added + (demo is not None)


def _copy(template: Headshot, listing: Listing) -> Headshot:
    return Headshot(
        listing=listing,
        original=template.original.name,
        image=template.image.name,
        thumbnail=template.thumbnail.name,
        sha256=template.sha256,
        width=template.width,
        height=template.height,
        is_primary=True,
        status=MediaStatus.READY,
        alt_text=_alt_text(listing),
    )


def seed_demo_listings(*, users, actors: int, stdout) -> None:
    """``seed_demo``'s hook: the demo actor's listing, generated actors, and their faces."""
    actor = users.get(DEMO_ACTOR_EMAIL)
    if actor is not None and demo_actor_listing(user=actor) is not None:
        stdout.write("Listed the demo actor: /actors/lin-xiaoyu/")
    # A DEBUG demo run always gets a directory worth browsing; --actors asks for more.
    wanted = max(actors, DEMO_MIN_GENERATED if settings.DEBUG else 0)
    if wanted:
        seed_listings(count=wanted, stdout=stdout)
    seed_headshots(stdout=stdout)
