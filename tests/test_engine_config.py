"""search_engine_config: the generated Solr and Elasticsearch configuration, checked in real Lucene.

Neither Solr nor Elasticsearch runs here, but both analyse with Lucene 8, and Debian ships Lucene
8.8.1 (liblucene8-java; its jars are named 8.7.0). tests/lucene/AnalyzeChain.java builds each
generated analyzer chain with Lucene's CustomAnalyzer from the factory names and arguments in the
generated files; its tokens for every line of the shipped corpus are compared with our own chain
(analysis.py). Java is required, never mocked: without it these tests fail and say what to
install.

Token agreement is measured over the whole corpus (items' title, summary and body; the report's
sections: 1,336 lines, 17,871 positions) per line, position by position (the terms at one
position compared as a set), and for the stemmer alone over wordfreq's 27,045 general Dutch
words. Measured with Lucene 8.8.1: index 99.97%, query 100%, general Dutch 100%, the same for
the Solr and the Elasticsearch chain. Known differences:
- Our chain indexes a stop word that is a compound's part ("waarvoor" -> "voor", 6 positions);
  the rules leave it out (engine_config.common says why). No query asks for it.
- Lucene keeps a position gap where a stop word was, Whoosh renumbers; positions are compared
  without gaps (a phrase differs only across a stop word, alike at index and query time).
- Not in the corpus, so not measured: Lucene's ASCII folding folds a few characters otherwise
  than Whoosh's accent map ("ß" to "ss", not "s"; "æ" to "ae"), and Java's Unicode \\w differs
  from Python's for a few symbols (superscript digits).
"""

import difflib
import glob
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from haystack import connections, constants

from kenniscentrum.knowledge.loading import read_corpus
from kenniscentrum.search import analysis, synonyms
from kenniscentrum.search.engine_config import elasticsearch, solr
from kenniscentrum.search.management.commands import search_engine_config

JAVA_SOURCE = Path(__file__).parent / "lucene" / "AnalyzeChain.java"
LUCENE_JARS = ("lucene-core-8*.jar", "lucene-analyzers-common-8*.jar")
INSTALL = "apt-get install liblucene8-java default-jdk-headless"
# Below the measured 99.97% (index) and 100% (query), for content/ to come; `pytest -s` prints
# the figures. Any difference other than the known one fails anyway (see the test).
AGREEMENT_FLOOR = 0.995
STOP_STEMS = {analysis.stem_with_exceptions(w) for w in analysis.DUTCH_STOPWORDS}


# --- generated files ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    folders = {}
    for engine in ("solr", "elasticsearch"):
        folder = tmp_path_factory.mktemp(engine)
        call_command("search_engine_config", engine=engine, output=str(folder), stdout=StringIO())
        folders[engine] = folder
    return folders


def expected_fields() -> dict:
    """The haystack fields of our indexes, as haystack itself lists them."""
    return connections["default"].get_unified_index().all_searchfields()


def test_solr_schema_parses_and_has_our_fields(generated):
    root = ET.parse(generated["solr"] / solr.SCHEMA_FILE).getroot()
    fields = {f.get("name"): f for f in root.findall("field")}
    common = {constants.ID, constants.DJANGO_CT, constants.DJANGO_ID, "_version_"}
    assert set(fields) == set(expected_fields()) | common
    assert root.findtext("uniqueKey") == constants.ID
    types = {t.get("name") for t in root.findall("fieldType")}
    for name, field in expected_fields().items():
        element = fields[name]
        assert element.get("type") in types
        assert element.get("multiValued") == ("true" if field.is_multivalued else "false")
        if field.field_type in ("date", "datetime"):
            assert element.get("type") == "pdate", name
        elif hasattr(field, "facet_for") or not field.indexed:
            assert element.get("type") == "string", name
        else:
            assert element.get("type") == solr.FIELD_TYPE, name


