"""Consent's periodic jobs: thin, idempotent, each calling a service. The shots helper appends
its tasks at the END of this file."""

from celery import shared_task


@shared_task(name="consent.tasks.grants_record_clock", ignore_result=True)
def grants_record_clock() -> int:
    """Record expiry and lapse the clock already decided. Access never waits for this: every
    request reads the clock itself (consent.selectors.grant_in_force)."""
    from consent.services.grants import grants_record_clock as run

    return run()


@shared_task(name="consent.tasks.attestations_follow_up", ignore_result=True)
def attestations_follow_up() -> int:
    """Remind studios of outstanding attestations; open a staff case for overdue ones."""
    from consent.services.attestations import (
        attestations_open_overdue_cases,
        attestations_remind_due,
    )

    return attestations_remind_due() + attestations_open_overdue_cases()
