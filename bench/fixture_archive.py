"""A generator of realistic fixture archives (archive.db) for the publishing tests and the 100,000-document bench.

`make_fixture_archive(path, n_documents=200, seed=0)` fills every table of `archive/schema.py` with invented but plausible correspondence: letters between the
regulator and departments grouped into threads, reports, commitments with due dates and a follow-up history,
links, captures, and the timeline (built by archive/derive/timeline.py itself). The same seed always gives the same database. Writes go through one
connection with bulk `executemany` so 100,000 documents take well under a minute; the FTS tables are rebuilt
at the end. The wording is invented here: nothing in it is real correspondence.
"""
from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from archive.schema import TABLES, ensure_db_shape, rebuild_fts
from archive.derive.reading_room import build_reading_room
from archive.derive.timeline import build_timeline

AS_OF = "2026-06-30"
REGULATOR = "org:osr"

ORGANISATIONS = [  # (id slug as in register/organisations.yml, name, abbreviation)
    ("osr", "Office for Statistics Regulation", "OSR"),
    ("uksa", "UK Statistics Authority", "UKSA"),
    ("ons", "Office for National Statistics", "ONS"),
    ("dfe", "Department for Education", "DfE"),
    ("dhsc", "Department of Health and Social Care", "DHSC"),
    ("hmrc", "HM Revenue and Customs", "HMRC"),
    ("dwp", "Department for Work and Pensions", "DWP"),
    ("home-office", "Home Office", "HO"),
    ("nhs-england", "NHS England", "NHSE"),
    ("scottish-government", "Scottish Government", "SG"),
    ("welsh-government", "Welsh Government", "WG"),
    ("nisra", "Northern Ireland Statistics and Research Agency", "NISRA"),
    ("moj", "Ministry of Justice", "MoJ"),
    ("dft", "Department for Transport", "DfT"),
    ("cabinet-office", "Cabinet Office", "CO"),
    ("hm-treasury", "HM Treasury", "HMT"),
    ("public-health-scotland", "Public Health Scotland", "PHS"),
    ("orr", "Office of Rail and Road", "ORR"),
]
FIRST = ["Alice", "Ben", "Chidi", "Dana", "Eilidh", "Farah", "Gareth", "Hannah", "Idris", "Jo", "Kiran", "Lowri",
         "Marek", "Niamh", "Owen", "Priya", "Rhys", "Siobhan", "Tomasz", "Una", "Victor", "Wen", "Yusuf", "Zara"]
LAST = ["Abbott", "Baird", "Carys", "Dalton", "Evans", "Fenwick", "Garside", "Hughes", "Iqbal", "Jenkins", "Kerr",
        "Lister", "McAllister", "Nwosu", "Okafor", "Pritchard", "Quayle", "Rennie", "Sandhu", "Thorne", "Varga"]
ROLES = ["Director General for Regulation", "Chief Statistician", "Head of Profession for Statistics",
         "Permanent Secretary", "Deputy Director for Regulation", "National Statistician", "Director of Analysis"]
TOPICS = ["school workforce statistics", "migration estimates", "hospital waiting times", "crime statistics",
          "labour market statistics", "child poverty figures", "rail passenger numbers", "tax receipts",
          "housing supply data", "prison population projections", "covid-19 vaccination data",
          "universal credit statistics", "road safety statistics", "GDP revisions", "income distribution",
          "energy price statistics", "population census outputs", "A&E performance figures"]
SENTENCES = [
    "The statistics were published alongside a press release that did not make the uncertainty clear.",
    "We welcome the improvements made to the quality and methods information for these statistics.",
    "Users told us that the release lacked commentary on the reasons behind the change in the series.",
    "The figures quoted in the speech were not available in any published statistics at the time.",
    "We have reviewed the statistics against the Code of Practice for Statistics.",
    "Our review found that the data are broadly comparable across the four nations.",
    "The department should set out the limitations of the administrative data more clearly.",
    "Public confidence depends on statistics being released in an orderly and transparent way.",
    "We recognise the pressures on the team and the progress made since our last assessment.",
    "The methodology note should explain how the estimates are adjusted for seasonal effects.",
]
COMMIT = [
    ("commitment", "We will publish a revised methods note for the {t}"),
    ("commitment", "The team will set out a development plan for the {t}"),
    ("request", "We ask that you publish an explanation of the revision to the {t}"),
    ("expectation", "We expect the department to review the presentation of the {t}"),
    ("recommendation", "We recommend that the producer consults users on the {t}"),
]
RARE_WORD = "quinquennial"  # appears in about 1 document in 2,000: the bench's rare search word
HOSTS = {"osr": "osr.statisticsauthority.gov.uk", "uksa": "uksa.statisticsauthority.gov.uk",
         "ons": "www.ons.gov.uk"}
