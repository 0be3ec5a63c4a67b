from celery import shared_task

from portal import services


@shared_task(name="portal.tasks.notification_deliver", ignore_result=True)
def notification_deliver(notification_id: int) -> bool:
    return services.notification_deliver(notification_id=notification_id)


@shared_task(name="portal.tasks.notifications_deliver_pending", ignore_result=True)
def notifications_deliver_pending() -> int:
    return services.notifications_deliver_due()


@shared_task(name="portal.tasks.ledger_checkpoint", ignore_result=True)
def ledger_checkpoint() -> int:
    """Sign the ledger's head (idempotent: an unchanged head is not signed twice)."""
    from portal.ledger import checkpoint_sign

    return checkpoint_sign().size
