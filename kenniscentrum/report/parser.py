"""Split the plain-text extraction of the aanjager's final report into sections and blocks.

The input is the text a PDF-to-text tool made of one specific report, so the parser knows that
report's outline (`SECTION_SPECS`) and the headers of its two tables (`TABLE_SPECS`) and verifies
that the text really has them, raising `ReportParseError` otherwise. Everything else (paragraphs,
sub-headings, lists, footnotes, table values) is recovered from the text with heuristics that are
tuned to, and tested against, this document. Nothing in the source is corrected: numbers, spelling
and the report's own inconsistencies are kept as published.

Conventions of the extracted text that the heuristics rely on:

* a line starting with a single space is the first line of a PDF page;
* lines wrap at roughly 100 characters, so a short line ends a paragraph, heading or list item;
* a word broken over two lines ends the first line with a hyphen;
* footnote markers are digits glued to the preceding full stop ("inburgering.1"), and footnote
  definitions ("1 Met inwerkingtreding ...") sit at the bottom of a page, i.e. they run until the
  next page starts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FOOTNOTE_REF_TEMPLATE = "[[voetnoot:{number}]]"
FOOTNOTE_REF_RE = re.compile(r"\[\[voetnoot:(\d+)\]\]")

FIGURE_MISSING_NOTICE = (
    "De kaart bij deze figuur is niet opgenomen in de tekstversie van het rapport."
)
DIAGRAM_NOTICE = (
    "In het oorspronkelijke rapport is deze bijlage een schema (diagram). Hieronder staan de "
    "woorden uit dat schema als lijst, in de volgorde waarin ze in de pdf staan."
)

# A line shorter than this (plus the next word) cannot have been wrapped at the right margin.
WRAP_WIDTH = 92
# A heading is a short line; longer lines are body text.
MAX_HEADING_LENGTH = 90
# A numbered heading ("3. Verbind de opgave ...") may wrap, but is never longer than this.
MAX_NUMBERED_HEADING_LENGTH = 160


class ReportParseError(ValueError):
    """The text does not have the structure of the report this parser was written for."""


@dataclass(frozen=True)
class Block:
    """One piece of section content; which fields are used depends on `kind`.

    Text fields are plain text. Footnote references inside text are written as
    `FOOTNOTE_REF_TEMPLATE` markers; `render.render_blocks` turns them into links and
    `strip_footnote_refs` removes them. A newline inside a paragraph or list item is a hard line
    break (a signature, a second paragraph inside a list item); inside a quote it separates
    paragraphs.
    """

    kind: str  # paragraph, heading, list, table, quote, figure, footnotes or note
    text: str = ""
    level: int = 0
    anchor: str = ""
    items: tuple = ()
    ordered: bool = False
    list_type: str = ""
    caption: str = ""
    header: tuple = ()
    rows: tuple = ()
    title: str = ""
    url: str = ""
    # Extension: number of the first item of an ordered list whose numbering does not start at 1
    # (the recommendations overview in chapter 4 is split into groups 1-3, 4-6 and 7-9).
    start: int = 1


@dataclass(frozen=True)
class Section:
    key: str
    slug: str
    number: str
    title: str
    parent: str | None
    order: int
    blocks: tuple[Block, ...] = field(default=())

    def plain_text(self) -> str:
        """Readable text of all blocks, for full-text search: no markup, no footnote markers."""
        parts = [text for block in self.blocks if (text := _block_plain_text(block))]
        return "\n\n".join(parts)


def strip_footnote_refs(text: str) -> str:
    """Remove footnote markers, so "inburgering.[[voetnoot:1]]" reads "inburgering."."""
    return FOOTNOTE_REF_RE.sub("", text)


def _block_plain_text(block: Block) -> str:
    """The words of one block as plain text, in reading order."""
    if block.kind == "table":
        lines = [block.caption, " | ".join(block.header)]
        lines += [" | ".join(row) for row in block.rows]
        text = "\n".join(line for line in lines if line)
    elif block.kind == "footnotes":
        text = "\n".join(f"{number} {note}" for number, note in block.items)
    elif block.kind == "list":
        text = "\n".join(block.items)
    elif block.kind == "quote":
        text = "\n".join(part for part in (block.title, block.text, block.url) if part)
    elif block.kind == "figure":
        text = "\n".join(part for part in (block.caption, block.text) if part)
    else:
        text = block.text
    return strip_footnote_refs(text).strip()


# --------------------------------------------------------------------------------------------
# The report's outline
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSpec:
    """One expected section: where its heading is and how to read its body.

    `heading` holds the heading's line(s) exactly as extracted (after whitespace normalisation);
    chapter-level headings also must start a new page. `mode` selects the body parser: "text"
    for prose, "people" for the annex listing interlocutors, "diagram" for the flattened chart.
    """

    key: str
    number: str
    title: str
    parent: str | None
    heading: tuple[str, ...]
    starts_page: bool = False
    mode: str = "text"


SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec("voorwoord", "", "Voorwoord", None, ("Voorwoord",), True),
    SectionSpec(
        "managementsamenvatting",
        "",
        "Managementsamenvatting",
        None,
        ("Managementsamenvatting",),
        True,
    ),
    SectionSpec("1", "1", "Inleiding", None, ("Inleiding",), True),
    SectionSpec(
        "1.1",
        "1.1",
        "Beschrijving problematiek huisvesting statushouders",
        "1",
        ("1.1 Beschrijving problematiek huisvesting statushouders",),
    ),
    SectionSpec(
        "1.2", "1.2", "Opdracht bestuurlijk aanjager", "1", ("1.2 Opdracht bestuurlijk aanjager",)
    ),
    SectionSpec(
        "1.3",
        "1.3",
        "Achtergrond, werkwijze en raakvlakken met andere trajecten",
        "1",
        ("1.3 Achtergrond, werkwijze en raakvlakken met andere trajecten",),
    ),
    SectionSpec("1.4", "1.4", "Leeswijzer", "1", ("1.4 Leeswijzer",)),
    SectionSpec("2", "2", "Knelpuntenanalyse", None, ("Knelpuntenanalyse",), True),
    SectionSpec("2.1", "2.1", "Een blik op de cijfers", "2", ("2.1 Een blik op de cijfers",)),
    SectionSpec(
        "2.2",
        "2.2",
        "Kwalitatieve analyse gevoerde gesprekken",
        "2",
        ("2.2 Kwalitatieve analyse gevoerde gesprekken",),
    ),
    # The report prints these two as 2.1.1 and 2.1.2, but its own text (§2.2) calls them 2.2.1
    # and 2.2.2: the key follows the text, `number` keeps what is printed.
    SectionSpec(
        "2.2.1",
        "2.1.1",
        "Knelpunten op politiek/bestuurlijk niveau",
        "2.2",
        ("2.1.1. Knelpunten op politiek/bestuurlijk niveau",),
    ),
    SectionSpec(
        "2.2.2",
        "2.1.2",
        "Knelpunten in de uitvoering",
        "2.2",
        ("2.1.2. Knelpunten in de uitvoering",),
    ),
    SectionSpec(
        "3",
        "3",
        "Oplossingsrichtingen en gereedschapskist in de praktijk",
        None,
        ("Oplossingsrichtingen en", "gereedschapskist in de praktijk"),
        True,
    ),
    SectionSpec("3.1", "3.1", "Financiële regelingen", "3", ("3.1 Financiële regelingen",)),
    SectionSpec(
        "3.2", "3.2", "Flexwonen/tussenvoorzieningen", "3", ("3.2 Flexwonen/tussenvoorzieningen",)
    ),
    SectionSpec("3.3", "3.3", "Rijksvastgoedbedrijf", "3", ("3.3 Rijksvastgoedbedrijf",)),
    SectionSpec("3.4", "3.4", "Regionale aanpak", "3", ("3.4 Regionale aanpak",)),
    SectionSpec(
        "4",
        "4",
        "Eindconclusie en aanbevelingen",
        None,
        ("Eindconclusie en aanbevelingen",),
        True,
    ),
    SectionSpec(
        "bijlage-1",
        "",
        "Bijlage 1: Overzicht gesprekspartners",
        None,
        ("Bijlage 1: Overzicht", "gesprekspartners"),
        True,
        "people",
    ),
    SectionSpec(
        "bijlage-2",
        "",
        "Bijlage 2: Overzicht speelveld/stakeholders",
        None,
        ("Bijlage 2: Overzicht speelveld/", "stakeholders"),
        True,
        "diagram",
    ),
)


@dataclass(frozen=True)
class TableSpec:
    """A table of the report whose column headers are known.

    The PDF wraps every header cell over several lines and interleaves them, so the header cannot
    be reconstructed reliably; it is stated here and verified word for word against the text.
    Row values are always parsed from the text. A table may be printed in several parts, each with
    its own header; the caption follows the last part.
    """

    caption_prefix: str
    parts: tuple[tuple[str, ...], ...]

    @property
    def opening(self) -> str:
        """The first two header words ("Periode Achterstand"), which announce the table."""
        return " ".join(" ".join(self.parts[0]).split()[:2])


def _table_spec_for(text: str) -> TableSpec | None:
    """The known table whose header starts on this line, if any."""
    for spec in TABLE_SPECS:
        if text == spec.opening or text.startswith(spec.opening + " "):
            return spec
    return None


def _province_columns(periods: tuple[tuple[str, str, str, str], ...], start: str) -> tuple:
    """Column headers of one part of table 2: per half year taakstelling/realisatie/stand/%."""
    columns = ["Provincie", f"Stand op {start}"]
    for half_year, realised_until, stand, percentage in periods:
        columns += [
            f"taakstelling {half_year}",
            f"realisatie tot {realised_until}",
            f"Stand op {stand}",
            f"{percentage} van taakstelling {half_year} nog te realiseren",
        ]
    return tuple(columns)


TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "Tabel 1:",
        (
            (
                "Periode",
                "Achterstand te huisvesten statushouders bij aanvang periode",
                "Taakstelling",
                "Totale opgave",
                "Realisatie",
                "Achterstand te huisvesten statushouders bij einde periode",
            ),
        ),
    ),
    TableSpec(
        "Tabel 2:",
        (
            _province_columns(
                (
                    ("1e helft 2019", "1 juli 2019", "1 jul 2019", "Percentage"),
                    ("2e helft 2019", "1 jan 2020", "1 jan 2020", "Percentage"),
                    ("1e helft 2020", "1 jul 2020", "1 juli 2020", "percentage"),
                ),
                "1 jan 2019",
            ),
            _province_columns(
                (
                    ("2e helft 2020", "1 jan 2021", "1 jan 2021", "Percentage"),
                    ("1e helft 2021", "1 jul 2021", "1 jul 2021", "Percentage"),
                    ("2e helft 2021", "1 okt 2021", "1 okt. 2021", "percentage"),
                ),
                "1 jul 2020",
            ),
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One source line: normalised text plus the layout facts the heuristics need."""

    number: int  # 1-based line number in the source, for error messages
    text: str  # leading/trailing whitespace removed, internal runs of spaces collapsed
    page_start: bool  # the extraction starts every PDF page with a space

    @property
    def blank(self) -> bool:
        return not self.text