DOC_TYPES = ["letter"] * 14 + ["report", "report", "statement", "assessment", "work_programme"]
SCRIPT_LETTER = "<script>alert('letter text must be escaped')</script> and <b>bold</b> & more"


def _d(day: date) -> str:
    return day.isoformat()


def _parties(rng: random.Random):
    """Organisations, then several people in each; a few unresolved mentions."""
    parties, roles, people = [], [], {}
    for slug, name, abbr in ORGANISATIONS:
        parties.append((f"org:{slug}", name, "organisation", abbr, None, None, json.dumps([abbr]), 1, "2008-04-01", None))
        people[f"org:{slug}"] = []
        for _ in range(4 if slug == "osr" else 3):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            pid = f"person:{first.lower()}-{last.lower()}-{len(parties)}"
            role = rng.choice(ROLES)
            parties.append((pid, f"{first} {last}", "person", None, f"org:{slug}", None, json.dumps([]), 1, None, None))
            roles.append((pid, role, f"org:{slug}", "2012-01-01", None))
            people[f"org:{slug}"].append((pid, f"{first} {last}", role))
    parties.append(("unresolved:person:a-n-other", "A N Other", "person", None, None, None, "[]", 0, None, None))
    return parties, roles, people


def _text(rng, doc_id, topic, sender, recipient, prev_date, due, commit_sentences, extra_word):
    """Paragraphs of a letter or report; returns (paragraphs, date mentions, commitment spans)."""
    paras, mentions = [f"Dear {recipient[1].split()[0]},"], []
    if prev_date:
        phrase = prev_date.strftime("%-d %B %Y")
        paras.append(f"Thank you for your letter of {phrase} about the {topic}.")
        mentions.append((1, phrase, _d(prev_date), _d(prev_date), "day"))
    else:
        paras.append(f"I am writing about the {topic} and the statistics that support them.")
    for _ in range(rng.randint(2, 4)):
        paras.append(" ".join(rng.sample(SENTENCES, 3)))
    spans = []
    for kind, sentence in commit_sentences:
        due_text = due.strftime("%B %Y")
        quote = f"{sentence.format(t=topic)} by {due_text}."
        paras.append(quote + " " + rng.choice(SENTENCES))
        mentions.append((len(paras) - 1, due_text, _d(due.replace(day=1)), _d(_month_end(due)), "month"))
        spans.append((kind, quote, len(paras) - 1, due_text, due))
    if extra_word:
        paras.append(f"The {extra_word} review of these statistics is also relevant.")
    if doc_id % 97 == 13:
        paras.append(SCRIPT_LETTER)
    paras.append(f"Yours sincerely,\n\n{sender[1]}\n{sender[2]}")
    return paras, mentions, spans


def _month_end(day: date) -> date:
    nxt = day.replace(day=28) + timedelta(days=4)
    return nxt - timedelta(days=nxt.day)


def _insert(conn, table, rows):
    """Bulk insert tuples holding the first len(row) columns of the table as archive/schema.py declares them,
    by name, so columns the schema adds later are simply left empty."""
    if rows:
        cols = list(TABLES[table]["columns"])[:len(rows[0])]
        sql = f"INSERT INTO [{table}] ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"
        conn.executemany(sql, rows)


