"""Write the database's published items back to content/ as the loader reads them.

content/ stays reviewable in git while editors work in the browser: export, review the diff,
commit. export -> empty database -> load gives the same items (tested through the API).
Synonym groups made in the browser go into synoniemen.yaml the same way (`export_synonyms`).
"""

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from kenniscentrum.core.dates import AMSTERDAM
from kenniscentrum.geography import loading as gemeenten
from kenniscentrum.search import synonyms

from .frontmatter import ContentError, load_yaml
from .loading import content_hash, display_path
from .models import Item
from .vocabulary import Status

TEST_KEYS = {"any_of": "any_of", "at_least": "at_least", "is": "is"}


def item_front_matter(item: Item) -> dict:
    data = {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "themes": [t.slug for t in item.themes.all()],
    }
    provinces = [p.slug for p in item.provinces.all()]
    if provinces:
        data["provinces"] = provinces
    data["sources"] = [
        {"section": ref.section.key, **({"note": ref.note} if ref.note else {})}
        for ref in item.sources.select_related("section")
    ]
    data["published"] = item.published.isoformat()
    data["last_reviewed"] = item.last_reviewed.isoformat()
    if item.checked_on:
        data["checked_on"] = item.checked_on.isoformat()
        data["checked_source"] = item.checked_source
    if item.links:
        data["links"] = [_ordered(link, LINK_KEYS) for link in item.links]
    if item.status != Status.GEPUBLICEERD:
        data["status"] = item.status
    for name in ("publish_at", "expire_at"):
        moment = getattr(item, name)
        if moment:
            data[name] = moment.astimezone(AMSTERDAM).isoformat(timespec="minutes")
    related = sorted(i.slug for i in item.related.all())
    if related:
        data["related"] = related
    if hasattr(item, "regeling"):
        data["regeling"] = _regeling(item.regeling)
        if item.regeling.criteria:
            data["check"] = _check(item.regeling.criteria)
    if hasattr(item, "aanbeveling"):
        facts = item.aanbeveling
        data["aanbeveling"] = {
            "number": facts.number,
            "cluster": facts.cluster,
            "actiehouders": facts.actiehouders,
            **({"actiehouders_note": facts.actiehouders_note} if facts.actiehouders_note else {}),
        }
    return data


# Key order of the mappings kept in JSON fields, as the content files write them. PostgreSQL's
# jsonb does not keep the order a dict was saved in (it sorts keys by length), so the file
# written back would differ from the one loaded without this.
AMOUNT_KEYS = ("label", "eur", "note")
DATE_KEYS = ("label", "date")
WINDOW_KEYS = ("opens", "closes")
LINK_KEYS = ("title", "url", "kind", "checked_on")


def _ordered(mapping: dict, keys: tuple[str, ...]) -> dict:
    """The mapping with `keys` first in that order (empty values left out), then any other."""
    ordered = {k: mapping[k] for k in keys if k in mapping and mapping[k] != ""}
    ordered.update({k: v for k, v in mapping.items() if k not in ordered and v != ""})
    return ordered


def _regeling(facts) -> dict:
    data = {"provider": facts.provider, "applicants": facts.applicants}
    if facts.amounts:
        data["amounts"] = [_ordered(a, AMOUNT_KEYS) for a in facts.amounts]
    if facts.key_dates:
        data["dates"] = [_ordered(d, DATE_KEYS) for d in facts.key_dates]
    if facts.window:
        data["window"] = _ordered(facts.window, WINDOW_KEYS)
    data["status"] = facts.status
    if facts.status_note:
        data["status_note"] = facts.status_note
    if facts.ended_on:
        data["ended_on"] = facts.ended_on.isoformat()
        data["ended_reason"] = facts.ended_reason
        data["ended_source"] = facts.ended_source
    return data


def _check(criteria: dict) -> dict:
    data = {
        "source": criteria["source"],
        "organisations": criteria["organisations"],
    }
    if criteria.get("organisation_reasons"):
        data["organisation_reasons"] = criteria["organisation_reasons"]
    data["not_for_organisation"] = criteria["not_for_organisation"]
    data["criteria"] = [
        {
            "answer": c["answer"],
            c["test"]: c["value"],
            "met": c["met"],
            "not_met": c["not_met"],
            **({"unknown": c["unknown"]} if c.get("unknown") else {}),
            "source": c["source"],
        }
        for c in criteria["criteria"]
    ]
    for key in ("amount", "channel"):
        if criteria.get(key):
            data[key] = criteria[key]
    for key in ("next_steps", "notes", "related"):
        if criteria.get(key):
            data[key] = criteria[key]
    return data


