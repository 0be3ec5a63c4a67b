"""
notifications_*: delivering the outbox. Value: ms per notification through the real path (claim
with a conditional UPDATE, read the row, render in the recipient's language, send, mark sent).
Baseline: the least any durable outbox does: render and send the same emails and record each as
sent with one UPDATE. The ratio is what exactly-once claiming costs on top.
"""

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from bench.common import figure, median_ms
from portal import services
from portal.models import Notification, User

N = 200


def _users():
    users = []
    for i, language in enumerate(["en", "zh-hans"] * 5):
        user, _ = User.objects.get_or_create(
            email=f"bench{i}@example.com", defaults={"language": language}
        )
        users.append(user)
    return users


def run():
    users = _users()

    def through_outbox():
        Notification.objects.bulk_create(
            [Notification(recipient=users[i % len(users)], kind="welcome") for i in range(N)]
        )
        delivered = services.notifications_deliver_due(limit=N)
        assert delivered == N, delivered
        mail.outbox.clear()

    rows = list(
        Notification.objects.bulk_create(
            [Notification(recipient=users[i % len(users)], kind="welcome") for i in range(N)]
        )
    )

    def direct():
        for i in range(N):
            user = users[i % len(users)]
            context = {"recipient": user, "site_url": "", "link": ""}
            subject = render_to_string("notifications/welcome_subject.txt", context).strip()
            body = render_to_string("notifications/welcome_body.txt", context).strip()
            context.update(subject=subject, body=body)
            message = EmailMultiAlternatives(
                subject, render_to_string("notifications/email/base.txt", context), to=[user.email]
            )
            message.attach_alternative(
                render_to_string("notifications/email/base.html", context), "text/html"
            )
            message.send()
            Notification.objects.filter(pk=rows[i].pk).update(status=Notification.Status.SENT)
        mail.outbox.clear()

    direct()  # warm template caches
    baseline = median_ms(direct) / N
    value = median_ms(through_outbox) / N
    return [figure("notifications_deliver_ms_each", value, "ms", baseline, 3.0)]
