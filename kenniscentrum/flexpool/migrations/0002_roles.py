"""The editorial roles handle the flexpool. Both keep profiles and handle requests; only an
eindredacteur may delete: a profile (someone's personal data, unlinked from its requests) or a
request (for instance when a requester asks for their data to be removed early). Nobody edits
the log: it is the record of who did what."""

from django.db import migrations

GRANTS = {
    "redacteur": [
        ("profile", ["view", "add", "change"]),
        ("flexrequest", ["view", "change"]),
        ("requestlogentry", ["view"]),
    ],
    "eindredacteur": [
        ("profile", ["view", "add", "change", "delete"]),
        ("flexrequest", ["view", "change", "delete"]),
        ("requestlogentry", ["view"]),
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("flexpool")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, actions in grants:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="flexpool", codename=f"{action}_{model}"
                    )
                )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="flexpool")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("flexpool", "0001_initial"),
        ("editorial", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
