"""Who may publish gemeente figures (issue 17): a redacteur uploads (a concept, never public),
an eindredacteur also publishes, discards and withdraws. Both may read the audit log in the
admin."""

from django.db import migrations

GRANTS = {
    "redacteur": [
        ("figurepublication", ["add", "view"]),
        ("figureauditentry", ["view"]),
    ],
    "eindredacteur": [
        ("figurepublication", ["add", "view", "publish"]),
        ("figureauditentry", ["view"]),
    ],
}


def _codename(action: str, model: str) -> str:
    return f"{action}_{model}"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("figures")
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
                        content_type__app_label="figures", codename=_codename(action, model)
                    )
                )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = {_codename(a, m) for grants in GRANTS.values() for m, acts in grants for a in acts}
    permissions = Permission.objects.filter(
        content_type__app_label="figures", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0003_figureauditentry"),
        ("editorial", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
