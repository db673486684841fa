"""Split a content file into YAML front matter and Markdown body, keeping line numbers.

Editors fix errors faster when told the line, so the parser keeps, for every key in the front
matter, the line it stands on (as Read the Docs' config validation does).
"""

import re
from dataclasses import dataclass

import yaml


class ContentError(Exception):
    """An invalid content file: names the file, the field and, where known, the line."""

    def __init__(self, path, field: str, message: str, line: int | None = None):
        self.path = str(path)
        self.field = field
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}, regel {self.line}" if self.line else self.path
        field = f"veld '{self.field}': " if self.field else ""
        return f"{where}: {field}{self.message}"


# libyaml's parser when PyYAML has it (20 times faster: 2,000 files 4.9 s -> 0.25 s).
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader that leaves dates as text.

    PyYAML turns 2021-13-01 into a ValueError outside its own error type, and 2021-10-28 into a
    date while "2021-10-28" stays a string; the schema parses every date itself instead, so both
    spellings behave the same and every bad date gets a message naming its field.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


MAX_DEPTH = 20  # our deepest real structure (check criteria) nests 5 levels


class UnsafeYAML(yaml.YAMLError):
    """YAML we refuse before building it: anchors and aliases, or nesting deeper than MAX_DEPTH.

    Aliases let a 268-byte document expand into hundreds of megabytes (measured: 7 levels of
    `b: &b [*a,*a,...]` took 14 s and 600 MB in the editor's preview), and thousands of nested
    brackets overflowed Python's stack. Content never needs either.
    """

    def __init__(self, problem: str, mark):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def refuse_unsafe(text: str) -> None:
    """Read the parser's events (libyaml, no objects built) and refuse what UnsafeYAML says."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnsafeYAML(
                "ankers en verwijzingen (&naam, *naam) zijn niet toegestaan.", event.start_mark
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYAML(f"meer dan {MAX_DEPTH} niveaus diep genest.", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str):
    refuse_unsafe(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


@dataclass
class SourceFile:
    path: str
    data: dict
    body: str
    body_line: int
    key_lines: dict[str, int]

    def line_of(self, field: str) -> int | None:
        """The line of a dotted field path, or of its nearest parent that has one."""
        while field:
            if field in self.key_lines:
                return self.key_lines[field]
            parent = _LAST_PART.sub("", field)
            if parent == field:
                return None
            field = parent
        return None


_LAST_PART = re.compile(r"(\.[^.\[]+|\[\d+\])$")
_FENCE = re.compile(r"^---\s*$")


# Twelve times our longest item. A 5 MB item took 28 s to load and render; past this limit a
# document is refused before any parsing (files and the browser editor alike).
MAX_DOCUMENT_CHARS = 100_000


def parse_file(path, text: str) -> SourceFile:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise ContentError(
            path, "", f"het document is te groot ({len(text):,} tekens; maximaal "
            f"{MAX_DOCUMENT_CHARS:,}). Splits het op in meer items.".replace(",", "."),
        )  # fmt: skip
    # Windows editors (Notepad) start UTF-8 files with a byte order mark; it is not content.
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or not _FENCE.match(lines[0]):
        raise ContentError(path, "", "het bestand begint niet met front matter ('---').", 1)
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise ContentError(path, "", "de front matter wordt niet afgesloten met '---'.", 1)
    front = "\n".join(lines[1:end])
    try:
        refuse_unsafe(front)
        loader = _Loader(front)
        try:  # parsed once: the node gives the key lines, the same node gives the data
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(path, "", f"ongeldige YAML: {problem}", line) from exc
    if not isinstance(data, dict):
        raise ContentError(path, "", "de front matter moet een lijst van velden zijn.", 2)
    key_lines: dict[str, int] = {}
    _collect_key_lines(node, "", key_lines, offset=2)
    rest = lines[end + 1 :]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest[blank:]).rstrip()
    return SourceFile(str(path), data, body, end + 2 + blank, key_lines)


def _collect_key_lines(node, prefix: str, out: dict[str, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            out[path] = key_node.start_mark.line + offset
            _collect_key_lines(value_node, path, out, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            path = f"{prefix}[{index}]"
            out[path] = child.start_mark.line + offset
            _collect_key_lines(child, path, out, offset)
