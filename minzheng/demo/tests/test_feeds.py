import csv
import json
import math
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from minzheng_pipeline.addresses.normalise import T2S
from minzheng_pipeline.identifiers import IdProblem, InvalidResidentId, parse_resident_id
from pypinyin import lazy_pinyin

from minzheng.demo.feeds import noise
from minzheng.demo.feeds.departments import (
    BANKS,
    CATASTROPHIC_FLOOR,
    DISABILITY_CATEGORIES,
    FEED_YEAR,
)
from minzheng.demo.services import demo_seed
from minzheng.registry.models import Person

pytestmark = pytest.mark.django_db

PERSONS = 2000
FEEDS = (
    "police",
    "medical_insurance",
    "social_security",
    "disability",
    "real_estate",
    "vehicles",
    "electricity",
    "housing_fund",
    "tax",
    "market_regulation",
    "banks",
)
LINKAGE = {"record_id", "name", "id_number", "gender", "birth_date", "phone", "address"}
# One row per person in these, so repeated person ids are the injected duplicates.
ONE_ROW_PER_PERSON = ("police", "medical_insurance", "social_security", "disability")
PERSON_PHONE_FEEDS = ("police", "medical_insurance", "social_security", "disability")


@pytest.fixture
def seeded():
    demo_seed(persons=PERSONS, seed=5, progress=False)


def _write(out, seed=5):
    call_command("demo_feeds", "--out", str(out), "--seed", str(seed), "--no-progress")


def _read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def feeds(seeded, tmp_path):
    out = tmp_path / "feeds"
    _write(out)
    return out


@pytest.fixture
def people():
    rows = Person.objects.values_list("id", "name", "id_number", "phone", "birth_date")
    return {str(pk): {"name": n, "id": i, "phone": p, "born": b} for pk, n, i, p, b in rows}


def _joined(out, people):
    """(source, row, person) for every feed row, via the truth file."""
    truth = {(r["source"], r["record_id"]): r["person_id"] for r in _read(out / "truth.csv")}
    for source in FEEDS:
        for row in _read(out / f"{source}.csv"):
            yield source, row, people[truth[(source, row["record_id"])]]


def _within(measured, expected, trials):
    """Within four binomial standard deviations (plus one row) of the expected rate."""
    sigma = math.sqrt(expected * (1 - expected) / trials)
    return abs(measured - expected) <= 4 * sigma + 1 / trials


