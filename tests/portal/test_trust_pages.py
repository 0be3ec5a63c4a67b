"""The home page's ways in, the trust pages, and the small files every site answers."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TRUST_PAGES = ["/privacy/", "/terms/", "/contact/", "/report/"]


@pytest.mark.parametrize("path", TRUST_PAGES)
def test_every_trust_page_is_linked_from_the_footer_of_every_page(path):
    page = Client().get("/actors/")
    footer = page.text[page.text.index('<footer class="site-footer">') :]
    assert f'href="{path}"' in footer


@pytest.mark.parametrize("path", TRUST_PAGES)
def test_every_trust_page_answers_without_an_account(path):
    assert Client().get(path).status_code == 200


@pytest.mark.parametrize("path", [*TRUST_PAGES, "/"])
def test_every_trust_page_has_its_own_meta_description(path):
    home_default = re.search(
        r'<meta name="description" content="([^"]+)"', Client().get("/actors/").text
    )
    own = re.search(r'<meta name="description" content="([^"]+)"', Client().get(path).text)
    assert own.group(1) != home_default.group(1)


@pytest.mark.parametrize("path", TRUST_PAGES)
def test_every_trust_page_reads_in_chinese(path):
    page = Client().get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    title = re.search(r"<h1>([^<]+)</h1>", page.text).group(1)
    assert re.search(r"[\u4e00-\u9fff]", title)


def test_the_privacy_notice_names_biometric_data_and_both_laws():
    text = Client().get("/privacy/").text
    assert "biometric" in text
    assert "PIPL" in text
    assert "GDPR" in text


def test_the_contact_address_comes_from_the_settings(settings):
    settings.PORTAL_CONTACT_EMAIL = "help@example.org"
    assert 'href="mailto:help@example.org"' in Client().get("/contact/").text


def test_the_report_page_leads_to_the_register_claim_and_the_opt_out():
    text = Client().get("/report/").text
    assert 'href="/register/"' in text
    assert 'href="/opt-out/"' in text


@pytest.mark.parametrize(
    ("path", "who"),
    [("/listing/", "actors"), ("/actors/", "creators"), ("/register/", "everyone")],
)
def test_the_home_page_gives_each_audience_a_way_in(path, who):
    page = Client().get("/").text
    section = page[page.index(f'id="for-{who}"') :]
    section = section[: section.index("</article>")]
    assert f'href="{path}"' in section or (
        who == "actors" and 'href="/accounts/signup/"' in section
    )


def test_the_home_page_offers_the_public_receipt_check_now_that_receipts_exist():
    page = Client().get("/").text
    section = page[page.index('id="for-everyone"') :]
    assert 'href="/verify/"' in section[: section.index("</article>")]


def test_robots_txt_keeps_crawlers_off_private_pages():
    response = Client().get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /vault/" in response.text


def test_favicon_ico_leads_to_the_icon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_the_menu_calls_the_register_something_nobody_mistakes_for_sign_up():
    assert ">Public register</a>" in Client().get("/").text
