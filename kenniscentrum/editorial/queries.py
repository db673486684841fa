"""How a search query is normalised for the search log and for pins."""

import re

MAX_QUERY = 200


def normalise_query(text: str) -> str:
    """Lower case, single spaces, no quotes: 'Grote  Gezinnen' and 'grote gezinnen' are one."""
    text = re.sub(r"[\"'`]", " ", text or "").lower()
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY]
