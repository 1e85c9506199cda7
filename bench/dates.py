"""bench_dates(): how long the date extractor takes on a letter, next to dateparser's search_dates.

Rows are (what, size, figure, unit) for `python -m bench dates`. The letter below is invented, in the genre of
the regulator's correspondence, about 600 words with the usual mix of dates and traps.
"""
from __future__ import annotations

import time
from pathlib import Path

from extract.dates.finder import extract_dates
from extract.records import Paragraph

LETTER = """Dear Ian,

Thank you for your letter of 16 January 2020 setting out the Department's plans for the quarterly publication of
the housing statistics. We welcome the commitment to publish the first set of revised estimates in February, and
the decision to move the annual release from the autumn to the spring from 2021.

When we met on Monday 3 February we discussed the changes made since the Code of Practice for Statistics (2018
edition) came into force. We were pleased to hear that the team has addressed the issues we raised in our review
of 12 March 2019, and that the new quality statement was published on 24/06/2019. We also noted that 2,019
households responded to the pilot survey in the third quarter of 2019, a response rate of about 54 per cent.

We would now like the Department to set out, by the end of March, how it will handle the break in the series
between 2018 and 2019. We expect an update on the methods review within six months, and we would welcome a
short note in the coming weeks explaining the revisions policy. The Digital Economy Act 2017 offers a route to
more linked data; we understand that the data sharing agreement is due to be signed later this year, and that
the first linked outputs may follow in the second half of 2021.

We recognise that the financial year 2019/20 has brought pressures on resources. The Department told us that
the budget for 2020-21 is not yet settled and that the work on Census 2021 comparisons will need to wait until
the first quarter of 2021. We understand this, but we ask that users are told of the timetable as soon as
possible, and in any case before the summer. We will review progress in autumn 2020 and again in early 2021.

Users have told us that the monthly tables published at 9.30am are valuable, and that the series going back to
the 1990s is one of the few long runs of comparable data. Please make sure the historical tables remain
available when the new platform launches next year. If the migration takes place between October and December
2020, as planned, please publish a notice at least four weeks in advance.

We will continue to engage with the team over the coming months and will write again by spring. Our
Assessment Report 330 set out the requirements for designation; we expect the remaining requirements to be met
by 31 December 2020 at the latest, and we would be grateful for a progress report on 1 July.

I am copying this letter to the Head of Profession for Statistics at the Department and to the National
Statistician. We will publish this letter on our website on Friday.

Yours sincerely,

Ed Humpherson
Director General for Regulation
17 February 2020"""


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(" ".join(block.split())) for block in text.split("\n\n") if block.strip()]


def _time(fn, repeat: int, batches: int = 5) -> float:
    """Seconds per call: the best of a few batches (as timeit does), so a busy shared machine inflates it less."""
    fn()  # warm: regex compilation, caches
    best = float("inf")
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def bench_dates() -> list[tuple[str, str, float, str]]:
    paras = _paragraphs(LETTER)
    words = sum(len(p.text.split()) for p in paras)
    found = extract_dates(paras, "2020-02-17")
    ours = _time(lambda: extract_dates(paras, "2020-02-17"), 40)
    rows = [
        ("extract_dates, invented letter", f"{words} words, {len(found)} dates", ours * 1000, "ms/letter"),
        ("extract_dates throughput", f"{words} words", 1 / ours, "letters/s"),
    ]
    from dateparser.search import search_dates

    text = "\n\n".join(p.text for p in paras)
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    base = _time(lambda: search_dates(text, languages=["en"], settings=settings), 2, batches=3)
    baseline_hits = search_dates(text, languages=["en"], settings=settings) or []
    rows.append(("dateparser search_dates (baseline)", f"{words} words, {len(baseline_hits)} hits",
                 base * 1000, "ms/letter"))
    timebank = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank-aquaint"
    if timebank.is_dir():
        from eval.timebank import ours as run_ours, read_corpus

        articles = read_corpus(timebank)
        words_tb = sum(len(a.text.split()) for a in articles)
        start = time.perf_counter()
        for art in articles:
            run_ours(art)
        took = time.perf_counter() - start
        rows.append(("extract_dates, TimeBank/AQUAINT", f"{len(articles)} articles, {words_tb} words",
                     took / words_tb * 600 * 1000, "ms/600 words"))
    return rows


if __name__ == "__main__":
    for row in bench_dates():
        print(row)
