"""The synthetic benchmark corpus: deterministic, and valid by the loader's own rules.

Why test a benchmark tool: a scale run that fails at `load_content` after minutes of generating,
or two runs on different corpora, would waste the run or make its numbers incomparable.
"""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from kenniscentrum.knowledge.loading import read_corpus
from kenniscentrum.knowledge.synthetic import MAX_WORDS, MIN_WORDS, generate_corpus

ITEMS = 40


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("synthetic") / "corpus"
    generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, dest, ITEMS, seed=7)
    return dest


def test_same_seed_gives_identical_files(corpus, tmp_path):
    again = tmp_path / "again"
    generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, again, ITEMS, seed=7)
    assert _files(again) == _files(corpus)


def test_another_seed_gives_other_items(corpus, tmp_path):
    other = tmp_path / "other"
    generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, other, ITEMS, seed=8)
    assert _files(other) != _files(corpus)


def test_loader_accepts_the_corpus_and_keeps_the_real_items(corpus):
    real = read_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR)
    loaded = read_corpus(corpus, settings.SEEDS_DIR)
    slugs = {item.slug for item in loaded.items}
    assert {item.slug for item in real.items} <= slugs
    assert len(loaded.items) == len(real.items) + ITEMS


def test_generated_items_have_a_spread_and_realistic_length(corpus):
    generated = [
        i for i in read_corpus(corpus, settings.SEEDS_DIR).items if i.slug.startswith("synth-")
    ]
    assert len(generated) == ITEMS
    assert all(MIN_WORDS <= len(item.body.split()) <= MAX_WORDS for item in generated)
    assert len(Counter(item.kind for item in generated)) >= 3
    assert len({theme for item in generated for theme in item.themes}) >= 8
    assert len({p for item in generated for p in item.provinces}) >= 6
    assert all(item.path.endswith(f"/{item.kind}/{item.slug}.md") for item in generated)


def test_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "mine.txt").write_text("niet weggooien")
    with pytest.raises(ValueError):
        generate_corpus(settings.CONTENT_DIR, settings.SEEDS_DIR, tmp_path, 1)
    assert (tmp_path / "mine.txt").exists()
