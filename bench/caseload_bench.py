"""在册对象 at county scale: a 700,000-person county's roll (about 15,000 recipients) imported.

    .venv/bin/python bench/caseload_bench.py [--persons 700000] [--recipients 15000]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]

The bench registry (``--persons``, seeded once by ``_setup``) gets a current rules run if it
has none (timed apart), then a roll of ``--recipients`` rows is drawn from its households'
heads: 低保 and 特困 (with care tiers) where the run finds the household eligible, 6% of them
paid another amount, 3% households it finds well off, 残疾人两项补贴, 孤儿 and 临时救助 history.
It is written as a CSV with the provincial system's Chinese headers and imported
end to end through ``caseload_roll_import``: upload, row checks, linkage against the whole
registry, staging, merging, migrated cases and the comparison with the rules. The bar is
30 s. The same file is then imported again (nothing may change). The migrated rows and the
roll's feed rows are removed before and after, so every run measures a first import. Prints
one JSON line per import.
"""

import argparse
import datetime as dt
import json
import time

import numpy as np
import pandas as pd
from _setup import configure, ensure_seeded, peak_rss_mib

AS_OF = dt.date(2026, 11, 1)
HEADER = (
    "记录编号,姓名,身份证号,户编号,救助类别,照料护理等级,保障金额,照料护理费,起始日期,"
    "审批机关,账户类型,开户银行,银行账号,账户户名"
)
CARE = {"全自理": 0, "半护理": 585, "全护理": 1170}
# Shares of the roll's rows: the rules' programmes from households the run finds eligible,
# some paid another amount, some households it finds well off; then programmes it does not
# judge and 临时救助 history.
ELIGIBLE, OTHER_AMOUNT, WELL_OFF = 0.70, 0.06, 0.03
PERSON_PROGRAMMES = (("困难残疾人生活补贴", 0.06, 330), ("重度残疾人护理补贴", 0.06, 330))
ORPHAN, GRANT = 0.01, 0.14


def roll_csv(recipients: int, rng: np.random.Generator) -> bytes:
    """A roll like a county's: mostly what the rules would also pay, with the usual gaps."""
    from minzheng.eligibility.selectors import current_judgement_frame
    from minzheng.registry.enums import Relation
    from minzheng.registry.models import Membership

    heads = pd.DataFrame.from_records(
        list(
            Membership.objects.current()
            .filter(relation=Relation.HEAD)
            .exclude(person__id_number="")
            .values_list("household_id", "person__name", "person__id_number", "household__number")
        ),
        columns=["household_id", "name", "id_number", "number"],
    ).set_index("household_id")
    current = current_judgement_frame()
    if current is None:
        raise SystemExit("no current rules run")
    judged = current.frame.set_index("household_id").reindex(heads.index)
    tekun = judged["tekun_eligible"].fillna(False).astype(bool)
    dibao = judged["dibao_eligible"].fillna(False).astype(bool) & ~tekun
    eligible = heads.index[(tekun | dibao).to_numpy()]
    ineligible = heads.index[~(tekun | dibao).to_numpy()]
    rows: list[
        tuple[str, str, int, str, int | str]
    ] = []  # household, programme, amount, tier, care
    for household in rng.choice(eligible, size=int(recipients * ELIGIBLE), replace=False):
        if tekun[household]:
            tier = str(rng.choice(list(CARE)))
            amount = int(judged.at[household, "tekun_amount"]) + CARE[tier]
            rows.append((household, "特困", amount, tier, CARE[tier]))
        else:
            amount = int(judged.at[household, "dibao_amount"])
            if rng.random() < OTHER_AMOUNT:
                amount += int(rng.integers(5, 30)) * 10
            rows.append((household, "低保", amount, "", ""))
    # The bench registry carries no incomes, so few households may be well off.
    well_off = min(len(ineligible), int(recipients * WELL_OFF))
    for household in rng.choice(ineligible, size=well_off, replace=False):
        rows.append((household, "低保", int(rng.integers(20, 60)) * 10, "", ""))
    for programme, share, amount in PERSON_PROGRAMMES:
        for household in rng.choice(heads.index, size=int(recipients * share), replace=False):
            rows.append((household, programme, amount, "", ""))
    for household in rng.choice(heads.index, size=int(recipients * ORPHAN), replace=False):
        rows.append((household, "孤儿基本生活费", 2250, "", ""))
    paid = [row[0] for row in rows[: int(recipients * ELIGIBLE)]]
    for household in rng.choice(paid, size=max(0, recipients - len(rows)), replace=False):
        rows.append((household, "临时救助", int(rng.integers(5, 40)) * 100, "", ""))
    lines = [HEADER]
    for number, (household, programme, amount, tier, care) in enumerate(rows, start=1):
        head = heads.loc[household]
        start = AS_OF - dt.timedelta(days=int(rng.integers(30, 3000)))
        lines.append(
            f"R{number:07d},{head['name']},{head['id_number']},{head['number']},{programme},"
            f"{tier},{amount},{care},{start.isoformat()},平湖市民政局,社保卡,平湖农商银行,"
            f"62309100{number:08d},{head['name']}"
        )
    return ("\n".join(lines) + "\n").encode()


