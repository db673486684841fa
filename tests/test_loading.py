"""load_content: the corpus loads, bad files are refused by file and field, nothing half-written."""

import re

import pytest
from django.core.management import CommandError, call_command

from kenniscentrum.knowledge.frontmatter import ContentError
from kenniscentrum.knowledge.loading import load_corpus, read_corpus
from kenniscentrum.knowledge.models import Item, RegelingFacts, SourceRef, Theme
from kenniscentrum.report.models import ReportSection
from tests.helpers import MINIMAL_FRONT, write_item

pytestmark = pytest.mark.django_db

REQUIRED_REGELINGEN = {
    "bzk-huisvesting-aandachtsgroepen",
    "pilot-grote-gezinnen",
    "rvo-ondersteuning-flexwonen",
    "vrijstelling-verhuurderheffing",
    "rvb-flexwoningen",
    "regeling-versnelde-uitplaatsing-hotels",
    "regionale-uitruil-taakstelling",
}


def snapshot():
    """Everything the loader writes, in a comparable form."""
    return (
        sorted(Item.objects.values_list("slug", "title", "summary", "body", "status")),
        sorted(SourceRef.objects.values_list("item__slug", "section__key", "note")),
        sorted(RegelingFacts.objects.values_list("item__slug", "provider", "status")),
        sorted(Theme.objects.values_list("slug", "name")),
        sorted(ReportSection.objects.values_list("key", "title")),
    )


def test_real_corpus_is_complete():
    slugs = set(Item.objects.values_list("slug", flat=True))
    assert slugs >= REQUIRED_REGELINGEN
    assert {f"aanbeveling-{n}" for n in range(1, 10)} <= slugs
    assert {"handreiking-tussenvoorzieningen", "zuid-holland-regionale-tafels"} <= slugs
    assert Item.objects.filter(kind="praktijkvoorbeeld").count() >= 6
    assert Item.objects.filter(kind="handreiking").count() >= 4
    # Every item cites at least one report section.
    assert not Item.objects.filter(sources__isnull=True).exists()


def test_report_sections_are_loaded_in_order():
    keys = list(ReportSection.objects.values_list("key", flat=True))
    assert keys[:3] == ["voorwoord", "managementsamenvatting", "1"]
    assert {"3.1", "3.2", "3.3", "3.4", "4", "bijlage-1", "bijlage-2", "2.2.1"} <= set(keys)
    assert ReportSection.objects.get(key="3.2").parent.key == "3"


def test_reload_is_idempotent(settings):
    before = snapshot()
    ids = dict(Item.objects.values_list("slug", "pk"))
    result = load_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
    assert result.created == [] and result.updated == [] and result.removed == []
    assert len(result.unchanged) == len(ids)
    assert snapshot() == before
    assert dict(Item.objects.values_list("slug", "pk")) == ids


def test_changed_file_is_updated_and_removed_file_disappears(content_copy, seeds_dir, client):
    extra = write_item(content_copy, "praktijkvoorbeeld", "tijdelijk-voorbeeld", MINIMAL_FRONT)
    load_corpus(content_copy, seeds_dir)
    assert client.get("/kennis/tijdelijk-voorbeeld/").status_code == 200
    path = content_copy / "praktijkvoorbeeld" / "expertise-rvo-inschakelen.md"
    text = re.sub(r"(?m)^title: .*$", "title: 'Gewijzigd: RVO'", path.read_text(), count=1)
    path.write_text(text)
    extra.unlink()
    result = load_corpus(content_copy, seeds_dir)
    assert result.updated == ["expertise-rvo-inschakelen"]
    assert result.removed == ["tijdelijk-voorbeeld"]
    assert Item.objects.get(slug="expertise-rvo-inschakelen").title == "Gewijzigd: RVO"
    assert not Item.objects.filter(slug="tijdelijk-voorbeeld").exists()
    assert client.get("/kennis/tijdelijk-voorbeeld/").status_code == 404
    assert "Gewijzigd: RVO" in client.get("/praktijkvoorbeelden/").content.decode()


def test_item_still_referenced_cannot_be_removed(content_copy, seeds_dir):
    (content_copy / "praktijkvoorbeeld" / "magic-mix-gemengd-wonen.md").unlink()
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert "magic-mix-gemengd-wonen" in str(info.value)


def test_concept_is_loaded_but_not_shown(content_copy, seeds_dir, client):
    write_item(
        content_copy, "praktijkvoorbeeld", "nog-een-concept", MINIMAL_FRONT + "status: concept"
    )
    load_corpus(content_copy, seeds_dir)
    assert Item.objects.get(slug="nog-een-concept").status == "concept"
    assert client.get("/kennis/nog-een-concept/").status_code == 404
    assert "nog-een-concept" not in client.get("/api/content/").content.decode()
    assert "nog-een-concept" not in client.get("/praktijkvoorbeelden/").content.decode()


