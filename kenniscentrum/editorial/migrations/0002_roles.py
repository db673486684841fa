"""The two editorial roles as groups, with their permissions."""

from django.db import migrations

ROLES = {
    "redacteur": [
        ("knowledge", "item", ["view", "add", "change"]),
        ("knowledge", "regelingfacts", ["view", "add", "change"]),
        ("knowledge", "aanbevelingfacts", ["view", "add", "change"]),
        ("knowledge", "sourceref", ["view", "add", "change", "delete"]),
        ("editorial", "searchlog", ["view"]),
        ("editorial", "pin", ["view"]),
    ],
    "eindredacteur": [
        ("knowledge", "item", ["view", "add", "change", "publish"]),
        ("knowledge", "regelingfacts", ["view", "add", "change"]),
        ("knowledge", "aanbevelingfacts", ["view", "add", "change"]),
        ("knowledge", "sourceref", ["view", "add", "change", "delete"]),
        ("editorial", "searchlog", ["view"]),
        ("editorial", "pin", ["view", "add", "change", "delete"]),
        ("editorial", "auditentry", ["view"]),
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, model, actions in grants:
            for action in actions:
                codename = "publish_item" if action == "publish" else f"{action}_{model}"
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("knowledge", "0003_editorial_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
