from django.core.management.base import BaseCommand

from portal.ledger import checkpoint_sign


class Command(BaseCommand):
    help = "Sign the ledger's current tree head and store it (C2SP tlog-checkpoint); print it."

    def handle(self, *args, **options):
        self.stdout.write(checkpoint_sign().note, ending="")
