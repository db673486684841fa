"""Free text as people send it, made safe to store: one kind of line ending and no control
characters. Shared by the public forms without an account (the vraagbaak, the flexpool).

Why: a NUL byte is refused by PostgreSQL (a 500 instead of a form error), other control
characters hide text from or garble the editors' pages and plain-text mails, and "\\r\\n" would
count double against a maximum length the visitor cannot see. They are dropped, not refused.
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
