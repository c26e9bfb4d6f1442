"""Seeding the demo county: a synthetic 平湖市 population plus staff accounts for every role."""

import logging
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.core.audit import audit_record
from minzheng.core.bulk import load_tables
from minzheng.core.enums import AuditAction
from minzheng.core.exceptions import ApplicationError
from minzheng.demo.generator import VillageRef, generate_population
from minzheng.demo.loader import analyze_tables, delete_synthetic_rows, population_tables
from minzheng.demo.staff import COUNTY_CODE, DemoLogin, demo_staff_ensure
from minzheng.divisions.enums import DivisionLevel
from minzheng.divisions.models import Division
from minzheng.registry.models import Person

logger = logging.getLogger(__name__)

DEFAULT_PERSONS = 20_000
DEFAULT_SEED = 330482
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published with the demo, like the data
SEED_TARGET = "demo.population"


@dataclass(frozen=True)
class SeedSummary:
    persons: int
    households: int
    addresses: int
    memberships: int
    seed: int
    password: str
    logins: tuple[DemoLogin, ...]
    deleted: dict[str, int]  # rows removed by ``reset``, per table
    generate_seconds: float
    elapsed_seconds: float


def registry_has_persons() -> bool:
    """Seeding without ``reset`` needs an empty registry, real or demo."""
    return Person.objects.exists()


def demo_villages() -> list[VillageRef]:
    """The real villages and communities of the demo county, with their townships."""
    county = Division.objects.filter(code=COUNTY_CODE).first()
    if county is None:
        raise ApplicationError(_("未找到演示县平湖市(330482)的行政区划，请先执行数据库迁移。"))
    villages = (
        Division.objects.within(county)
        .filter(level=DivisionLevel.VILLAGE)
        .select_related("parent")
        .order_by("code")
    )
    return [
        VillageRef(v.code, v.name, v.parent.code, v.parent.name)
        for v in villages
        if v.parent is not None
    ]


def _require_empty_or_reset(*, reset: bool) -> None:
    if not reset and registry_has_persons():
        raise ApplicationError(_("人员库中已有数据；如需重建演示数据，请加 --reset。"))


def demo_seed(
    *,
    persons: int = DEFAULT_PERSONS,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    progress: bool = True,
    password: str = DEMO_PASSWORD,
) -> SeedSummary:
    """Fill an empty registry with a synthetic county, or replace the demo data on ``reset``.

    Raises:
        ApplicationError: the registry already holds persons and ``reset`` is not set, a
            demo username belongs to a real account, or the divisions are not loaded.
    """
    started = time.perf_counter()
    _require_empty_or_reset(reset=reset)  # fail before minutes of work, and again under lock
    villages = demo_villages()
    # Generate before taking the write lock: it needs no database and takes a few seconds.
    population = generate_population(persons=persons, seed=seed, villages=villages)
    generated = time.perf_counter()
    # Hash once: Argon2 is deliberately slow and every demo account shares the password.
    password_hash = make_password(password)
    with transaction.atomic():
        _require_empty_or_reset(reset=reset)
        deleted = delete_synthetic_rows() if reset else {}
        tables = population_tables(population, seed=seed)
        load_tables(tables, progress=progress)
        logins = demo_staff_ensure(password_hash=password_hash)
        counts = {table.model._meta.db_table: table.rows for table in tables}
        audit_record(
            actor=None,
            actor_username="minzheng seed",
            action=AuditAction.CREATE,
            target_type=SEED_TARGET,
            target_id=seed,
            division_code=COUNTY_CODE,
            changes={"rows": counts, "deleted": deleted, "accounts": len(logins)},
        )
    analyze_tables()
    summary = SeedSummary(
        persons=len(population.persons.name),
        households=len(population.households.number),
        addresses=len(population.addresses),
        memberships=len(population.memberships.relation),
        seed=seed,
        password=password,
        logins=tuple(logins),
        deleted=deleted,
        generate_seconds=generated - started,
        elapsed_seconds=time.perf_counter() - started,
    )
    logger.info(
        "demo.seeded",
        extra={"persons": summary.persons, "seed": seed, "seconds": summary.elapsed_seconds},
    )
    return summary