def _ensure_run() -> float:
    from minzheng.accounts.system import system_user
    from minzheng.eligibility.models import DeterminationRun
    from minzheng.eligibility.services import determinations_run

    if DeterminationRun.objects.filter(is_current=True).exists():
        return 0.0
    started = time.perf_counter()
    determinations_run(actor=system_user(), as_of=AS_OF, progress=False)
    return time.perf_counter() - started


def _cleanup() -> None:
    from django.db import transaction

    from minzheng.cases.enums import Channel
    from minzheng.cases.models import (
        Application,
        ApplicationItem,
        CaseloadEntry,
        CaseloadReview,
        PaymentSchedule,
    )
    from minzheng.integration.enums import Department
    from minzheng.integration.models import (
        DataItem,
        FeedImport,
        LinkReview,
        SourceRecord,
        StagedRecord,
    )

    with transaction.atomic():
        CaseloadReview.objects.all().delete()
        CaseloadEntry.objects.all().delete()
        migrated = Application.objects.filter(channel=Channel.MIGRATED)
        PaymentSchedule.objects.filter(application_item__application__in=migrated).delete()
        ApplicationItem.objects.filter(application__in=migrated).delete()
        migrated.delete()
        # The roll's own feed rows too, so every run measures a first import.
        records = SourceRecord.objects.filter(department=Department.CASELOAD)
        DataItem.objects.filter(source_record__in=records).delete()
        records.delete()
        imports = FeedImport.objects.filter(department=Department.CASELOAD)
        LinkReview.objects.filter(department=Department.CASELOAD).delete()
        StagedRecord.objects.filter(feed_import__in=imports).delete()
        imports.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--recipients", type=int, default=15_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    backend = configure(persons=options.persons, database_url=options.database_url)
    ensure_seeded(persons=options.persons)
    run_seconds = _ensure_run()
    from minzheng.accounts.system import system_user
    from minzheng.cases.services.caseload_import import caseload_roll_import

    _cleanup()
    data = roll_csv(options.recipients, np.random.default_rng(12))
    try:
        for label in ("first", "again"):
            started = time.perf_counter()
            result = caseload_roll_import(
                actor=system_user(), file_name="zaice.csv", data=data, as_of=AS_OF
            )
            seconds = time.perf_counter() - started
            feed = result.feed_import
            print(
                json.dumps(
                    {
                        "bench": "caseload_import",
                        "import": label,
                        "backend": backend,
                        "persons": options.persons,
                        "rows": feed.row_count,
                        "matched": feed.matched_count,
                        "merged_new": feed.created_count,
                        "merged_changed": feed.changed_count,
                        "merged_unchanged": feed.unchanged_count,
                        "entries_written": result.entries,
                        "reviews_pending": result.reviews_pending,
                        "seconds": round(seconds, 2),
                        "bar_seconds": 30,
                        "rules_run_seconds": round(run_seconds, 2),
                        "peak_rss_mib": round(peak_rss_mib()),
                    },
                    ensure_ascii=False,
                ),
                flush=True,
            )
    finally:
        _cleanup()


if __name__ == "__main__":
    main()
