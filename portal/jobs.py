"""Publishing tasks from web requests without depending on the broker being up."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args) -> bool:
    """
    Publish a task now; never raise. Used for work that is also swept up periodically (outbox
    delivery), so a broker outage delays it and loses nothing.
    """
    from portal.celery import app

    try:
        app.tasks[task_name].apply_async(args=args)
    except (OperationalError, OSError, ConnectionError) as exc:
        logger.warning(
            "broker unavailable, %s left for the periodic sweep (%s)", task_name, type(exc).__name__
        )
        return False
    return True


def enqueue_on_commit(task_name: str, *args) -> None:
    transaction.on_commit(lambda: enqueue(task_name, *args))
