"""export_gemeenten writes the register back as content/gemeenten.csv: the same bytes for the
same register, the comment lines kept, and a file load_content reads back unchanged."""

import pytest
from django.conf import settings

from kenniscentrum.geography.loading import FILE_NAME
from kenniscentrum.geography.models import Gemeente
from kenniscentrum.knowledge.exporting import export_gemeenten
from kenniscentrum.knowledge.loading import load_corpus

pytestmark = pytest.mark.django_db


def register():
    return sorted(
        Gemeente.objects.values_list(
            "code", "name", "province", "valid_from", "valid_until", "successor__code", "source"
        )
    )


def test_unchanged_register_exports_the_same_bytes(tmp_path):
    written = export_gemeenten(tmp_path)
    assert written == Gemeente.objects.count()
    source = (settings.CONTENT_DIR / FILE_NAME).read_bytes()
    assert (tmp_path / FILE_NAME).read_bytes() == source


def test_admin_changes_go_to_the_file_and_load_back(content_copy, seeds_dir):
    amsterdam = Gemeente.objects.get(code="GM0363")
    Gemeente.objects.create(
        code="GM9001", name="Nieuwe, gemeente", province="zeeland", source="test, met komma"
    )
    Gemeente.objects.filter(code="GM0344").update(name="Utrecht (gewijzigd)")
    Gemeente.objects.filter(code="GM0014").update(successor=amsterdam)  # (only a test)
    Gemeente.objects.filter(code="GM0014").update(valid_until="2022-12-31")
    expected = register()
    export_gemeenten(content_copy)
    text = (content_copy / FILE_NAME).read_text("utf-8")
    assert text.startswith("# Register van gemeenten") and "ONVOLLEDIG" in text
    assert '"Nieuwe, gemeente"' in text
    Gemeente.objects.filter(code="GM9001").delete()
    Gemeente.objects.filter(code="GM0344").update(name="Utrecht")
    load_corpus(content_copy, seeds_dir)
    assert register() == expected


def test_empty_register_writes_nothing(tmp_path):
    Gemeente.objects.update(successor=None)
    Gemeente.objects.all().delete()
    assert export_gemeenten(tmp_path) == 0
    assert not (tmp_path / FILE_NAME).exists()
