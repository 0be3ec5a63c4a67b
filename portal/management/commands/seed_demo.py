from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import hooks
from portal.models import Role, User, UserRole

DEMO_ACCOUNTS = [
    # email, display name, roles, staff
    ("actor@example.com", "Lin Xiaoyu 林晓雨", [Role.ACTOR], False),
    ("agent@example.com", "Chen Hao 陈浩", [Role.AGENT], False),
    ("creator@example.com", "Maya Okafor", [Role.CREATOR], False),
    ("staff@example.com", "Portrait Staff", [], True),
]


class Command(BaseCommand):
    help = "Create the demo accounts (idempotent). Refuses to run with DJANGO_DEBUG off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DJANGO_DEBUG off (demo passwords are public).",
        )
        parser.add_argument(
            "--actors",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N listed actors with bulk inserts (scale tests, benchmarks).",
        )

    def handle(self, *args, force=False, actors=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a public password; it runs only with "
                "DJANGO_DEBUG=1. Pass --force to run it anyway."
            )
        with transaction.atomic():
            users = {
                email: self._account(email, name, roles, staff)
                for email, name, roles, staff in DEMO_ACCOUNTS
            }
        for seeder in hooks.demo_seeders:
            seeder(users=users, actors=actors, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo accounts (password: %s):" % settings.PORTAL_DEMO_PASSWORD)
        )
        for email, _name, roles, staff in DEMO_ACCOUNTS:
            label = "staff" if staff else ", ".join(r.value for r in roles)
            self.stdout.write(f"  {email:<22} {label}")
        self.stdout.write(
            f"  staff TOTP secret: {settings.PORTAL_DEMO_TOTP_SECRET} "
            "(add it to an authenticator app, or: .venv/bin/python manage.py demo_totp)"
        )

    def _account(self, email, name, roles, staff):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "is_staff": staff, "is_superuser": staff},
        )
        if created:
            user.set_password(settings.PORTAL_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role in roles:
            UserRole.objects.get_or_create(user=user, role=role)
        if (
            staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, settings.PORTAL_DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        return user
