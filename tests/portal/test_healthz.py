import json

import pytest

from portal import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken():
        raise OSError("connection refused to postgres://user:secret@db/portal")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"] == "unavailable"
    assert "secret" not in response.text
    assert "postgres" not in response.text


def test_healthz_stays_200_but_degraded_when_the_broker_is_down(client, monkeypatch, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "broker": "unavailable"},
    }
    assert "127.0.0.1" not in json.dumps(body)


def test_healthz_accepts_only_get(client):
    assert client.post("/healthz").status_code == 405
