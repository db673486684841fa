"""Text as people send it, made safe to store: one line ending, no control characters.

A NUL byte fails on PostgreSQL and other control characters only hide text from the editor
who reads it; neither belongs in a question, so they are dropped rather than refused.
"""

import unicodedata


def clean_text(raw: str) -> str:
    """Multi-line text: \\n line endings, tabs kept, other control characters dropped, stripped."""
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C").strip()


def clean_line(raw: str) -> str:
    """One line: every run of whitespace (line breaks too) becomes one space."""
    return " ".join(clean_text(raw).split())
