"""The reading room: what an organisation (or a person) promised or was asked to do, by when, and whether it
happened. Contexts for /organisations, /organisations/<slug> and /people/<slug> (web/plugins/reading_room.py).

Counts come from the derived tables of archive/derive/reading_room.py (computed at build time); the cards are one page
of an organisation's commitments (CARDS_PER_PAGE), filtered by status, kind and year from the URL.
"""
from __future__ import annotations

import re
import urllib.parse

from web.words import (KINDS, SCORECARD_ORDER, day_in_words, due_in_words, party_ids_for_slug, party_url,
                       status_word)

CARDS_PER_PAGE = 50
RECENT_LETTERS = 40
STATUS_ORDER = ("overdue", "open", "in_progress", "restated", "met")  # as archive/reading_room.STATUS_RANK
WALK_LETTERS_FROM = 2000  # an organisation with this many letters: walk the date index rather than sort them all


async def _rows(db, sql: str, params=None) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params or {})).rows]


async def _has_table(db, name: str) -> bool:
    return bool((await db.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name])).rows)


def filters_from(args) -> dict:
    """status, kind, year and page from the query string; anything else is ignored, bad values are dropped."""
    status = args.get("status") or ""
    kind = args.get("kind") or ""
    year = args.get("year") or ""
    page = args.get("page") or "1"
    return {
        "status": status if status in SCORECARD_ORDER else "",
        "kind": kind if kind in KINDS else "",
        "year": year if re.fullmatch(r"\d{4}", year) else "",
        "page": int(page) if re.fullmatch(r"[1-9]\d{0,4}", page) else 1,
    }


def _link(base: str, filters: dict, **changes) -> str:
    params = {**filters, **changes}
    query = {k: v for k, v in params.items() if v and not (k == "page" and v == 1)}
    return base + ("?" + urllib.parse.urlencode(query) if query else "")


def _filter_sql(filters: dict) -> tuple[str, dict]:
    """Only the active filters become SQL over organisation_commitments (so SQLite can use the matching index)."""
    clauses, params = [], {}
    if filters["status"]:
        clauses.append("oc.rank = :rank")
        params["rank"] = STATUS_ORDER.index(filters["status"])
    if filters["kind"]:
        clauses.append("oc.kind = :kind")
        params["kind"] = filters["kind"]
    if filters["year"]:
        clauses.append("oc.year = :year")
        params["year"] = int(filters["year"])
    return "".join(" and " + c for c in clauses), params


async def _page_ids(db, sql: str, params: dict, filters: dict) -> list[str]:
    params = {**params, "limit": CARDS_PER_PAGE, "offset": (filters["page"] - 1) * CARDS_PER_PAGE}
    return [r[0] for r in (await db.execute(sql + " limit :limit offset :offset", params)).rows]


async def organisation_cards(db, org_id: str, summary: dict, filters: dict) -> tuple[list[dict], int]:
    """One page of an organisation's (or a person's) commitment cards, read from organisation_commitments in
    index order; `summary` holds the counts by status and in all ("commitments")."""
    where, params = _filter_sql(filters)
    params["org"] = org_id
    ids = await _page_ids(db, f"""select oc.commitment_id from organisation_commitments oc
        where oc.organisation_id = :org{where} order by oc.rank, oc.sort_due, oc.commitment_id""", params, filters)
    if not (filters["kind"] or filters["year"]):
        total = summary.get(filters["status"] or "commitments", 0) or 0
    else:
        total = (await db.execute(f"select count(*) from organisation_commitments oc where oc.organisation_id = :org"
                                  f"{where}", params)).rows[0][0]
    return await cards_for(db, ids), total