def make_fixture_archive(path, n_documents: int = 200, seed: int = 0) -> Path:
    """Write a fixture archive.db at `path` (replacing any file there) and return its path."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA journal_mode=MEMORY")
    with conn:
        _fill(conn, rng, n_documents)
    conn.close()
    db = sqlite_utils.Database(path)
    with db.conn:
        build_timeline(db)  # the real derived step, so the fixture's timeline has exactly the served shape
        build_reading_room(db)  # and the organisation pages' counts
    rebuild_fts(db)
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    return path


def _fill(conn, rng, n):
    parties, roles, people = _parties(rng)
    _insert(conn, "parties", parties)
    _insert(conn, "roles", roles)
    party_name = {p[0]: p[1] for p in parties}
    orgs = [o for o in people if o != REGULATOR]
    ids = list(range(1, n + 1))
    rng.shuffle(ids)  # ids follow crawl order, not date order, as in the real archive
    docs, paras, dparties, dates, commits, events, links, captures, versions, aliases = ([] for _ in range(10))
    start = date(2015, 1, 1)
    span_days = (date.fromisoformat(AS_OF) - start).days
    i = 0
    while i < n:
        org = rng.choice(orgs)
        topic = rng.choice(TOPICS)
        size = min(rng.choice([1, 1, 2, 2, 3, 4, 5]), n - i)
        thread_ids = ids[i:i + size]
        i += size
        thread_id = f"t{min(thread_ids)}"
        day = start + timedelta(days=int((span_days - 90 * size) * (1 - rng.random() ** 2)))  # more lately
        prev = None
        thread_docs = []
        for k, doc_id in enumerate(thread_ids):
            doc_type = "letter" if size > 1 else rng.choice(DOC_TYPES)
            regulator_writes = k % 2 == 0
            s_org, r_org = (REGULATOR, org) if regulator_writes else (org, REGULATOR)
            sender, recipient = rng.choice(people[s_org]), rng.choice(people[r_org])
            n_commit = rng.choice([0, 0, 1, 1, 2])
            due = day + timedelta(days=rng.randint(60, 400))
            commit_sentences = [rng.choice(COMMIT) for _ in range(n_commit)]
            extra = RARE_WORD if rng.random() < 0.0005 or doc_id == 7 else None
            p, mentions, spans = _text(rng, doc_id, topic, sender, recipient, prev[1] if prev else None, due,
                                       commit_sentences, extra)
            if doc_type == "letter":
                title = f"{sender[1]} to {recipient[1]}: {topic.capitalize()}"
            else:
                title = f"{doc_type.replace('_', ' ').capitalize()}: {topic.capitalize()}"
            source = "osr" if s_org == REGULATOR else rng.choice(["uksa", "ons"])
            slug = f"{title.lower().replace(' ', '-').replace(':', '')[:60]}-{doc_id}"
            url = f"https://{HOSTS[source]}/correspondence/{slug}/"
            text = "\n\n".join(p)
            sha = hashlib.sha256(text.encode()).hexdigest()
            fetched = f"{_d(day + timedelta(days=rng.randint(0, 30)))}T02:{rng.randint(10, 59)}:00Z"
            n_caps = rng.choice([1, 1, 2, 3])
            cap_base = len(captures) + 1
            fromto = f"{sender[1]}, {party_name[s_org]} to {recipient[1]}, {party_name[r_org]}"
            docs.append((doc_id, url, title, doc_type, _d(day), text, sha, None, HOSTS[source], source, "en", day.year,
                         fromto, sender[1], recipient[1], fetched, None, 0, None, thread_id,
                         cap_base + n_caps - 1, n_caps, fetched, fetched, None, "fixture-1"))
            for n_p, ptext in enumerate(p):
                paras.append((doc_id, n_p, None, None, ptext))
            dparties += [(doc_id, sender[0], "sender", sender[1], sender[2], party_name[s_org], s_org, "fromto"),
                         (doc_id, recipient[0], "recipient", recipient[1], recipient[2], party_name[r_org], r_org,
                          "fromto"),
                         (doc_id, s_org, "mentioned", party_name[s_org], None, party_name[s_org], s_org, "fromto"),
                         (doc_id, r_org, "mentioned", party_name[r_org], None, party_name[r_org], r_org, "fromto")]
            for para_n, dtext, d0, d1, gran in mentions:
                at = p[para_n].find(dtext)
                dates.append((len(dates) + 1, doc_id, dtext, d0, d1, gran, para_n, None, at, at + len(dtext)))
            for c_n, (kind, quote, para_n, due_text, due_day) in enumerate(spans, start=1):
                cid = f"c{doc_id}-{c_n}"
                bound = sender if kind == "commitment" else recipient  # a request binds the one asked
                commits.append([cid, doc_id, kind, bound[0], bound[1], quote, para_n, None, due_text,
                                _d(due_day.replace(day=1)), _d(_month_end(due_day)), "open", _d(day), None, _d(day),
                                thread_id])
                events.append((len(events) + 1, cid, _d(day), "open", doc_id, quote, commits[-1][9], commits[-1][10],
                               "made"))
            for c in range(n_caps):
                status = 200 if c == 0 or rng.random() < 0.8 else 304
                c_sha = sha if c == n_caps - 1 else hashlib.sha256(f"{sha}{c}".encode()).hexdigest()
                captures.append((cap_base + c, url, f"{fetched[:11]}0{c}:00:00Z", status, c_sha,
                                 f"warc/fixture-{doc_id % 50:04d}.warc.gz", 1000 * c, 5000,
                                 "response" if c == 0 else "revisit", "text/html; charset=utf-8", doc_id, 0,
                                 "document"))
                versions.append((doc_id, c + 1, cap_base + c, captures[-1][2], c_sha, title, text))
            if rng.random() < 0.3:
                aliases.append((url.rstrip("/"), doc_id, "slash"))
            if prev:
                links.append((len(links) + 1, doc_id, prev[0], docs_by_id_url(docs, prev[0]), "reply_to",
                              f"Letter of {prev[1].strftime('%-d %B %Y')}", _d(prev[1]), "Thank you for your letter of"))
            links.append((len(links) + 1, doc_id, None, f"https://www.gov.uk/government/statistics/{doc_id}", "related",
                          f"{topic.capitalize()} ({day.strftime('%B %Y')})", _d(day.replace(day=1)),
                          "Related Links label"))
            thread_docs.append((doc_id, day, title, sender, recipient, s_org, r_org, url, doc_type))
            prev = (doc_id, day)
            day = day + timedelta(days=rng.randint(10, 90))
        _follow_up(rng, commits, events, thread_docs)
        _insert(conn, "threads", [(thread_id, thread_docs[0][2], _d(thread_docs[0][1]), _d(thread_docs[-1][1]),
                                   len(thread_docs), len(thread_docs))])
    _insert(conn, "documents", docs)
    _insert(conn, "paragraphs", paras)
    _insert(conn, "document_parties", dparties)
    _insert(conn, "dates", dates)
    _insert(conn, "commitments", [tuple(c) for c in commits])
    _insert(conn, "commitment_events", events)
    _insert(conn, "links", links)
    _insert(conn, "captures", captures)
    _insert(conn, "document_versions", versions)
    _insert(conn, "aliases", aliases)
    _insert(conn, "errors", [(1, "https://osr.statisticsauthority.gov.uk/correspondence/gone/", None, "crawl",
                              "http_404", "Not Found", "2026-06-29T02:00:00Z", "fixture-run")])
    _insert(conn, "runs", [("fixture-run", "2026-06-29T02:00:00Z", "2026-06-29T02:30:00Z", "ok", "archive", n, n, 0,
                            0, len(commits), len(events) - len(commits), 1, n * 2, "fixture archive")])
    conn.execute("INSERT OR REPLACE INTO archive_info (key, value) VALUES ('as_of', ?)", (AS_OF,))
    conn.execute("INSERT OR REPLACE INTO archive_info (key, value) VALUES ('fixture', 'bench/fixture_archive.py')")
    conn.execute("INSERT OR REPLACE INTO archive_info (key, value) VALUES ('invented_sample', '1')")  # invented


def docs_by_id_url(docs, doc_id):
    for row in reversed(docs):
        if row[0] == doc_id:
            return row[1]
    return None


def _follow_up(rng, commits, events, thread_docs):
    """Give this thread's commitments a history: met by a later letter, restated with a new date, or overdue."""
    later = {d[0]: [t for t in thread_docs if t[1] > d[1]] for d in thread_docs}
    for c in commits[-12:]:
        if c[1] not in later or c[11] != "open":
            continue
        due_end = date.fromisoformat(c[10])
        roll = rng.random()
        after = later[c[1]]
        if after and roll < 0.45:
            ev = after[0]
            c[11], c[12], c[13] = "met", _d(ev[1]), ev[0]
            events.append((len(events) + 1, c[0], _d(ev[1]), "met", ev[0], "The revised note was published.",
                           c[9], c[10], "a later letter says it was done"))
        elif after and roll < 0.7:
            ev = after[0]
            new_due = due_end + timedelta(days=rng.randint(60, 200))
            c[11], c[12], c[13] = "restated", _d(ev[1]), ev[0]
            c[9], c[10] = _d(new_due.replace(day=1)), _d(_month_end(new_due))
            events.append((len(events) + 1, c[0], _d(ev[1]), "restated", ev[0], "We now expect to publish later.",
                           c[9], c[10], "deadline moved"))
        elif _d(due_end) < AS_OF and roll < 0.85:
            c[11], c[12] = "overdue", _d(due_end + timedelta(days=1))
            events.append((len(events) + 1, c[0], c[12], "overdue", None, None, c[9], c[10],
                           "due interval passed with no evidence"))
        elif roll < 0.9:
            c[11], c[12] = "in_progress", _d(min(due_end, date.fromisoformat(AS_OF)))
            events.append((len(events) + 1, c[0], c[12], "in_progress", None, None, c[9], c[10],
                           "work under way"))