def render_file(item: Item, with_status: bool = True) -> str:
    """The item as a content file; without status for the browser editor (workflow owns it)."""
    data = item_front_matter(item)
    if not with_status:
        data.pop("status", None)
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{item.body.strip()}\n"


def export_items(target: Path, mark_loaded: bool = False) -> list[Path]:
    """Write every published item; returns the files written.

    With `mark_loaded` (exporting into the loader's own folder) the items are recorded as in
    step with their new files, so the next load_content sees no conflict.
    """
    written = []
    items = Item.objects.published().prefetch_related("themes", "provinces", "related")
    for item in items.order_by("kind", "slug"):
        path = Path(target) / item.kind / f"{item.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = render_file(item)
        path.write_text(text, "utf-8")
        written.append(path)
        if mark_loaded:
            Item.objects.filter(pk=item.pk).update(
                source_path=display_path(path),
                source_hash=content_hash(text),
                edited_since_load=False,
            )
    return written


def export_synonyms(target: Path, in_place: bool = False) -> int:
    """Write content/synoniemen.yaml, extended by the groups made in the browser, to `target`.

    Returns the number of browser groups the file did not have yet. Validated as load_content
    reads it before anything is written, and written whole (a temporary file renamed), so the
    file is never half a file. Exporting into content/ itself (`in_place`) moves the groups:
    they are removed from the database once the file has them, so they are not counted twice
    and a later load_content finds nothing to reconcile. Without browser groups the file is
    copied as it is (into content/ itself: left alone). With them it is written in its own
    layout (the same bytes for the same groups); only the comment lines at its top are kept.
    """
    source = Path(settings.CONTENT_DIR) / synonyms.FILE_NAME
    path = Path(target) / synonyms.FILE_NAME
    shown = display_path(path)
    groups = synonyms.read_synonyms(source)
    new = [g for g in synonyms.browser_groups() if not synonyms.contains(groups, g)]
    if not new:
        if not in_place and source.exists():
            shutil.copy(source, path)
        return 0
    for group in new:
        _, problem = synonyms.extension_problem(groups, group)
        if problem:
            raise ContentError(
                shown, "",
                f"de synoniemgroep uit de browser ({', '.join(group.terms)}) past niet bij het "
                f"bestand: {problem} Verwijder hem in /beheer/ of pas het bestand aan.",
            )  # fmt: skip
        groups = list(synonyms.combine(groups, [group]))
    text = render_synonyms(groups, _comment_header(source))
    synonyms.validate_groups(load_yaml(text), shown)  # what load_content will read
    _write_whole(path, text)
    if in_place:
        with transaction.atomic():
            synonyms.reconcile_browser_groups(groups, shown)
    return len(new)


def export_gemeenten(target: Path) -> int:
    """Write the register of gemeenten, as the admin left it, to gemeenten.csv in `target`.

    Returns the number of gemeenten written. The file's layout is the loader's own
    (geography/loading.py `render_register`: code order, the same bytes for the same register)
    and the comment lines at the top of content/gemeenten.csv (that the list is partial, how
    to complete it) are kept. Validated as load_content reads it, then written whole. An empty
    register writes nothing: a database that never loaded the file must not empty it.
    """
    rows = gemeenten.database_rows()
    if not rows:
        return 0
    path = Path(target) / gemeenten.FILE_NAME
    header = _comment_header(Path(settings.CONTENT_DIR) / gemeenten.FILE_NAME)
    text = gemeenten.render_register(rows, header)
    gemeenten.parse_register(text, display_path(path))
    _write_whole(path, text)
    return len(rows)


def render_synonyms(groups, header: str = "") -> str:
    """The groups in synoniemen.yaml's own layout: one line per group, flow-style terms."""
    lines = [header.rstrip("\n")] if header.strip() else []
    for group in groups:
        lines.append(f"- terms: {_flow(list(group.terms))}")
        if group.preferred:
            lines.append(f"  {_flow({'preferred': group.preferred})[1:-1]}")
    return "\n".join(lines) + "\n"


def _flow(value) -> str:
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.strip()


def _comment_header(path: Path) -> str:
    """The comment lines the file starts with (its explanation for editors), kept on export."""
    if not path.is_file():
        return ""
    header = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        header.append(line)
    return "\n".join(header)


def _write_whole(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