async def cards_for(db, ids: list[str]) -> list[dict]:
    """The cards of these commitments, in this order, with their history."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {c["id"]: c for c in await _rows(db, f"""
        select c.*, d.title as document_title, d.date as document_date, d.doc_type as document_type,
          ev.title as evidence_title, ev.date as evidence_date
        from commitments c join documents d on d.id = c.document_id
        left join documents ev on ev.id = c.status_evidence_id
        where c.id in ({marks})""", ids)}
    cards = [found[i] for i in ids if i in found]
    events = await _rows(db, f"""
        select e.*, d.title as evidence_title, d.date as evidence_date from commitment_events e
        left join documents d on d.id = e.evidence_document_id
        where e.commitment_id in ({marks}) order by e.commitment_id, e.date, e.id""", ids)
    by_id: dict[str, list[dict]] = {}
    for e in events:
        by_id.setdefault(e["commitment_id"], []).append(e)
    for c in cards:
        _describe(c, by_id.get(c["id"], []))
    return cards


def _describe(card: dict, events: list[dict]) -> None:
    """Words for one card: the due date, the status, and each event with how the due date moved."""
    card["due_words"] = due_in_words(card.get("due_start"), card.get("due_end"))
    card["status_words"] = status_word(card.get("status"))
    card["made_words"] = day_in_words(card.get("made_on"))
    card["actor_url"] = party_url(card.get("actor"))
    history = []
    due = (card.get("due_start"), card.get("due_end"))
    for i, e in enumerate(events):
        new_due = (e.get("due_start"), e.get("due_end"))
        moved = None
        if e["status"] == "restated" and new_due[1] and new_due != due:
            moved = (f"due date moved from {_bare(due_in_words(*due))} to {_bare(due_in_words(*new_due))}" if due[1]
                     else f"due date set: {due_in_words(*new_due)}")
        if e.get("due_end"):
            due = new_due
        if i == 0 and e["status"] == "open" and e.get("evidence_document_id") == card.get("document_id"):
            continue  # "made" is the card itself
        history.append({**e, "date_words": day_in_words(e.get("date")), "status_words": status_word(e["status"]),
                        "moved": moved})
    card["status_since"] = card["status_quote"] = None
    if history and history[-1]["status"] == card.get("status") and not history[-1]["moved"] and \
            history[-1].get("evidence_document_id") in (None, card.get("status_evidence_id")):
        last = history.pop()  # the current status itself: said once, on the status line
        card["status_since"] = last["date_words"]
        card["status_quote"] = last.get("evidence_quote") if last.get("evidence_document_id") else None
    card["history"] = history
    if due[1] and due != (card.get("due_start"), card.get("due_end")):
        card["due_words"] = due_in_words(*due)  # the latest due date, after restatements


def _every_year(years: list[dict]) -> list[dict]:
    """The years from the first to the last, quiet ones included (a gap in the strip is a gap in the letters)."""
    if not years:
        return []
    known = {y["year"]: y for y in years if y.get("year")}
    if not known:
        return []
    return [known.get(year, {"year": year, "letters": 0, "commitments_made": 0, "commitments_due": 0})
            for year in range(min(known), max(known) + 1)]


def _bare(words: str) -> str:
    return words[3:] if words.startswith("by ") else words


async def organisation_context(db, slug: str, args) -> dict | None:
    """Context for /organisations/<slug>; None when there is no such organisation."""
    org = None
    for pid in party_ids_for_slug("organisation", slug):
        found = await _rows(db, "select * from parties where id = ? and kind = 'organisation'", [pid])
        if found:
            org = found[0]
            break
    if org is None:
        return None
    filters = filters_from(args)
    params = {"org": org["id"]}
    summary = {}
    years = []
    if await _has_table(db, "organisation_summary"):
        found = await _rows(db, "select * from organisation_summary where id = :org", params)
        summary = found[0] if found else {}
        years = await _rows(db, "select * from organisation_years where organisation_id = :org order by year",
                            params)
    scorecard = [{"status": s, "words": status_word(s), "count": summary.get(s, 0) or 0,
                  "href": _link(f"/organisations/{slug}", {**filters, "page": 1}, status=s)}
                 for s in SCORECARD_ORDER]
    cards, total = await organisation_cards(db, org["id"], summary, filters)
    letters = await _latest_letters(db, org["id"], summary.get("letters") or 0)
    people = await _rows(db, """
        select p.id, p.name, (select group_concat(role, '; ') from roles r where r.party_id = p.id
                              and r.organisation_id = :org) as roles
        from parties p where p.organisation_id = :org and p.kind = 'person' and p.resolved = 1
        order by p.name limit 60""", params)
    for person in people:
        person["url"] = party_url(person["id"])
    years = _every_year(years)
    peak = max([y["letters"] or 0 for y in years] + [1])
    for y in years:
        y["height"] = round(100 * (y["letters"] or 0) / peak)
    pages = max(1, -(-total // CARDS_PER_PAGE))
    base = f"/organisations/{slug}"
    return {
        "org": org, "slug": slug, "summary": summary, "scorecard": scorecard, "cards": cards, "total": total,
        "filters": filters, "kind_choices": KINDS,
        "year_choices": [y["year"] for y in years if y["commitments_made"]], "years": years,
        "letters": letters, "people": people, "statuses": SCORECARD_ORDER, "status_word": status_word,
        "filtered": any(filters[k] for k in ("status", "kind", "year")),
        "prev_href": _link(base, filters, page=filters["page"] - 1) if filters["page"] > 1 else None,
        "next_href": _link(base, filters, page=filters["page"] + 1) if filters["page"] < pages else None,
        "pages": pages, "base": base, "party_url": party_url,
    }


async def _latest_letters(db, party: str, letters: int, *, organisation: bool = True) -> list[dict]:
    """A party's latest letters (sent, received or copied; an organisation's include its people's): a busy
    party's are found walking the date index newest first, a quiet one's by sorting its few letters (either way
    a bounded cost)."""
    who = "(dp.organisation_id = :party or dp.party_id = :party)" if organisation else "dp.party_id = :party"
    mine = f"dp.document_id = d.id and {who} and dp.role in ('sender', 'recipient', 'copied')"
    columns = """d.id, d.date, d.title, d.doc_type, d.sender, d.recipients, d.thread_id,
        (select group_concat(dp.role, ', ') from document_parties dp where """ + mine + ") as roles"
    if letters >= WALK_LETTERS_FROM:
        sql = f"""select {columns} from documents d indexed by idx_documents_date
            where exists (select 1 from document_parties dp where {mine})
            order by d.date desc, d.id desc limit {RECENT_LETTERS}"""
    else:
        sql = f"""select {columns} from documents d where d.id in (select dp.document_id from document_parties dp
            where {who} and dp.role in ('sender', 'recipient', 'copied'))
            order by d.date desc, d.id desc limit {RECENT_LETTERS}"""
    rows = await _rows(db, sql, {"party": party})
    for letter in rows:
        letter["date_words"] = day_in_words(letter["date"]) or "undated"
    return rows


async def organisations_index(db) -> list[dict]:
    """Every organisation with letters or commitments, most open and overdue commitments first."""
    if not await _has_table(db, "organisation_summary"):
        return []
    rows = await _rows(db, """select * from organisation_summary
        order by open + overdue desc, overdue desc, commitments desc, letters desc, name""")
    for r in rows:
        r["url"] = "/organisations/" + r["slug"]
    return rows


async def person_context(db, slug: str, args) -> dict | None:
    """Context for /people/<slug>: their letters, roles held and commitments."""
    person = None
    for pid in party_ids_for_slug("person", slug):
        found = await _rows(db, "select * from parties where id = ? and kind = 'person'", [pid])
        if found:
            person = found[0]
            break
    if person is None:
        return None
    filters = filters_from(args)
    params = {"person": person["id"]}
    roles = await _rows(db, """select r.*, p.name as organisation_name from roles r
        left join parties p on p.id = r.organisation_id where r.party_id = :person order by r.start""", params)
    for r in roles:
        r["organisation_url"] = party_url(r["organisation_id"])
        r["start_words"] = day_in_words(r["start"]) or "?"
        r["end_words"] = day_in_words(r["end"]) or "now"
    n_letters = (await db.execute("""select count(distinct document_id) from document_parties
        where party_id = :person and role in ('sender', 'recipient', 'copied')""", params)).rows[0][0]
    letters = await _latest_letters(db, person["id"], n_letters, organisation=False)
    counts = {STATUS_ORDER[r["rank"]]: r["n"] for r in await _rows(db, """select rank, count(*) as n
        from organisation_commitments where organisation_id = :person and rank < 5 group by rank""", params)}
    counts["commitments"] = sum(counts.values())
    cards, total = await organisation_cards(db, person["id"], counts, filters)
    base = f"/people/{slug}"
    pages = max(1, -(-total // CARDS_PER_PAGE))
    return {
        "person": person, "slug": slug, "roles": roles, "letters": letters, "n_letters": n_letters, "cards": cards, "total": total,
        "filters": filters, "organisation_url": party_url(person.get("organisation_id")),
        "scorecard": [{"status": s, "words": status_word(s), "count": counts.get(s, 0),
                       "href": _link(base, {**filters, "page": 1}, status=s)} for s in SCORECARD_ORDER],
        "kind_choices": KINDS, "year_choices": [], "statuses": SCORECARD_ORDER, "base": base,
        "filtered": any(filters[k] for k in ("status", "kind", "year")),
        "prev_href": _link(base, filters, page=filters["page"] - 1) if filters["page"] > 1 else None,
        "next_href": _link(base, filters, page=filters["page"] + 1) if filters["page"] < pages else None,
        "pages": pages, "party_url": party_url,
    }
