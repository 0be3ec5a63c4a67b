import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo staff account (DJANGO_DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp runs only with DJANGO_DEBUG=1.")
        counter = int(time.time()) // 30
        code = format_hotp_value(hotp_value(settings.PORTAL_DEMO_TOTP_SECRET, counter))
        self.stdout.write(code)
