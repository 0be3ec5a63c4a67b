import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_pages_follow_accept_language(client):
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="en">' in english.text
    assert '<html lang="zh-hans">' in chinese.text
    assert "创建账户" in chinese.text  # our header
    assert "登录" in chinese.text  # allauth's form


HOME_HEADLINE = "License your likeness on your own terms, with a record of every consent."


def test_home_page_reads_in_chinese(client):
    with translation.override("zh-hans"):
        headline = translation.gettext(HOME_HEADLINE)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Language"] == "zh-hans"
    assert headline != HOME_HEADLINE  # the catalog translates it
    assert headline in response.text
    assert HOME_HEADLINE not in response.text


def test_language_switch_is_remembered_on_the_account(actor_client, actor):
    response = actor_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/dashboard/"})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.language == "zh-hans"
    assert "您好" in actor_client.get("/dashboard/").text


def test_language_switch_refuses_unknown_languages(actor_client, actor):
    actor_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    actor.refresh_from_db()
    assert actor.language == "en"


def test_the_chinese_catalog_is_complete():
    text = PO_FILE.read_text(encoding="utf-8")
    entries = re.split(r"\n\n", text)
    missing = []
    for entry in entries[1:]:
        if "#, fuzzy" in entry:
            missing.append(entry)
            continue
        msgstrs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry)
        if not msgstrs or any(re.fullmatch(r'""\s*', m) for m in msgstrs):
            missing.append(entry)
    assert not missing, "untranslated or fuzzy:\n" + "\n\n".join(missing[:5])
