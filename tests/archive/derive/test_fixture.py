"""Builds small archive.db files for the links-stage tests from tests/files/links/*.yml, the way the build fills them.

The YAML holds documents (with their from/to parties, Related Links and commitments as the build would insert them)
and an `expected` answer key. `load_archive(name, path)` writes documents, parties, document_parties, links
(to_document_id resolved by URL, as the build does) and commitments (status NULL) with sqlite-utils directly.
"""
from __future__ import annotations

from pathlib import Path

import sqlite_utils
import yaml

from archive.schema import ensure_db_shape

FILES = Path(__file__).resolve().parents[2] / "files" / "links"


def read_fixture(name: str) -> dict:
    return yaml.safe_load((FILES / name).read_text(encoding="utf-8"))


def _party_rows(ids: list, parties: dict) -> tuple[list[str], str]:
    names = [x for x in ids if x not in parties]
    return [x for x in ids if x in parties], (names[0] if names else "")


def load_archive(name: str, path: Path) -> tuple[sqlite_utils.Database, dict]:
    spec = read_fixture(name)
    db = sqlite_utils.Database(path)
    db.execute("pragma synchronous = off")  # a throwaway test database: no need to wait for the disk
    ensure_db_shape(db)
    parties = {p["id"]: p for p in spec["parties"]}
    db["parties"].insert_all(
        [dict(p, resolved=1) for p in spec["parties"]], pk="id", alter=True, replace=True
    )
    urls = {d["url"]: d["id"] for d in spec["documents"]}
    by_id = {d["id"]: d for d in spec["documents"]}
    for d in spec["documents"]:
        senders, sender_text = _party_rows(d.get("from") or [], parties)
        recipients, recipient_text = _party_rows(d.get("to") or [], parties)
        db["documents"].insert({
            "id": d["id"], "url": d["url"], "title": d["title"], "doc_type": d["doc_type"], "date": d["date"],
            "text": d["text"].strip(), "host": d["url"].split("/")[2], "year": int(d["date"][:4]),
            "sender": sender_text or ", ".join(parties[s]["name"] for s in senders),
            "recipients": recipient_text or ", ".join(parties[r]["name"] for r in recipients),
            "parent_id": d.get("parent_id"),
        }, pk="id")
        for role, ids in (("sender", senders), ("recipient", recipients)):
            for pid in ids:
                db["document_parties"].insert({
                    "document_id": d["id"], "party_id": pid, "role": role, "name_text": parties[pid]["name"],
                    "organisation_id": parties[pid].get("organisation_id") or (pid if pid.startswith("org:") else None),
                    "source": "fromto",
                }, pk=("document_id", "party_id", "role"), replace=True)
        for n, para in enumerate(p for p in d["text"].split("\n\n") if p.strip()):
            db["paragraphs"].insert({"document_id": d["id"], "n": n, "text": para.strip()}, pk=("document_id", "n"))
        for link in d.get("links") or []:
            target = link["to"]
            to_url = by_id[target]["url"] if isinstance(target, int) else target
            db["links"].insert({
                "from_document_id": d["id"], "to_document_id": urls.get(to_url), "to_url": to_url,
                "kind": link.get("kind", "related"), "label": link.get("label"), "label_date": link.get("label_date"),
                "evidence": "Related Links",
            }, pk="id")
        for n, c in enumerate(d.get("commitments") or [], start=1):
            db["commitments"].insert(dict(c, id=f"c{d['id']}-{n}", document_id=d["id"], made_on=d["date"]), pk="id")
    return db, spec


def test_fixture_loads_as_the_build_would(tmp_path):
    db, spec = load_archive("archive.yml", tmp_path / "a.db")
    assert db["documents"].count == len(spec["documents"])
    unresolved = db.execute("select count(*) from links where to_document_id is null").fetchone()[0]
    assert unresolved == 0  # every fixture link points at a fixture document
    assert db.execute("select count(*) from commitments where status is not null").fetchone()[0] == 0


def test_a_commitment_naming_only_a_generic_thing_takes_its_object_from_the_sentences_before():
    from archive.derive.followup import _sentence_before

    paragraph = ("You told us the Data Linkage Plan would follow in June. It has not appeared. "
                 "I ask that ONS publish the plan by 30 September at the latest.")
    assert _sentence_before(paragraph, "I ask that ONS publish the plan by 30 September at the latest.") == \
        "You told us the Data Linkage Plan would follow in June. It has not appeared."
    assert _sentence_before(paragraph, "You told us the Data Linkage Plan would follow in June.") == ""
