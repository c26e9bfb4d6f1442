"""The household figures a caseworker reads first: pure functions of the detached facts.

Only what each department says now counts (its newest records about a person). Where one
department reports the same person twice on one date, the larger value counts: the conflict
is flagged, and income or assets understated would favour an ineligible household.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from minzheng.integration.enums import Department
from minzheng.integration.selectors.report_values import (
    BLANK,
    MemberFacts,
    SourceFacts,
    format_value,
    money,
    newest_records,
    plain_number,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class YearAmount:
    year: int
    amount: Decimal

    @property
    def text(self) -> str:
        return money(self.amount)


@dataclass(frozen=True)
class Certificate:
    person_name: str
    category: str
    grade: str
    number: str  # masked: the certificate number embeds the holder's ID number


@dataclass(frozen=True)
class Totals:
    monthly_pension: Decimal = ZERO
    pensioners: int = 0
    property_count: int = 0
    floor_area: Decimal = ZERO
    vehicle_count: int = 0
    vehicle_value: Decimal = ZERO
    medical_out_of_pocket: tuple[YearAmount, ...] = ()  # newest year first
    disability_certificates: tuple[Certificate, ...] = ()

    @property
    def monthly_pension_text(self) -> str:
        return money(self.monthly_pension)

    @property
    def floor_area_text(self) -> str:
        return plain_number(self.floor_area)

    @property
    def vehicle_value_text(self) -> str:
        return money(self.vehicle_value)


def _largest(records: Iterable[SourceFacts], key: str) -> Decimal | None:
    numbers = [n for n in (r.number(key) for r in records) if n is not None]
    return max(numbers) if numbers else None


def _medical_by_year(records: Sequence[SourceFacts]) -> dict[int, Decimal]:
    """Out-of-pocket spending per year: the newest statement of each year, its larger value."""
    by_year: dict[int, list[SourceFacts]] = defaultdict(list)
    for record in records:
        stated = record.number("year")
        by_year[int(stated) if stated is not None else record.as_of.year].append(record)
    spent = {}
    for year, rows in by_year.items():
        newest = max(row.as_of for row in rows)
        amount = _largest((row for row in rows if row.as_of == newest), "out_of_pocket")
        if amount is not None:
            spent[year] = amount
    return spent


def household_totals(members: Sequence[tuple[MemberFacts, Sequence[SourceFacts]]]) -> Totals:
    pension, pensioners = ZERO, 0
    properties, floor_area = 0, ZERO
    vehicles: dict[str, Decimal] = {}
    medical: dict[int, Decimal] = defaultdict(lambda: ZERO)
    certificates: dict[str, Certificate] = {}
    for member, records in members:
        now = newest_records(records)
        monthly = _largest(now.get(Department.SOCIAL_SECURITY, ()), "monthly_pension")
        if monthly:
            pension, pensioners = pension + monthly, pensioners + 1
        owned = now.get(Department.REAL_ESTATE, ())
        properties += int(_largest(owned, "property_count") or 0)
        floor_area += _largest(owned, "floor_area") or ZERO
        for car in now.get(Department.VEHICLES, ()):
            # A car listed twice (a duplicated row with a new record_id) counts once.
            plate = format_value(car.value("plate"))
            key = plate if plate != BLANK else f"{car.department}:{car.record_id}"
            vehicles[key] = max(vehicles.get(key, ZERO), car.number("purchase_value") or ZERO)
        medical_records = [r for r in records if r.department == Department.MEDICAL_INSURANCE]
        for year, amount in _medical_by_year(medical_records).items():
            medical[year] += amount
        for record in now.get(Department.DISABILITY, ()):
            number = format_value(record.value("certificate_number"))
            certificates.setdefault(
                f"{member.person_id}:{number}",
                Certificate(
                    person_name=member.name,
                    category=format_value(record.value("category")),
                    grade=format_value(record.value("grade")),
                    number=number,
                ),
            )
    return Totals(
        monthly_pension=pension,
        pensioners=pensioners,
        property_count=properties,
        floor_area=floor_area,
        vehicle_count=len(vehicles),
        vehicle_value=sum(vehicles.values(), ZERO),
        medical_out_of_pocket=tuple(
            YearAmount(year, amount) for year, amount in sorted(medical.items(), reverse=True)
        ),
        disability_certificates=tuple(certificates.values()),
    )
