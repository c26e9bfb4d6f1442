"""Background steps of a feed import; each wraps one service."""

from django.tasks import task

from minzheng.integration.services.feed_imports import feed_import_prepare
from minzheng.integration.services.feed_merge import feed_import_merge


@task()
def feed_import_prepare_task(feed_import_id: str) -> None:
    feed_import_prepare(feed_import_id=feed_import_id)


@task()
def feed_import_merge_task(feed_import_id: str) -> None:
    feed_import_merge(feed_import_id=feed_import_id)
