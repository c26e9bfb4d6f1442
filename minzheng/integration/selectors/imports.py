"""Reading feed imports for the import pages."""

from django.db.models import QuerySet

from minzheng.accounts.enums import Capability
from minzheng.accounts.models import User
from minzheng.accounts.permissions import jurisdiction_range
from minzheng.integration.enums import MatchStatus
from minzheng.integration.models import FeedImport, StagedRecord


def feed_import_list(*, actor: User) -> QuerySet[FeedImport]:
    """Imports by anyone inside the actor's jurisdiction, and the system's own (the demo)."""
    low, high = jurisdiction_range(actor=actor, capability=Capability.FEED_IMPORT)
    return FeedImport.objects.filter(
        uploaded_by__jurisdiction__code__range=(low, high)
    ) | FeedImport.objects.filter(uploaded_by__isnull=True)


def feed_import_invalid_rows(*, feed_import: FeedImport) -> QuerySet[StagedRecord]:
    """Rows that will not be merged, in file order, with their problems."""
    return (
        StagedRecord.objects.filter(feed_import=feed_import, match_status=MatchStatus.INVALID)
        .order_by("row_number")
        .only("row_number", "record_id", "errors")
    )


def feed_import_warned_rows(*, feed_import: FeedImport) -> QuerySet[StagedRecord]:
    """Valid rows that carry warnings (an ID number failing its checksum, say)."""
    return (
        StagedRecord.objects.filter(feed_import=feed_import)
        .exclude(match_status=MatchStatus.INVALID)
        .exclude(errors=[])
        .order_by("row_number")
        .only("row_number", "record_id", "errors")
    )
