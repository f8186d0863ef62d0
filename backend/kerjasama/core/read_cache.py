"""Answers of expensive reads, kept in the process until the data they were computed from changes.

The dashboard aggregates a million obligation occurrences; recomputing that on every request cannot
meet its 150 ms target at national scale (issue 16). Its answer depends only on the caller's scope, the
day, and the registry's data. The data version is read with every request, in one cheap statement:

- the newest `change_event.seq`: the change recorder (core/changes.py) writes one in the committing
  transaction for every change of an agreement (with its parties, affairs and OPDs), partner,
  obligation (with its occurrences and fulfilments), monitoring report and OPD, including the changes
  made by bulk statements (`touch()`), so a committed write is seen by the next read;
- the count and the summed versions of `monitoring_setting` rows (a small table of overrides, never
  deleted but with their agreement): a reporting cadence changes which reports are owed.

Each worker process keeps its own entries (a bounded LRU); a cache belongs to one `Database`, so two
apps in one process (the tests) never share answers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.models import MonitoringSetting
from kerjasama.models.integration import ChangeEvent

T = TypeVar("T")


def data_version(session: Session) -> tuple[Any, ...]:
    """What every cached answer was computed from: one statement (an index lookup, a small table)."""
    row = session.execute(
        select(
            select(func.max(ChangeEvent.seq)).scalar_subquery(),
            select(func.count()).select_from(MonitoringSetting).scalar_subquery(),
            select(func.sum(MonitoringSetting.version)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


class ReadCache:
    def __init__(self, max_entries: int = 256) -> None:
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()  # uvicorn runs sync handlers in a thread pool
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        full_key = (key, data_version(session))
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                self.hits += 1
                return self._entries[full_key]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: a slow aggregate must not hold up other keys
        with self._lock:
            self.misses += 1
            self._entries[full_key] = value
            self._entries.move_to_end(full_key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return value
