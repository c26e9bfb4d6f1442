"""Reads of standard addresses for other apps."""

import uuid

from django.db.models import QuerySet

from minzheng.addresses.models import StandardAddress


def address_ids_containing(
    *, text: str, division_range: tuple[int, int]
) -> QuerySet[StandardAddress, uuid.UUID]:
    """Ids of addresses in the division range whose canonical text contains ``text``.

    Returned as a lazy queryset of ids, not a list: callers use it as a subquery so the
    database reads the addresses once, however many match. This is the one selector that hands
    a queryset to another app, because a list of 100,000 ids would cost more than the search.
    """
    return StandardAddress.objects.filter(
        division__code__range=division_range, full_text__contains=text
    ).values_list("id", flat=True)