def test_every_feed_exists_with_header_and_linkage_columns(feeds):
    for source in FEEDS:
        with (feeds / f"{source}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header[0] == "record_id"
        assert len(header) > len(set(header) & LINKAGE)  # department columns too
    assert {"year", "total_cost", "out_of_pocket"} <= set(_read(feeds / "medical_insurance.csv")[0])
    assert (
        (feeds / "truth.csv").read_text(encoding="utf-8").startswith("source,record_id,person_id\n")
    )
    manifest = json.loads((feeds / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5
    assert manifest["noise_rates"]["id_typo"] == noise.RATES.id_typo
    for source in FEEDS:
        assert manifest["rows"][f"{source}.csv"] == len(_read(feeds / f"{source}.csv"))


def test_record_ids_are_unique_per_file_and_truth_points_at_persons(feeds, people):
    truth = _read(feeds / "truth.csv")
    for source in FEEDS:
        ids = [row["record_id"] for row in _read(feeds / f"{source}.csv")]
        assert len(ids) == len(set(ids))
        assert sorted(ids) == sorted(r["record_id"] for r in truth if r["source"] == source)
    assert {row["person_id"] for row in truth} <= set(people)
    police = {row["person_id"] for row in truth if row["source"] == "police"}
    assert police == set(people)  # 公安户籍 holds everyone


def test_electricity_has_no_id_number_column(feeds):
    with (feeds / "electricity.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert "id_number" not in header
    assert {"account_number", "name", "phone", "address", "monthly_kwh", "arrears"} <= set(header)


def test_department_columns_are_plausible(feeds):
    disability = _read(feeds / "disability.csv")
    assert _within(len(disability) / PERSONS, 0.06, PERSONS)
    assert {row["category"] for row in disability} <= set(DISABILITY_CATEGORIES)
    assert {row["grade"] for row in disability} <= {"1", "2", "3", "4"}
    plates = [row["plate"] for row in _read(feeds / "vehicles.csv")]
    assert all(plate.startswith("浙F") for plate in plates)
    medical = _read(feeds / "medical_insurance.csv")
    assert any(float(row["out_of_pocket"]) > CATASTROPHIC_FLOOR for row in medical)
    assert all(float(row["out_of_pocket"]) <= float(row["total_cost"]) for row in medical)


def test_bank_answers_cover_whole_households_and_answer_zero_rather_than_nothing(feeds, people):
    truth = {
        row["record_id"]: row["person_id"]
        for row in _read(feeds / "truth.csv")
        if row["source"] == "banks"
    }
    answers = _read(feeds / "banks.csv")
    assert answers
    assert {row["bank_name"] for row in answers} <= set(BANKS)
    queried = set(truth.values())
    assert 0.3 < len(queried) / len(people) < 0.8  # some households stay 未核对
    # A person the banks hold nothing for is answered with zeros, not left out.
    assert any(row["deposit_balance"] == "0.00" for row in answers)
    assert all(float(row["deposit_balance"]) >= 0 for row in answers)
    business = _read(feeds / "market_regulation.csv")
    assert {row["business_role"] for row in business} <= {"法定代表人", "股东", "经营者"}
    assert all(row["tax_year"] == str(FEED_YEAR) for row in _read(feeds / "tax.csv"))


def test_same_seed_writes_identical_bytes(seeded, tmp_path):
    _write(tmp_path / "a")
    _write(tmp_path / "b")
    _write(tmp_path / "c", seed=6)
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert names == sorted([*(f"{s}.csv" for s in FEEDS), "truth.csv", "manifest.json"])
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "police.csv").read_bytes() != (
        tmp_path / "c" / "police.csv"
    ).read_bytes()


def test_noise_rates_are_near_the_constants(feeds, people):
    rows = list(_joined(feeds, people))
    with_id = [(r, p) for s, r, p in rows if "id_number" in r]
    missing = sum(1 for r, _ in with_id if not r["id_number"])
    typo = sum(1 for r, p in with_id if len(r["id_number"]) == 18 and r["id_number"] != p["id"])
    old_rows = [(r, p) for r, p in with_id if p["born"].year < noise.OLD_ID_BORN_BEFORE]
    old = sum(1 for r, _ in old_rows if len(r["id_number"]) == 15)
    assert _within(missing / len(with_id), noise.RATES.missing_id, len(with_id))
    assert _within(typo / len(with_id), noise.RATES.id_typo, len(with_id))
    assert _within(old / len(old_rows), noise.RATES.old_id, len(old_rows))

    traditional = sum(
        1 for _, r, p in rows if r["name"] != p["name"] and r["name"].translate(T2S) == p["name"]
    )
    homophones = sum(
        1 for _, r, p in rows if r["name"] != p["name"] and r["name"].translate(T2S) != p["name"]
    )
    assert _within(traditional / len(rows), noise.RATES.traditional, len(rows))
    assert _within(homophones / len(rows), noise.RATES.homophone, len(rows))

    phoned = [(r, p) for s, r, p in rows if s in PERSON_PHONE_FEEDS and p["phone"]]
    changed = sum(1 for r, p in phoned if r["phone"] != p["phone"])
    # Duplicates may blank a phone as their variation: allow for them.
    assert _within(
        changed / len(phoned), noise.RATES.phone + noise.RATES.duplicate / 3, len(phoned)
    )

    police = [r for s, r, _ in rows if s == "police"]
    addressed = sum(1 for r in police if r["address"])
    truth = {
        r["record_id"]: r["person_id"]
        for r in _read(feeds / "truth.csv")
        if r["source"] == "police"
    }
    assert addressed == len(police)
    variants = _address_variants(feeds, truth)
    assert _within(variants / len(police), noise.RATES.address_variant, len(police))

    duplicated = total = 0
    for source in ONE_ROW_PER_PERSON:
        persons = [r["person_id"] for r in _read(feeds / "truth.csv") if r["source"] == source]
        duplicated += len(persons) - len(set(persons))
        total += len(set(persons))
    assert _within(duplicated / total, noise.RATES.duplicate, total)


def _address_variants(feeds, truth):
    from minzheng.registry.models import Membership

    canonical = dict(
        Membership.objects.filter(ended_on__isnull=True).values_list(
            "person_id", "household__address__full_text"
        )
    )
    canonical = {str(k): v for k, v in canonical.items()}
    return sum(
        1
        for row in _read(feeds / "police.csv")
        if row["address"] != canonical[truth[row["record_id"]]]
    )


def test_id_typo_rows_fail_the_checksum_or_name_someone_else(feeds, people):
    typos = [
        (r["id_number"], p["id"])
        for _, r, p in _joined(feeds, people)
        if "id_number" in r and len(r["id_number"]) == 18 and r["id_number"] != p["id"]
    ]
    assert typos
    failed = 0
    for written, true in typos:
        try:
            parsed = parse_resident_id(written)
        except InvalidResidentId as exc:
            failed += exc.problem in (IdProblem.CHECKSUM, IdProblem.BIRTH_DATE)
        else:
            assert parsed.number != true
    assert failed >= len(typos) // 2  # a changed digit always breaks the checksum


def test_old_ids_convert_back_to_the_true_number(feeds, people):
    olds = [
        (r["id_number"], p["id"])
        for _, r, p in _joined(feeds, people)
        if len(r.get("id_number", "")) == 15
    ]
    assert olds
    for written, true in olds:
        assert parse_resident_id(written).number == true


def test_homophone_names_sound_like_the_true_name(feeds, people):
    homophones = [
        (r["name"], p["name"])
        for _, r, p in _joined(feeds, people)
        if r["name"] != p["name"] and r["name"].translate(T2S) != p["name"]
    ]
    assert homophones
    for written, true in homophones:
        assert written != true
        assert written[0] == true[0]  # the surname is kept
        assert lazy_pinyin(written) == lazy_pinyin(true)


def test_homophone_groups_share_one_toneless_reading():
    for group in noise.HOMOPHONE_GROUPS:
        assert len({lazy_pinyin(char)[0] for char in group}) == 1, group


def test_address_variants_keep_the_door_plate():
    text = "当湖街道松枫社区新华路8号松枫苑3幢2单元301室"
    spellings = {
        noise.address_variant(kind, text, "当湖街道", "3", "2", "301")
        for kind in range(len(noise.ADDRESS_VARIANTS))
    }
    assert spellings == {
        "松枫社区新华路8号松枫苑3幢2单元301室",
        "当湖街道松枫社区新华路8号松枫苑3栋2单元301室",
        "当湖街道松枫社区新华路8号松枫苑3-2-301",
        "当湖街道松枫社区新华路８号松枫苑３幢２单元３０１室",
        "当湖街道松枫社区新华路8号松枫苑3幢2单元301室附近",
    }


def test_refuses_without_synthetic_persons(tmp_path):
    with pytest.raises(CommandError, match="人员库中没有演示数据"):
        _write(tmp_path / "feeds")
    assert not (tmp_path / "feeds" / "police.csv").exists()


def test_counts_in_the_manifest_match_the_duplicates(feeds):
    manifest = json.loads((feeds / "manifest.json").read_text(encoding="utf-8"))
    truth = _read(feeds / "truth.csv")
    for source in ONE_ROW_PER_PERSON:
        persons = Counter(r["person_id"] for r in truth if r["source"] == source)
        assert (
            sum(n - 1 for n in persons.values()) == manifest["noise_applied"][source]["duplicate"]
        )


def test_a_person_without_a_current_household_is_still_in_the_police_feed(seeded, tmp_path):
    from minzheng.demo.generator import AS_OF
    from minzheng.registry.models import Membership

    moved = Membership.objects.order_by("person_id").first()
    Membership.objects.filter(pk=moved.pk).update(ended_on=AS_OF)
    _write(tmp_path / "feeds")

    truth = {
        r["record_id"]: r["person_id"]
        for r in _read(tmp_path / "feeds" / "truth.csv")
        if r["source"] == "police"
    }
    rows = [
        r
        for r in _read(tmp_path / "feeds" / "police.csv")
        if truth[r["record_id"]] == str(moved.person_id)
    ]
    assert rows
    assert all(r["household_number"] == "" and r["relation"] == "" for r in rows)
    assert len(set(truth.values())) == PERSONS
