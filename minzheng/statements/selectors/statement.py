"""The 幸福清单 of one household: what it receives, what that comes to, what it might apply for."""

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from minzheng.cases.contracts import BenefitLine
from minzheng.cases.enums import ItemKind
from minzheng.cases.selectors.benefits import household_benefits
from minzheng.core.clock import today
from minzheng.core.exceptions import NotFound
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.selectors import division_lineage
from minzheng.eligibility.selectors import household_suggestions
from minzheng.payments.selectors import paid_by_schedule
from minzheng.registry.selectors import household_get, household_members
from minzheng.statements.contracts import (
    RuleBasis,
    Statement,
    StatementLine,
    StatementSuggestion,
)

# The county's 96345 community hotline takes questions and complaints about any line.
HOTLINE_NUMBER = "96345"
CENTS = Decimal("0.01")
ZERO = Decimal("0.00")


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_running(*, start: dt.date | None, end: dt.date | None, year: int) -> int:
    """Months of ``year`` from ``start`` to ``end`` inclusive (open ends run to the year's ends)."""
    first = max(_month(start) if start else dt.date(year, 1, 1), dt.date(year, 1, 1))
    last = min(_month(end) if end else dt.date(year, 12, 1), dt.date(year, 12, 1))
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _plain(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _parameters(values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(name), _plain(value)) for name, value in values.items()))


def _line(
    benefit: BenefitLine,
    *,
    year: int,
    bases: dict[tuple[str, tuple[tuple[str, str], ...]], int],
    paid: Mapping[uuid.UUID, Decimal],
) -> StatementLine:
    amount = benefit.monthly_amount.quantize(CENTS)
    is_monthly = benefit.kind == ItemKind.MONTHLY_CASH
    is_one_off = benefit.kind == ItemKind.ONE_OFF
    months = (
        months_running(start=benefit.start_month, end=benefit.end_month, year=year)
        if is_monthly
        else 0
    )
    if is_monthly:
        this_year = amount * months
    elif is_one_off and benefit.start_month is not None and benefit.start_month.year == year:
        this_year = amount
    else:
        this_year = ZERO
    parameters = _parameters(benefit.parameters)
    basis = None
    if benefit.rules_version or parameters:
        basis = bases.setdefault((benefit.rules_version, parameters), len(bases) + 1)
    return StatementLine(
        item_code=benefit.item_code,
        item_name=benefit.item_name,
        kind=benefit.kind,
        department=benefit.department,
        department_name=benefit.department_name,
        monthly_amount=amount,
        is_monthly=is_monthly,
        is_one_off=is_one_off,
        start_month=benefit.start_month,
        end_month=benefit.end_month,
        months_this_year=months,
        amount_this_year=this_year.quantize(CENTS),
        paid_this_year=paid.get(benefit.schedule_id, ZERO) if benefit.schedule_id else ZERO,
        next_review_on=benefit.next_review_on,
        decision_number=benefit.decision_number,
        rules_version=benefit.rules_version,
        parameters=parameters,
        rule_basis=basis,
    )


def _suggestions(
    household_id: uuid.UUID, received: Iterable[str]
) -> tuple[StatementSuggestion, ...]:
    """The rules' suggestions without the programmes the household already receives.

    The catalogue gives each rule-judged item the code of its programme (dibao, tekun …), so a
    line's ``item_code`` equal to a suggestion's ``programme`` means it is already received.
    """
    taken = set(received)
    return tuple(
        StatementSuggestion(
            programme=suggestion.programme,
            programme_label=suggestion.programme_label,
            monthly_amount=suggestion.monthly_amount,
            sentences=tuple(suggestion.sentences),
            as_of=suggestion.as_of,
        )
        for suggestion in household_suggestions(household_id=household_id)
        if suggestion.programme not in taken
    )


def household_statement(
    *,
    household_id: uuid.UUID,
    as_of: dt.date | None = None,
    with_suggestions: bool = True,
) -> Statement:
    """The household's 幸福清单 on ``as_of`` (default today). The caller checks access.

    Lines are what ``cases.selectors.benefits.household_benefits`` reports as running. For the
    calendar year Y of ``as_of``, each line's ``amount_this_year`` is:

    - a monthly item: its monthly amount × the months of Y from its start month to its end
      month inclusive (December of Y when it has no end);
    - a one-off item: its whole amount if its (only) month falls in Y, else 0;
    - an item that pays nothing itself (低边 status, referral, fee waiver): 0.

    ``annual_total`` is the sum of the lines' ``amount_this_year``: what the household
    receives in Y at today's amounts, paid or still to come. ``paid_total`` is what the
    bank has paid in Y, as the payment backbone's reconciled batches record it.
    Suggestions ("可能还能申请") leave out programmes already received;
    ``with_suggestions=False`` skips them (they are not part of the statement's digest).

    Raises:
        NotFound: no such household.
    """
    day = as_of or today()
    household = household_get(household_id=household_id)
    if household is None:
        raise NotFound
    lineage = division_lineage(household.division_id)
    township = next((d for d in lineage if d.level == DivisionLevel.TOWNSHIP), None)
    members = household_members(household_id=household.pk)  # the head first, else the eldest
    head = members[0] if members else None
    bases: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}
    benefits = household_benefits(household_id=household.pk)
    paid = paid_by_schedule(
        schedule_ids=[b.schedule_id for b in benefits if b.schedule_id], year=day.year
    )
    lines = tuple(_line(benefit, year=day.year, bases=bases, paid=paid) for benefit in benefits)
    suggestions = (
        _suggestions(household.pk, (line.item_code for line in lines)) if with_suggestions else ()
    )
    return Statement(
        household_id=household.pk,
        household_number=household.number,
        head_name=head.person.name if head else "",
        head_id_number_masked=head.person.id_number_masked if head else "",
        village_name=household.division.name,
        township_name=township.name if township else "",
        division_code=household.division_id,
        as_of=day,
        year=day.year,
        lines=lines,
        rule_bases=tuple(
            RuleBasis(number=number, rules_version=version, parameters=parameters)
            for (version, parameters), number in bases.items()
        ),
        annual_total=sum((line.amount_this_year for line in lines), ZERO),
        paid_total=sum((line.paid_this_year for line in lines), ZERO),
        suggestions=suggestions,
        hotline=HOTLINE_NUMBER,
    )


def statement_digest(statement: Statement) -> str:
    """SHA-256 of the statement's canonical content: its lines, amounts and dates.

    Covers what a family relies on: each item, its amount, its months, its review date, the
    decision and rules behind it, and the annual total. Leaves out the names and translated
    labels (the same statement must digest alike in any language), what the ledger has paid
    so far (it grows every month while nothing changes) and the suggestions (advice, not a
    benefit).
    """

    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    content = {
        "household": statement.household_number,
        "year": statement.year,
        "lines": [
            {
                "item": line.item_code,
                "kind": line.kind,
                "department": line.department,
                "monthly_amount": str(line.monthly_amount),
                "start_month": iso(line.start_month),
                "end_month": iso(line.end_month),
                "amount_this_year": str(line.amount_this_year),
                "next_review_on": iso(line.next_review_on),
                "decision_number": line.decision_number,
                "rules_version": line.rules_version,
                "parameters": [list(pair) for pair in line.parameters],
            }
            for line in statement.lines
        ],
        "annual_total": str(statement.annual_total),
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def household_number_mask(number: str) -> str:
    """T0000004242 → T00*****242: enough to recognise one's own 户号, not to look one up."""
    if len(number) <= 4:
        return "*" * len(number)
    keep = 3 if len(number) > 8 else 1
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]
