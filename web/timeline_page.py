"""The /timeline page: the query-string state, the SQL it runs and the rows the template lists.

Every state is in the query string (org, person, thread, status, event, from, to; the zoom window
zfrom/zto is kept by web/static/timeline.js), so any view is a permalink. The page is a server-rendered list
first; the script turns it into a zoomable SVG timeline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

EVENTS = {  # timeline.kind (archive/derive/timeline.py) -> label
    "letter_sent": "Letter sent",
    "report_published": "Report published",
    "commitment_made": "Commitment made",
    "commitment_due": "Commitment due",
    "in_progress": "Commitment in progress",
    "met": "Commitment met",
    "restated": "Commitment restated",
    "overdue": "Commitment overdue",
}
STATUSES = ["open", "in_progress", "met", "restated", "overdue"]
LIMIT = 1000  # events per page: a 1,000-event list is about 0.7 MB of HTML
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[\w:.\-~]{1,200}$")


@dataclass
class TimelineState:
    org: str = ""
    person: str = ""
    thread: str = ""
    status: str = ""
    events: list[str] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    zfrom: str = ""
    zto: str = ""
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> "TimelineState":
        """Read the query string; a value that is not well-formed is ignored and reported on the page."""
        state = cls()
        for key, attr, pattern in [("org", "org", _ID), ("person", "person", _ID), ("thread", "thread", _ID),
                                   ("from", "date_from", _DATE), ("to", "date_to", _DATE),
                                   ("zfrom", "zfrom", _DATE), ("zto", "zto", _DATE)]:
            value = (args.get(key) or "").strip()
            if value and not pattern.match(value):
                state.problems.append(f"ignored {key}={value!r}")
            elif value:
                setattr(state, attr, value)
        status = (args.get("status") or "").strip()
        if status and status not in STATUSES:
            state.problems.append(f"ignored status={status!r}")
        elif status:
            state.status = status
        for event in args.getlist("event"):
            if event in EVENTS:
                state.events.append(event)
            elif event:
                state.problems.append(f"ignored event={event!r}")
        return state

    def query(self) -> tuple[str, dict]:
        where, params = [], {}
        if self.org:
            where.append("t.id in (select timeline_id from timeline_parties where party_id = :org)")
            params["org"] = self.org
        if self.person:
            where.append("t.id in (select timeline_id from timeline_parties where party_id = :person)")
            params["person"] = self.person
        if self.thread:
            where.append("t.thread_id = :thread")
            params["thread"] = self.thread
        if self.status:
            where.append("t.status = :status")
            params["status"] = self.status
        if self.events:
            names = [f":e{i}" for i in range(len(self.events))]
            where.append(f"t.kind in ({', '.join(names)})")
            params.update({f"e{i}": e for i, e in enumerate(self.events)})
        if self.date_from:
            where.append("t.date >= :date_from")
            params["date_from"] = self.date_from
        if self.date_to:
            where.append("t.date <= :date_to")
            params["date_to"] = self.date_to + ("-12-31" if len(self.date_to) == 4 else "")
        sql = ("select t.id, t.date, t.kind, t.document_id, t.thread_id, t.commitment_id, t.sender_names,"
               " t.recipient_names, t.title, t.summary, t.status, t.actor_name, t.actor from timeline t"
               + (" where " + " and ".join(where) if where else "")
               + f" order by t.date desc, t.id desc limit {LIMIT + 1}")
        return sql, params

    def permalink(self, **changes) -> str:
        """The query string of this state, with some values changed (None removes one)."""
        pairs = {"org": self.org, "person": self.person, "thread": self.thread, "status": self.status,
                 "from": self.date_from, "to": self.date_to, "zfrom": self.zfrom, "zto": self.zto}
        pairs.update(changes)
        items = [(k, v) for k, v in pairs.items() if v]
        items += [("event", e) for e in self.events]
        return "/timeline" + ("?" + urlencode(items) if items else "")

    @property
    def filtered(self) -> bool:
        return any([self.org, self.person, self.thread, self.status, self.events, self.date_from, self.date_to])


async def timeline_context(db, args) -> dict:
    state = TimelineState.from_args(args)
    sql, params = state.query()
    result = await db.execute(sql, params)
    rows = [dict(r) for r in result.rows]
    truncated = len(rows) > LIMIT
    rows = rows[:LIMIT]
    months: list[tuple[str, list[dict]]] = []
    for row in rows:
        month = (row["date"] or "")[:7] or "undated"
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append(row)
    orgs = await db.execute("select id, name from parties where kind = 'organisation' and resolved = 1 order by name")
    people = await db.execute("select id, name from parties where kind = 'person' and resolved = 1 order by name")
    return {
        "state": state,
        "rows": rows,
        "months": months,
        "truncated": truncated,
        "limit": LIMIT,
        "event_labels": EVENTS,
        "statuses": STATUSES,
        "organisations": [dict(r) for r in orgs.rows],
        "people": [dict(r) for r in people.rows],
    }
