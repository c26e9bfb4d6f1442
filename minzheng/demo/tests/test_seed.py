import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum
from minzheng_pipeline.identifiers import parse_resident_id
from minzheng_pipeline.names import name_initials

from minzheng.accounts.enums import Role
from minzheng.accounts.models import User
from minzheng.addresses.models import AddressAlias, StandardAddress
from minzheng.addresses.services import address_compose
from minzheng.cases.models import CaseloadEntry, CaseloadReview, TownshipReserve
from minzheng.core.clock import today
from minzheng.core.exceptions import ApplicationError
from minzheng.core.models import AuditEvent, JobStepRun
from minzheng.dashboard.models import LoopTally
from minzheng.demo.generator import AS_OF, PHONE_PREFIXES
from minzheng.demo.services import DEMO_PASSWORD, demo_seed, demo_villages
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.eligibility.models import DeterminationRun, ParameterConfirmation
from minzheng.eligibility.selectors import unconfirmed_parameters
from minzheng.integration.enums import ImportStatus
from minzheng.integration.models import FeedImport, SourceRecord
from minzheng.monitoring.models import EarlyWarning, MonitoringEvent
from minzheng.payments.enums import BatchStatus
from minzheng.payments.models import PaymentBatch
from minzheng.profiling.models import HouseholdProfile
from minzheng.profiling.selectors import household_profile
from minzheng.registry.enums import Gender, Relation
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.tests.factories import PersonFactory
from minzheng.registry.validation import check_phone
from minzheng.visits.models import VisitPlan

PERSONS = 2000
PINGHU = 330482000000

pytestmark = pytest.mark.django_db


def _seed(**kwargs):
    return demo_seed(**({"persons": PERSONS, "seed": 7, "progress": False} | kwargs))


def _people():
    return sorted(Person.objects.values_list("id", "name", "id_number"))


def test_seeds_exactly_the_requested_number_of_persons():
    summary = _seed()

    assert Person.objects.count() == PERSONS
    assert Membership.objects.count() == PERSONS
    assert summary.persons == PERSONS
    assert summary.households == Household.objects.count() == StandardAddress.objects.count()
    assert Person.objects.filter(is_synthetic=True).exists()
    assert not Person.objects.filter(is_synthetic=False).exists()


def test_every_resident_id_is_valid_unique_and_agrees_with_the_person():
    _seed()

    rows = list(Person.objects.values_list("id_number", "birth_date", "gender"))
    for number, birth_date, gender in rows:
        parsed = parse_resident_id(number, today=AS_OF)
        assert parsed.number == number
        assert parsed.warnings == ()
        assert number.startswith("330482")
        assert (parsed.birth_date, parsed.gender) == (birth_date, gender)
        assert int(number[14:17]) < 900  # 9xx is left to the test factories
    assert len({number for number, _, _ in rows}) == PERSONS


def test_every_household_has_one_head_and_members():
    _seed()

    households = Household.objects.annotate(
        heads=Count("memberships", filter=Q(memberships__relation=Relation.HEAD)),
        members=Count("memberships"),
    )
    assert {h.heads for h in households} == {1}
    assert min(h.members for h in households) >= 1
    assert max(h.members for h in households) <= 6
    assert not Membership.objects.filter(ended_on__isnull=False).exists()


def test_households_live_in_real_pinghu_villages_at_their_own_address():
    _seed()

    villages = set(
        Division.objects.filter(
            level=DivisionLevel.VILLAGE, code__range=(330482000000, 330482999999)
        ).values_list("code", flat=True)
    )
    households = Household.objects.select_related("address")
    assert len(villages) == 136
    assert {h.division_id for h in households} <= villages
    assert all(h.address is not None and h.address.division_id == h.division_id for h in households)
    assert len({h.address_id for h in households}) == len(households)


def test_addresses_are_unique_and_composed_like_address_compose():
    _seed()

    divisions = Division.objects.in_bulk()
    addresses = list(StandardAddress.objects.all())
    for address in addresses:
        village = divisions[address.division_id]
        assert village.parent_id is not None
        expected = address_compose(
            township=divisions[village.parent_id].name,
            village=village.name,
            road=address.road,
            door_number=address.door_number,
            estate=address.estate,
            building=address.building,
            unit=address.unit,
            room=address.room,
            group=address.group,
        )
        assert address.full_text == expected
        assert address.is_synthetic
        if village.name.endswith("社区"):
            assert all((address.estate, address.building, address.room))
            assert not address.group
        else:
            assert all((address.group, address.door_number))
            assert not address.estate
    assert len({a.full_text for a in addresses}) == len(addresses)


