from celery import shared_task

from actors.services import media


@shared_task(name="actors.tasks.headshot_process", ignore_result=True)
def headshot_process(headshot_id: int) -> bool:
    return media.headshot_process(headshot_id=headshot_id)


@shared_task(name="actors.tasks.reference_asset_process", ignore_result=True)
def reference_asset_process(asset_id: int) -> bool:
    return media.reference_asset_process(asset_id=asset_id)
