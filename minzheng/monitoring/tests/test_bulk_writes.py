"""The bulk loader's paths the event sweep relies on, on both databases.

``write_table(skip_conflicts=True)`` (INSERT … ON CONFLICT DO NOTHING on SQLite, a staged COPY
on PostgreSQL) and ``columns_set`` (executemany on SQLite, UPDATE … FROM on PostgreSQL).
"""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from minzheng.core.bulk import Constant, TableLoad, base_columns, columns_set, write_table
from minzheng.monitoring.models import MonitoringEvent
from minzheng.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _events(person, records):
    return TableLoad(
        MonitoringEvent,
        len(records),
        {
            **base_columns(len(records)),
            "household_id": Constant(None),
            "person_id": Constant(person.pk.hex),
            "kind": Constant("death"),
            "occurred_on": Constant(dt.date(2026, 11, 1)),
            "amount": ["12.50", *[None] * (len(records) - 1)] if records else [],
            "months": Constant(None),
            "source": Constant("公安"),
            "source_record_id": records,
            "warning_id": Constant(None),
            "evaluated_at": Constant(None),
        },
    )


def test_a_row_already_stored_is_skipped_and_the_rest_inserted():
    person = household_with_members(1).memberships.get().person
    write_table(_events(person, ["a", "b"]), progress=False)
    write_table(_events(person, ["b", "c"]), progress=False, skip_conflicts=True)
    assert sorted(MonitoringEvent.objects.values_list("source_record_id", flat=True)) == [
        "a",
        "b",
        "c",
    ]
    assert MonitoringEvent.objects.get(source_record_id="a").amount == 12.5
    with pytest.raises(IntegrityError), transaction.atomic():
        write_table(_events(person, ["c", "d"]), progress=False)


def test_no_rows_write_nothing(django_assert_num_queries):
    person = household_with_members(1).memberships.get().person
    with django_assert_num_queries(0):
        write_table(_events(person, []), progress=False, skip_conflicts=True)


def test_columns_set_writes_values_none_and_a_constant_to_the_keys_only():
    person = household_with_members(1).memberships.get().person
    write_table(_events(person, ["a", "b", "c"]), progress=False)
    keys = dict(MonitoringEvent.objects.values_list("source_record_id", "id"))
    stamp = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
    changed = columns_set(
        MonitoringEvent,
        [keys["a"].hex, keys["b"].hex],
        {"source": ["医保", "人社"], "months": [4, None], "evaluated_at": Constant(stamp)},
    )
    assert changed == 2
    rows = {
        row[0]: row[1:]
        for row in MonitoringEvent.objects.values_list(
            "source_record_id", "source", "months", "evaluated_at"
        )
    }
    assert rows == {
        "a": ("医保", 4, stamp),
        "b": ("人社", None, stamp),
        "c": ("公安", None, None),
    }
