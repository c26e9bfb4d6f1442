"""Run django-crontask's scheduler with the jobs declared in ``config/schedules.py``."""

import importlib
from typing import Any

from crontask.management.commands.crontask import Command as CrontaskCommand


class Command(CrontaskCommand):  # type: ignore[misc]  # crontask ships no types
    help = "Run the periodic-task scheduler (jobs declared in config/schedules.py)."

    def handle(self, *args: Any, **options: Any) -> None:
        importlib.import_module("config.schedules")
        super().handle(*args, **options)
