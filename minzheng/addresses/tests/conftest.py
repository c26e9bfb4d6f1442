import pytest

from minzheng.addresses.matching import address_index_clear


@pytest.fixture(autouse=True)
def fresh_address_index():
    """Each test builds its own matcher index: the process cache outlives test transactions."""
    address_index_clear()
    yield
    address_index_clear()
