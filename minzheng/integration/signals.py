"""What the integration layer tells the apps above it, which it may not import.

``feed_import_merged`` is sent inside the merge's transaction, after the source records are
written: a receiver that raises undoes the whole merge, so a feed and what an app builds from
it go in together or not at all (the 在册对象 roll and its migrated cases, ADR 0021).
Arguments: ``department``, ``feed_import_id``, ``as_of``.
"""

from django.dispatch import Signal

feed_import_merged = Signal()
