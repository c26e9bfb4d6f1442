"""The ``minzheng`` command: Django's management commands under the platform's name.

``minzheng --help`` lists every command; the platform's own are ``seed``, ``load_divisions``,
``issue_token`` and ``setup_periodic_tasks``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
    from django.core.management import execute_from_command_line

    args = ["minzheng", *(sys.argv[1:] if argv is None else argv)]
    if len(args) == 1 or args[1] in {"-h", "--help"}:
        args[1:] = ["help"]
    execute_from_command_line(args)
