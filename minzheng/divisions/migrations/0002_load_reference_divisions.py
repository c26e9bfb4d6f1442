"""Load the shipped division tree (see minzheng/divisions/data/SOURCE.md for provenance).

Idempotent: re-running updates names and parents in place. A later revision of the code table
ships as a new data migration, never as an edit to this one.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "divisions.json"
LEVELS = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}


def _code12(code: str) -> int:
    return int(code.ljust(12, "0"))


def load(apps, schema_editor):
    division_model = apps.get_model("divisions", "Division")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        division_model.objects.update_or_create(
            code=_code12(row["code"]),
            defaults={
                "name": row["name"],
                "level": LEVELS[row["level"]],
                "parent_id": _code12(row["parent"]) if row["parent"] else None,
                "is_synthetic": False,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("divisions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
