"""Load the default time limits (working days) of the common Pemda complaint SOP."""

from django.db import migrations

DEFAULTS = {"acknowledge": 3, "ringan": 2, "normatif": 5, "tidak_berkadar": 14, "berkadar": 60}


def load(apps, schema_editor):
    TimeLimit = apps.get_model("complaints", "TimeLimit")
    for key, days in DEFAULTS.items():
        TimeLimit.objects.get_or_create(key=key, defaults={"working_days": days})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_register")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
