import datetime as dt

import pytest

from minzheng.eligibility.selectors import household_case_prefill, registry_snapshot
from minzheng.eligibility.services import cases_evaluate
from minzheng.integration.enums import Department
from minzheng.integration.tests.factories import source_record
from minzheng.registry.enums import PersonStatus, Relation
from minzheng.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

AS_OF = dt.date(2026, 11, 1)


def _family():
    home = HouseholdFactory()
    head = PersonFactory(birth_date=dt.date(1975, 5, 1))
    son = PersonFactory(birth_date=dt.date(2004, 2, 1))
    MembershipFactory(household=home, person=head, relation=Relation.HEAD)
    MembershipFactory(household=home, person=son, relation=Relation.CHILD)
    old = dt.date(2025, 12, 31)
    new = dt.date(2026, 10, 31)
    source_record(head, Department.SOCIAL_SECURITY, {"monthly_wage": "9000"}, as_of=old)
    source_record(head, Department.SOCIAL_SECURITY, {"monthly_wage": "1500.50"}, as_of=new)
    source_record(son, Department.DISABILITY, {"grade": 3, "category": "肢体"}, as_of=new)
    source_record(son, Department.DISABILITY, {"grade": 2, "category": "精神"}, as_of=new)
    source_record(head, Department.MEDICAL_INSURANCE, {"out_of_pocket": "30000.20"}, as_of=new)
    source_record(son, Department.MEDICAL_INSURANCE, {"out_of_pocket": "1000"}, as_of=new)
    source_record(head, Department.REAL_ESTATE, {"property_count": 1}, as_of=new)
    source_record(head, Department.VEHICLES, {"purchase_value": "30000"}, as_of=new)
    source_record(head, Department.VEHICLES, {"purchase_value": "62000"}, as_of=new)
    # Data dated after the judging day is not used.
    source_record(
        son, Department.SOCIAL_SECURITY, {"monthly_wage": "8000"}, as_of=dt.date(2026, 12, 31)
    )
    return home, head, son


@pytest.mark.django_db
def test_prefill_takes_each_departments_latest_values_with_their_sources():
    home, head, son = _family()
    prefill = household_case_prefill(household_id=home.pk, as_of=AS_OF)
    case = prefill.case
    assert case["region"] == "330482"
    members = {m["id"]: m for m in case["members"]}
    assert members[str(head.pk)]["monthly_income"] == 1500.50
    assert members[str(head.pk)]["relation"] == "head"
    assert members[str(son.pk)]["monthly_income"] == 0
    assert (members[str(son.pk)]["disability_grade"], members[str(son.pk)]["disability_kind"]) == (
        2,
        "mental",
    )
    assert case["rigid_expenditure_annual"] == 31000.20
    # Nobody asked the banks, and no department knows of support or supporters: 未核对.
    assert case["assets"] == {
        "financial": None,
        "vehicles": [{"value": 62000.0, "for_disability": False}],
        "dwellings": 1,
    }
    assert case["support_received_monthly"] is None
    assert case["has_capable_supporter"] is None
    head_path = f"members[{[m['id'] for m in case['members']].index(str(head.pk))}]"
    assert prefill.sources[f"{head_path}.monthly_income"] == "人社 2026-10-31"
    assert prefill.sources["assets.vehicles"] == "车辆 2026-10-31"
    assert "assets.financial" not in prefill.sources
    assert "has_capable_supporter" not in prefill.sources


def _bank(person, bank, deposit, wealth="0", *, as_of=dt.date(2026, 10, 20)):
    source_record(
        person,
        Department.BANKS,
        {"bank_name": bank, "deposit_balance": deposit, "wealth_balance": wealth},
        as_of=as_of,
    )


@pytest.mark.django_db
def test_financial_assets_come_from_the_banks_only_when_every_member_was_answered():
    home, head, son = _family()
    _bank(head, "湖州银行", "12000.50", "30000")
    _bank(head, "中国农业银行", "500")
    _bank(head, "湖州银行", "12000.50", "30000")  # the same answer sent twice counts once
    partial = household_case_prefill(household_id=home.pk, as_of=AS_OF)
    assert partial.case["assets"]["financial"] is None  # the son was not answered
    assert "assets.financial" not in partial.sources
    _bank(son, "湖州银行", "0")  # answered: holds nothing
    prefill = household_case_prefill(household_id=home.pk, as_of=AS_OF)
    assert prefill.case["assets"]["financial"] == 42500.50
    assert prefill.sources["assets.financial"] == "银行 2026-10-20"


@pytest.mark.django_db
def test_the_prefilled_case_is_judged_by_the_rules():
    home, _head, _son = _family()
    case = household_case_prefill(household_id=home.pk, as_of=AS_OF).case
    [result] = cases_evaluate(cases=[case])
    # 1500.50 for two is 750.25 a head: under 1145, but the 62,000 yuan car fails the assets.
    assert result["per_capita_income"] == 750.25
    assert result["programmes"]["dibao"]["reasons"] == ["income_below_standard", "vehicle_over_cap"]


@pytest.mark.django_db
def test_snapshot_leaves_out_the_dead_and_households_it_cannot_judge():
    home, _head, son = _family()
    son.status = PersonStatus.DECEASED
    son.save(update_fields=["status"])
    unknown = HouseholdFactory()
    MembershipFactory(household=unknown, person=PersonFactory(birth_date=None))
    snapshot = registry_snapshot(as_of=AS_OF)
    assert snapshot.household_ids == [home.pk]
    assert snapshot.table.persons.member_id.tolist() == [str(_head.pk)]
    assert snapshot.skipped_households == 1