def test_elasticsearch_body_parses_and_has_our_fields(generated):
    body = json.loads((generated["elasticsearch"] / elasticsearch.INDEX_FILE).read_text())
    properties = body["mappings"]["properties"]
    common = {constants.ID, constants.DJANGO_CT, constants.DJANGO_ID}
    assert set(properties) == set(expected_fields()) | common
    for name, field in expected_fields().items():
        mapping = properties[name]
        if field.field_type in ("date", "datetime"):
            assert mapping["type"] == "date", name
        elif hasattr(field, "facet_for") or not field.indexed:
            assert mapping["type"] == "keyword", name
            assert set(mapping) <= {"type", "boost"}, name  # no analyzer: the server refuses it
        else:
            assert mapping["analyzer"] == elasticsearch.INDEX_ANALYZER, name
            assert mapping["search_analyzer"] == elasticsearch.QUERY_ANALYZER, name
        assert mapping.get("boost", 1.0) == field.boost, name
    analysis_settings = body["settings"]["analysis"]
    builtin = {"lowercase", "asciifolding", "flatten_graph"}
    for analyzer in analysis_settings["analyzer"].values():
        assert analyzer["tokenizer"] in analysis_settings["tokenizer"]
        assert set(analyzer["filter"]) <= set(analysis_settings["filter"]) | builtin
    assert body["mappings"]["_meta"]["generated_from"]


def _rule_words(rules: list[str]) -> set[str]:
    return {w for rule in rules for w in re.split(r"[\s,]+|=>", rule) if w}


def test_word_lists_hold_every_stop_word_synonym_and_compound(generated):
    folder = generated["solr"]
    lines = lambda name: [  # noqa: E731
        line for line in (folder / name).read_text().splitlines() if not line.startswith("#")
    ]
    assert set(lines(solr.STOPWORDS_FILE)) == analysis.DUTCH_STOPWORDS
    synonym_lines = lines(solr.SYNONYMS_FILE)
    for group in synonyms.file_groups():
        line = next(x for x in synonym_lines if synonyms.term_key(group.terms[0]) in x.split(", "))
        assert {synonyms.term_key(t) for t in group.terms} <= set(line.split(", "))
    words, _ = analysis.corpus_vocabulary()
    compounds = dict(line.split(" => ") for line in lines(solr.COMPOUNDS_FILE))
    overrides = dict(line.split("\t") for line in lines(solr.STEM_OVERRIDES_FILE))
    for word in words:
        # Our chain indexes the word's stem and its parts' stems at one position; the rule must
        # give the same, but for stop-word parts (left out: no query asks for them).
        ours = Counter(analysis.analyse(word, mode="index"))
        outputs = compounds[word].split(", ") if word in compounds else [word]
        theirs = Counter(analysis.stem_with_exceptions(w) for w in outputs)
        assert not theirs - ours and set(ours - theirs) <= STOP_STEMS, word
    exceptions = {re.sub("ies$", "ie", w): stem for w, stem in analysis.STEM_EXCEPTIONS.items()}
    assert overrides == exceptions
    body = json.loads((generated["elasticsearch"] / elasticsearch.INDEX_FILE).read_text())
    filters = body["settings"]["analysis"]["filter"]
    assert filters["kc_stop"]["stopwords"] == sorted(analysis.DUTCH_STOPWORDS)
    assert len(filters["kc_compounds"]["synonyms"]) == len(compounds)
    assert len(filters["kc_stem_overrides"]["rules"]) == len(overrides)
    # Elasticsearch parses synonym rules with the chain before the filter (lower case, folding,
    # and for compounds the stop filter): the rules must come out of it unchanged.
    for word in _rule_words(
        filters["kc_compounds"]["synonyms"] + filters["kc_synonyms"]["synonyms"]
    ):
        assert word.isascii() and word == word.lower() and re.fullmatch(r"\w{2,}", word), word
    for word in _rule_words(filters["kc_compounds"]["synonyms"]):
        assert word not in analysis.DUTCH_STOPWORDS


