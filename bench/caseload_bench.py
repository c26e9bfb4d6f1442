"""在册对象 at county scale: a 700,000-person county's roll (about 15,000 recipients) imported.

    .venv/bin/python bench/caseload_bench.py [--persons 700000] [--recipients 15000]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]

The bench registry (``--persons``, seeded once by ``_setup``) gets a current rules run if it
has none (timed apart), then a roll of ``--recipients`` persons drawn from its households'
heads (低保, 特困 with care tiers, 残疾人两项补贴, 孤儿, 临时救助 history, with amounts a little off
for some) is written as a CSV with the provincial system's Chinese headers and imported
end to end through ``caseload_roll_import``: upload, row checks, linkage against the whole
registry, staging, merging, migrated cases and the comparison with the rules. The bar is
30 s. The same file is then imported again (nothing may change). The migrated rows are removed
afterwards, so the bench can be run again. Prints one JSON line per import.
"""

import argparse
import datetime as dt
import json
import time

import numpy as np
from _setup import configure, ensure_seeded, peak_rss_mib

AS_OF = dt.date(2026, 11, 1)
PROGRAMMES = (  # (roll word, share, monthly amount range in yuan)
    ("低保", 0.55, (100, 1145)),
    ("特困", 0.12, (1950, 2950)),
    ("困难残疾人生活补贴", 0.12, (330, 330)),
    ("重度残疾人护理补贴", 0.1, (330, 330)),
    ("孤儿基本生活费", 0.01, (2100, 2100)),
    ("临时救助", 0.1, (500, 5000)),
)
HEADER = (
    "记录编号,姓名,身份证号,户编号,救助类别,照料护理等级,保障金额,照料护理费,起始日期,"
    "审批机关,账户类型,开户银行,银行账号,账户户名"
)


def roll_csv(recipients: int, rng: np.random.Generator) -> bytes:
    from minzheng.registry.enums import Relation
    from minzheng.registry.models import Membership

    heads = list(
        Membership.objects.current()
        .filter(relation=Relation.HEAD)
        .exclude(person__id_number="")
        .values_list("person__name", "person__id_number", "household__number")
    )
    chosen = rng.choice(len(heads), size=recipients, replace=False)
    words = [word for word, _share, _range in PROGRAMMES]
    shares = np.array([share for _word, share, _range in PROGRAMMES])
    programme = rng.choice(len(words), size=recipients, p=shares / shares.sum())
    lines = [HEADER]
    for row, (index, kind) in enumerate(zip(chosen, programme, strict=True), start=1):
        name, id_number, household = heads[index]
        word = words[kind]
        low, high = PROGRAMMES[kind][2]
        amount = int(rng.integers(low, high + 1))
        tier, care = "", ""
        if word == "特困":
            tier = rng.choice(["全自理", "半护理", "全护理"])
            care = {"全自理": "0", "半护理": "500", "全护理": "1000"}[tier]
        start = AS_OF - dt.timedelta(days=int(rng.integers(30, 3000)))
        account = f"62309100{row:08d}"
        lines.append(
            f"R{row:07d},{name},{id_number},{household},{word},{tier},{amount},{care},"
            f"{start.isoformat()},平湖市民政局,社保卡,平湖农商银行,{account},{name}"
        )
    return ("\n".join(lines) + "\n").encode()


def _ensure_run() -> float:
    from minzheng.eligibility.models import DeterminationRun
    from minzheng.eligibility.services import determinations_run

    if DeterminationRun.objects.filter(is_current=True).exists():
        return 0.0
    started = time.perf_counter()
    determinations_run(actor=None, as_of=AS_OF, progress=False)
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

    with transaction.atomic():
        CaseloadReview.objects.all().delete()
        CaseloadEntry.objects.all().delete()
        migrated = Application.objects.filter(channel=Channel.MIGRATED)
        PaymentSchedule.objects.filter(application_item__application__in=migrated).delete()
        ApplicationItem.objects.filter(application__in=migrated).delete()
        migrated.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--recipients", type=int, default=15_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    backend = configure(persons=options.persons, database_url=options.database_url)
    ensure_seeded(persons=options.persons)
    run_seconds = _ensure_run()
    from minzheng.cases.services.caseload_import import caseload_roll_import

    _cleanup()
    data = roll_csv(options.recipients, np.random.default_rng(12))
    try:
        for label in ("first", "again"):
            started = time.perf_counter()
            result = caseload_roll_import(actor=None, file_name="zaice.csv", data=data, as_of=AS_OF)
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
