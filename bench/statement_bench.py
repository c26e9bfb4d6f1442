"""Seconds per page of the printed 幸福清单 (A4 PDF with its QR code), through WeasyPrint.

    .venv/bin/python bench/statement_bench.py [--renders 50]

Sets up var/bench/statement.sqlite3 (migrated on first use), builds the test suite's household
(three paid items, two unpaid ones, two rule bases, two suggestions) inside a transaction that
is rolled back at the end, and renders its statement ``--renders`` times: once as it is (one
page) and once with its lines repeated 20 times (several pages). Each render is the whole
``statements.printing.statement_pdf``: the template, the QR code, layout and PDF writing. The
statement is read once; its selector is not measured here. Prints one JSON line per document.
"""

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _configure() -> None:
    path = ROOT / "var" / "bench" / "statement.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--renders", type=int, default=50)
    args = parser.parse_args()
    _configure()

    import datetime as dt

    import time_machine
    from django.db import transaction

    from minzheng.core.pdf import render_document
    from minzheng.statements.contracts import StatementSuggestion
    from minzheng.statements.printing import PRINT_TEMPLATE, statement_pdf, statement_print_context
    from minzheng.statements.selectors import household_statement
    from minzheng.statements.services import statement_document_issue
    from minzheng.statements.tests.conftest import benefits_for, family_home

    run_day = dt.date(2026, 10, 31)
    suggestions = (
        StatementSuggestion(
            "tekun", "特困供养", 1950, ("家庭成员均无劳动能力、无生活来源。",), run_day
        ),
        StatementSuggestion(
            "dibao_edge", "低保边缘", 0, ("家庭月人均收入低于低保标准的 1.5 倍。",), run_day
        ),
    )
    with time_machine.travel("2026-11-20 10:00 +0800", tick=True), transaction.atomic():
        home, _head, _son = family_home(  # type: ignore[no-untyped-call]
            number=f"B{time.time_ns() % 10**10:010d}"
        )
        benefits_for(home)  # type: ignore[no-untyped-call]
        statement = dataclasses.replace(
            household_statement(household_id=home.pk), suggestions=suggestions
        )
        document = statement_document_issue(actor=None, statement=statement)
        url = f"https://minzheng.example.gov.cn/statements/verify/{document.token}/"
        long = dataclasses.replace(statement, lines=statement.lines * 20)
        for label, printed in (("one page", statement), ("long", long)):
            context = statement_print_context(statement=printed, document=document, verify_url=url)
            pages = len(render_document(PRINT_TEMPLATE, context).pages)
            for _ in range(3):  # fonts and templates load on the first renders
                statement_pdf(statement=printed, document=document, verify_url=url)
            seconds = []
            for _ in range(args.renders):
                started = time.perf_counter()
                statement_pdf(statement=printed, document=document, verify_url=url)
                seconds.append(time.perf_counter() - started)
            print(
                json.dumps(
                    {
                        "document": label,
                        "lines": len(printed.lines),
                        "pages": pages,
                        "renders": args.renders,
                        "seconds_per_render_median": round(statistics.median(seconds), 4),
                        "seconds_per_page_mean": round(statistics.fmean(seconds) / pages, 4),
                        "seconds_per_page_max": round(max(seconds) / pages, 4),
                    },
                    ensure_ascii=False,
                )
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
