import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal import services, tasks
from portal.models import Notification
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_a_notification_is_written_with_its_event_and_delivered_after_commit(
    actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        notification = services.notification_create(recipient=actor, kind="welcome")
    # Nothing is sent inside the transaction; one kick is queued for after commit.
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert [m.to for m in mail.outbox] == [["actor@example.com"]]


def test_a_notification_rolled_back_with_its_event_is_never_sent(
    actor, django_capture_on_commit_callbacks
):
    def notify_then_fail():
        with transaction.atomic():
            services.notification_create(recipient=actor, kind="welcome")
            raise RuntimeError("the event failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="the event failed"),
    ):
        notify_then_fail()
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_redelivered_tasks_send_a_notification_exactly_once(actor):
    notification = Notification.objects.create(recipient=actor, kind="welcome")
    assert tasks.notification_deliver(notification.pk) is True
    # The broker redelivers (acks_late after a restart), and the sweep runs too.
    assert tasks.notification_deliver(notification.pk) is False
    assert tasks.notifications_deliver_pending() == 0
    assert len(mail.outbox) == 1


def test_the_periodic_sweep_delivers_rows_whose_kick_was_lost(actor, creator):
    Notification.objects.create(recipient=actor, kind="welcome")
    Notification.objects.create(recipient=creator, kind="role_added")
    future = Notification.objects.create(
        recipient=actor, kind="welcome", next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    assert tasks.notifications_deliver_pending() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["actor@example.com", "creator@example.com"]
    future.refresh_from_db()
    assert future.status == Notification.Status.PENDING


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_later(actor):
    notification = Notification.objects.create(recipient=actor, kind="welcome")
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=timezone.now()
    )
    assert tasks.notification_deliver(notification.pk) is False  # a live claim is respected
    Notification.objects.filter(pk=notification.pk).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert tasks.notifications_deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_transient_mail_failures_retry_with_backoff_then_give_up(actor, monkeypatch, settings):
    settings.PORTAL_NOTIFICATION_MAX_ATTEMPTS = 3

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("server went away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    notification = Notification.objects.create(recipient=actor, kind="welcome")
    delays = []
    for _ in range(3):
        before = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=before)
        assert services.notification_deliver(notification_id=notification.pk) is False
        notification.refresh_from_db()
        delays.append(round((notification.next_attempt_at - before).total_seconds() / 60))
    assert delays[:2] == [1, 2]
    assert notification.attempts == 3
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error == "SMTPServerDisconnected"
    assert "server went away" not in notification.last_error


def test_emails_are_written_in_the_recipients_language(db):
    user = make_user("zh@example.com", language="zh-hans", display_name="王芳")
    notification = Notification.objects.create(recipient=user, kind="welcome", url="/dashboard/")
    services.notification_deliver(notification_id=notification.pk)
    message = mail.outbox[0]
    assert message.subject == "欢迎加入 Portrait"
    assert "王芳" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="zh-hans">' in html
    assert "/dashboard/" in html


def test_a_request_succeeds_when_the_broker_is_down(client, monkeypatch):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.notification_deliver, "apply_async", broker_down)
    user = make_user("fresh@example.com")
    client.force_login(user)
    with_commit = client.post("/onboarding/", {"role": "creator"})
    assert with_commit.status_code == 302
    row = Notification.objects.get(recipient=user)
    assert row.status == Notification.Status.PENDING  # left for the sweep, not lost
    assert tasks.notifications_deliver_pending() == 1


def test_the_header_shows_the_unread_count_and_the_list_marks_read(actor_client, actor):
    for _ in range(3):
        Notification.objects.create(recipient=actor, kind="welcome", url="/dashboard/")
    page = actor_client.get("/dashboard/")
    assert 'class="badge"' in page.text
    assert ">3<" in page.text

    listing = actor_client.get("/notifications/")
    assert listing.text.count("Welcome to Portrait") == 3
    first = Notification.objects.filter(recipient=actor).first()
    response = actor_client.post(f"/notifications/{first.pk}/open/")
    assert response["Location"] == "/dashboard/"
    first.refresh_from_db()
    assert first.is_read

    actor_client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=actor, read_at__isnull=True).exists()
    assert 'class="badge"' not in actor_client.get("/dashboard/").text


def test_notification_list_has_an_empty_state(actor_client):
    assert "No notifications yet" in actor_client.get("/notifications/").text


def test_someone_elses_notification_is_a_404(actor, creator):
    theirs = Notification.objects.create(recipient=creator, kind="welcome")
    client = client_for(actor)
    assert client.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read
    assert Client().post(f"/notifications/{theirs.pk}/open/").status_code == 302


def test_notification_links_never_redirect_off_site(actor_client, actor):
    evil = Notification.objects.create(recipient=actor, kind="welcome", url="https://evil.example/")
    response = actor_client.post(f"/notifications/{evil.pk}/open/")
    assert response["Location"] == "/notifications/"


def test_notification_list_query_count_does_not_grow_with_rows(actor_client, actor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = actor_client.get("/notifications/")
        assert response.status_code == 200
        return len(queries), response

    actor_client.get("/notifications/")  # the first request records the session
    Notification.objects.bulk_create([Notification(recipient=actor, kind="welcome")] * 1)
    few, _ = count_queries()
    Notification.objects.bulk_create(
        [Notification(recipient=actor, kind="welcome") for _ in range(60)]
    )
    many, response = count_queries()
    assert few == many
    # session, user, page count, roles, unread count, page rows
    assert many <= 6
    assert 'rel="next"' in response.text
