"""Run the check over every published regeling with criteria, and explain the results."""

import hashlib
import json
from dataclasses import dataclass, field

from kenniscentrum.core.dates import report_date
from kenniscentrum.figures import selectors as figures
from kenniscentrum.knowledge.models import Item
from kenniscentrum.knowledge.vocabulary import PROVINCES
from kenniscentrum.knowledge.windows import window_status

from .answers import Answers
from .rules import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY, Evaluation, evaluate
from .verdicts import LABELS, ORDER, day, describe, headline, verdict

OUTCOME_ORDER = {ELIGIBLE: 0, POSSIBLY: 1, NOT_ELIGIBLE: 2}
WINDOW_ORDER = {
    "open": 0, "continuous": 1, "not_yet_open": 2, "announced": 3, "closed": 4, "ended": 5
}  # fmt: skip
# What the check, its result page and its API read of an item (with all of its regeling facts):
# not the body columns, most of a row's bytes (the check's query at 10,000 items: 0.64 -> 0.53 ms).
# checked_on/checked_source: the page names items verified against a source newer than the report.
ITEM_FIELDS = ("slug", "title", "checked_on", "checked_source")


@dataclass
class Result:
    item: Item
    evaluation: Evaluation
    window_status: str
    related: list[Item] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return verdict(
            self.evaluation.outcome,
            self.window_status,
            without_window=self.evaluation.without_window is not None,
        )

    @property
    def verdict_label(self) -> str:
        return LABELS[self.verdict]

    @property
    def headline(self) -> str:
        return headline(self)

    def describe(self, on) -> str:
        return describe(self, on, report_date())

    @property
    def rules(self) -> dict:
        return self.item.regeling.criteria

    @property
    def anchor(self) -> str:
        """The id of this instrument's block on the result page (the summary links to it)."""
        return f"regeling-{self.item.slug}"


@dataclass
class CheckOutcome:
    answers: Answers
    results: list[Result]
    version: str
    advice: list[dict]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(verdict, label, number of instruments) for every verdict, in ORDER."""
        found = [r.verdict for r in self.results]
        return [(v, LABELS[v], found.count(v)) for v in ORDER]

    @property
    def ended(self) -> list[Result]:
        """Instruments whose end after the report is recorded (checked later than the report)."""
        return [r for r in self.results if r.item.regeling.ended_on]

    @property
    def checked_later(self) -> list[tuple[Result, str]]:
        """(result, what was checked) for every instrument known beyond the report's date: an
        end after the report, or an editor's check against a newer source (checked_on)."""
        found = []
        for r in self.results:
            notes = []
            if r.item.regeling.ended_on:
                notes.append(f"beëindigd per {day(r.item.regeling.ended_on)}")
            if r.item.checked_on:
                notes.append(
                    f"gecontroleerd op {day(r.item.checked_on)} aan {r.item.checked_source}"
                )
            if notes:
                found.append((r, "; ".join(notes)))
        return found


def regelingen_with_criteria():
    """Found through the (kind, status) index: reading the whole item table instead took
    15 ms at 10,000 items, most of the check's 18 ms (now 2 ms)."""
    return (
        Item.objects.published()
        .filter(kind="regeling", regeling__criteria__isnull=False)
        .select_related("regeling")
        .only(*ITEM_FIELDS, "regeling")
        .order_by("title")
    )


def rules_version(items) -> str:
    """A short stamp of the exact rules used, so a printed result can be reproduced."""
    data = [
        {
            "slug": item.slug,
            "criteria": item.regeling.criteria,
            "window": [str(item.regeling.window_opens), str(item.regeling.window_closes)],
            "status": item.regeling.status,
            "ended_on": str(item.regeling.ended_on),
        }
        for item in sorted(items, key=lambda i: i.slug)
    ]
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return digest[:10]


def run_check(answers: Answers) -> CheckOutcome:
    items = list(regelingen_with_criteria())
    related = {
        item.slug: item
        for item in Item.objects.published()
        .filter(slug__in={slug for i in items for slug in i.regeling.criteria.get("related", [])})
        .only(*ITEM_FIELDS)
    }
    results = []
    for item in items:
        facts = item.regeling
        state = window_status(
            facts.status,
            facts.window_opens,
            facts.window_closes,
            answers.reference_date,
            facts.ended_on,
        )
        results.append(
            Result(
                item=item,
                evaluation=evaluate(facts.criteria, answers, state),
                window_status=state,
                related=[related[s] for s in facts.criteria.get("related", []) if s in related],
            )
        )
    # By verdict first (what can be requested now on top); within a verdict an instrument the
    # answers put first (emphasis: RVO when expertise is needed), then as before issue 11.
    results.sort(
        key=lambda r: (
            ORDER.index(r.verdict),
            r.evaluation.emphasis is None,
            OUTCOME_ORDER[r.evaluation.outcome],
            WINDOW_ORDER.get(r.window_status, 9),
            r.item.title,
        )
    )
    return CheckOutcome(answers, results, rules_version(items), advice_for(answers))


