"""Rules as code at county scale: the engine, the JSON command, a registry run and a what-if.

    .venv/bin/python bench/rules_bench.py                       # all parts, 700k-person county
    .venv/bin/python bench/rules_bench.py --households 1000000 --persons 700000 \
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]

1. engine: every programme for ``--households`` synthetic households (1,000,000 by default,
   about 2.5 persons each) through OpenFisca, vectorised; the issue's bar is 10 s on 2 cores.
2. command: ``minzheng eligibility evaluate`` on 10,000 JSON cases, as a subprocess.
3. county: the bench registry (``--persons``, seeded once by ``_setup``) is read into a
   snapshot and judged (``minzheng eligibility run``'s work), then a what-if (低保标准 1145 →
   1200) is timed end to end through the service: loading the run's snapshot, judging it twice,
   comparing, writing the changed households and the audit row. The bench registry carries no
   department feeds, so incomes, pensions, assets and medical spending are drawn onto the
   snapshot with the same distributions as the engine part before the run is stored; the
   registry's own households, members, birth dates and villages are real. The what-if bar is
   5 s for about 250,000 households.
Prints one JSON line per part.
"""

import argparse
import datetime as dt
import json
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
from _setup import ROOT, configure, ensure_seeded, peak_rss_mib

AS_OF = dt.date(2026, 11, 1)


def _draw_facts(households: int, household_index: np.ndarray, ages: np.ndarray, rng):  # type: ignore[no-untyped-def]
    """Incomes and assets like the demo county's feeds: most adults earn, a few do not."""
    persons = len(household_index)
    working = (ages >= 16) & (ages < 60)
    employed = working & (rng.random(persons) < 0.74)
    wage = np.where(employed, np.clip(rng.lognormal(np.log(6200.0), 0.45, persons), 2490, 60000), 0)
    flexible = working & ~employed & (rng.random(persons) < 0.5)
    wage = np.where(flexible, rng.uniform(1500, 4500, persons), wage)
    pension = np.where(
        ages >= 60,
        np.where(
            rng.random(persons) < 0.55,
            rng.normal(3300, 900, persons).clip(1900, 9000),
            rng.uniform(220, 450, persons),
        ),
        0,
    )
    income = np.round(wage + pension, 2)
    grade = np.where(
        rng.random(persons) < 0.06, rng.choice(4, persons, p=[0.1, 0.2, 0.3, 0.4]) + 1, 0
    )
    return {
        "monthly_income": income,
        "disability_grade": grade.astype(np.int32),
        "disability_kind": np.where(grade > 0, rng.integers(1, 8, persons), 0).astype(np.int16),
        "financial_assets": np.round(rng.exponential(20000, households), 2),
        "vehicle_value_max": np.where(
            rng.random(households) < 0.45, np.round(rng.uniform(30000, 300000, households), 2), 0
        ),
        "dwellings": (1 + (rng.random(households) < 0.22)).astype(np.int32),
        "rigid_expenditure_annual": np.round(rng.lognormal(np.log(1500), 1.2, households), 2),
    }


def synthetic_table(households: int, rng):  # type: ignore[no-untyped-def]
    from minzheng.eligibility.rules.table import CaseTable, HouseholdColumns, PersonColumns

    size = rng.choice([1, 2, 3, 4, 5], households, p=[0.22, 0.33, 0.24, 0.14, 0.07])
    household_index = np.repeat(np.arange(households), size)
    persons = len(household_index)
    ages = rng.integers(0, 95, persons)
    born = np.datetime64(AS_OF, "D") - (ages * 365.25 + rng.integers(0, 365, persons)).astype(
        "timedelta64[D]"
    )
    facts = _draw_facts(households, household_index, ages, rng)
    return CaseTable(
        HouseholdColumns(
            case_id=np.arange(households).astype(str).astype(object),
            region=rng.choice(np.array(["330500", "330482"]), households),
            as_of=np.full(households, np.datetime64(AS_OF, "D")),
            support_received_monthly=np.zeros(households),
            financial_assets=facts["financial_assets"],
            vehicle_value_max=facts["vehicle_value_max"],
            dwellings=facts["dwellings"],
            rigid_expenditure_annual=facts["rigid_expenditure_annual"],
            has_capable_supporter=rng.random(households) < 0.6,
            financial_assets_unverified=np.zeros(households, dtype=bool),
            support_received_unverified=np.zeros(households, dtype=bool),
            has_capable_supporter_unverified=np.zeros(households, dtype=bool),
        ),
        PersonColumns(
            household_index=household_index,
            member_id=np.arange(persons).astype(str).astype(object),
            birth_date=born,
            residence_status=(rng.random(persons) < 0.01).astype(np.int16),
            monthly_income=facts["monthly_income"],
            disability_grade=facts["disability_grade"],
            disability_kind=facts["disability_kind"],
            serious_illness=rng.random(persons) < 0.02,
        ),
    )


