"""The 幸福清单 of a household as plain frozen data, for pages, the PDF and other apps."""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RuleBasis:
    """A rules version and the parameter values in force behind one or more lines."""

    number: int  # 1-based, as the lines refer to it
    rules_version: str
    parameters: tuple[tuple[str, str], ...]  # (name, value) sorted by name


@dataclass(frozen=True)
class StatementLine:
    """One thing the household receives, with what it comes to in the statement's year.

    ``months_this_year`` counts the months of the year in which a monthly item runs (its
    start to its end, or December when it has none); ``amount_this_year`` is
    ``monthly_amount × months_this_year`` for a monthly item, the whole amount for a one-off
    item paid in the year, and 0 for items that pay nothing themselves.
    """

    item_code: str
    item_name: str
    kind: str  # cases ItemKind value
    department: str  # cases OwningDepartment value
    department_name: str
    monthly_amount: Decimal
    is_monthly: bool
    is_one_off: bool
    start_month: dt.date | None
    end_month: dt.date | None
    months_this_year: int
    amount_this_year: Decimal
    paid_this_year: Decimal
    next_review_on: dt.date | None
    decision_number: str
    rules_version: str
    parameters: tuple[tuple[str, str], ...]  # (name, value) sorted by name
    rule_basis: int | None  # RuleBasis.number, None when no rule stands behind the line


@dataclass(frozen=True)
class StatementSuggestion:
    """A programme the rules say the household may qualify for but does not receive."""

    programme: str
    programme_label: str
    monthly_amount: int
    sentences: tuple[str, ...]
    as_of: dt.date


@dataclass(frozen=True)
class Statement:
    """A household's 幸福清单.

    ``annual_total`` is the sum of the lines' ``amount_this_year`` over the calendar year of
    ``as_of``: what the household receives in that year at today's amounts, paid or still to
    be paid. ``paid_total`` sums what the ledger has paid this year.
    """

    household_id: uuid.UUID
    household_number: str
    head_name: str
    head_id_number_masked: str
    village_name: str
    township_name: str
    division_code: int
    as_of: dt.date
    year: int
    lines: tuple[StatementLine, ...]
    rule_bases: tuple[RuleBasis, ...]
    annual_total: Decimal
    paid_total: Decimal
    suggestions: tuple[StatementSuggestion, ...]
    hotline: str


@dataclass(frozen=True)
class StatementVerification:
    """What the public verification page may say about an issued document, nothing more."""

    issued_at: dt.datetime
    head_name_masked: str
    household_number_masked: str
    line_count: int
    annual_total: Decimal
    year: int
    has_changed: bool  # the household's statement today differs from the one issued
