"""Editors: log in through the real form, save, submit, publish, unpublish, and collide.

Why through HTML and not the ORM: a save is only as safe as the whole path an editor's browser
takes (session, CSRF, the edit form's `base`, the redirect, the messages), and the conflict page
is what the loser of a collision must see. Each save appends one unique line ("Soak-tekst
<actor>-<n>.") to the body of the document the edit page offered, so afterwards every text can
be looked for in the database (verify.py).

Three kinds of loop: a redacteur saves (and sometimes submits) random soak items; the duel
opens one item in two sessions at the same version and posts both at once (exactly one may win,
the other must get the conflict page); the eindredacteur publishes, unpublishes and publishes
pending changes, so live items get drafts and drafts get published.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import random
import re
import threading
import time
from dataclasses import dataclass, field

from kenniscentrum.search.bench.steps import StepFailed

from .client import Aborted, Client
from .site import Editor

LOGIN = "/beheer/login/?next=/redactie/"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOCUMENT_RE = re.compile(r'<textarea id="document" name="document"[^>]*>(.*?)</textarea>', re.S)
BASE_RE = re.compile(r'<input type="hidden" name="base" value="(\d+)">')
ACTION_RE = re.compile(r'<input type="hidden" name="action" value="([a-z-]+)">')
MESSAGES_RE = re.compile(r'<div class="kc-alert" role="status">(.*?)</div>', re.S)
SAVED_RE = re.compile(r"Opgeslagen als versie (\d+)")
CONFLICT_MARK = 'id="conflict-titel"'
ERROR_MARK = 'id="fout-titel"'


def marker_line(marker: str) -> str:
    """The line a save adds; the final full stop keeps "r1-1." from matching "r1-17."."""
    return f"Soak-tekst {marker}."


@dataclass
class SaveRecord:
    actor: str
    user: str
    slug: str
    marker: str
    base: int
    start: float
    end: float = 0.0
    outcome: str = ""  # saved, conflict, aborted, error
    revision: int | None = None  # from "Opgeslagen als versie N"
    duel: int | None = None
    detail: str = ""


@dataclass
class TransitionRecord:
    actor: str
    user: str
    slug: str
    action: str
    start: float
    end: float = 0.0
    outcome: str = ""  # ok, refused (not allowed from the current state), unknown, error
    message: str = ""


@dataclass
class Journal:
    """What the editors did, from every editor thread."""

    saves: list[SaveRecord] = field(default_factory=list)
    transitions: list[TransitionRecord] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    duels: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, record) -> None:
        with self.lock:
            target = self.saves if isinstance(record, SaveRecord) else self.transitions
            target.append(record)

    def edited_transitions(self) -> set[str]:
        """Items whose status an editor changed: load_content counts them as edited in the
        browser (a save of a live item only adds a draft and leaves the item itself as is)."""
        with self.lock:
            return {t.slug for t in self.transitions if t.outcome == "ok"}


@dataclass
class EditPage:
    slug: str
    document: str
    base: int
    csrf: str
    actions: list[str]


class Session:
    """One logged-in browser of one editor."""

    def __init__(self, client: Client, editor: Editor, journal: Journal):
        self.client = client
        self.editor = editor
        self.journal = journal
        self.counter = itertools.count(1)

    def login(self, attempts: int = 3) -> None:
        """Through the admin's login form, with the right password only (django-axes locks
        out after failures). A connection dropped before an answer is tried again."""
        inflight, self.client.inflight = self.client.inflight, None  # no fault target
        try:
            for attempt in range(attempts):
                try:
                    page = self.client.get("inloggen", LOGIN)
                    fields = {
                        "csrfmiddlewaretoken": _first(CSRF_RE, page.text),
                        "username": self.editor.username,
                        "password": self.editor.password,
                        "next": "/redactie/",
                    }
                    answer = self.client.post_form("inloggen", LOGIN, fields, frozenset({302}))
                    if answer.status == 302 and answer.location.endswith("/redactie/"):
                        self.client.get("redactie", "/redactie/")
                        return
                    raise StepFailed(f"inloggen als {self.editor.username}: {answer.status}")
                except Aborted:
                    if attempt == attempts - 1:
                        raise
        finally:
            self.client.inflight = inflight

    def open(self, slug: str) -> EditPage:
        # The raw document view (issue 15 made the form the default): the soak edits the text.
        page = self.client.get("redactie", f"/redactie/items/{slug}/?weergave=bron")
        if page.status != 200 or not DOCUMENT_RE.search(page.text):
            raise Aborted(f"bewerkpagina {slug}: {page.status}")
        return EditPage(
            slug=slug,
            document=html.unescape(_first(DOCUMENT_RE, page.text)),
            base=int(_first(BASE_RE, page.text)),
            csrf=_first(CSRF_RE, page.text),
            actions=ACTION_RE.findall(page.text),
        )

    def save(self, page: EditPage, duel: int | None = None) -> SaveRecord:
        marker = f"{self.client.actor}-{next(self.counter)}"
        document = page.document.rstrip("\n") + f"\n\n{marker_line(marker)}\n"
        record = SaveRecord(
            self.client.actor, self.editor.username, page.slug, marker, page.base, time.time(),
            duel=duel,
        )  # fmt: skip
        fields = {
            "csrfmiddlewaretoken": page.csrf, "base": page.base, "document": document,
            "note": f"soak {marker}", "action": "save",
        }  # fmt: skip
        path = f"/redactie/items/{page.slug}/"
        try:
            answer = self.client.post_form("opslaan", path, fields, frozenset({200, 302}))
        except Aborted as exc:
            record.outcome, record.detail = "aborted", str(exc)
        else:
            if answer.status == 302:
                record.outcome = "saved"
                record.revision = self._saved_as(answer.location)
            elif answer.status == 200 and CONFLICT_MARK in answer.text:
                record.outcome = "conflict"
            else:
                record.outcome = "error"
                record.detail = f"{answer.status}" + (
                    " (foutmelding bij het document)" if ERROR_MARK in answer.text else ""
                )
        record.end = time.time()
        self.journal.add(record)
        return record

    def _saved_as(self, location: str) -> int | None:
        """The version number the message after the redirect names (None if unreadable)."""
        try:
            page = self.client.get("redactie", location)
        except Aborted:
            return None
        match = SAVED_RE.search(_last_message(page.text))
        return int(match.group(1)) if match else None

    def transition(self, page: EditPage, action: str) -> TransitionRecord:
        record = TransitionRecord(
            self.client.actor, self.editor.username, page.slug, action, time.time()
        )
        fields = {"csrfmiddlewaretoken": page.csrf, "action": action}
        if action == "reject":  # a rejection carries a reason for the author (workflow.py)
            fields["reason"] = "Soak-test: terug naar concept."
        path = f"/redactie/items/{page.slug}/workflow/"
        try:
            answer = self.client.post_form("workflow", path, fields, frozenset({302}))
        except Aborted as exc:
            record.outcome, record.message = "unknown", str(exc)
        else:
            if answer.status != 302:
                record.outcome, record.message = "error", str(answer.status)
            else:
                record.message = self._message_after(answer.location)
                if record.message is None:
                    record.outcome = "unknown"
                elif record.message.startswith("Status:") or record.message == (
                    "De wijziging is gepubliceerd."
                ):
                    record.outcome = "ok"
                else:
                    record.outcome = "refused"
        record.end = time.time()
        self.journal.add(record)
        return record

    def _message_after(self, location: str) -> str | None:
        """The newest message on the page the redirect leads to. The messages cookie stays until
        a page shows it, so a follow-up dropped by a killed worker is simply tried again."""
        for _ in range(3):
            try:
                return _last_message(self.client.get("redactie", location).text)
            except Aborted:
                continue
        return None


def _first(pattern: re.Pattern, text: str) -> str:
    match = pattern.search(text)
    if not match:
        raise Aborted(f"niet gevonden op de pagina: {pattern.pattern[:40]}")
    return match.group(1)


def _last_message(text: str) -> str:
    block = MESSAGES_RE.search(text)
    if not block:
        return ""
    found = re.findall(r"<p>(.*?)</p>", block.group(1), re.S)
    return html.unescape(found[-1]).strip() if found else ""


# -- the loops -----------------------------------------------------------------------------------


def redacteur(session: Session, slugs: list[str], seed: int, stop: threading.Event) -> None:
    """Open a random soak item, save it with one new line; now and then submit a concept."""
    rng = random.Random(seed)
    while not stop.is_set():
        try:
            page = session.open(rng.choice(slugs))
            if "submit" in page.actions and rng.random() < 0.2:
                session.transition(page, "submit")
            else:
                session.save(page)
        except Aborted:
            stop.wait(0.05)


def duel(a: Session, b: Session, slugs: list[str], seed: int, stop: threading.Event) -> None:
    """Two sessions open one item at the same version and save at the same moment."""
    rng = random.Random(seed)
    while not stop.is_set():
        slug = rng.choice(slugs)
        try:
            pages = [a.open(slug), b.open(slug)]
        except Aborted:
            stop.wait(0.05)
            continue
        if pages[0].base != pages[1].base:
            continue  # someone saved in between: open again
        number = next(a.journal.duels)
        start = threading.Barrier(2)
        threads = [
            threading.Thread(target=_post_together, args=(s, page, start, number), daemon=True)
            for s, page in zip((a, b), pages, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.wait(rng.uniform(0.1, 0.4))


def _post_together(session: Session, page: EditPage, start: threading.Barrier, number: int):
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait(timeout=10)
    session.save(page, duel=number)


def eindredacteur(session: Session, slugs: list[str], seed: int, stop: threading.Event) -> None:
    """Publish what is not live, publish waiting changes, and sometimes unpublish.

    Unpublished items are published again on the next visit, so readers mostly find them.
    """
    rng = random.Random(seed)
    while not stop.is_set():
        try:
            page = session.open(rng.choice(slugs))
            action = None
            if "publish" in page.actions:
                action = "publish"
            elif "publish-change" in page.actions:
                action = "publish-change" if rng.random() < 0.7 else "unpublish"
            elif "unpublish" in page.actions and rng.random() < 0.3:
                action = "unpublish"
            if action:
                session.transition(page, action)
        except Aborted:
            pass
        stop.wait(rng.uniform(0.05, 0.2))