def test_names_initials_and_phones_look_like_the_registry_would_store_them():
    _seed()

    for name, initials, phone in Person.objects.values_list("name", "name_initials", "phone"):
        assert 2 <= len(name) <= 3
        assert initials == name_initials(name)
        if phone:
            assert phone[:3] in PHONE_PREFIXES
            assert check_phone(phone, errors := {}) == phone
            assert errors == {}
    phones = [p for p in Person.objects.values_list("phone", flat=True) if p]
    assert len(phones) == len(set(phones))


def test_population_has_elders_living_alone_and_children():
    _seed()

    singles = Household.objects.annotate(members=Count("memberships")).filter(members=1)
    elder_cutoff = AS_OF.replace(year=AS_OF.year - 70)
    alone = Person.objects.filter(
        memberships__household__in=singles, birth_date__lte=elder_cutoff
    ).count()
    children = Person.objects.filter(birth_date__gt=AS_OF.replace(year=AS_OF.year - 18)).count()
    assert alone > PERSONS * 0.02
    assert children > PERSONS * 0.1
    assert Person.objects.filter(gender=Gender.FEMALE).count() > PERSONS * 0.4
    assert Membership.objects.filter(started_on__gt=AS_OF).count() == 0


def test_same_seed_gives_the_same_database_after_reset():
    _seed()
    first = _people()

    summary = _seed(reset=True)

    assert _people() == first
    assert summary.deleted["registry_person"] == PERSONS
    assert Person.objects.count() == PERSONS


def test_different_seed_gives_different_people():
    _seed()
    first = _people()

    _seed(seed=8, reset=True)

    second = _people()
    assert sorted(row[1] for row in first) != sorted(row[1] for row in second)
    assert sorted(row[2] for row in first) != sorted(row[2] for row in second)
    assert {row[0] for row in first}.isdisjoint({row[0] for row in second})


def test_staff_accounts_exist_for_every_role_with_the_demo_password():
    summary = _seed(password="another-demo-password")

    users = User.objects.filter(is_synthetic=True).select_related("jurisdiction")
    assert {u.role for u in users} == set(Role.values) - {Role.SYSTEM}  # every person's role
    assert {u.username for u in users} == {login.username for login in summary.logins}
    assert all(u.jurisdiction is not None for u in users)
    assert all(u.check_password("another-demo-password") for u in users)
    admin = users.get(username="county_admin")
    assert (admin.role, admin.jurisdiction_id, admin.display_name) == (
        Role.COUNTY_ADMIN,
        PINGHU,
        "县级管理员(演示)",
    )
    townships = users.filter(role=Role.TOWNSHIP_WORKER)
    assert {u.jurisdiction.level for u in townships} == {DivisionLevel.TOWNSHIP}
    assert townships.count() == 9
    villages = {u.jurisdiction.name for u in users.filter(role=Role.VILLAGE_WORKER)}
    assert villages == {"松枫社区", "百花社区", "友联村"}


def test_refuses_to_seed_a_registry_that_has_persons_without_reset():
    PersonFactory()

    with pytest.raises(ApplicationError):
        _seed()

    assert Person.objects.count() == 1
    assert not User.objects.filter(is_synthetic=True).exists()


def test_reset_keeps_demo_accounts_and_the_audit_log():
    _seed()
    admin_pk = User.objects.get(username="county_admin").pk
    audit_rows = AuditEvent.objects.count()

    _seed(reset=True)

    assert User.objects.get(username="county_admin").pk == admin_pk
    assert AuditEvent.objects.count() == audit_rows + 1
    event = AuditEvent.objects.latest("id")
    assert (event.target_type, event.target_id) == ("demo.population", "7")


def test_refuses_to_take_over_a_real_account_with_a_demo_username():
    User.objects.create_user(username="auditor", password="x" * 12, role=Role.AUDITOR)

    with pytest.raises(ApplicationError):
        _seed()

    assert not Person.objects.exists()
    assert not User.objects.get(username="auditor").is_synthetic


def test_demo_villages_are_the_136_real_ones_with_their_townships():
    villages = demo_villages()

    assert len(villages) == 136
    assert sum(v.is_urban for v in villages) == 55
    songfeng = next(v for v in villages if v.name == "松枫社区")
    assert (songfeng.code, songfeng.township_name) == (330482001034, "当湖街道")