def _split_lines(text: str) -> list[Line]:
    """Turn the source into `Line`s; the page marker (leading space) becomes a flag."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = re.sub(r"[ \t]+", " ", raw.strip())
        lines.append(Line(number, stripped, page_start=raw[:1] == " "))
    return lines


# --------------------------------------------------------------------------------------------
# Joining wrapped lines
# --------------------------------------------------------------------------------------------


def _join_two(left: str, right: str) -> str:
    """Join a wrapped line to the next one, undoing hyphenation but keeping real hyphens.

    "taakstel-" + "ling" becomes "taakstelling"; "COA-" + "opvang" stays "COA-opvang" because a
    capital or digit before the hyphen (or a capital after it) marks a compound. A line ending in
    "/" continues without a space ("politiek/" + "bestuurlijk").
    """
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and len(left) >= 2 and left[-2].isalnum():
        before, after = left[-2], right[0]
        if before.isupper() or before.isdigit() or after.isupper() or not after.isalpha():
            return left + right
        return left[:-1] + right
    if left.endswith("/"):
        return left + right
    return f"{left} {right}"


def _join_lines(texts: list[str]) -> str:
    result = ""
    for text in texts:
        result = _join_two(result, text)
    return result


def _ends_sentence(text: str) -> bool:
    """True if the line ends a sentence (a glued footnote marker after the stop counts too)."""
    text = FOOTNOTE_REF_RE.sub("", text).rstrip()
    return bool(text) and text[-1] in ".:?!;”’)" and not text.endswith("-")


def _starts_upper(text: str) -> bool:
    first = text.lstrip("‘“(")[:1]
    return first.isupper() or first.isdigit() or text[:1] in "‘“•"


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _is_hard_break(previous: Line, following: Line) -> bool:
    """True if `previous` ended its paragraph although no blank line follows it.

    The PDF puts paragraphs without spacing on consecutive lines; the only trace is that the
    last line of a paragraph stops well before the margin and ends a sentence. A new page
    (`page_start`) says nothing about paragraphs, so a page break alone never splits one.
    """
    if following.page_start or not _ends_sentence(previous.text):
        return False
    if not _starts_upper(following.text):
        return False
    return len(previous.text) + 1 + len(_first_word(following.text)) < WRAP_WIDTH


# --------------------------------------------------------------------------------------------
# Section boundaries
# --------------------------------------------------------------------------------------------


def _find_headings(lines: list[Line]) -> list[tuple[int, int]]:
    """Index of each spec's heading and the index where its body starts, in document order."""
    found = []
    position = 0
    for spec in SECTION_SPECS:
        index = _find_heading(lines, spec, position)
        if index is None:
            after = lines[position - 1].number if position else 0
            raise ReportParseError(
                f"Section heading {' '.join(spec.heading)!r} (section {spec.key}) not found "
                f"after line {after}."
            )
        found.append((index, index + len(spec.heading)))
        position = index + len(spec.heading)
    return found


