"""Issue 15: the reason an eindredacteur gives when sending an item back (AuditEntry.note)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_browser_synonym_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="note",
            field=models.CharField(blank=True, max_length=500, verbose_name="toelichting"),
        ),
    ]
