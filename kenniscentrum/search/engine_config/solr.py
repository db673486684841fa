"""Solr 8: schema.xml with a Dutch field type `text_nl`, plus its word lists as files.

The fields are the ones haystack's `build_solr_schema` would write for our indexes (its
SolrSearchBackend.build_schema rules, repeated here because that module needs pysolr), with our
`text_nl` where haystack puts `text_en`. Field types are Solr 8's point types (haystack's template
still has the Trie types Solr 9 removed). Word lists are separate files beside the schema, as Solr
expects (it reads them from the core's conf directory); they are large for inline XML and each
says in a comment where it came from.

Written as schema.xml: with ClassicIndexSchemaFactory Solr reads it as is; with the default
ManagedIndexSchemaFactory Solr converts it into `managed-schema` on first start, unless a
`managed-schema` already exists, which then wins (the command warns about that).
"""

from xml.dom import minidom

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

FIELD_TYPE = "text_nl"
STOPWORDS_FILE = "stopwords_nl.txt"
SYNONYMS_FILE = "synonyms_nl.txt"
COMPOUNDS_FILE = "compound_words_nl.txt"
STEM_OVERRIDES_FILE = "stem_overrides_nl.txt"
SCHEMA_FILE = "schema.xml"
_MAX_LENGTH = "2147483647"


def _analyzer(decompound: bool, synonyms: bool, overrides: bool) -> list[tuple[str, dict]]:
    """The chain as (Solr class, attributes); one function, so index and query cannot drift."""
    chain: list[tuple[str, dict]] = [
        ("solr.PatternTokenizerFactory", {"pattern": TOKEN_PATTERN, "group": "0"}),
        (
            "solr.PatternReplaceFilterFactory",
            {"pattern": NUMBER_DOT, "replacement": "", "replace": "all"},
        ),
        ("solr.LowerCaseFilterFactory", {}),
        ("solr.ASCIIFoldingFilterFactory", {}),
    ]
    if synonyms:
        chain.append(
            ("solr.SynonymGraphFilterFactory", {"synonyms": SYNONYMS_FILE, "expand": "true"})
        )
    chain += [
        ("solr.StopFilterFactory", {"words": STOPWORDS_FILE, "ignoreCase": "false"}),
        ("solr.LengthFilterFactory", {"min": str(MIN_TOKEN), "max": _MAX_LENGTH}),
    ]
    if decompound:
        chain += [
            ("solr.SynonymGraphFilterFactory", {"synonyms": COMPOUNDS_FILE, "expand": "false"}),
            ("solr.FlattenGraphFilterFactory", {}),
        ]
    chain += [
        (
            "solr.PatternReplaceFilterFactory",
            {"pattern": IES_PATTERN, "replacement": IES_REPLACEMENT, "replace": "all"},
        ),
    ]
    if overrides:
        chain.append(("solr.StemmerOverrideFilterFactory", {"dictionary": STEM_OVERRIDES_FILE}))
    chain += [
        ("solr.SnowballPorterFilterFactory", {"language": "Dutch"}),
        (
            "solr.PatternReplaceFilterFactory",
            {"pattern": UNDOUBLE_PATTERN, "replacement": UNDOUBLE_REPLACEMENT, "replace": "all"},
        ),
    ]
    return chain


def _field_type(field) -> str:
    """haystack's SolrSearchBackend.build_schema, with text_nl for text_en."""
    types = {
        "date": "pdate",
        "datetime": "pdate",
        "integer": "plong",
        "float": "pfloat",
        "boolean": "boolean",
    }
    kind = types.get(field.field_type, FIELD_TYPE)
    if kind == FIELD_TYPE and (not field.indexed or field.facet):
        kind = "string"
    return kind


def schema_xml(export: Export, id_field: str, ct_field: str, django_id_field: str) -> str:
    document = minidom.Document()
    header = "\n  ".join(export.sources)
    document.appendChild(document.createComment(f"\n  {header}\n"))
    schema = document.createElement("schema")
    schema.setAttribute("name", "kenniscentrum")
    schema.setAttribute("version", "1.6")
    document.appendChild(schema)

    def element(parent, tag, **attributes):
        node = document.createElement(tag)
        for name, value in attributes.items():
            node.setAttribute(name.rstrip("_"), value)
        parent.appendChild(node)
        return node

    for name, cls, extra in (
        ("string", "solr.StrField", {"sortMissingLast": "true", "docValues": "true"}),
        ("boolean", "solr.BoolField", {"sortMissingLast": "true"}),
        ("pdate", "solr.DatePointField", {"docValues": "true"}),
        ("plong", "solr.LongPointField", {"docValues": "true"}),
        ("pfloat", "solr.FloatPointField", {"docValues": "true"}),
    ):
        element(schema, "fieldType", name=name, class_=cls, **extra)
    text = element(
        schema, "fieldType", name=FIELD_TYPE, class_="solr.TextField", positionIncrementGap="100"
    )
    for kind in ("index", "query"):
        analyzer = element(text, "analyzer", type=kind)
        chain = _analyzer(
            decompound=kind == "index" and bool(export.compounds),
            synonyms=kind == "query",
            overrides=bool(export.stem_overrides),
        )
        for cls, attributes in chain:
            tag = "tokenizer" if cls.endswith("TokenizerFactory") else "filter"
            element(analyzer, tag, class_=cls, **attributes)

    element(schema, "field", name="_version_", type="plong", indexed="false", stored="false")
    for name, required in ((id_field, "true"), (ct_field, "false"), (django_id_field, "false")):
        element(
            schema, "field", name=name, type="string", indexed="true", stored="true",
            multiValued="false", required=required,
        )  # fmt: skip
    for field in export.fields:
        element(
            schema, "field", name=field.name, type=_field_type(field),
            indexed=_bool(field.indexed), stored=_bool(field.stored),
            multiValued=_bool(field.multi_valued),
        )  # fmt: skip
    key = document.createElement("uniqueKey")
    key.appendChild(document.createTextNode(id_field))
    schema.appendChild(key)
    return document.toprettyxml(indent="  ", encoding="UTF-8").decode("utf-8")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _comment(export: Export) -> str:
    return "".join(f"# {line}\n" for line in export.sources)


def files(export: Export, id_field: str, ct_field: str, django_id_field: str) -> dict[str, str]:
    """File name -> content, for Solr's conf directory."""
    header = _comment(export)
    return {
        SCHEMA_FILE: schema_xml(export, id_field, ct_field, django_id_field),
        STOPWORDS_FILE: header + "".join(f"{w}\n" for w in export.stopwords),
        SYNONYMS_FILE: header + "".join(", ".join(g) + "\n" for g in export.synonym_groups),
        COMPOUNDS_FILE: header
        + "".join(f"{word} => {', '.join(outputs)}\n" for word, outputs in export.compounds),
        STEM_OVERRIDES_FILE: header
        + "".join(f"{word}\t{stem}\n" for word, stem in export.stem_overrides),
    }
