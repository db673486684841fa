"""Free text as the flexpool stores it: one kind of line ending and no control characters.

Why: a NUL byte is refused by PostgreSQL (a 500 instead of a form error), other control
characters garble the editors' pages and plain-text mails, and "\\r\\n" would count double
against a maximum length the visitor cannot see.
"""

import unicodedata


def clean_text(raw) -> str:
    """Multi-line text: newlines and tabs kept, other control characters dropped, stripped."""
    text = str(raw or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char)[0] != "C"
    ).strip()


def clean_line(raw) -> str:
    """One line: every run of white space (newlines too) becomes one space."""
    return " ".join(clean_text(raw).split())