# Each case: (how to break a valid file, the field the error must name, a word from the message)
BROKEN = {
    "bad yaml": ("title: [niet afgesloten", "", "YAML"),
    "missing title": ("", "title", "ontbreekt"),
    "unknown kind": ("kind: folder", "kind", "onbekende soort"),
    "unknown theme": ("themes: [flexwonen, bestaat-niet]", "themes", "bestaat-niet"),
    "bad date": ("published: 2026-13-01", "published", "geen bestaande datum"),
    "not a date": ("last_reviewed: gisteren", "last_reviewed", "geen datum"),
    "unknown key": ("sumary: tikfout", "sumary", "onbekend veld"),
    "unknown section": ("sources:\n  - section: '9.9'", "sources[0].section", "9.9"),
    "unknown province": ("provinces: [vlaanderen]", "provinces", "vlaanderen"),
    "unknown related": ("related: [bestaat-niet]", "related", "bestaat-niet"),
    "regeling block on wrong kind": ("regeling: {provider: X}", "regeling", "hoort alleen"),
}


def test_broken_internal_links_are_refused(content_copy, seeds_dir):
    body = "## Kop\n\nZie [weg](/kennis/bestaat-niet/) en [§9](/rapport/9-9/).\n"
    write_item(content_copy, "praktijkvoorbeeld", "kapot", MINIMAL_FRONT, body=body)
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field == "body" and "/kennis/bestaat-niet/" in str(info.value)


def _broken_file(folder, case):
    replacement, _, _ = BROKEN[case]
    front = MINIMAL_FRONT
    if case == "missing title":
        front = front.replace("title: Een testpraktijkvoorbeeld\n", "")
    elif case == "unknown kind":
        path = write_item(folder, "praktijkvoorbeeld", "kapot", front)
        path.write_text(path.read_text().replace("kind: praktijkvoorbeeld", replacement))
        return path
    else:
        key = replacement.split(":")[0]
        lines = [line for line in front.strip().splitlines() if not line.startswith(key + ":")]
        if key == "sources":
            lines = [line for line in lines if "section:" not in line]
        front = "\n".join(lines) + "\n" + replacement
    return write_item(folder, "praktijkvoorbeeld", "kapot", front)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_invalid_file_names_file_and_field_and_changes_nothing(case, content_copy, seeds_dir):
    # Also change a valid file, to prove the valid part of the load is not written either.
    valid = content_copy / "regeling" / "rvb-flexwoningen.md"
    valid.write_text(valid.read_text().replace("\n---\n", "\n---\nExtra regel.\n", 1))
    path = _broken_file(content_copy, case)
    before = snapshot()
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    _, field, word = BROKEN[case]
    error = info.value
    assert error.path.endswith("praktijkvoorbeeld/kapot.md"), str(error)
    assert error.field == field, str(error)
    assert word in str(error)
    assert snapshot() == before
    assert path.exists()


def test_error_names_the_line(content_copy, seeds_dir):
    write_item(content_copy, "praktijkvoorbeeld", "kapot", MINIMAL_FRONT.replace(
        "themes: [flexwonen]", "themes: [onbekend]"))  # fmt: skip
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    # Line 1 is '---', 2 slug, 3 kind, 4 title, 5 summary, 6 themes.
    assert info.value.line == 6
    assert "regel 6" in str(info.value)


def test_duplicate_slug_is_refused(content_copy, seeds_dir):
    write_item(content_copy, "handreiking", "pilot-grote-gezinnen", MINIMAL_FRONT)
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field in {"slug", "kind"}
    assert "pilot-grote-gezinnen" in str(info.value)


def test_slug_must_match_file_name(content_copy, seeds_dir):
    path = write_item(content_copy, "praktijkvoorbeeld", "een-naam", MINIMAL_FRONT)
    path.rename(path.with_name("andere-naam.md"))
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field == "slug" and "andere-naam" in str(info.value)


def test_regeling_facts_are_validated(content_copy, seeds_dir):
    path = content_copy / "regeling" / "pilot-grote-gezinnen.md"
    path.write_text(path.read_text().replace("status: gesloten", "status: misschien", 1))
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field == "regeling.status"
    assert info.value.path.endswith("regeling/pilot-grote-gezinnen.md")


def test_window_must_not_close_before_it_opens(content_copy, seeds_dir):
    path = content_copy / "regeling" / "bzk-huisvesting-aandachtsgroepen.md"
    path.write_text(path.read_text().replace("closes: 2021-11-25", "closes: 2021-10-01", 1))
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field == "regeling.window.closes"


def test_h1_in_body_is_refused(content_copy, seeds_dir):
    write_item(content_copy, "praktijkvoorbeeld", "kop", MINIMAL_FRONT, body="# Tweede h1\n")
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.field == "body"


def test_non_utf8_file_is_refused(content_copy, seeds_dir):
    (content_copy / "handreiking" / "latin.md").write_bytes("---\ntitle: café\n".encode("latin-1"))
    with pytest.raises(ContentError) as info:
        read_corpus(content_copy, seeds_dir)
    assert info.value.path.endswith("latin.md") and "UTF-8" in str(info.value)


def test_command_reports_error_and_exit_code(content_copy, seeds_dir):
    _broken_file(content_copy, "unknown theme")
    with pytest.raises(CommandError) as info:
        call_command("load_content", content=content_copy, seeds=seeds_dir)
    assert "Niets geladen" in str(info.value) and "kapot.md" in str(info.value)


def test_invalid_synonyms_stop_the_load(content_copy, seeds_dir):
    (content_copy / "synoniemen.yaml").write_text("- terms: [alleen-een]\n")
    before = snapshot()
    with pytest.raises(ContentError) as info:
        load_corpus(content_copy, seeds_dir)
    assert info.value.path.endswith("synoniemen.yaml") and info.value.field == "[0].terms"
    assert snapshot() == before