def advice_for(answers: Answers) -> list[dict]:
    """What an organisation that is not the applicant can do instead (from the report)."""
    if answers.organisation != "provincie":
        return []
    return [
        {
            "text": "Het rapport noemt provincies bij geen van deze regelingen als aanvrager. "
            "U houdt interbestuurlijk toezicht op de realisatie van de taakstelling en plaatst "
            "gemeenten op een trede van de interventieladder; daarbij weegt u verschoonbare "
            "redenen mee.",
            "source": "2.1",
            "link": "handreiking-interventieladder",
        },
        {
            "text": "U kunt gemeenten in uw provincie wijzen op deze regelingen en op regionale "
            "samenwerking, zoals de regionale tafels in Zuid-Holland.",
            "source": "3.4",
            "link": "zuid-holland-regionale-tafels",
        },
    ]


# The report's general text on regional tables (§3.4), for provinces it names no arrangement in.
REGIONAL_GENERAL = "regionale-tafels-in-de-regio"
REGIONAL_THEME = "regionale-samenwerking"


def province_context(province: str) -> dict:
    """The province's own figures (Tabel 2, §2.1) and its regional arrangements in the corpus.

    Kept out of run_check, which reads only the regelingen (two queries; see
    tests/test_loading_scale.py): the page and the API add this for the one province asked.

    Why: the check asked for the province and then changed nothing (issue 11). The report's
    figures per province show how heavy the opgave was on 1 October 2021 (Friesland 153% of the
    taakstelling still to realise, Zuid-Holland 83%), and a regional arrangement is where uitruil
    and a shared tussenvoorziening are agreed (§3.4). Nothing is computed: the numbers are the
    published ones; a row the figures module flags as inconsistent says so.
    """
    areas = figures.by_area()
    rows = areas.get(province, [])
    latest = max(rows, key=lambda r: r.figure.period) if rows else None
    total = next(
        (r for r in areas.get("totaal", []) if latest and r.figure.period == latest.figure.period),
        None,
    )
    items = list(
        Item.objects.published()
        .filter(provinces__slug=province)
        .only(*ITEM_FIELDS)
        .distinct()
        .order_by("title")
    )
    regional_ids = set(
        Item.objects.filter(pk__in=[i.pk for i in items], themes__slug=REGIONAL_THEME).values_list(
            "pk", flat=True
        )
    )
    regional = [i for i in items if i.pk in regional_ids]
    general = Item.objects.published().filter(slug=REGIONAL_GENERAL).only(*ITEM_FIELDS).first()
    context = {
        "slug": province,
        "name": PROVINCES.get(province, province),
        "figures": None,
        "regional": regional,
        "other_items": [i for i in items if i.pk not in regional_ids],
        "general": general,
        "source": "2.1",
    }
    if latest is not None:
        f = latest.figure
        context["figures"] = {
            "period": f.period,
            "period_name": PERIOD_NAMES.get(f.period, f.period),
            "as_of": PERIOD_END.get(f.period, ""),
            "start_backlog": f.start_backlog,
            "target": f.target,
            "realised": f.realised,
            "end_backlog": f.end_backlog,
            "pct_remaining": f.pct_remaining,
            "national_pct_remaining": total.figure.pct_remaining if total else None,
            "flags": [flag.text for flag in latest.flags],
        }
    return context


# Where Tabel 2's periods end: the last one (2021-2) only runs to the peildatum 1 October 2021.
PERIOD_END = {
    "2019-1": "1 juli 2019",
    "2019-2": "1 januari 2020",
    "2020-1": "1 juli 2020",
    "2020-2": "1 januari 2021",
    "2021-1": "1 juli 2021",
    "2021-2": "1 oktober 2021",
}
PERIOD_NAMES = {
    "2019-1": "de eerste helft van 2019",
    "2019-2": "de tweede helft van 2019",
    "2020-1": "de eerste helft van 2020",
    "2020-2": "de tweede helft van 2020",
    "2021-1": "de eerste helft van 2021",
    "2021-2": "de tweede helft van 2021",
}