def test_output_is_deterministic_and_sorted(generated, tmp_path):
    for engine, folder in generated.items():
        call_command(
            "search_engine_config", engine=engine, output=str(tmp_path / engine), stdout=StringIO()
        )
        for path in folder.iterdir():
            assert (tmp_path / engine / path.name).read_bytes() == path.read_bytes(), path.name
    # Again into the same folder: the same files, no temporary files left behind.
    before = {p.name: p.read_bytes() for p in (tmp_path / "solr").iterdir()}
    call_command(
        "search_engine_config", engine="solr", output=str(tmp_path / "solr"), stdout=StringIO()
    )
    assert {p.name: p.read_bytes() for p in (tmp_path / "solr").iterdir()} == before
    stopwords = (generated["solr"] / solr.STOPWORDS_FILE).read_text().splitlines()
    words = [line for line in stopwords if not line.startswith("#")]
    assert words == sorted(words)


def test_bad_engine_and_unwritable_folder_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="engine"):
        call_command("search_engine_config", engine="lucene", output=str(tmp_path))
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(CommandError, match="a-file"):
        call_command("search_engine_config", engine="solr", output=str(blocker / "conf"))
    with pytest.raises(CommandError, match="geen map"):
        call_command("search_engine_config", engine="solr", output=str(blocker))


def test_a_failed_write_leaves_the_previous_files(tmp_path, monkeypatch):
    target = tmp_path / "conf"
    target.mkdir()
    (target / "solrconfig.xml").write_text("keep")
    (target / "a.txt").write_text("old a")
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_engine_config.os, "fsync", failing_fsync)
    with pytest.raises(CommandError, match="No space left"):
        search_engine_config.write_all(target, {"a.txt": "new a", "b.txt": "new b"})
    assert sorted(p.name for p in target.iterdir()) == ["a.txt", "solrconfig.xml"]
    assert (target / "a.txt").read_text() == "old a"


# --- the analyzer chains in real Lucene ------------------------------------------------------


