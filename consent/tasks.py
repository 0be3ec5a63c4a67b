from celery import shared_task

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
