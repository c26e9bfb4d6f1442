"""PostgreSQL refuses TRUNCATE of the audit log too (ADR 0023), not only UPDATE and DELETE.

Row triggers (0002) do not see TRUNCATE, which empties the table at once, directly or by
``TRUNCATE … CASCADE`` of a table the log refers to (the users). A statement trigger does.
The one connection allowed to truncate is the test suite's, whose teardown empties every
table: config.django.test sets ``minzheng.audit_truncate = allowed`` on its connections.

SQLite has no TRUNCATE; its ``DELETE`` without a WHERE is refused no more than any DELETE
(0002 refuses UPDATE only there), and SQLite serves development and the demo, not a bureau.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION core_auditevent_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('minzheng.audit_truncate', true) = 'allowed' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse_truncate();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_job_step_runs")]
    operations = [migrations.RunPython(forward, reverse)]
