"""Scopes on API tokens. Tokens issued before keep what they could do then (ADR 0027)."""

from django.db import migrations, models

# The API as it stood when these tokens were issued: the registry, the review queue, the audit
# log. Spelled out here, not imported, so that the migration means the same thing forever.
LEGACY_SCOPES = [
    "audit:read",
    "registry:read",
    "registry:write",
    "reviews:read",
    "reviews:write",
]


def grant_legacy_scopes(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.update(scopes=LEGACY_SCOPES)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_system_role")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.JSONField(default=list, verbose_name="权限范围"),
        ),
        migrations.RunPython(grant_legacy_scopes, migrations.RunPython.noop),
    ]
