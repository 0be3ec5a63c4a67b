from celery import shared_task

from portal import services


@shared_task(name="portal.tasks.notification_deliver", ignore_result=True)
def notification_deliver(notification_id: int) -> bool:
    return services.notification_deliver(notification_id=notification_id)


@shared_task(name="portal.tasks.notifications_deliver_pending", ignore_result=True)
def notifications_deliver_pending() -> int:
    return services.notifications_deliver_due()
