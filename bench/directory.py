"""
directory_*: the actor directory (/actors/) with 100,000 listed actors on PostgreSQL.

Value: server time of ``client.get`` (middleware, form, selector, template: everything but the
network) over a fixed set of searches and filters, p50 and p95 of all samples. Floor: a view
that renders the same base template and replays the very SQL the page ran (recorded as
``(sql, params)`` with ``connection.execute_wrapper``), so the ratio is what the directory
adds on top of its unavoidable database work and page shell. p95 must also stay under 50 ms.

Without a PostgreSQL DATABASE_URL it measures SQLite with fewer actors and says so: those
figures only show the harness works, not how production behaves.
"""

import statistics
import time
from urllib.parse import urlencode

from django.db import connection
from django.template.response import TemplateResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import include, path

from actors.demo import seed_listings
from bench.common import figure

ACTORS = {"postgresql": 100_000, "sqlite": 5_000}
REPEAT = 7
WARMUP = 2
P95_TARGET_MS = 50.0
RATIO_TARGET = 2.0

# What creators type and tick: Chinese full names, two characters of a name, one character,
# English words, partial Latin names, filter combinations, every sort, and deep pages.
SEARCHES = [
    {},
    {"q": "张伟"},
    {"q": "王芳"},
    {"q": "欧阳娜"},
    {"q": "晓雨"},
    {"q": "林"},
    {"q": "诸葛"},
    {"q": "古装"},
    {"q": "上海戏剧学院"},
    {"q": "motion capture"},
    {"q": "drama"},
    {"q": "okaf"},
    {"q": "xiaoy"},
    {"q": "Zhang Wei"},
    {"q": "li"},
    {"gender": "woman", "age": "28"},
    {"languages": ["cmn", "yue"], "location": "上海"},
    {"use_types": ["voice", "digital_double"], "genres": ["historical"]},
    {"training": "ai_generative_training", "verified": "on"},
    {"currency": "CNY", "budget": "10000", "sort": "fee"},
    {"sort": "fee"},
    {"page": "50"},
    {"q": "drama", "page": "40"},
    {"available": "on", "verified": "on", "sort": "newest", "page": "10"},
    {"q": "林", "gender": "woman", "sort": "fee"},
    {"q": "wuxia"},
    # Traditional characters and pinyin, with and without tones (issue 12).
    {"q": "張偉"},
    {"q": "歐陽"},
    {"q": "zhang wei"},
    {"q": "zhāng wěi"},
    {"q": "xiaoyu"},
    {"q": "ouyang"},
]

_replay: list[tuple[str, object]] = []


def floor(request):
    """The same page shell and the same SQL, with no form, ORM or result cards."""
    with connection.cursor() as cursor:
        for sql, params in _replay:
            cursor.execute(sql, params)
            cursor.fetchall()
    return TemplateResponse(request, "base.html", {})


urlpatterns = [
    path("bench/directory-floor/", floor),
    path("", include("portal.urls")),
]


def _url(params: dict) -> str:
    return "/actors/?" + urlencode(params, doseq=True) if params else "/actors/"


def _seed(vendor: str) -> int:
    count = ACTORS[vendor]
    start = time.perf_counter()
    seed_listings(count=count)
    print(f"\nseeded {count:,} actors in {time.perf_counter() - start:.1f} s")
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            # Freshly inserted rows sit in the GIN pending lists and have no statistics yet;
            # autovacuum would get there, a benchmark should not wait for it.
            cursor.execute("VACUUM ANALYZE actors_listing")
            cursor.execute("VACUUM ANALYZE actors_terms")
            cursor.execute("VACUUM ANALYZE actors_headshot")
    return count


def _record(client: Client, url: str) -> list[tuple[str, object]]:
    calls = []

    def recorder(execute, sql, params, many, context):
        calls.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(recorder):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return calls


def _time(client: Client, url: str) -> list[float]:
    for _ in range(WARMUP):
        client.get(url)
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def _measure(client: Client):
    page_samples, floor_samples, query_counts, slowest = [], [], {}, []
    for params in SEARCHES:
        url = _url(params)
        _time(client, url)  # warm caches and connections before recording
        _replay[:] = _record(client, url)
        query_counts[url] = len(_replay)
        page = _time(client, url)
        page_samples += page
        floor_samples += _time(client, "/bench/directory-floor/")
        slowest.append((statistics.median(page), url))
    return page_samples, floor_samples, query_counts, sorted(slowest, reverse=True)


def run():
    vendor = connection.vendor
    if vendor != "postgresql":
        print(
            "\nbench/directory: DATABASE_URL is not PostgreSQL; measuring SQLite with "
            f"{ACTORS['sqlite']:,} actors. These figures are marked 'sqlite' and say nothing "
            "about production."
        )
    actors = _seed(vendor)
    with override_settings(ROOT_URLCONF=__name__):
        page, base, queries, slowest = _measure(Client())
    print("slowest searches (median ms): " + ", ".join(f"{u} {ms:.1f}" for ms, u in slowest[:5]))
    note = f"{vendor}, {actors:,} actors, {len(SEARCHES)} searches x {REPEAT}"
    results = [
        figure("directory_p50_ms", statistics.median(page), "ms", statistics.median(base), 2.0),
        figure(
            "directory_p95_ms",
            _p95(page),
            "ms",
            _p95(base),
            RATIO_TARGET,
            value_below=P95_TARGET_MS,
        ),
        # Queries per page: the most any search ran, against the first visit's. Fixed means
        # no search runs more; a search with no results runs fewer (nothing to fetch).
        figure("directory_queries", max(queries.values()), "queries", queries["/actors/"], 1.0),
    ]
    for result in results:
        result["note"] = note
    return results
