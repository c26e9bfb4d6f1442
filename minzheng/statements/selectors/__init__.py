from minzheng.statements.selectors.citizen import CitizenHousehold, citizen_household
from minzheng.statements.selectors.statement import (
    HOTLINE_NUMBER,
    household_number_mask,
    household_statement,
    months_running,
    statement_digest,
)
from minzheng.statements.selectors.verification import statement_verification

__all__ = [
    "HOTLINE_NUMBER",
    "CitizenHousehold",
    "citizen_household",
    "household_number_mask",
    "household_statement",
    "months_running",
    "statement_digest",
    "statement_verification",
]
