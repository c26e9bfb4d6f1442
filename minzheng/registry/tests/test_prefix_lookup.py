import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minzheng.registry.models import Person
from minzheng.registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_prefix_matches_exactly_what_startswith_matches():
    for name in ["张伟", "张伟明", "张", "张%伟", "张_伟", "章伟", "Zhang"]:
        PersonFactory(name=name)
    for query in ["张", "张伟", "张%", "张_", "Z", "z", "王"]:
        expected = set(Person.objects.filter(name__startswith=query).values_list("name", flat=True))
        if connection.vendor == "sqlite" and query == "z":
            expected = set()  # SQLite's LIKE folds ASCII case; the index range does not
        got = set(Person.objects.filter(name__prefix=query).values_list("name", flat=True))
        assert got == expected, query


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan checked is SQLite's")
def test_prefix_uses_the_index_on_sqlite():
    with CaptureQueriesContext(connection) as captured:
        list(Person.objects.filter(name__prefix="张").values_list("pk", flat=True))
    sql = captured.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "USING" in plan, plan
    assert "INDEX" in plan, plan
