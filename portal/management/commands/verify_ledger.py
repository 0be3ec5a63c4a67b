from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.ledger import ledger_size, ledger_verify


class Command(BaseCommand):
    help = (
        "Walk the ledger's hash chain from the genesis entry; name the first changed, missing or "
        "reordered entry and exit non-zero. With --checkpoint, also check that the ledger still "
        "extends a checkpoint kept earlier (a truncated or rewritten history fails)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            type=Path,
            metavar="FILE",
            help="a signed checkpoint saved from /ledger/checkpoint",
        )

    def handle(self, *args, checkpoint=None, **options):
        note = None
        if checkpoint is not None:
            try:
                note = checkpoint.read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot read {checkpoint}: {exc.strerror}") from None
        problem = ledger_verify(checkpoint_note=note)
        if problem is not None:
            raise CommandError(f"ledger broken ({problem.kind}): {problem.message}")
        suffix = " and extends the checkpoint" if note is not None else ""
        self.stdout.write(self.style.SUCCESS(f"ledger ok: {ledger_size()} entries{suffix}"))
