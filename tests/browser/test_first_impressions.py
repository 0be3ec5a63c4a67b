"""
A newcomer's first paths, in Chromium: the home page's ways in, the directory's photos, an
actor reading the whole project on a pitch, an agent finding an actor by name; and the main
pages at desktop and phone widths in both languages.
"""

import re

import pytest

from creators.models import Pitch
from portal.models import Role
from tests.browser.conftest import needs_chromium
from tests.conftest import make_user

pytestmark = [
    needs_chromium,
    pytest.mark.usefixtures("demo"),
]


@pytest.mark.parametrize(
    ("link", "lands_on"),
    [
        ("Browse actors", "/actors/"),
        ("Check who is listed", "/register/"),
        ("Create an actor account", "/accounts/signup/"),
        ("Report a misuse", "/report/"),
    ],
)
def test_the_home_page_leads_each_newcomer_somewhere_useful(open_page, link, lands_on):
    page = open_page("/")
    page.get_by_role("link", name=link).first.click()
    page.wait_for_load_state()
    assert re.search(re.escape(lands_on) + r"$", page.url.split("?")[0])


def test_the_directory_shows_photos_that_load(open_page):
    page = open_page("/actors/")
    photos = page.locator(".actor-card__photo img")
    photos.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.actor-card__photo img')]"
        ".slice(0, 4).every(img => img.complete && img.naturalWidth > 0)"
    )
    assert photos.count() >= 10


def test_the_actor_reads_the_whole_project_on_a_pitch(open_page):
    pitch = Pitch.objects.filter(listing__slug="lin-xiaoyu").order_by("pk").first()
    page = open_page("/pitches/", user="actor@example.com")
    page.locator(f'a[href="/pitches/{pitch.pk}/"]').first.click()
    project = page.locator("#project")
    assert pitch.role.brief.synopsis[:40] in project.inner_text()


def test_the_actor_sees_the_projects_data_plan_on_a_pitch(open_page):
    pitch = Pitch.objects.filter(listing__slug="lin-xiaoyu").order_by("pk").first()
    page = open_page(f"/pitches/{pitch.pk}/", user="actor@example.com")
    assert pitch.role.brief.data_plan[:40] in page.locator("#project").inner_text()


def _new_agent() -> str:
    """An agent who represents nobody yet (the demo agent already acts for 林晓雨)."""
    make_user("new-agent@example.com", roles=[Role.AGENT])
    return "new-agent@example.com"


def test_the_agent_finds_an_actor_by_chinese_name_and_asks_to_represent(open_page):
    page = open_page("/agent/", user=_new_agent())
    page.get_by_label("The actor's name").fill("林晓雨")
    page.get_by_role("button", name="Find the actor").click()
    page.get_by_role("button", name=re.compile("Ask to represent")).first.click()
    assert "Request sent" in page.locator(".messages, [role=status], body").first.inner_text()


def test_the_agent_finds_an_actor_by_pinyin(open_page):
    page = open_page("/agent/?q=lin+xiaoyu", user=_new_agent())
    assert page.get_by_role("heading", name="林晓雨 Lin Xiaoyu").count() == 1


def test_the_directory_does_not_shift_after_painting_on_a_phone(open_page):
    page = open_page("/actors/", width=390)
    page.wait_for_timeout(1500)
    shift = page.evaluate(
        """() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) {
                    if (!entry.hadRecentInput) total += entry.value;
                }
                resolve(total);
            }).observe({type: "layout-shift", buffered: true});
            setTimeout(() => resolve(total), 500);
        })"""
    )
    assert shift < 0.1


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["home", "directory", "pitch"])
def test_the_main_pages_fit_the_screen(open_page, shoot, name, width, language):
    pitch = Pitch.objects.filter(listing__slug="lin-xiaoyu").order_by("pk").first()
    path = {"home": "/", "directory": "/actors/", "pitch": f"/pitches/{pitch.pk}/"}[name]
    user = "actor@example.com" if name == "pitch" else None
    page = open_page(path, user=user, language=language, width=width)
    page.wait_for_load_state("networkidle")
    shoot(page, f"{name}-{language}-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
