from minzheng.cases.tests.conftest import (  # noqa: F401
    county_worker,
    frozen,
    township_worker,
    village_worker,
)
