"""
notifications_*: delivering the outbox. Value: ms per notification through the real path (claim
with a conditional UPDATE, render in the recipient's language, send, mark sent). Baseline: the
same number of emails rendered from the same templates and sent directly, with no outbox.
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

    def direct():
        for i in range(N):
            user = users[i % len(users)]
            context = {"recipient": user, "site_url": "", "link": ""}
            subject = render_to_string("notifications/welcome_subject.txt", context).strip()
            message = EmailMultiAlternatives(
                subject, render_to_string("notifications/welcome.txt", context), to=[user.email]
            )
            message.attach_alternative(
                render_to_string(
                    "notifications/email/base.html",
                    {**context, "subject": subject, "body_template": "notifications/welcome.html"},
                ),
                "text/html",
            )
            message.send()
        mail.outbox.clear()

    direct()  # warm template caches
    baseline = median_ms(direct) / N
    value = median_ms(through_outbox) / N
    return [figure("notifications_deliver_ms_each", value, "ms", baseline, 3.0)]
