from celery import shared_task


@shared_task(name="creators.tasks.pitches_expire_due", ignore_result=True)
def pitches_expire_due() -> int:
    """Record the expiry of unanswered pitches. Correctness never waits for this: every read
    and every transition checks the clock itself."""
    from creators.services.pitches import pitches_expire_due as run

    return run()


@shared_task(name="creators.tasks.saved_search_alerts", ignore_result=True)
def saved_search_alerts() -> int:
    from creators.services.matchmaking import saved_search_alerts_run

    return saved_search_alerts_run()
