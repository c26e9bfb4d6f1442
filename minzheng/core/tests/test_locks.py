import pytest
from django.db import transaction

from minzheng.core.locks import key_lock


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_key_lock_outside_a_transaction_is_a_programming_error():
    with pytest.raises(transaction.TransactionManagementError):
        key_lock("anything")
    with transaction.atomic():
        key_lock("anything")  # held until the block ends