def _find_heading(lines: list[Line], spec: SectionSpec, start: int) -> int | None:
    for index in range(start, len(lines) - len(spec.heading) + 1):
        window = lines[index : index + len(spec.heading)]
        if spec.starts_page and not window[0].page_start:
            continue
        if tuple(line.text for line in window) == spec.heading:
            return index
    return None


# --------------------------------------------------------------------------------------------
# Footnotes
# --------------------------------------------------------------------------------------------

_FOOTNOTE_DEF_RE = re.compile(r"^(\d{1,2}) (\S.*)$")


def _footnote_ref_re(number: int) -> re.Pattern[str]:
    """A footnote marker glued to a full stop: "inburgering.1", "€ 6.000.7", "keten.8".

    The stop must follow a letter, a closing quote/bracket or a thousands group ("6.000"), so
    section numbers ("1.1 Beschrijving") and amounts ("2.000 wooneenheden") never match.
    """
    return re.compile(rf"(?:(?<=[^\W\d_])|(?<=[)’”])|(?<=\.\d{{3}}))\.({number})(?=\s|$)")


def _extract_footnotes(lines: list[Line], skip: set[int]) -> dict[int, str]:
    """Mark footnote references in place and cut out the footnote definitions.

    References and definitions are numbered 1, 2, 3 ... through the document. A definition is
    only recognised for the next expected number after its reference has been seen, which keeps
    numbered list items and table rows from being mistaken for footnotes. A definition runs until
    the next page starts. Cut-out lines are blanked; their texts are returned by number.
    """
    notes: dict[int, str] = {}
    next_ref = next_def = 1
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FOOTNOTE_DEF_RE.match(line.text)
        if index not in skip and match and int(match.group(1)) == next_def < next_ref:
            end = index + 1
            while end < len(lines) and not lines[end].page_start and end not in skip:
                following = _FOOTNOTE_DEF_RE.match(lines[end].text)
                if following and int(following.group(1)) == next_def + 1 < next_ref:
                    break
                end += 1
            body = [match.group(2)] + [lines[i].text for i in range(index + 1, end)]
            notes[next_def] = _join_lines([text for text in body if text])
            for i in range(index, end):
                lines[i].text = ""
            next_def += 1
            index = end
            continue
        if index not in skip:
            while (found := _footnote_ref_re(next_ref).search(line.text)) is not None:
                marker = FOOTNOTE_REF_TEMPLATE.format(number=next_ref)
                line.text = f"{line.text[: found.start(1)]}{marker}{line.text[found.end(1) :]}"
                next_ref += 1
        index += 1
    if next_def != next_ref:
        raise ReportParseError(
            f"Footnote {next_def} is referenced in the text but its definition was not found "
            f"(references found: {next_ref - 1}, definitions found: {next_def - 1})."
        )
    return notes


