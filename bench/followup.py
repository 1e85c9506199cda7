"""`bench_followup()`: follow-up matching on generated hostile input (`python -m bench followup`).

Rows (what, size, figure, unit): a page of 5,000 near-identical promises, a 1,000-letter exchange where every letter
promises something on the same subject, and a dense 400-letter archive of 2,000 promises drawn from a small
vocabulary (every promise shares words with hundreds of others). Invented words only.
"""
from __future__ import annotations

import datetime as dt
import random
import time

from archive.derive.followup import Doc, follow

ONS, OSR = "org:ons", "org:osr"


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(4)))
    return sorted(out)


def _c(doc, n, quote, actor, made, due=None) -> dict:
    return {"id": f"c{doc}-{n}", "document_id": doc, "kind": "commitment", "quote": quote, "actor_name": "",
            "due_start": due, "due_end": due, "made_on": made, "_actor": {actor}}


def one_page(n: int = 5000):
    quotes = [f"We will publish the {w} estimates by 31 March 2021." for w in _words(n, 0)]
    docs = {1: Doc(1, dt.date(2020, 6, 1), "ONS to OSR: outputs", "\n\n".join(quotes), True, "t1", {ONS}, {OSR})}
    return docs, [_c(1, i + 1, q, ONS, "2020-06-01", "2021-03-31") for i, q in enumerate(quotes)]


def long_thread(n: int = 1000):
    docs, cs = {}, []
    for i, w in enumerate(_words(n, 1)):
        sender, recipient = (ONS, OSR) if i % 2 == 0 else (OSR, ONS)
        when = dt.date(2016, 1, 1) + dt.timedelta(days=i)
        quote = f"We will publish the survey weighting {w} review."
        docs[i] = Doc(i, when, f"Survey weighting letter {i}", quote, True, "t0", {sender}, {recipient})
        cs.append(_c(i, 1, quote, sender, when.isoformat()))
    return docs, cs


def dense(n_letters: int = 400, per: int = 5):
    rng = random.Random(0)
    vocab = _words(26, 2)
    docs, cs = {}, []
    for i in range(n_letters):
        when = dt.date(2015, 1, 1) + dt.timedelta(days=i)
        sentences = [f"We will publish the {' '.join(rng.sample(vocab, 3))} statistics by {rng.randint(1, 28)} March "
                     f"{when.year + 1}." for _ in range(per)]
        a, b = ({ONS}, {OSR}) if i % 2 else ({OSR}, {ONS})
        docs[i] = Doc(i, when, f"Letter on {' '.join(rng.sample(vocab, 4))}", " ".join(sentences), True,
                      "t0" if i % 3 == 0 else None, a, b)
        cs += [_c(i, k + 1, s, next(iter(a)), when.isoformat()) for k, s in enumerate(sentences)]
    return docs, cs


def bench_followup() -> list[tuple]:
    rows = []
    for label, (docs, cs) in (("one page of near-identical promises", one_page()),
                              ("one exchange, every letter a promise on its subject", long_thread()),
                              ("dense archive (26-word vocabulary)", dense())):
        used: list = []
        started = time.perf_counter()
        follow(cs, docs, {}, {}, dt.date(2030, 1, 1), index=used)
        seconds = time.perf_counter() - started
        size = f"{len(cs)} commitments, {len(docs)} documents"
        rows.append((f"follow-up: {label}: seconds", size, seconds, "s"))
        rows.append((f"follow-up: {label}: items read per commitment", size, used[0].reads / len(cs), "items"))
    return rows


if __name__ == "__main__":
    for row in bench_followup():
        print(*row, sep="\t")
