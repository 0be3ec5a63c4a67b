"""Every notice a grant sends renders, in English and in Chinese."""

import pytest

from consent.services import grants as services
from portal.models import Notification
from portal.services import notification_render


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_grant_notice_renders_in_both_languages(world, language):
    grant = world.signed_grant()
    services.grant_revoke(grant=grant, acting_user=world.actor, reason="")
    notices = Notification.objects.filter(kind__startswith="grant_")
    assert {n.kind for n in notices} >= {
        "grant_awaiting_signature",
        "grant_signed",
        "grant_revoked",
        "grant_attestation_requested",
    }
    for notice in notices:
        notice.recipient.language = language
        rendered = notification_render(notification=notice)
        assert rendered["subject"]
        assert "{" not in rendered["text"]
