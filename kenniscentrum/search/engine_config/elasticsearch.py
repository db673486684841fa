"""Elasticsearch 7: one JSON body for `PUT /<index>`, with the analysis settings and the mapping.

Word lists are inline (`stopwords`, `synonyms`, `rules`), not files: a `*_path` file must be
copied into the config directory of every node of the cluster before the index is created, and
a node without it fails the request; inline, the one request is the whole configuration. The cost
is that changing synonyms means closing and reopening the index with new settings (or creating
it again); Whoosh reads them at every search.

The mapping is the one haystack's Elasticsearch7SearchBackend.build_schema makes for our indexes
(its rules repeated here, as that module needs the elasticsearch client), with our analyzers
where haystack puts its default `snowball`. haystack compares its own mapping with the index's on
its first write and sends it when they differ, and Elasticsearch refuses to change a field's
analyzer: the backend must therefore be given the same field mapping (`TEXT_MAPPING`) as its
DEFAULT_FIELD_MAPPING, in a small subclass, before it is used. JSON has no comments: where the
body came from is in the mapping's `_meta`, which Elasticsearch keeps with the index.
"""

import json

from .common import (
    IES_PATTERN,
    IES_REPLACEMENT,
    MIN_TOKEN,
    NUMBER_DOT,
    TOKEN_PATTERN,
    UNDOUBLE_PATTERN,
    UNDOUBLE_REPLACEMENT,
    Export,
)

INDEX_FILE = "elasticsearch_index.json"
INDEX_ANALYZER = "kc_dutch_index"
QUERY_ANALYZER = "kc_dutch_query"
TEXT_MAPPING = {"type": "text", "analyzer": INDEX_ANALYZER, "search_analyzer": QUERY_ANALYZER}
# haystack's Elasticsearch7SearchBackend.FIELD_MAPPINGS for the types our indexes can have.
_TYPED = {
    "date": {"type": "date"},
    "datetime": {"type": "date"},
    "boolean": {"type": "boolean"},
    "float": {"type": "float"},
    "long": {"type": "long"},
    "integer": {"type": "long"},
}


def analysis(export: Export) -> dict:
    filters = {
        "kc_number": {"type": "pattern_replace", "pattern": NUMBER_DOT, "replacement": ""},
        "kc_stop": {"type": "stop", "stopwords": list(export.stopwords), "ignore_case": False},
        "kc_length": {"type": "length", "min": MIN_TOKEN},
        "kc_synonyms": {
            "type": "synonym_graph",
            "expand": True,
            "synonyms": [", ".join(group) for group in export.synonym_groups],
        },
        "kc_ies": {
            "type": "pattern_replace",
            "pattern": IES_PATTERN,
            "replacement": IES_REPLACEMENT,
        },
        "kc_snowball": {"type": "stemmer", "language": "dutch"},
        "kc_undouble": {
            "type": "pattern_replace",
            "pattern": UNDOUBLE_PATTERN,
            "replacement": UNDOUBLE_REPLACEMENT,
        },
    }
    start = ["kc_number", "lowercase", "asciifolding"]
    stop = ["kc_stop", "kc_length"]
    stem = ["kc_ies", "kc_snowball", "kc_undouble"]
    if export.stem_overrides:  # none when settings.SEARCH_STEM_EXCEPTIONS is off
        filters["kc_stem_overrides"] = {
            "type": "stemmer_override",
            "rules": [f"{word} => {stem}" for word, stem in export.stem_overrides],
        }
        stem.insert(1, "kc_stem_overrides")
    compounds = []
    if export.compounds:
        filters["kc_compounds"] = {
            "type": "synonym_graph",
            "expand": False,
            "synonyms": [f"{word} => {', '.join(outputs)}" for word, outputs in export.compounds],
        }
        compounds = ["kc_compounds", "flatten_graph"]
    tokenizer = {"kc_words": {"type": "pattern", "pattern": TOKEN_PATTERN, "group": 0}}
    analyzers = {
        INDEX_ANALYZER: {
            "type": "custom",
            "tokenizer": "kc_words",
            "filter": start + stop + compounds + stem,
        },
        QUERY_ANALYZER: {
            "type": "custom",
            "tokenizer": "kc_words",
            "filter": start + ["kc_synonyms"] + stop + stem,
        },
    }
    return {"tokenizer": tokenizer, "filter": filters, "analyzer": analyzers}


def properties(export: Export, id_field: str, ct_field: str, django_id_field: str) -> dict:
    """haystack's build_schema: its common fields, then one mapping per index field."""
    mapping = {name: {"type": "keyword"} for name in (id_field, ct_field, django_id_field)}
    for field in export.fields:
        field_mapping = dict(_TYPED.get(field.field_type, TEXT_MAPPING))
        if field.boost != 1.0:
            field_mapping["boost"] = field.boost
        if field_mapping["type"] == "text" and (not field.indexed or field.facet):
            field_mapping = {"type": "keyword", **{k: v for k, v in field_mapping.items()
                                                   if k == "boost"}}  # fmt: skip
        mapping[field.name] = field_mapping
    return mapping


def index_body(export: Export, id_field: str, ct_field: str, django_id_field: str) -> dict:
    return {
        "settings": {"analysis": analysis(export)},
        "mappings": {
            "_meta": {"generated_from": list(export.sources)},
            "properties": properties(export, id_field, ct_field, django_id_field),
        },
    }


def files(export: Export, id_field: str, ct_field: str, django_id_field: str) -> dict[str, str]:
    body = index_body(export, id_field, ct_field, django_id_field)
    return {INDEX_FILE: json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"}