@pytest.fixture(scope="module")
def lucene(tmp_path_factory) -> list[str]:
    """The java command line for AnalyzeChain, compiled once for this module."""
    javac, java = shutil.which("javac"), shutil.which("java")
    jars = [sorted(glob.glob(f"/usr/share/java/{pattern}")) for pattern in LUCENE_JARS]
    if not javac or not java or not all(jars):
        pytest.fail(f"Java (javac) and Lucene 8 jars are needed: {INSTALL}")
    classpath = ":".join(found[-1] for found in jars)
    classes = tmp_path_factory.mktemp("lucene-classes")
    done = subprocess.run(
        [javac, "-d", str(classes), "-cp", classpath, str(JAVA_SOURCE)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [java, "-cp", f"{classes}:{classpath}", "AnalyzeChain"]


def run_chains(command, config_dir: Path, chains: dict[str, list], texts: list[str]) -> dict:
    """{chain name: [tokens per text]} from one JVM run; tokens as (increment, term)."""
    names = sorted(chains)
    chain_files = []
    for name in names:
        path = config_dir / f"chain-{name}.tsv"
        path.write_text(
            "".join(
                "\t".join([kind, spi, *(f"{k}={v}" for k, v in sorted(args.items()))]) + "\n"
                for kind, spi, args in chains[name]
            ),
            "utf-8",
        )
        chain_files.append(str(path))
    done = subprocess.run(
        [*command, str(config_dir), *chain_files], input="\n".join(texts) + "\n",
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")[:-1]
    assert len(lines) == len(texts) * len(names)
    result = {name: [] for name in names}
    for index, line in enumerate(lines):
        tokens = []
        for token in line.split("\t") if line else []:
            increment, _length, term = token.split(":", 2)
            tokens.append((int(increment), term))
        result[names[index % len(names)]].append(tokens)
    return result


def solr_chains(schema: Path) -> dict[str, list]:
    """The text field type's analyzers as Lucene SPI names: solr.XFilterFactory -> X."""
    root = ET.parse(schema).getroot()
    field_type = next(t for t in root.findall("fieldType") if t.get("name") == solr.FIELD_TYPE)
    chains = {}
    for analyzer in field_type.findall("analyzer"):
        chain = []
        for element in analyzer:
            name = element.get("class").removeprefix("solr.")
            kind = "tokenizer" if element.tag == "tokenizer" else "filter"
            spi = re.sub(r"(Tokenizer|Filter)Factory$", "", name)
            spi = spi[0].lower() + spi[1:]  # Lucene's SPI names: "synonymGraph", "stop"
            args = {k: v for k, v in element.attrib.items() if k != "class"}
            chain.append((kind, spi, args))
        chains[analyzer.get("type")] = chain
    return chains


def elasticsearch_chains(body: dict, folder: Path) -> dict[str, list]:
    """The Elasticsearch analyzers in Lucene terms; inline word lists become files in `folder`.

    Each Elasticsearch type is the Lucene factory it wraps (Elasticsearch 7's own code:
    `stemmer` with language "dutch" is a SnowballFilter with Lucene's DutchStemmer).
    """
    settings_ = body["settings"]["analysis"]

    def listed(name, lines):
        (folder / name).write_text("".join(f"{line}\n" for line in lines), "utf-8")
        return name

    def component(name, definition):
        kind = definition["type"]
        if kind == "pattern_replace":
            replace = "all" if definition.get("all", True) else "first"
            args = {"pattern": definition["pattern"], "replacement": definition["replacement"]}
            return ("patternReplace", {**args, "replace": replace})
        if kind == "stop":
            words = listed(f"{name}.txt", definition["stopwords"])
            return ("stop", {"words": words, "ignoreCase": str(definition["ignore_case"]).lower()})
        if kind == "length":
            return ("length", {"min": str(definition["min"]), "max": "2147483647"})
        if kind == "synonym_graph":
            rules = listed(f"{name}.txt", definition["synonyms"])
            return (
                "synonymGraph",
                {"synonyms": rules, "expand": str(definition["expand"]).lower()},
            )
        if kind == "stemmer_override":
            pairs = [rule.replace(" => ", "\t") for rule in definition["rules"]]
            return ("stemmerOverride", {"dictionary": listed(f"{name}.txt", pairs)})
        if kind == "stemmer" and definition["language"] == "dutch":
            return ("snowballPorter", {"language": "Dutch"})
        raise AssertionError(f"no Lucene equivalent known for {name}: {definition}")

    builtin = {
        "lowercase": "lowercase",
        "asciifolding": "asciiFolding",
        "flatten_graph": "flattenGraph",
    }
    chains = {}
    for analyzer_name, analyzer in settings_["analyzer"].items():
        tokenizer = settings_["tokenizer"][analyzer["tokenizer"]]
        assert tokenizer["type"] == "pattern"
        chain = [("tokenizer", "pattern", {"pattern": tokenizer["pattern"], "group": "0"})]
        for name in analyzer["filter"]:
            if name in builtin:
                chain.append(("filter", builtin[name], {}))
            else:
                chain.append(("filter", *component(name, settings_["filter"][name])))
        chains[analyzer_name] = chain
    return {
        "index": chains[elasticsearch.INDEX_ANALYZER],
        "query": chains[elasticsearch.QUERY_ANALYZER],
    }


def corpus_lines() -> list[str]:
    """Every line of the shipped corpus as indexed: items and report sections."""
    corpus = read_corpus(Path(settings.CONTENT_DIR), Path(settings.SEEDS_DIR))
    texts = [t for item in corpus.items for t in (item.title, item.summary, item.body)]
    texts += [t for s in corpus.sections for t in (s.title, s.plain_text())]
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def python_slots(text: str, mode: str) -> list[tuple[str, ...]]:
    """Our chain's terms per position (Whoosh renumbers over stop words: no gaps)."""
    slots: dict[int, list[str]] = {}
    for token in analysis.dutch_analyzer()(text, mode=mode, positions=True):
        slots.setdefault(token.pos, []).append(token.text)
    return [tuple(sorted(terms)) for _, terms in sorted(slots.items())]


def lucene_slots(tokens: list[tuple[int, str]]) -> list[tuple[str, ...]]:
    slots: list[list[str]] = []
    for increment, term in tokens:
        if increment > 0 or not slots:
            slots.append([])
        slots[-1].append(term)
    return [tuple(sorted(terms)) for terms in slots]


def agreement(expected: list[list[tuple]], actual: list[list[tuple]]) -> tuple[float, Counter]:
    """Share of positions (of the longer side, per line) whose terms agree; the differences."""
    agreed = total = 0
    differences: Counter = Counter()
    for ours, theirs in zip(expected, actual, strict=True):
        matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
        agreed += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(ours), len(theirs))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                differences[(tuple(ours[i1:i2]), tuple(theirs[j1:j2]))] += 1
    return (agreed / total if total else 1.0), differences


def without_synonyms(chain: list, synonyms_file: str) -> list:
    """A query chain minus the synonym filter: analyse(mode="query") has no synonyms either."""
    return [c for c in chain if not (c[1] == "synonymGraph" and c[2]["synonyms"] == synonyms_file)]


@pytest.fixture(scope="module")
def measured(lucene, generated, tmp_path_factory):
    """Every chain, run over the corpus in one JVM per engine, against our chain."""
    texts = corpus_lines()
    ours = {mode: [python_slots(t, mode) for t in texts] for mode in ("index", "query")}
    solr_dir = generated["solr"]
    es_dir = tmp_path_factory.mktemp("es-lists")
    body = json.loads((generated["elasticsearch"] / elasticsearch.INDEX_FILE).read_text())
    engines = {
        "solr": (solr_dir, solr_chains(solr_dir / solr.SCHEMA_FILE), solr.SYNONYMS_FILE),
        "es": (es_dir, elasticsearch_chains(body, es_dir), "kc_synonyms.txt"),
    }
    words, _ = analysis.corpus_vocabulary()
    results = {}
    for engine, (folder, chains, synonyms_file) in engines.items():
        runs = {
            "index": chains["index"],
            "query": without_synonyms(chains["query"], synonyms_file),
        }
        if engine == "solr":
            # The alternatives the module docstring of engine_config.common rejects, measured.
            (folder / "vocabulary.txt").write_text("".join(f"{w}\n" for w in sorted(words)))
            runs["index-dictionary-decompounder"] = [
                ("filter", "dictionaryCompoundWord",
                 {"dictionary": "vocabulary.txt", "minSubwordSize": str(analysis.MIN_PART),
                  "minWordSize": str(analysis.MIN_COMPOUND)})
                if c[1] == "synonymGraph" else c
                for c in chains["index"] if c[1] != "flattenGraph"
            ]  # fmt: skip
        output = run_chains(lucene, folder, runs, texts)
        for name, tokens in output.items():
            mode = "query" if name == "query" else "index"
            results[f"{engine} {name}"] = agreement(ours[mode], [lucene_slots(t) for t in tokens])
    # Words the corpus does not have yet: the stemmer alone (Lucene's Snowball Dutch and our
    # corrections) against ours, on general Dutch (wordfreq's words of Zipf >= 3).
    general = sorted(analysis.general_frequencies())
    assert len(general) > 10_000, "wordfreq's Dutch list is missing"
    query_chain = without_synonyms(
        solr_chains(solr_dir / solr.SCHEMA_FILE)["query"], solr.SYNONYMS_FILE
    )
    tokens = run_chains(lucene, solr_dir, {"general": query_chain}, general)["general"]
    results["solr query, general Dutch words"] = agreement(
        [python_slots(word, "query") for word in general], [lucene_slots(t) for t in tokens]
    )
    results["_texts"] = (len(texts), sum(len(s) for s in ours["index"]), len(general))
    return results


@pytest.mark.parametrize("chain", ["solr index", "solr query", "es index", "es query"])
def test_lucene_analyses_the_corpus_as_we_do(measured, chain):
    share, differences = measured[chain]
    assert share >= AGREEMENT_FLOOR, differences.most_common(20)
    # The one known difference: a stop word our chain indexes as a compound's part
    # ("waarvoor" -> "waar" + "voor"), which the rules leave out.
    for ours, theirs in differences:
        assert len(ours) == len(theirs), (ours, theirs)
        for our_terms, their_terms in zip(ours, theirs, strict=True):
            assert set(their_terms) <= set(our_terms), (ours, theirs)
            assert set(our_terms) - set(their_terms) <= STOP_STEMS, (ours, theirs)


def test_the_choices_agree_better_than_the_alternatives(measured):
    """The figures of engine_config.common's docstring (shown with `pytest -s`)."""
    lines, positions, general = measured["_texts"]
    print(f"\nCorpus: {positions} positions in {lines} lines; general Dutch: {general} words")
    for name in sorted(n for n in measured if not n.startswith("_")):
        share, differences = measured[name]
        print(f"{name}: {share:.4%}", differences.most_common(3))
    rules, _ = measured["solr index"]
    decompounder, _ = measured["solr index-dictionary-decompounder"]
    assert rules > decompounder
    # Words the corpus does not have yet stem as ours do: Snowball is Snowball.
    share, differences = measured["solr query, general Dutch words"]
    assert share >= AGREEMENT_FLOOR, differences.most_common(20)


def test_synonyms_expand_in_lucene_as_in_our_queries(lucene, generated, tmp_path):
    """Every term of a group, analysed by the engine's query chain, yields the terms of every
    other term of its group (query.py's alternatives), in both engines."""
    groups = synonyms.file_groups()
    terms = [term for group in groups for term in group.terms]
    body = json.loads((generated["elasticsearch"] / elasticsearch.INDEX_FILE).read_text())
    for folder, chains in (
        (generated["solr"], solr_chains(generated["solr"] / solr.SCHEMA_FILE)),
        (tmp_path, elasticsearch_chains(body, tmp_path)),
    ):
        output = run_chains(lucene, folder, {"query": chains["query"]}, terms)["query"]
        produced = dict(zip(terms, output, strict=True))
        for group in groups:
            wanted = {stem for term in group.terms for stem in analysis.analyse(term)}
            for term in group.terms:
                found = {t for _, t in produced[term]}
                assert wanted <= found, (term, wanted - found)


# --- what haystack's Elasticsearch backend would send ------------------------------------------


def test_the_elasticsearch_engine_creates_the_generated_index(generated):
    """Our Elasticsearch engine (portable_backends.py, haystack's Elasticsearch 7 backend with
    the real client; no server is contacted) creates a missing index with exactly the settings
    and mapping that search_engine_config writes, so the server analyses Dutch as we do,
    not with haystack's English snowball."""
    from kenniscentrum.search.portable_backends import _elasticsearch

    backend_class, _ = _elasticsearch()
    backend = backend_class("default", URL="http://127.0.0.1:9", INDEX_NAME="kenniscentrum")
    content_field, mapping = backend.build_schema(expected_fields())
    assert content_field == "text"
    body = json.loads((generated["elasticsearch"] / elasticsearch.INDEX_FILE).read_text())
    assert mapping == body["mappings"]["properties"]
    assert backend.DEFAULT_SETTINGS["settings"] == body["settings"]
