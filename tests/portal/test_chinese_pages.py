"""
The main pages read as written in Chinese: no English word outside what users typed, and no
ASCII list punctuation between Chinese items. Renders the demo data (seed_demo) as a visitor,
the demo actor, agent and creator would, with the browser asking for Simplified Chinese.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client

from actors.models import Listing
from creators.models import Brief, Pitch, Studio
from portal.models import User

pytestmark = pytest.mark.django_db

# Written the same way in Chinese text: the brand, laws, currencies, file formats and units,
# the language switcher's "English" (each language is named in itself), and the pinyin the
# directory's search box gives as an example of what it understands.
ALLOWED = {
    "Portrait", "AI", "PIPL", "GDPR", "CNY", "HKD", "USD", "GBP", "EUR", "TWD", "JSON", "IP",
    "JPEG", "PNG", "WebP", "MB", "cm", "MV", "JavaScript", "English", "Zhang", "Wei",
}  # fmt: skip
# Addresses and parameters are not words: emails, paths, URLs and query strings.
ADDRESSES = re.compile(r"\S+@\S+|\S*/\S*|\S*=\S*")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# A Chinese item, an ASCII comma or semicolon, another Chinese item: "面部, 声音".
ASCII_LIST = re.compile(r"[\u4e00-\u9fff][)）]?\s*[,;]\s*[\u4e00-\u9fff]")
ASCII_COLON = re.compile(r"[\u4e00-\u9fff]:\s")
VISIBLE_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}


class _Text(HTMLParser):
    """Every piece of text a reader sees or a screen reader says, outside scripts and styles."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.pieces: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        self.pieces.extend(v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.pieces.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.pieces.append(data.strip())


def _user_content() -> set[str]:
    """Everything people typed (and the demo wrote as them): names, bios, briefs, messages."""
    values: set[str] = set()
    for label in ("actors", "creators", "portal"):
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.EmailField)
                and not f.choices
                and f.name not in ("status", "search_text", "password", "kind")
            ]
            if not fields:
                continue
            for row in model.objects.values_list(*fields)[:500]:
                values.update(str(v) for v in row if v)
    pieces = set()
    for value in values:
        pieces.update(line.strip() for line in value.splitlines() if line.strip())
    return pieces


def _pages() -> list[tuple[str | None, str]]:
    listing = Listing.objects.get(slug="lin-xiaoyu")
    studio = Studio.objects.order_by("pk").first()
    brief = Brief.objects.filter(status="published").order_by("pk").first()
    pitches = Pitch.objects.filter(listing=listing).order_by("pk")
    role = brief.roles.order_by("pk").first()
    anonymous = [
        "/", "/actors/", "/actors/?q=林", "/actors/?q=zhang+wei&sort=fee",
        f"/actors/{listing.slug}/", "/register/", "/register/?q=林晓雨", "/opt-out/",
        "/privacy/", "/terms/", "/contact/", "/report/",
        "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
    ]  # fmt: skip
    actor = [
        "/dashboard/", f"/listing/{listing.slug}/", f"/listing/{listing.slug}/profile/",
        f"/listing/{listing.slug}/terms/", f"/listing/{listing.slug}/media/",
        "/pitches/", "/briefs/", f"/briefs/{brief.pk}/", "/notifications/",
        "/account/roles/", "/accounts/email/", "/accounts/2fa/", "/accounts/sessions/",
        *(f"/pitches/{pitch.pk}/" for pitch in pitches),
    ]  # fmt: skip
    creator = [
        "/dashboard/", "/studios/", f"/studios/{studio.slug}/", f"/briefs/{brief.pk}/",
        f"/studios/{studio.slug}/pitches/", f"/briefs/roles/{role.pk}/suggestions/",
        f"/briefs/roles/{role.pk}/pitch/{listing.slug}/", "/briefs/",
        f"/studios/{studio.slug}/shortlists/", f"/studios/{studio.slug}/searches/",
    ]  # fmt: skip
    agent = ["/agent/", "/agent/?q=林晓雨", "/dashboard/"]
    return [
        *((None, path) for path in anonymous),
        *(("actor@example.com", path) for path in actor),
        *(("creator@example.com", path) for path in creator),
        *(("agent@example.com", path) for path in agent),
    ]


def _render_all() -> list[tuple[str, str]]:
    rendered = []
    for email, path in _pages():
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if email:
            client.force_login(User.objects.get(email=email))
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        parser = _Text()
        parser.feed(response.content.decode())
        rendered.extend((f"{email or 'visitor'} {path}", piece) for piece in parser.pieces)
    return rendered


def _without(text: str, values: list[str]) -> str:
    for value in values:
        if value in text:
            text = text.replace(value, " ")
    return text


@pytest.fixture
def pages(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    return _render_all()


@pytest.fixture
def user_content():
    return _user_content()


def _english_words(text: str, typed: list[str], typed_words: set[str]) -> list[str]:
    text = ADDRESSES.sub(" ", _without(text, typed))
    words = [word for word in LATIN_WORD.findall(text) if word not in ALLOWED]
    # A piece made only of words people typed is theirs (a highlighted keyword, a cut line).
    if all(word.lower().strip("'’-") in typed_words for word in words):
        return []
    return words


def test_no_english_word_is_left_on_a_chinese_page(pages, user_content):
    typed = sorted((v for v in user_content if LATIN_WORD.search(v)), key=len, reverse=True)
    typed_words = {w.lower().strip("'’-") for v in typed for w in LATIN_WORD.findall(v)}
    english = sorted(
        {
            f"{page}: {word!r} in {text[:80]!r}"
            for page, text in pages
            for word in _english_words(text, typed, typed_words)
        }
    )
    assert english == [], "\n".join(english)


def test_chinese_items_are_never_listed_with_ascii_punctuation(pages, user_content):
    # What people typed keeps its own punctuation ("古典舞, 骑马" in an actor's skills).
    typed = sorted((v for v in user_content if re.search(r"[,;:]", v)), key=len, reverse=True)
    ascii_lists = sorted(
        {
            f"{page}: {text[:80]!r}"
            for page, text in ((page, _without(text, typed)) for page, text in pages)
            if ASCII_LIST.search(text) or ASCII_COLON.search(text)
        }
    )
    assert ascii_lists == [], "\n".join(ascii_lists)
