"""Twenty citizens' phones asking at once for one ID number still get three codes an hour."""

import pytest
from django.db import connection

from minzheng.core.tests.parallel import together
from minzheng.statements.models import SignInCode
from minzheng.statements.services import sign_in_code_send
from minzheng.statements.services.sign_in import CODES_PER_ID_PER_HOUR, RateLimited
from minzheng.statements.sms import MemorySmsBackend
from minzheng.statements.tests.conftest import family_home

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="parallel requests need separate connections: SQLite's test database has one",
    ),
]


def test_parallel_requests_for_one_id_send_no_more_codes_than_the_limit():
    _home, head, _son = family_home()
    results = together(*[lambda: sign_in_code_send(id_number=head.id_number)] * 20)
    refused = [result for result in results if isinstance(result, RateLimited)]
    assert len(refused) == 20 - CODES_PER_ID_PER_HOUR
    assert len(MemorySmsBackend.outbox) == CODES_PER_ID_PER_HOUR
    assert SignInCode.objects.count() == CODES_PER_ID_PER_HOUR
