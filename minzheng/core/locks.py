"""A lock named by a key, held until the current transaction ends (ADR 0029).

Limits that count rows and then insert one (codes per ID number per hour, failed logins per
account) are only limits if no two requests count at the same time. Row locks cannot do it:
the rows counted may not exist yet. On PostgreSQL the key's 64-bit hash takes a transaction-level
advisory lock, so requests for one key queue and requests for other keys do not wait. SQLite
has one writer at a time and refuses (``database is locked``) a transaction that read before
another one wrote; it never lets two of them write, so nothing is needed there.
"""

from django.db import connection, transaction


def key_lock(key: str) -> None:
    """Wait until no other transaction holds ``key``; hold it until this transaction ends.

    Raises:
        TransactionManagementError: called outside a transaction (the lock would end at once).
    """
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("key_lock needs a transaction")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
