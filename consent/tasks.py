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


# --- shots ----------------------------------------------------------------------------------


@shared_task(name="consent.tasks.shot_render_preview", ignore_result=True)
def shot_render_preview(shot_id: int) -> bool:
    from consent.services.shots import shot_render_preview as run

    return run(shot_id=shot_id)


@shared_task(name="consent.tasks.shots_expire_due", ignore_result=True)
def shots_expire_due() -> int:
    """Record the expiry of unanswered shot requests. Correctness never waits for this: every
    read and every decision compares due_at with the clock."""
    from consent.services.shots import shots_expire_due as run

    return run()


@shared_task(name="consent.tasks.shots_remind_due", ignore_result=True)
def shots_remind_due() -> int:
    from consent.services.shots import shots_remind_due as run

    return run()
