"""The warning model is EarlyWarning, so it no longer shadows Python's builtin Warning.

RenameModel keeps every row: the table is renamed (monitoring_warning → monitoring_earlywarning)
and the foreign keys of events and escalations follow it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_warning_rule_settings")]

    operations = [migrations.RenameModel(old_name="Warning", new_name="EarlyWarning")]
