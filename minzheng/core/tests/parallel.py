"""Run calls at the same moment in threads, each with its own database connection.

For race tests on PostgreSQL (``django_db(transaction=True)``): SQLite's test database is one
in-memory connection, so such tests skip there with a reason.
"""

import threading
from collections.abc import Callable

from django.db import connections

from minzheng.core.exceptions import ApplicationError


def together(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in parallel threads, released at the same moment; results or refusals."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except ApplicationError as refused:
            results[index] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