def test_seed_command_prints_counts_and_logins_and_refuses_a_second_run(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()

    call_command("seed", "--persons", "300", "--no-progress", stdout=out)

    text = out.getvalue()
    assert "人员 300" in text
    # The roll's accounts and next month's batch, prepared and waiting for a second person.
    assert re.search(r"资金发放：收款账户 [1-9]\d* 户，下月发放批次 [1-9]\d* 笔（已制单）", text)
    assert PaymentBatch.objects.get().status == BatchStatus.PREPARED
    # The departments' feeds were written and imported through the import service.
    assert (tmp_path / "demo-feeds" / "police.csv").exists()
    assert "公安户籍" in text
    police = FeedImport.objects.get(department="police")
    assert police.status == ImportStatus.MERGED
    assert police.matched_count > 0.9 * police.row_count
    assert SourceRecord.objects.filter(department="electricity").exists()
    # Their addresses are the registry's, written with noise: nearly all find their door plate.
    for source in ("police", "electricity"):
        aliases = AddressAlias.objects.filter(source=source)
        assert aliases.filter(address__isnull=True).count() < 0.05 * aliases.count()
    assert DEMO_PASSWORD in text
    assert "county_admin" in text
    assert "松枫社区" in text
    # The model's parameter assumptions are confirmed as 演示数据, so the demo's cases can be
    # approved, and the bulk run's explanations cite them as such.
    assert unconfirmed_parameters(region="330482", on=today()) == []
    assert set(ParameterConfirmation.objects.values_list("label", "is_demo")) == {
        ("演示数据", True)
    }
    # The rules judged every household once, and each 镇街 has a reserve for 先行救助.
    run = DeterminationRun.objects.get(is_current=True)
    assert run.parameters["330482"]["dibao.standard"]["label"] == "演示数据"
    assert run.household_count == Household.objects.count()
    assert f"救助规则已批量判定 {run.household_count} 户，9 个镇街设立了备用金" in text
    assert TownshipReserve.objects.filter(budget=200000).count() == 9
    assert f"精准画像：困难家庭 {HouseholdProfile.objects.count()} 户" in text
    # The county's roll came in through its import and the rules found work for 在册复核.
    assert list((tmp_path / "demo-feeds").glob("caseload-*.csv"))
    roll = FeedImport.objects.get(department="caseload")
    assert roll.status == ImportStatus.MERGED
    entries = CaseloadEntry.objects.count()
    reviews = CaseloadReview.objects.count()
    assert entries > 0
    assert reviews > 0
    assert f"在册对象：名册 {roll.row_count} 行，迁入 {entries} 条，待复核 {reviews} 项" in text
    findings = [
        code
        for codes in CaseloadReview.objects.values_list("findings", flat=True)
        for code in codes
    ]
    assert "amount_differs" in findings
    assert "ineligible" in findings
    # The night's chain ran as production runs it, every step of it.
    assert not JobStepRun.objects.exclude(status="succeeded").exists()
    assert set(JobStepRun.objects.values_list("step", flat=True)) == {
        "feeds",
        "rules",
        "caseload",
        "profiles",
        "visits",
        "tallies",
    }
    # Every rule a department feed triggers, the Huzhou case among them, became a warning.
    assert MonitoringEvent.objects.count() == 8
    assert set(EarlyWarning.objects.values_list("cause", flat=True)) >= {"illness", "death"}
    assert EarlyWarning.objects.filter(colour=2).exists()
    assert VisitPlan.objects.count() == HouseholdProfile.objects.count()
    # Every profile says why in sentences; the shocks made their households 急难型 and red.
    assert all(
        household_profile(household_id=household_id).reasons
        for household_id in HouseholdProfile.objects.values_list("household_id", flat=True)
    )
    emergencies = HouseholdProfile.objects.filter(primary=0)
    assert emergencies.exists()
    assert set(emergencies.values_list("colour", flat=True)) == {2}
    loop = LoopTally.objects.aggregate(open=Sum("warnings_open"))
    assert loop["open"] == EarlyWarning.objects.count()
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed", "--persons", "300", "--no-progress", "--no-feeds", stdout=StringIO())


def test_seed_command_if_empty_skips_a_filled_registry():
    _seed()
    out = StringIO()

    call_command(
        "seed", "--persons", "300", "--if-empty", "--no-progress", "--no-feeds", stdout=out
    )

    assert "跳过" in out.getvalue()
    assert Person.objects.count() == PERSONS


def test_the_seed_command_runs_again_with_reset_and_keeps_one_batch(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed", "--persons", "300", "--no-progress", stdout=StringIO())
    out = StringIO()

    call_command("seed", "--persons", "300", "--reset", "--no-progress", stdout=out)

    assert re.search(r"下月发放批次 [1-9]\d* 笔（已制单）", out.getvalue())
    assert PaymentBatch.objects.count() == 1
