from django.core.management.base import BaseCommand

from portal import hooks
from portal.ledger import ledger_genesis


class Command(BaseCommand):
    help = (
        "Write the ledger's genesis entry, then record each app's existing state as it stands "
        "(listings, terms...) so the register and the ledger agree. Idempotent: run by "
        "`make run` and `make serve` after migrating."
    )

    def handle(self, *args, **options):
        ledger_genesis()
        added = sum(fn(stdout=self.stdout) for fn in hooks.ledger_bootstrappers)
        self.stdout.write(f"ledger bootstrap: {added} entries recorded")
