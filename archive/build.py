"""Build archive.db from the captures in DATA: extract, load a staging database, derive, check, publish.

`make extract` is `build()` with no network: everything comes from DATA/warc and DATA/captures.db.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils

import extract
from archive import capturedb
from archive.capture_groups import DocumentGroup, load_groups
from archive.extract_runner import extract_all, plan_jobs
from archive.schema import ensure_db_shape, rebuild_fts
from extract.records import Extraction

log = logging.getLogger(__name__)

LEGACY_SUMMARY_MAX_WORDS = 80  # a pre-2016 page that only summarises its PDF letter


@dataclass
class BuildSummary:
    documents: int = 0
    extracted: int = 0
    reused: int = 0
    errors: int = 0
    commitments: int = 0
    withdrawn: int = 0
    seconds: float = 0.0
    by_source: dict[str, int] = field(default_factory=dict)
    staging: str | None = None

    def report(self) -> str:
        sources = ", ".join(f"{k} {v}" for k, v in sorted(self.by_source.items()))
        return (
            f"{self.documents} documents ({sources}); {self.extracted} extracted, {self.reused} reused from cache; "
            f"{self.commitments} commitments; {self.withdrawn} withdrawn; {self.errors} errors; "
            f"{self.seconds:.1f} s"
        )


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def source_of(url: str) -> str:
    host = url.split("/")[2] if "://" in url else ""
    return {
        "osr.statisticsauthority.gov.uk": "osr",
        "uksa.statisticsauthority.gov.uk": "uksa",
        "www.statisticsauthority.gov.uk": "legacy",
        "statisticsauthority.gov.uk": "legacy",
        "www.ons.gov.uk": "ons",
        "analysisfunction.civilservice.gov.uk": "analysisfunction",
        "gss.civilservice.gov.uk": "gss",
    }.get(host, host)


def build_staging(
    data_dir: str | Path,
    staging_path: str | Path,
    *,
    as_of: str | None = None,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildSummary:
    """Write a complete archive into `staging_path` (replaced if present) from the captures in `data_dir`."""
    started = time.monotonic()
    data_dir, staging_path = Path(data_dir), Path(staging_path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{staging_path}{suffix}").unlink(missing_ok=True)
    if not (data_dir / "captures.db").exists():
        raise FileNotFoundError(f"no captures in {data_dir}/ (captures.db is missing): crawl first, or check DATA")
    groups = load_groups(data_dir)
    if not groups:
        raise FileNotFoundError(f"no document captures in {data_dir}/captures.db: crawl first, or check DATA")
    jobs = plan_jobs(groups)
    results, extracted = extract_all(
        data_dir, jobs, workers=workers, progress=(lambda d, t: progress("extract", d, t)) if progress else None
    )
    db = sqlite_utils.Database(staging_path)
    db.execute("PRAGMA journal_mode=WAL")
    ensure_db_shape(db)
    summary = BuildSummary(extracted=extracted, reused=len(jobs) - extracted, staging=str(staging_path))
    loader = Loader(db, groups, results, jobs)
    with db.conn:
        loader.load()
        _load_register(db, loader.unresolved)
        _load_captures_and_errors(db, data_dir, groups)
    as_of = as_of or dt.date.today().isoformat()
    db["archive_info"].upsert_all(
        [{"key": "as_of", "value": as_of}, {"key": "built_at", "value": now_iso()},
         {"key": "extractor_version", "value": extract.EXTRACTOR_VERSION}],
        pk="key",
    )
    _derive(db, as_of)
    rebuild_fts(db)
    summary.documents = db["documents"].count
    summary.errors = db.execute("SELECT count(*) FROM documents WHERE error IS NOT NULL").fetchone()[0]
    summary.commitments = db["commitments"].count
    summary.withdrawn = db.execute("SELECT count(*) FROM documents WHERE withdrawn_at IS NOT NULL").fetchone()[0]
    summary.by_source = dict(db.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall())
    db.close()
    summary.seconds = time.monotonic() - started
    return summary


def _derive(db: sqlite_utils.Database, as_of: str) -> None:
    from archive.derive import derive

    derive(db, as_of, fts=False)  # the build rebuilds full-text search itself, once, afterwards


class Loader:
    """Turns DocumentGroups and their Extractions into rows."""

    def __init__(self, db, groups: list[DocumentGroup], results: dict[str, Extraction], jobs):
        self.db = db
        self.groups = groups
        self.results = results
        self.keys_by_url: dict[str, list[str]] = {}
        for job in jobs:
            self.keys_by_url.setdefault(job.url, []).append(job.key)
        self.id_by_url = {g.url: g.id for g in groups}
        for g in groups:
            for alias, _kind in g.aliases:
                self.id_by_url.setdefault(alias, g.id)
        self.unresolved: dict[str, dict] = {}
        self.commitment_counter: dict[int, int] = {}

    def latest(self, group: DocumentGroup) -> Extraction | None:
        keys = self.keys_by_url.get(group.url) or []
        return self.results.get(keys[-1]) if keys else None

    def load(self) -> None:
        by_url = {g.url: g for g in self.groups}
        # a legacy summary page takes its letter (text and facts) from its PDF
        borrowed: dict[str, Extraction] = {}
        for group in self.groups:
            if group.role == "attachment" and group.parent_url in by_url:
                parent = self.latest(by_url[group.parent_url])
                child = self.latest(group)
                if parent and child and not child.error and _is_summary(parent):
                    borrowed[group.parent_url] = child
        for group in self.groups:
            result = self.latest(group)
            own = result
            if group.url in borrowed:
                result = _merge_summary(result, borrowed[group.url])
            facts_elsewhere = group.role == "attachment" and group.parent_url in borrowed
            if group.role == "attachment" and not facts_elsewhere and group.parent_url in by_url and result:
                result = _without_parents_facts(result, self.latest(by_url[group.parent_url]))
            self.load_document(group, result, own, facts=not facts_elsewhere)

    def load_document(self, group: DocumentGroup, result: Extraction | None, own, facts: bool) -> None:
        db = self.db
        latest = group.latest
        result = result or Extraction(error="no successful capture")
        date = result.date
        row = {
            "id": group.id,
            "url": group.url,
            "title": result.title or group.hints.get("title") or self.attachment_title(group),
            "doc_type": "attachment" if group.role == "attachment" and not facts else result.doc_type,
            "date": date,
            "year": int(date[:4]) if date and date[:4].isdigit() else None,
            "text": result.text or None,
            "sha256": latest.sha256 if latest else None,
            "error": result.error,
            "host": group.url.split("/")[2],
            "source": source_of(group.url),
            "language": result.language,
            "fromto": group.hints.get("fromto"),
            "sender": "; ".join(_display(p) for p in result.senders) or None,
            "recipients": "; ".join(_display(p) for p in result.recipients) or None,
            "pages": result.pages,
            "ocr": 1 if result.ocr else 0,
            "parent_id": self.id_by_url.get(group.parent_url) if group.parent_url else None,
            "capture_id": latest.id if latest else None,
            "version": len(group.versions),
            "first_captured": group.captures[0].fetched_at if group.captures else None,
            "last_captured": group.captures[-1].fetched_at if group.captures else None,
            "withdrawn_at": group.withdrawn_at,
            "extractor_version": result.extractor_version,
            "warnings": json.dumps(result.warnings) if result.warnings else None,
            "organisations": _organisations(result),
        }
        db["documents"].insert(row)
        db["paragraphs"].insert_all(
            {"document_id": group.id, "n": n, "page": p.page, "section": p.section, "text": p.text}
            for n, p in enumerate(result.paragraphs)
        )
        keys = self.keys_by_url.get(group.url) or []
        for number, (version, key) in enumerate(zip(group.versions, keys), start=1):
            old = self.results.get(key)
            db["document_versions"].insert(
                {"document_id": group.id, "version": number, "capture_id": version.id,
                 "fetched_at": version.fetched_at, "sha256": version.sha256,
                 "title": old.title if old else None, "text": old.text if old else None}
            )
        db["aliases"].insert_all(
            ({"url": alias, "document_id": group.id, "kind": kind} for alias, kind in group.aliases), replace=True
        )
        self.load_links(group, own or result)
        if facts and not result.error:
            self.load_facts(group.id, result)

    def attachment_title(self, group: DocumentGroup) -> str | None:
        """An untitled attachment takes the label its page gave the link, else its file name."""
        if group.role != "attachment":
            return None
        parent = next((g for g in self.groups if g.url == group.parent_url), None)
        found = self.latest(parent) if parent else None
        for link in (found.links if found else []):
            if link.url == group.url and link.label:
                return link.label
        from urllib.parse import unquote

        return unquote(group.url.rstrip("/").rsplit("/", 1)[-1]) or None

    def resolve_url(self, url: str) -> int | None:
        """The archived document a link points at: as written, or in its canonical form (slash, host case)."""
        found = self.id_by_url.get(url)
        if found is None:
            from crawler.urls import canonical_url

            try:
                found = self.id_by_url.get(canonical_url(url))
            except ValueError:
                found = None
        return found

    def load_links(self, group: DocumentGroup, result: Extraction) -> None:
        seen = set()
        for link in result.links:
            key = (link.url, link.kind)
            if key in seen or link.url == group.url:
                continue
            seen.add(key)
            self.db["links"].insert(
                {"from_document_id": group.id, "to_document_id": self.resolve_url(link.url),
                 "to_url": link.url, "kind": link.kind, "label": link.label or None,
                 "label_date": link.label_date, "evidence": "link in page"}
            )
        if group.role == "attachment" and group.parent_url in self.id_by_url:
            parent_id = self.id_by_url[group.parent_url]
            exists = self.db.execute(
                "SELECT 1 FROM links WHERE from_document_id = ? AND to_url = ? AND kind = 'attachment'",
                (parent_id, group.url),
            ).fetchone()
            if exists:
                self.db.execute(
                    "UPDATE links SET to_document_id = ? WHERE from_document_id = ? AND to_url = ?",
                    (group.id, parent_id, group.url),
                )
            else:
                self.db["links"].insert(
                    {"from_document_id": parent_id, "to_document_id": group.id, "to_url": group.url,
                     "kind": "attachment", "label": None, "evidence": "fetched as an attachment of the page"}
                )

    def party_id(self, mention) -> str:
        if mention.party_id:
            return mention.party_id
        kind = "person" if mention.name else "organisation"
        label = mention.name or mention.organisation or "unknown"
        pid = f"unresolved:{kind}:{_slug(label)}"
        self.unresolved.setdefault(pid, {"id": pid, "name": label, "kind": kind, "resolved": 0,
                                         "organisation_id": mention.organisation_id})
        return pid

    def load_facts(self, doc_id: int, result: Extraction) -> None:
        db = self.db
        seen = set()
        for mention in result.parties:
            pid = self.party_id(mention)
            if (pid, mention.relation) in seen:
                continue
            seen.add((pid, mention.relation))
            db["document_parties"].insert(
                {"document_id": doc_id, "party_id": pid, "role": mention.relation, "name_text": mention.name,
                 "role_text": mention.role, "organisation_text": mention.organisation,
                 "organisation_id": mention.organisation_id, "source": mention.source},
                replace=True,
            )
        db["dates"].insert_all(
            {"document_id": doc_id, "text": d.text, "start": d.start, "end": d.end, "granularity": d.granularity,
             "paragraph": d.paragraph, "page": d.page, "char_start": d.char_start, "char_end": d.char_end}
            for d in result.dates
        )
        rows = []
        for n, c in enumerate(result.commitments, start=1):
            actor = c.actor_id
            person = next((m for m in result.parties if c.actor and m.name == c.actor), None) if actor is None else None
            if person is not None:  # "you" in a letter to a member of the public: the addressee in person
                actor = self.party_id(person)
            elif actor is None and c.actor:
                actor = self.party_id(type(result.parties[0])(organisation=c.actor)) if result.parties else None
            rows.append(
                {"id": f"c{doc_id}-{n}", "document_id": doc_id, "kind": c.kind, "actor": actor,
                 "actor_name": c.actor, "quote": c.quote, "paragraph": c.paragraph, "page": c.page,
                 "char_start": c.char_start, "char_end": c.char_end,
                 "due_text": c.due.text if c.due else None, "due_start": c.due.start if c.due else None,
                 "due_end": c.due.end if c.due else None, "status": None, "made_on": result.date}
            )
        db["commitments"].insert_all(rows)


def _squash(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _without_parents_facts(child: Extraction, parent: Extraction | None) -> Extraction:
    """A "Download PDF version" repeats its page: a commitment already quoted in the parent page is the parent's
    (counted once, on the page); what only the attachment says stays on the attachment."""
    if parent is None or not parent.text:
        return child
    parent_text = _squash(parent.text)
    kept = [c for c in child.commitments if _squash(c.quote) not in parent_text]
    if len(kept) == len(child.commitments):
        return child
    trimmed = Extraction(**{**child.__dict__})
    trimmed.commitments = kept
    trimmed.warnings = [*child.warnings, f"{len(child.commitments) - len(kept)} commitments also on the parent page"]
    return trimmed


def _is_summary(result: Extraction) -> bool:
    words = len(result.text.split())
    return result.doc_type == "summary" or (0 < words <= LEGACY_SUMMARY_MAX_WORDS and not result.commitments)


def _merge_summary(page: Extraction | None, letter: Extraction) -> Extraction:
    """The summary page keeps its title, URL and links; text and facts come from the PDF letter."""
    merged = Extraction(**{**letter.__dict__})
    if page is not None:
        merged.title = page.title or letter.title
        merged.date = page.date or letter.date
        merged.links = page.links
        merged.doc_type = "letter" if page.doc_type in (None, "summary", "unknown") else page.doc_type
    return merged


def _organisations(result: Extraction) -> str | None:
    names = []
    for party in [*result.senders, *result.recipients, *result.copied]:
        name = party.organisation
        if name and name not in names:
            names.append(name)
    return json.dumps(names) if names else None


def _display(p) -> str:
    who = p.name or ""
    if p.organisation:
        who = f"{who}, {p.organisation}" if who else p.organisation
    return who


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "unknown"


def _load_register(db, unresolved: dict[str, dict]) -> None:
    from extract.parties import Register

    register = Register.load()
    parties, roles = [], []
    for org in register.organisations.values():
        parties.append({"id": org.id, "name": org.name, "kind": "organisation",
                        "abbreviation": org.abbreviations[0] if org.abbreviations else None,
                        "parent_id": org.parent, "resolved": 1, "created": org.created, "dissolved": org.dissolved,
                        "aliases": json.dumps([*org.abbreviations, *org.aliases, *(f[0] for f in org.former_names)])})
    for person in register.people.values():
        latest = person.role_on(None)
        parties.append({"id": person.id, "name": person.name, "kind": "person", "resolved": 1,
                        "organisation_id": latest.organisation if latest else None,
                        "aliases": json.dumps(list(person.aliases))})
        for role in person.roles:
            roles.append({"party_id": person.id, "role": role.title or "", "organisation_id": role.organisation,
                          "start": role.start or "", "end": role.end})
    db["parties"].insert_all(parties, replace=True)
    db["roles"].insert_all(roles, replace=True)
    db["parties"].insert_all(unresolved.values(), ignore=True)


def _load_captures_and_errors(db, data_dir: Path, groups: list[DocumentGroup]) -> None:
    conn = capturedb.connect(data_dir)
    ids = {g.url: g.id for g in groups}
    rows = []
    for c in conn.execute("SELECT * FROM captures ORDER BY id"):
        rows.append(
            {"id": c["id"], "url": c["url"], "fetched_at": c["fetched_at"], "http_status": c["http_status"],
             "sha256": c["sha256"], "warc_file": c["warc_file"], "warc_offset": c["warc_offset"],
             "warc_length": c["warc_length"], "record_type": c["record_type"], "content_type": c["content_type"],
             "document_id": ids.get(c["document_url"]), "part": c["part"], "role": c["role"]}
        )
    db["captures"].insert_all(rows)
    errors = [
        {"url": e["url"], "document_id": ids.get(e["url"]), "stage": "crawl", "error": e["error"],
         "detail": e["detail"], "at": e["at"], "run_id": e["run_id"]}
        for e in conn.execute("SELECT * FROM fetch_errors ORDER BY id")
    ]
    conn.close()
    errors += [
        {"url": r[1], "document_id": r[0], "stage": "extract", "error": r[2], "at": now_iso()}
        for r in db.execute("SELECT id, url, error FROM documents WHERE error IS NOT NULL")
    ]
    db["errors"].insert_all(errors)


def build(data_dir: str | Path, db_path: str | Path, **kwargs) -> BuildSummary:
    """Build a staging archive from DATA and publish it into `db_path` in one transaction."""
    from archive.publish import publish

    staging = Path(f"{db_path}.staging")
    summary = build_staging(data_dir, staging, **kwargs)
    publish(staging, db_path)
    return summary


def dumps(summary: BuildSummary) -> str:
    return json.dumps(summary.__dict__, indent=2)
