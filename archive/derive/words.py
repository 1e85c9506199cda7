"""Words, stems and overlap for the links stage: which letters and promises talk about the same thing."""
from __future__ import annotations

import functools
import re
from typing import Iterable

STOP = set(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves shall may might must upon within without
    which whilst per via across along also however therefore thus further furthermore dear yours sincerely faithfully
    ever regards thank thanks letter letters response reply write writing wrote written re regarding following note
    statistics statistical official data office regulation authority national osr ons uksa director general
    chair chief executive head profession team colleagues copy copying grateful welcome like would please
    january february march april june july august september october november december year years month
    months week weeks day days today date time mr mrs ms dr sir dame professor prof lord rt hon mp""".split()
)


_WORD_RE = re.compile(r"[a-z][a-z'’\-]*[a-z]|[a-z]", re.IGNORECASE)


@functools.lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A crude, symmetric stemmer: publishes/published/publishing -> publish; labelling/labels -> label;
    releases/release -> releas; consistently -> consistent."""
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "saeiou" and (w[-1] != "l" or len(w) >= 6):
                w = w[:-1]  # labell -> label, committ -> commit (not "ss"; "ll" only in longer words: call stays)
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text or "")]


def content_tokens(text: str, extra_stop: Iterable[str] = ()) -> list[str]:
    stop = STOP | set(extra_stop)
    return [stem(w) for w in words(text) if len(w) > 2 and w not in stop and stem(w) not in stop]


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: shared tokens over the smaller set."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())
