"""Background steps of a feed import; each wraps one service.

The services queue these tasks, so a task imports its service when it runs: importing the
services here would make each module need the other first.
"""

from django.tasks import task


@task()
def feed_import_prepare_task(feed_import_id: str, attempt: int) -> None:
    from minzheng.integration.services.feed_prepare import feed_import_prepare

    feed_import_prepare(feed_import_id=feed_import_id, attempt=attempt)


@task()
def feed_import_merge_task(feed_import_id: str, attempt: int) -> None:
    from minzheng.integration.services.feed_merge import feed_import_merge

    feed_import_merge(feed_import_id=feed_import_id, attempt=attempt)
