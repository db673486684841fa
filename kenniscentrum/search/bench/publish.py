"""Child process: how long until an editor's change is findable on the running site.

Why through the ORM inside `transaction.atomic()`: that is exactly what an editor's save does;
the on-commit signal processor then updates the index, and the web workers (other processes)
must see the new index. The clock starts when the commit starts, so the measurement includes the
commit, the index update and the workers noticing it, and not Django's start-up.

Two rounds in one process, each with a new word: "cold" is the first save in a fresh process (it
also pays one-time costs such as reading the decompounding vocabulary, seconds at 10,000 items),
"warm" the second, as an editor's next save in a running worker would. Prints one JSON line:
{"cold": {...}, "warm": {...}}, each with slug, word, commit_s (commit plus on-commit indexing),
findable_s (None when not findable within the limit) and polls.
"""

import argparse
import http.client
import json
import secrets
import time
from urllib.parse import quote_plus

POLL_INTERVAL = 0.01
GIVE_UP = 30.0


def nonsense_word() -> str:
    """Letters only (digits would be split off by the analyser), never in any corpus."""
    syllables = (secrets.choice("bdfgklmnprstvz") + secrets.choice("aeiou") for _ in range(6))
    return "qx" + "".join(syllables)


def change_title(word: str):
    from django.db import transaction

    from kenniscentrum.knowledge.models import Item

    item = Item.objects.published().order_by("pk").first()
    with transaction.atomic():
        item.title = f"{item.title[: 200 - len(word) - 1]} {word}"
        item.save()
        started = time.perf_counter()  # the last moment before the commit
    return item.slug, started, time.perf_counter() - started


def findable(port: int, word: str, slug: str) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", f"/api/search?q={quote_plus(word)}")
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        return False
    return any(hit["slug"] == slug for hit in json.loads(body)["results"])


def measure(port: int) -> dict:
    word = nonsense_word()
    slug, started, commit_s = change_title(word)
    polls = 0
    found_after = None
    while time.perf_counter() - started < GIVE_UP:
        polls += 1
        if findable(port, word, slug):
            found_after = time.perf_counter() - started
            break
        time.sleep(POLL_INTERVAL)
    return {
        "slug": slug,
        "word": word,
        "commit_s": commit_s,
        "findable_s": found_after,
        "polls": polls,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    import django

    django.setup()
    cold = measure(args.port)
    print(json.dumps({"cold": cold, "warm": measure(args.port)}))


if __name__ == "__main__":
    main()