# --------------------------------------------------------------------------------------------
# Anchors
# --------------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated id for Dutch text ("Financiële" -> "financiele")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "kop"


class _Anchors:
    """Hands out heading ids that are unique within one section."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, wanted: str) -> str:
        anchor, counter = wanted, 1
        while anchor in self.used:
            counter += 1
            anchor = f"{wanted}-{counter}"
        self.used.add(anchor)
        return anchor


# --------------------------------------------------------------------------------------------
# Body parsing
# --------------------------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^•\s*(.*)$")
_LETTER_RE = re.compile(r"^([a-z])\.\s+(\S.*)$")
_NUMBER_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_LABEL_RE = re.compile(r"^[A-Z][a-z]+:\s")  # "Actiehouders: ..." always starts a paragraph
_FIGURE_RE = re.compile(r"^Figuur \d+:")
_ROW_VALUE_RE = re.compile(r"^-?\d[\d.]*%?\*?$")


def _item_marker(text: str) -> tuple[str, str, str] | None:
    """(kind, marker, rest) of a list item line: bullet, letter "a." or number "1."."""
    if match := _BULLET_RE.match(text):
        return ("bullet", "", match.group(1))
    if match := _LETTER_RE.match(text):
        return ("letter", match.group(1), match.group(2))
    if match := _NUMBER_RE.match(text):
        return ("number", match.group(1), match.group(2))
    return None


def _next_marker(kind: str, marker: str) -> str:
    if kind == "letter":
        return chr(ord(marker) + 1)
    if kind == "number":
        return str(int(marker) + 1)
    return ""


class _BodyParser:
    """Turns the lines of one prose section into blocks.

    The parser walks the lines with a cursor and at each block start tries, in order: tables,
    the quote box, figure captions, lists, numbered headings, plain headings, and finally a
    paragraph. Heading levels: ALL-CAPS headings and "Aanbevelingen" are level 2 and push plain
    headings after them to level 3; a numbered heading sits one level below the last plain
    heading (never deeper than 3), or at level 2 if there is none.
    """

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.anchors = _Anchors()
        self.seen_major = False
        self.plain_level = 0  # level of the last plain (unnumbered) heading
        self.in_recommendations = False

    # -- helpers over the line list ----------------------------------------------------------

    def _text(self, index: int) -> str:
        return self.lines[index].text if 0 <= index < len(self.lines) else ""

    def _next_nonblank(self, index: int) -> int | None:
        while index < len(self.lines):
            if not self.lines[index].blank:
                return index
            index += 1
        return None

    # -- classification ----------------------------------------------------------------------

    def _is_heading(self, index: int) -> bool:
        """A short stand-alone line without final punctuation, followed by body text.

        A short line directly followed by another short line (the signature under the
        foreword) is not a heading, nor is a line that ends the section.
        """
        text = self._text(index)
        if not text or len(text) > MAX_HEADING_LENGTH or ":" in text:
            return False
        if _item_marker(text) or not text[0].isupper() or text[-1] in ".,;:?!-/":
            return False
        following = index + 1
        if following >= len(self.lines):
            return False
        if self.lines[following].blank:
            return self._next_nonblank(following) is not None
        next_text = self.lines[following].text
        if _item_marker(next_text) or next_text.startswith("“"):
            return True
        if not _starts_upper(next_text):
            return False
        if len(text) + 1 + len(_first_word(next_text)) >= WRAP_WIDTH:
            return False  # the line was wrapped at the margin: it is running text
        return len(next_text) >= 60 or _ends_sentence(next_text)

    def _numbered_title_end(self, index: int) -> int:
        """Index after the title lines of a numbered item (title wraps only at a hyphen)."""
        end = index + 1
        while self._text(end - 1).endswith("-") and end - index < 3:
            nxt = self._next_nonblank(end)
            if nxt is None or not self._text(nxt)[:1].islower():
                break
            end = nxt + 1
        return end

    def _is_numbered_heading(self, index: int) -> bool:
        """True for a title like "1. Richt een ..." followed by its explanation.

        This is as opposed to a numbered list item.

        A list item's first line wraps into lowercase text or is directly followed by the next
        item; a numbered heading is a complete title followed by a new sentence.
        """
        end = self._numbered_title_end(index)
        title_lines = [self.lines[i].text for i in range(index, end) if not self.lines[i].blank]
        title = _join_lines(title_lines)
        if len(title) > MAX_NUMBERED_HEADING_LENGTH or title.endswith("-"):
            return False
        if re.search(r"[.?!] [A-Z]", _NUMBER_RE.sub(r"\2", title)):
            return False  # a second sentence: this is running text, not a title
        following = self._next_nonblank(end)
        if following is None:
            return False
        next_text = self.lines[following].text
        if _item_marker(next_text) or not next_text[0].isupper() or self._is_heading(following):
            return False
        return following == end or len(next_text) >= 60

    # -- block emitters ----------------------------------------------------------------------

    def _add_heading(self, text: str, numbered: str = "") -> None:
        major = text.isupper() or text.lower() == "aanbevelingen"
        if numbered:
            level = min(self.plain_level + 1, 3) if self.plain_level else 2
            wanted = f"aanbeveling-{numbered}" if self.in_recommendations else slugify(text)
        else:
            level = 2 if major or not self.seen_major else 3
            wanted = slugify(text)
            self.in_recommendations = text.lower() == "aanbevelingen" or (
                self.in_recommendations and not major
            )
            self.plain_level = level
        self.seen_major = self.seen_major or major
        anchor = self.anchors.claim(wanted)
        self.blocks.append(Block("heading", text=text, level=level, anchor=anchor))

    def parse(self) -> list[Block]:
        index = 0
        while index < len(self.lines):
            if self.lines[index].blank:
                index += 1
                continue
            index = self._parse_block(index)
        return self.blocks

    def _parse_block(self, index: int) -> int:
        text = self.lines[index].text
        if (spec := _table_spec_for(text)) is not None:
            return self._parse_table(index, spec)
        if _FIGURE_RE.match(text):
            caption = text
            self.blocks.append(Block("figure", text=FIGURE_MISSING_NOTICE, caption=caption))
            return index + 1
        marker = _item_marker(text)
        if marker and marker[0] == "number" and self._is_numbered_heading(index):
            end = self._numbered_title_end(index)
            title = _join_lines([self.lines[i].text for i in range(index, end) if self._text(i)])
            self._add_heading(title, numbered=marker[1])
            return end
        if marker and (marker[0] != "letter" or marker[1] == "a"):
            return self._parse_list(index, marker[0], marker[1])
        if self._is_heading(index):
            following = self._text(index + 1)
            if following.startswith("“"):
                return self._parse_quote(index)
            self._add_heading(text)
            return index + 1
        return self._parse_paragraph(index)

    def _continues(self, previous: Line, index: int) -> bool:
        """True if line `index` continues the running paragraph or list item."""
        line = self.lines[index]
        if line.blank or _item_marker(line.text) or _FIGURE_RE.match(line.text):
            return False
        if _LABEL_RE.match(line.text) or self._starts_table(index):
            return False
        return not (_ends_sentence(previous.text) and self._is_heading(index))

    def _starts_table(self, index: int) -> bool:
        return _table_spec_for(self._text(index)) is not None

    def _collect(self, index: int, within_item: bool) -> tuple[str, int]:
        """Gather the lines of one paragraph (or list item) starting at `index`.

        Inside a list item (or an "Actiehouders:" paragraph) a hard break becomes a newline; in
        a list item, text after a blank line still belongs to the item when it obviously
        continues (see `_continues_after_blank`).
        """
        pieces = [self.lines[index].text]
        previous = self.lines[index]
        # "Actiehouders: ..." may run over a short line; it stays one paragraph.
        keep_breaks = within_item or bool(_LABEL_RE.match(previous.text))
        end = index + 1
        while end < len(self.lines):
            line = self.lines[end]
            if line.blank:
                if not within_item:
                    break
                nxt = self._next_nonblank(end)
                if nxt is None:
                    break
                if not _continues_after_blank(previous, self.lines[nxt]):
                    break
                end = nxt
                continue
            if not self._continues(previous, end):
                break
            if _is_hard_break(previous, line):
                if not keep_breaks:
                    break
                pieces.append("\n")
            elif _is_line_break(previous, line):
                pieces.append("\n")
            pieces.append(line.text)
            previous = line
            end += 1
        return _join_pieces(pieces), end

    def _parse_paragraph(self, index: int) -> int:
        text, end = self._collect(index, within_item=False)
        self.blocks.append(Block("paragraph", text=text))
        return end

    def _parse_list(self, index: int, kind: str, marker: str) -> int:
        items = []
        start = int(marker) if kind == "number" else 1
        expected = marker
        while True:
            line_marker = _item_marker(self._text(index))
            if line_marker is None or line_marker[0] != kind or line_marker[1] != expected:
                break
            if kind == "number" and items and self._is_numbered_heading(index):
                break
            self.lines[index] = Line(
                self.lines[index].number, line_marker[2], self.lines[index].page_start
            )
            text, end = self._collect(index, within_item=True)
            items.append(text)
            expected = _next_marker(kind, expected)
            following = self._next_nonblank(end)
            if following is None:
                index = end
                break
            index = following
        self.blocks.append(
            Block(
                "list",
                items=tuple(items),
                ordered=kind != "bullet",
                list_type="a" if kind == "letter" else "",
                start=start,
            )
        )
        return index

    def _parse_quote(self, index: int) -> int:
        """The framed quote in §1.2: a title line, a “quoted” text and a URL wrapped in two."""
        title = self.lines[index].text
        end = index + 1
        while end < len(self.lines) and not self._text(end).endswith("”"):
            end += 1
        if end >= len(self.lines):
            raise ReportParseError(
                f"Quote box {title!r} (line {self.lines[index].number}) has no closing quote."
            )
        paragraphs, current = [], [self.lines[index + 1].text]
        for i in range(index + 2, end + 1):
            if _is_hard_break(self.lines[i - 1], self.lines[i]):
                paragraphs.append(_join_lines(current))
                current = []
            current.append(self.lines[i].text)
        paragraphs.append(_join_lines(current))
        url = ""
        position = end + 1
        if self._text(position).startswith(("http://", "https://")):
            url = self._text(position)
            position += 1
            while url.endswith("/") and self._text(position) and " " not in self._text(position):
                url += self._text(position)
                position += 1
        self.blocks.append(Block("quote", title=title, text="\n".join(paragraphs), url=url))
        return position

    def _parse_table(self, index: int, spec: TableSpec) -> int:
        """One table (all its parts), the caption after it and an optional "*..." note."""
        parsed = []
        position = index
        for part_number, header in enumerate(spec.parts, start=1):
            if part_number > 1:
                position = self._next_nonblank(position) or len(self.lines)
            position = self._match_header(position, header, spec, part_number)
            rows, position = self._parse_rows(position, len(header) - 1)
            if not rows:
                raise ReportParseError(
                    f"{spec.caption_prefix} part {part_number} has no rows "
                    f"(line {self.lines[min(position, len(self.lines) - 1)].number})."
                )
            parsed.append((header, rows))
        caption_index = self._next_nonblank(position)
        if caption_index is None or not self._text(caption_index).startswith(spec.caption_prefix):
            raise ReportParseError(
                f"Caption starting {spec.caption_prefix!r} not found after the table that starts "
                f"on line {self.lines[index].number}."
            )
        caption = self._text(caption_index)
        position = caption_index + 1
        for part_number, (header, rows) in enumerate(parsed, start=1):
            part_caption = caption if len(parsed) == 1 else f"{caption} (deel {part_number})"
            self.blocks.append(Block("table", caption=part_caption, header=header, rows=rows))
        note_index = self._next_nonblank(position)
        if note_index is not None and self._text(note_index).startswith("*"):
            self.blocks.append(Block("note", text=self._text(note_index)))
            position = note_index + 1
        return position

    def _match_header(self, index: int, header: tuple[str, ...], spec: TableSpec, part: int) -> int:
        """Consume the wrapped header lines, checking they hold exactly the expected words."""
        expected = " ".join(header).split()
        seen: list[str] = []
        position = index
        while len(seen) < len(expected) and position < len(self.lines):
            seen += self.lines[position].text.split()
            position += 1
        if seen != expected:
            raise ReportParseError(
                f"Header of {spec.caption_prefix.rstrip(':')} part {part} (line "
                f"{self.lines[index].number}) does not match the expected columns: "
                f"{' '.join(seen)!r}."
            )
        return position

    def _parse_rows(self, index: int, value_count: int) -> tuple[tuple[tuple[str, ...], ...], int]:
        """Rows are "label v1 v2 ...": the last `value_count` tokens are values, the rest label."""
        rows = []
        position = index
        while (following := self._next_nonblank(position)) is not None:
            tokens = self.lines[following].text.split()
            values = tokens[-value_count:]
            label = tokens[:-value_count]
            if not label or len(values) < value_count:
                break
            if not all(_ROW_VALUE_RE.match(value) for value in values):
                break
            if any(_ROW_VALUE_RE.match(token) for token in label[:1]):
                break
            rows.append((" ".join(label), *values))
            position = following + 1
        return tuple(rows), position


def _continues_after_blank(previous: Line, following: Line) -> bool:
    """True if a list item goes on after a blank line (the extraction inserts stray blanks).

    It does when the word was hyphenated, the next line starts in lowercase ("(bijvoorbeeld"
    counts), or the previous line was wrapped at the margin mid-sentence.
    """
    if previous.text.endswith("-") or following.text.lstrip("(‘")[:1].islower():
        return True
    wrapped = len(previous.text) + 1 + len(_first_word(following.text)) >= WRAP_WIDTH
    return wrapped and not _ends_sentence(previous.text) and not _item_marker(following.text)


def _is_line_break(previous: Line, following: Line) -> bool:
    """A short line without punctuation followed by a capital: a kept line break (signature)."""
    text = previous.text
    return (
        len(text) < 60
        and not _ends_sentence(text)
        and not text.endswith(("-", "/", ","))
        and following.text[:1].isupper()
    )


def _join_pieces(pieces: list[str]) -> str:
    """Join collected line texts; a "\n" piece marks a hard break between two lines."""
    chunks, current = [], []
    for piece in pieces:
        if piece == "\n":
            chunks.append(_join_lines(current))
            current = []
        else:
            current.append(piece)
    chunks.append(_join_lines(current))
    return "\n".join(chunk for chunk in chunks if chunk)


def _parse_people(lines: list[Line]) -> list[Block]:
    """Annex 1: groups separated by blank lines; a group's first line is its heading and each
    following line is one person (the lines are short enough never to wrap)."""
    blocks: list[Block] = []
    anchors = _Anchors()
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.blank or line.page_start:
            groups.append([])
        if not line.blank:
            groups[-1].append(line.text)
    for group in filter(None, groups):
        heading, people = group[0], group[1:]
        if not people:
            blocks.append(Block("paragraph", text=heading))
            continue
        blocks.append(
            Block("heading", text=heading, level=2, anchor=anchors.claim(slugify(heading)))
        )
        blocks.append(Block("list", items=tuple(people)))
    return blocks


def _is_side_by_side(text: str) -> bool:
    """True for "SZW VWS": several capitalised single-word boxes that the PDF put on one line."""
    words = text.split()
    return "," not in text and len(words) > 1 and all(word[0].isupper() for word in words)


def _parse_diagram(lines: list[Line]) -> list[Block]:
    """Annex 2: the words of a chart. Lines are joined when the next one obviously continues a
    label (lowercase start, or a line ending in a hyphen or comma); a line of several
    capitalised single words ("SZW VWS") holds several boxes side by side."""
    labels: list[str] = []
    joinable = False
    for line in lines:
        if line.blank:
            continue
        text = line.text
        if labels and (joinable or text[:1].islower()):
            labels[-1] = _join_two(labels[-1], text)
        elif _is_side_by_side(text):
            labels.extend(text.split())
        else:
            labels.append(text)
        joinable = labels[-1].endswith(("-", ","))
    return [Block("note", text=DIAGRAM_NOTICE), Block("list", items=tuple(labels))]


def _footnote_refs(blocks: list[Block]) -> list[int]:
    """Footnote numbers referenced in the blocks, in order of appearance."""
    numbers: list[int] = []
    for block in blocks:
        texts = [block.text, *(item for item in block.items if isinstance(item, str))]
        for text in texts:
            numbers += [int(n) for n in FOOTNOTE_REF_RE.findall(text)]
    return list(dict.fromkeys(numbers))


def parse_report(text: str) -> list[Section]:
    """Split the report text into its 20 sections, in document order.

    Raises `ReportParseError` if a section heading, a table header or a footnote definition
    is missing, so a changed source is noticed instead of producing a silently wrong result.
    """
    lines = _split_lines(text)
    bounds = _find_headings(lines)
    heading_lines = {i for start, end in bounds for i in range(start, end)}
    notes = _extract_footnotes(lines, heading_lines)
    sections = []
    for order, (spec, (_, body_start)) in enumerate(zip(SECTION_SPECS, bounds, strict=True)):
        body_end = bounds[order + 1][0] if order + 1 < len(bounds) else len(lines)
        body = lines[body_start:body_end]
        if spec.mode == "people":
            blocks = _parse_people(body)
        elif spec.mode == "diagram":
            blocks = _parse_diagram(body)
        else:
            blocks = _BodyParser(body).parse()
        refs = _footnote_refs(blocks)
        if refs:
            blocks.append(Block("footnotes", items=tuple((n, notes[n]) for n in refs)))
        sections.append(
            Section(
                key=spec.key,
                slug=spec.key.replace(".", "-"),
                number=spec.number,
                title=spec.title,
                parent=spec.parent,
                order=order,
                blocks=tuple(blocks),
            )
        )
    return sections
