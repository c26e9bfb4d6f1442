"""The statement selector: lines, the annual total, rule bases, suggestions, the digest."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from minzheng.cases.models import PaymentSchedule
from minzheng.cases.selectors.benefits import household_benefits
from minzheng.core.exceptions import NotFound
from minzheng.payments.tests.factories import PaymentLineFactory
from minzheng.statements.selectors import (
    household_number_mask,
    household_statement,
    months_running,
    statement_digest,
)
from minzheng.statements.tests.conftest import PARAMETERS, family_home

pytestmark = pytest.mark.django_db


def test_lines_come_in_catalogue_order_with_this_years_amounts(home):
    statement = household_statement(household_id=home.pk)

    assert [
        (
            line.item_name,
            line.department_name,
            line.monthly_amount,
            line.start_month,
            line.end_month,
            line.months_this_year,
            line.amount_this_year,
            line.paid_this_year,
            line.next_review_on,
        )
        for line in statement.lines
    ] == [
        (
            "最低生活保障",
            "民政",
            Decimal("525.00"),
            dt.date(2025, 10, 1),
            None,
            12,
            Decimal("6300.00"),
            Decimal("5250.00"),
            dt.date(2026, 9, 25),
        ),
        (
            "支出型低保",
            "民政",
            Decimal("300.50"),
            dt.date(2026, 4, 1),
            dt.date(2027, 3, 1),
            9,
            Decimal("2704.50"),
            Decimal("0.00"),
            dt.date(2026, 8, 26),
        ),
        (
            "临时救助",
            "民政",
            Decimal("1500.00"),
            dt.date(2026, 6, 1),
            dt.date(2026, 6, 1),
            0,
            Decimal("1500.00"),
            Decimal("1500.00"),
            dt.date(2026, 7, 27),
        ),
        (
            "医疗救助",
            "医保",
            Decimal("0.00"),
            dt.date(2025, 10, 1),
            None,
            0,
            Decimal("0.00"),
            Decimal("0.00"),
            dt.date(2026, 9, 25),
        ),
        (
            "电费减免",
            "电力",
            Decimal("0.00"),
            dt.date(2025, 10, 1),
            None,
            0,
            Decimal("0.00"),
            Decimal("0.00"),
            dt.date(2026, 9, 25),
        ),
    ]
    assert [(line.is_monthly, line.is_one_off) for line in statement.lines] == [
        (True, False),
        (True, False),
        (False, True),
        (False, False),
        (False, False),
    ]


def test_the_annual_total_is_monthly_amounts_times_months_this_year_plus_one_offs(home):
    statement = household_statement(household_id=home.pk)

    # 525.00 × 12 + 300.50 × 9 + 1500.00 (one-off) + 0 + 0
    assert statement.annual_total == Decimal("10504.50")
    assert statement.paid_total == Decimal("6750.00")  # 10 × 525 + 1500; 2025 and unpaid left out
    assert statement.year == 2026


def test_the_header_names_the_head_in_full_and_the_divisions(home, head):
    statement = household_statement(household_id=home.pk)

    assert statement.household_number == "T0000004242"
    assert statement.head_name == "张秀英"
    assert statement.head_id_number_masked == head.id_number_masked
    assert (statement.township_name, statement.village_name) == ("当湖街道", "松枫社区")
    assert statement.division_code == 330482001034
    assert statement.as_of == dt.date(2026, 11, 20)
    assert statement.hotline == "96345"


def test_lines_sharing_rules_and_parameters_share_one_rule_basis(home):
    statement = household_statement(household_id=home.pk)

    assert [line.rule_basis for line in statement.lines] == [1, 2, None, 1, 1]
    assert [(b.number, b.rules_version, b.parameters) for b in statement.rule_bases] == [
        (1, "2026.11", (("dibao.edge_multiplier", "1.5"), ("dibao.standard", "1145"))),
        (
            2,
            "2026.11",
            (("dibao.standard", "1145"), ("rigid.disposable_income_last_year", "52000")),
        ),
    ]
    assert dict(statement.lines[0].parameters) == {k: str(v) for k, v in PARAMETERS.items()}


def test_suggestions_leave_out_programmes_already_received(home, suggest):
    suggest(
        ("dibao", "最低生活保障", 525), ("tekun", "特困供养", 1950), ("dibao_edge", "低保边缘", 0)
    )

    statement = household_statement(household_id=home.pk)

    assert [(s.programme, s.programme_label, s.monthly_amount) for s in statement.suggestions] == [
        ("tekun", "特困供养", 1950),
        ("dibao_edge", "低保边缘", 0),
    ]
    assert statement.suggestions[0].sentences == ("特困供养：家庭月人均收入低于标准。",)


def test_a_household_receiving_nothing_gets_every_suggestion_and_a_zero_total(suggest):
    household, _head, _son = family_home("T0000000001")
    suggest(("dibao", "最低生活保障", 525))

    statement = household_statement(household_id=household.pk)

    assert statement.lines == ()
    assert statement.rule_bases == ()
    assert statement.annual_total == Decimal("0.00")
    assert [s.programme for s in statement.suggestions] == ["dibao"]


def test_without_a_current_rules_run_there_are_no_suggestions(home):
    assert household_statement(household_id=home.pk).suggestions == ()


def test_as_of_chooses_the_year_of_the_total(home):
    statement = household_statement(household_id=home.pk, as_of=dt.date(2027, 1, 15))

    # 2027: dibao runs 12 months, 支出型 January to March, the 2026 one-off not at all.
    assert [line.amount_this_year for line in statement.lines[:3]] == [
        Decimal("6300.00"),
        Decimal("901.50"),
        Decimal("0.00"),
    ]
    assert statement.annual_total == Decimal("7201.50")


def test_an_unknown_household_is_not_found():
    with pytest.raises(NotFound):
        household_statement(household_id=uuid.uuid4())


def test_the_statement_adds_a_fixed_number_of_queries_to_the_benefits(
    home, monkeypatch, django_assert_num_queries
):
    # The cases app's selector answers for its own queries; this one adds a fixed few.
    lines = household_benefits(household_id=home.pk)
    monkeypatch.setattr(
        "minzheng.statements.selectors.statement.household_benefits",
        lambda *, household_id: lines,
    )

    # household, division lineage, head of household, what the bank paid, the current rules run
    with django_assert_num_queries(5):
        statement = household_statement(household_id=home.pk)
    assert len(statement.lines) == 5


@pytest.mark.parametrize(
    ("start", "end", "year", "months", "_case"),
    [
        (dt.date(2026, 1, 1), None, 2026, 12, "whole year, open end"),
        (dt.date(2025, 6, 1), None, 2026, 12, "started last year"),
        (dt.date(2026, 3, 15), None, 2026, 10, "a mid-month start counts its month"),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), 2026, 1, "a single month"),
        (dt.date(2026, 11, 1), dt.date(2027, 2, 1), 2026, 2, "runs into next year"),
        (dt.date(2024, 1, 1), dt.date(2025, 12, 1), 2026, 0, "ended last year"),
        (dt.date(2027, 1, 1), None, 2026, 0, "starts next year"),
        (None, None, 2026, 12, "no dates at all"),
    ],
)
def test_months_running(start, end, year, months, _case):
    assert months_running(start=start, end=end, year=year) == months


# The digest --------------------------------------------------------------------------------


def test_the_digest_is_stable_and_ignores_suggestions_and_payments(home, suggest):
    first = statement_digest(household_statement(household_id=home.pk))
    suggest(("tekun", "特困供养", 1950))
    schedule = PaymentSchedule.objects.get(household=home, item__code="dibao")
    PaymentLineFactory(schedule=schedule, month=dt.date(2026, 11, 1))  # November re-issued

    again = household_statement(household_id=home.pk)

    assert len(first) == 64
    assert again.paid_total == Decimal("7275.00")
    assert statement_digest(again) == first


def test_the_digest_changes_with_an_amount(home):
    before = statement_digest(household_statement(household_id=home.pk))
    PaymentSchedule.objects.filter(household=home, item__code="dibao").update(
        monthly_amount=Decimal("600.00")
    )

    assert statement_digest(household_statement(household_id=home.pk)) != before


@pytest.mark.parametrize(
    ("number", "masked"),
    [("T0000004242", "T00*****242"), ("33048200", "3******0"), ("1234", "****")],
)
def test_household_number_mask(number, masked):
    assert household_number_mask(number) == masked
