"""How other apps take part in search without search importing them.

Search is a lower layer than editorial: editors' promoted results and the search log live in
`editorial`, which plugs in here from its `AppConfig.ready()` (as Wagtail's search promotions
depend on search, never the reverse).
- `promotions`: callables `query -> list[Item]` that return items recommended for a query;
  the view asks them and passes the items into `service.search`.
- `search_performed`: sent after a results page was answered, with `query` and `total`.
  Receivers must not write to the database on the request path (see editorial's search log).
"""

from collections.abc import Callable

from django.dispatch import Signal

search_performed = Signal()
promotions: list[Callable] = []


def register_promotions(provider: Callable) -> None:
    if provider not in promotions:
        promotions.append(provider)


def promoted_items(query: str) -> list:
    items = []
    for provider in promotions:
        items.extend(provider(query))
    return items