def engine(households: int) -> dict[str, object]:
    from minzheng.eligibility.rules import rules
    from minzheng.eligibility.rules.evaluation import evaluate

    table = synthetic_table(households, np.random.default_rng(7))
    system = rules()
    started = time.perf_counter()
    evaluation = evaluate(table, system)
    seconds = time.perf_counter() - started
    return {
        "part": "engine",
        "households": households,
        "persons": len(table.persons.member_id),
        "seconds": round(seconds, 2),
        "eligible": {k: int(v.eligible.sum()) for k, v in evaluation.programmes.items()},
        "peak_rss_mib": round(peak_rss_mib()),
    }


def command(cases: int) -> dict[str, object]:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the command reads the admin's parameter values
    rng = np.random.default_rng(3)
    documents = []
    for index in range(cases):
        members = [
            {
                "id": f"m{m}",
                "birth_date": str(
                    dt.date(1930, 1, 1) + dt.timedelta(days=int(rng.integers(0, 32000)))
                ),
                "monthly_income": round(float(rng.uniform(0, 3000)), 2),
                "disability_grade": None,
                "disability_kind": None,
                "serious_illness": False,
            }
            for m in range(int(rng.integers(1, 5)))
        ]
        documents.append(
            {
                "case_id": f"c{index}",
                "region": "330482",
                "as_of": "2026-11-01",
                "members": members,
                "assets": {"financial": 1000, "vehicles": [], "dwellings": 1},
            }
        )
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "cases.json", Path(folder) / "results.json"
        source.write_text(json.dumps(documents), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 (our own CLI, fixed arguments)
            [
                str(ROOT / ".venv" / "bin" / "minzheng"),
                "eligibility",
                "evaluate",
                str(source),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        results = json.loads(out.read_text(encoding="utf-8"))
    return {
        "part": "command",
        "cases": cases,
        "results": len(results),
        "seconds": round(seconds, 2),
    }


def county(persons: int, label: str) -> dict[str, object]:
    from dataclasses import replace

    from minzheng.accounts.enums import Role
    from minzheng.accounts.models import User
    from minzheng.accounts.system import system_user
    from minzheng.eligibility.rules.changes import ParameterChange
    from minzheng.eligibility.selectors.snapshot import registry_snapshot
    from minzheng.eligibility.services import determinations_run
    from minzheng.eligibility.services.whatif import policy_whatif

    ensure_seeded(persons=persons)
    started = time.perf_counter()
    snapshot = registry_snapshot(as_of=AS_OF)
    read_seconds = time.perf_counter() - started
    table = snapshot.table
    born = table.persons.birth_date
    ages = ((np.datetime64(AS_OF, "D") - born).astype(int) // 365.25).astype(int)
    facts = _draw_facts(
        table.household_count, table.persons.household_index, ages, np.random.default_rng(11)
    )
    table = replace(
        table,
        households=replace(
            table.households,
            **{
                k: facts[k]
                for k in (
                    "financial_assets",
                    "vehicle_value_max",
                    "dwellings",
                    "rigid_expenditure_annual",
                )
            },
        ),
        persons=replace(
            table.persons,
            **{k: facts[k] for k in ("monthly_income", "disability_grade", "disability_kind")},
        ),
    )
    started = time.perf_counter()
    run = determinations_run(
        actor=system_user(), as_of=AS_OF, snapshot=replace(snapshot, table=table)
    )
    run_seconds = time.perf_counter() - started
    actor = User.objects.filter(role=Role.COUNTY_ADMIN).get()
    change = ParameterChange(name="dibao.standard", value=Decimal(1200), label="测算设定值")
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        whatif = policy_whatif(actor=actor, changes=[change])
        timings.append(time.perf_counter() - started)
    return {
        "part": "county",
        "database": label,
        "persons": len(table.persons.member_id),
        "households": run.household_count,
        "registry_read_seconds": round(read_seconds, 2),
        "run_seconds_after_read": round(run_seconds, 2),
        "whatif_seconds": [round(t, 2) for t in timings],
        "whatif_changed_households": whatif.summary["totals"]["gained"]
        + whatif.summary["totals"]["lost"]
        + whatif.summary["totals"]["increased"]
        + whatif.summary["totals"]["decreased"],
        "whatif_monthly_delta": whatif.summary["totals"]["monthly_delta"],
        "cash_households_before": whatif.summary["totals"]["households_before"],
        "peak_rss_mib": round(peak_rss_mib()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--parts", default="engine,command,county")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    parts = options.parts.split(",")
    if "engine" in parts:
        print(json.dumps(engine(options.households), ensure_ascii=False), flush=True)
    if "command" in parts:
        print(json.dumps(command(options.cases), ensure_ascii=False), flush=True)
    if "county" in parts:
        print(json.dumps(county(options.persons, label), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
