"""A county's monthly payment batch at scale: prepare, bank file, return with 1 % failures.

    .venv/bin/python bench/money_bench.py [--persons 700000] [--payees 15000] [--database-url URL]

On the bench county (``bench/_setup.py``), gives ``--payees`` households a running 低保 and an
account (bulk-written, not timed), then times, through the same services the pages call:
``batch_prepare`` of this month for the county, ``batch_check`` and ``batch_approve``,
``batch_export`` in the fixed-width GBK layout, and ``batch_reconcile`` of a return file in
which 1 % of the lines failed; then the supplementary batch that re-issues the failures, and
next month's batch with a month of history behind it. Prints one JSON line per step and one
with the totals and the peak memory. The issue's bar: prepare + export + reconcile ≤ 20 s.
"""

import argparse
import datetime as dt
import json
import random
import time
from decimal import Decimal
from typing import Any

from _setup import configure, ensure_seeded, peak_rss_mib

PREFIX = "BM"  # bench applications' numbers, so a rerun replaces them


def _users() -> list[Any]:
    from minzheng.accounts.enums import Role
    from minzheng.accounts.models import User
    from minzheng.divisions.models import Division

    county = Division.objects.get(code=330482000000)
    people = []
    for username, role in (
        ("bench_preparer", Role.COUNTY_CASEWORKER),
        ("bench_checker", Role.COUNTY_CASEWORKER),
        ("bench_approver", Role.COUNTY_ADMIN),
    ):
        user, _created = User.objects.get_or_create(
            username=username, defaults={"role": role, "jurisdiction": county, "is_synthetic": True}
        )
        people.append(user)
    return people


def _recipients(payees: int, month: dt.date, preparer) -> int:  # type: ignore[no-untyped-def]
    """Bulk-write ``payees`` approved 低保 schedules with accounts (the set-up, not timed)."""
    from django.db import transaction

    from minzheng.cases.models import Application, ApplicationItem, AssistanceItem, PaymentSchedule
    from minzheng.payments.models import BankAccount, PaymentBatch, PaymentLine, Recovery
    from minzheng.registry.enums import Relation
    from minzheng.registry.models import Membership

    with transaction.atomic():
        Recovery.objects.all().delete()
        PaymentLine.objects.all().delete()
        PaymentBatch.objects.all().delete()
        BankAccount.objects.all().delete()
        bench = Application.objects.filter(number__startswith=PREFIX)
        PaymentSchedule.objects.filter(application_item__application__in=bench).delete()
        bench.delete()
    heads = list(
        Membership.objects.current()
        .filter(relation=Relation.HEAD)
        .order_by("household_id")
        .values_list("household_id", "household__division_id", "person_id", "person__name")[:payees]
    )
    dibao = AssistanceItem.objects.get(code="dibao")
    rng = random.Random(7)
    with transaction.atomic():
        applications = Application.objects.bulk_create(
            [
                Application(
                    number=f"{PREFIX}{n:08d}",
                    household_id=household,
                    division_id=division,
                    channel="window",
                    as_of=month,
                    status="approved",
                    start_month=month,
                )
                for n, (household, division, _p, _name) in enumerate(heads)
            ],
            batch_size=2000,
        )
        amounts = [Decimal(rng.randrange(300, 1200)) for _ in heads]
        items = ApplicationItem.objects.bulk_create(
            [
                ApplicationItem(application=a, item=dibao, granted=True, granted_amount=amount)
                for a, amount in zip(applications, amounts, strict=True)
            ],
            batch_size=2000,
        )
        PaymentSchedule.objects.bulk_create(
            [
                PaymentSchedule(
                    household_id=household,
                    application_item=row,
                    item=dibao,
                    monthly_amount=amount,
                    start_month=month,
                )
                for (household, _d, _p, _n), row, amount in zip(heads, items, amounts, strict=True)
            ],
            batch_size=2000,
        )
        BankAccount.objects.bulk_create(
            [
                BankAccount(
                    household_id=household,
                    person_id=person,
                    kind="social_security_card",
                    bank_name="平湖农商银行",
                    number=f"6217{n:012d}",
                    holder_name=name,
                    created_by=preparer,
                )
                for n, (household, _d, person, name) in enumerate(heads)
            ],
            batch_size=2000,
        )
    return len(heads)


def _return_file(batch, share: float) -> bytes:  # type: ignore[no-untyped-def]
    """The bank's return: every line paid but ``share`` of them, returned as account closed."""
    rng = random.Random(3)
    rows = []
    for sequence, number, name, amount in batch.lines.order_by("sequence").values_list(
        "sequence", "account_number", "holder_name", "amount"
    ):
        code = "E101" if rng.random() < share else "0000"
        name_bytes = name.encode("gbk").ljust(40)
        rows.append(
            b"D"
            + f"{sequence:08d}".encode()
            + number.encode().ljust(32)
            + name_bytes
            + f"{int(amount * 100):012d}".encode()
            + code.encode()
            + b" " * 40
        )
    return b"\r\n".join(rows) + b"\r\n"


def _timed(step: str, label: str, call):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    print(json.dumps({"database": label, "step": step, "seconds": round(seconds, 2)}))
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=700_000)
    parser.add_argument("--payees", type=int, default=15_000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    label = configure(persons=options.persons, database_url=options.database_url)
    ensure_seeded(persons=options.persons)
    import time_machine

    from minzheng.core.clock import today
    from minzheng.core.months import month_after
    from minzheng.payments.services.bank_files import batch_export, batch_reconcile
    from minzheng.payments.services.batches import batch_approve, batch_check, batch_prepare

    preparer, checker, approver = _users()
    month = today().replace(day=1)
    payees = _recipients(options.payees, month, preparer)

    def prepare(for_month: dt.date):  # type: ignore[no-untyped-def]
        return batch_prepare(actor=preparer, month=for_month).batch

    batch, prepare_s = _timed("prepare", label, lambda: prepare(month))
    batch_check(actor=checker, batch_id=batch.pk, agree=True, note="复核无误")
    batch_approve(actor=approver, batch_id=batch.pk, agree=True, note="同意")
    file, export_s = _timed(
        "export",
        label,
        lambda: batch_export(actor=preparer, batch_id=batch.pk, layout_code="fixed_gbk"),
    )
    returned = _return_file(batch, 0.01)
    result, reconcile_s = _timed(
        "reconcile",
        label,
        lambda: batch_reconcile(actor=preparer, batch_id=batch.pk, content=returned),
    )
    supplementary, supplementary_s = _timed("supplementary", label, lambda: prepare(month))
    with time_machine.travel(month_after(month) - dt.timedelta(days=5), tick=True):
        _next, next_s = _timed("next_month_prepare", label, lambda: prepare(month_after(month)))
    print(
        json.dumps(
            {
                "database": label,
                "persons": options.persons,
                "payees": payees,
                "lines": batch.payee_count,
                "file_bytes": len(file.content),
                "paid": result.paid,
                "failed": result.failed,
                "reissued": supplementary.payee_count,
                "prepare_export_reconcile_s": round(prepare_s + export_s + reconcile_s, 2),
                "supplementary_s": round(supplementary_s, 2),
                "next_month_s": round(next_s, 2),
                "peak_rss_mib": round(peak_rss_mib()),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
