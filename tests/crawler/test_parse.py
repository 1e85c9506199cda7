"""Per-page-type parsing tests on saved pages (tests/files/crawl/pages, invented) and URL rules."""
from pathlib import Path

import pytest

from crawler import parse
from crawler.mirror import from_mirror, to_mirror
from captures.sources import default_registry
from captures.urls import canonical_url, chapter_number, document_url_for

PAGES = Path(__file__).resolve().parents[1] / "files" / "crawl" / "pages"
SITE = Path(__file__).resolve().parents[1] / "files" / "crawl" / "site"
REG = default_registry()


def is_letter(url):
    canon = canonical_url(url)
    return canon if REG.classify(canon) == "letter" else None


def read(name):
    return (PAGES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("url,expected", [
    ("https://OSR.statisticsauthority.gov.uk/correspondence/x?utm_source=a#f",
     "https://osr.statisticsauthority.gov.uk/correspondence/x/"),
    ("http://osr.statisticsauthority.gov.uk/correspondence/31379", "https://osr.statisticsauthority.gov.uk/correspondence/31379/"),
    ("https://www.ons.gov.uk/news/statementsandletters/abc/", "https://www.ons.gov.uk/news/statementsandletters/abc"),
    ("https://osr.statisticsauthority.gov.uk/wp-content/uploads/2020/01/A_b.pdf",
     "https://osr.statisticsauthority.gov.uk/wp-content/uploads/2020/01/A_b.pdf"),
    ("https://osr.statisticsauthority.gov.uk/correspondence-list/?show=all&keyword=&theme=",
     "https://osr.statisticsauthority.gov.uk/correspondence-list/?keyword=&show=all&theme="),
    ("https://osr.statisticsauthority.gov.uk/wp-json/wp/v2/publication?per_page=100",
     "https://osr.statisticsauthority.gov.uk/wp-json/wp/v2/publication?per_page=100"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url,kind", [
    ("https://osr.statisticsauthority.gov.uk/correspondence/crime-statistics-4/", "letter"),
    ("https://osr.statisticsauthority.gov.uk/correspondence/31379/", "letter"),
    ("https://uksa.statisticsauthority.gov.uk/submission/evidence-on-x/", "letter"),
    ("https://osr.statisticsauthority.gov.uk/correspondence/x/embed/", "embed"),
    ("https://osr.statisticsauthority.gov.uk/organisation/office-for-national-statistics/", "taxonomy"),
    ("https://osr.statisticsauthority.gov.uk/correspondence-type/letters/", "taxonomy"),
    ("https://uksa.statisticsauthority.gov.uk/org/ons/", "taxonomy"),
    ("https://osr.statisticsauthority.gov.uk/feed/", "feed"),
    ("https://osr.statisticsauthority.gov.uk/?s=census", "search"),
    ("https://osr.statisticsauthority.gov.uk/correspondence-list/?page=2", "listing"),
    ("https://osr.statisticsauthority.gov.uk/publication/x/", "publication"),
    ("https://osr.statisticsauthority.gov.uk/publication/x/pages/3/", "chapter"),
    ("https://osr.statisticsauthority.gov.uk/wp-content/uploads/sites/3/2024/01/Letter.pdf", "attachment"),
    ("https://osr.statisticsauthority.gov.uk/wp-content/uploads/2024/01/Data.docx", "attachment"),
    ("https://www.statisticsauthority.gov.uk/wp-content/uploads/2015/03/letter_tcm97-44571.pdf", "attachment"),
    ("https://www.statisticsauthority.gov.uk/assessment/monitoring/letters/letter-to-x.html", "legacy"),
    ("https://www.ons.gov.uk/news/statementsandletters/a-statement", "letter"),
    ("https://www.ons.gov.uk/economy/inflation", "unknown"),
    ("https://osr.statisticsauthority.gov.uk/about-us/", "unknown"),
    ("https://example.org/correspondence/x/", "offhost"),
    ("https://analysisfunction.civilservice.gov.uk/policy-store/data-linkage-work-programme/", "page"),
])
def test_classify(url, kind):
    assert REG.classify(canonical_url(url)) == kind


def test_chapters_belong_to_their_publication():
    url = "https://osr.statisticsauthority.gov.uk/publication/x/pages/3/"
    assert document_url_for(url, "chapter") == "https://osr.statisticsauthority.gov.uk/publication/x/"
    assert chapter_number(url) == 3


def test_mirror_mapping_round_trip():
    mirror = "http://127.0.0.1:8123"
    real = "https://osr.statisticsauthority.gov.uk/correspondence-list/?page=2"
    assert to_mirror(real, mirror) == "http://127.0.0.1:8123/osr.statisticsauthority.gov.uk/correspondence-list/?page=2"
    assert from_mirror(to_mirror(real, mirror), mirror) == real
    assert from_mirror("https://osr.statisticsauthority.gov.uk/x/", mirror) == "https://osr.statisticsauthority.gov.uk/x/"


def test_listing_nested_items():
    html = (SITE / "osr.statisticsauthority.gov.uk/correspondence-list/index.html").read_text()
    base = "https://osr.statisticsauthority.gov.uk/correspondence-list/"
    entries = {e.url: e for e in parse.listing_entries(html, base, is_letter)}
    assert len(entries) == 3
    e = entries["https://osr.statisticsauthority.gov.uk/correspondence/alpha-to-beta-topic/"]
    assert (e.title, e.date_text) == ("Pat Alpha to Sam Beta: Quarterly widget statistics", "14 March 2023")
    assert e.fromto == "Pat Alpha, Invented Regulation Office to Sam Beta, Department for Widgets"
    assert entries["https://osr.statisticsauthority.gov.uk/correspondence/crime-statistics-4/"].fromto == "to"
    facts = parse.page_facts(html, base)
    assert facts.next_pages == ["https://osr.statisticsauthority.gov.uk/correspondence-list/?page=2"]
    assert len(facts.show_all) == 1 and facts.count_text == 5


def test_listing_table_rows():
    base = "https://osr.statisticsauthority.gov.uk/correspondence-list/"
    entries = parse.listing_entries(read("listing_table.html"), base, is_letter)
    assert [(e.title, e.date_text, e.fromto) for e in entries] == [
        ("Jo North to Al South: Trade figures", "3rd February 2021",
         "Jo North, Invented Regulation Office to Al South, Department of Trade"),
        ("Letter to Mo West on fishing catches", "17 Sept 2016", "Mo East to Mo West, Marine Agency"),
        ("Labour market statistics", "28 April 2015", "to"),
    ]
    assert parse.page_facts(read("listing_table.html"), base).next_pages == [base + "?page=2"]


def test_listing_flat_siblings():
    base = "https://uksa.statisticsauthority.gov.uk/correspondence-list/"
    entries = parse.listing_entries(read("listing_flat.html"), base, is_letter)
    got = [(e.url.rsplit("/", 2)[-2], e.date_text, e.fromto) for e in entries]
    assert got == [
        ("chair-to-committee-on-surveys", "11 November 2024",
         "Sir Invented Chair, Invented Statistics Board to Rt Hon Pat Member MP, Select Committee"),
        ("chair-to-minister-on-census-2", "2 October 2024",
         "Sir Invented Chair, Invented Statistics Board to Minister for Numbers"),
        ("evidence-only", "1 September 2024", None),
    ]
    facts = parse.page_facts(read("listing_flat.html"), base)
    assert facts.next_pages == ["https://uksa.statisticsauthority.gov.uk/correspondence-list/page/2/"]
    assert facts.show_all


def test_letter_page_links_and_not_an_archive():
    base = "https://osr.statisticsauthority.gov.uk/correspondence/ari-hill-to-bo-dale-energy-prices/"
    facts = parse.page_facts(read("letter.html"), base)
    kinds = {}
    for link in facts.links:
        canon = canonical_url(link.url)
        kinds.setdefault(REG.classify(canon), set()).add(canon)
    assert kinds["attachment"] == {"https://osr.statisticsauthority.gov.uk/wp-content/uploads/2022/08/Energy_prices_annex-1.pdf"}
    assert "https://www.ons.gov.uk/news/statementsandletters/energy-response" in kinds["letter"]
    assert "https://www.statisticsauthority.gov.uk/correspondence/energy-statistics/" in kinds["letter"]
    assert "https://osr.statisticsauthority.gov.uk/publication/review-of-energy-statistics/pages/2/" in kinds["chapter"]
    assert kinds["embed"] and kinds["taxonomy"]
    assert facts.next_pages == []
    assert parse.archive_reason(facts, len(kinds["letter"])) is None


def test_taxonomy_archive_is_recognised_by_content():
    facts = parse.page_facts(read("taxonomy_archive.html"), "https://osr.statisticsauthority.gov.uk/correspondence/x/")
    assert parse.archive_reason(facts, 3) is not None


def test_sitemaps():
    index = parse.sitemap_entries((PAGES / "sitemap_index.xml").read_bytes())
    assert all(e.is_index for e in index) and len(index) == 3
    posts = parse.sitemap_entries((PAGES / "sitemap_posts.xml").read_bytes())
    assert [(e.url.rsplit("/", 2)[-2], e.lastmod) for e in posts] == [
        ("ari-hill-to-bo-dale-energy-prices", "2022-08-09T10:00:00+00:00"), ("31379", None)]
    assert parse.sitemap_entries(b"<html>not a sitemap") == []


def test_wp_api_items():
    items = parse.wp_api_items((PAGES / "wp_api_publication.json").read_bytes())
    assert [(i.url.rsplit("/", 2)[-2], i.modified) for i in items] == [
        ("review-of-energy-statistics", "2023-07-20T11:00:00"), ("assessment-of-x", "2021-01-05T09:30:00")]
    assert items[0].title == "Review of energy statistics – 2023"
    with pytest.raises(ValueError):
        parse.wp_api_items(b'{"code": "rest_no_route"}')


def test_deeply_nested_and_malformed_html_still_parse():
    deep = "<html><body>" + "<div>" * 5000 + '<a href="/correspondence/deep/">Deep</a>' + "</div>" * 10 + "<p>unclosed <b>bold"
    facts = parse.page_facts(deep, "https://osr.statisticsauthority.gov.uk/x/")
    assert facts.depth > parse.DEEP_NESTING
    assert [canonical_url(link.url) for link in facts.links] == ["https://osr.statisticsauthority.gov.uk/correspondence/deep/"]


def test_show_all_means_the_unfiltered_list():
    base = "https://osr.statisticsauthority.gov.uk/correspondence-list/"
    assert parse.is_show_all(base + "?keyword=&theme=&date=&show=all")
    assert not parse.is_show_all(base + "?keyword=&theme=economy&date=&show=all")
    assert not parse.is_show_all(base + "?pg=2")


def test_a_letter_with_a_sidebar_of_recent_letters_is_still_a_letter():
    sidebar = "".join(f'<li><a href="/correspondence/recent-{i}/">Recent {i}</a></li>' for i in range(14))
    html = read("letter.html").replace("</article>", f"</article><aside><ul>{sidebar}</ul></aside>")
    facts = parse.page_facts(html, "https://osr.statisticsauthority.gov.uk/correspondence/ari-hill-to-bo-dale-energy-prices/")
    assert parse.archive_reason(facts, 16) is None


def test_every_real_letter_url_of_the_2020_list_classifies_as_a_letter():
    import csv
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "uksa-correspondence-list-2020-06-19.csv"
    if not path.is_file():
        pytest.skip(f"needs {path} (../shared/data)")
    with open(path, encoding="utf-8", newline="") as fh:
        urls = [row["url"] for row in csv.DictReader(fh)]
    assert len(urls) == 1244
    kinds = {url: REG.classify(canonical_url(url)) for url in urls}
    assert {u: k for u, k in kinds.items() if k != "letter"} == {}
    assert len({canonical_url(u) for u in urls}) == len(set(urls))     # no two real letters collapse into one


def test_numbered_pagination_without_a_next_link():
    base = "https://uksa.statisticsauthority.gov.uk/correspondence-list/?keyword=&theme=&date=&pg=2"
    html = ('<p>1,244 item(s) of correspondence found</p><nav>'
            '<a href="?keyword=&amp;theme=&amp;date=&amp;pg=1">1</a> <a href="?keyword=&amp;theme=&amp;date=&amp;pg=3">3</a>'
            ' <a href="?keyword=&amp;theme=health&amp;date=&amp;pg=3">3 (health)</a>'
            ' <a href="/correspondence-list/page/9/">9</a></nav>')
    facts = parse.page_facts(html, base)
    assert facts.count_text == 1244
    assert facts.numbered_pages == [
        "https://uksa.statisticsauthority.gov.uk/correspondence-list/?keyword=&theme=&date=&pg=1",
        "https://uksa.statisticsauthority.gov.uk/correspondence-list/?keyword=&theme=&date=&pg=3"]
    osr = parse.page_facts('<a href="/correspondence-list/page/3/">3</a><a href="/publication/page/2/">x</a>',
                           "https://osr.statisticsauthority.gov.uk/correspondence-list/page/2/")
    assert osr.numbered_pages == ["https://osr.statisticsauthority.gov.uk/correspondence-list/page/3/"]
    assert parse.find_date("Published 19/06/2020") == "19/06/2020"


def test_publication_page_offers_its_chapters_and_pdf():
    base = "https://osr.statisticsauthority.gov.uk/publication/review-of-widget-statistics/"
    html = (SITE / "osr.statisticsauthority.gov.uk/publication/review-of-widget-statistics/index.html").read_text()
    kinds = {}
    for link in parse.page_facts(html, base).links:
        canon = canonical_url(link.url)
        kinds.setdefault(REG.classify(canon), set()).add(canon)
    assert kinds["chapter"] == {base + "pages/2/", base + "pages/3/"}
    assert kinds["attachment"] == {"https://osr.statisticsauthority.gov.uk/wp-content/uploads/2023/07/Review_of_widget_statistics.pdf"}
    assert {document_url_for(u, "chapter") for u in kinds["chapter"]} == {base}


def test_legacy_summary_page_leads_to_its_pdf():
    base = "https://www.statisticsauthority.gov.uk/assessment/monitoring/letters/letter-to-director-widget-statistics.html"
    assert REG.classify(canonical_url(base)) == "legacy"
    facts = parse.page_facts(read("legacy_summary.html"), base)
    kinds = {REG.classify(canonical_url(link.url)): canonical_url(link.url) for link in facts.links}
    assert kinds["attachment"].endswith("letter-to-director-widget-statistics_tcm97-44102.pdf")
    assert parse.archive_reason(facts, 0) is None


def test_labelled_from_to_line_is_kept_as_written():
    html = ('<div><article><h2><a href="/correspondence/a-b/">Widget figures</a></h2><p>Date: 4 March 2024</p>'
            '<p>From: Ann Author, Invented Office To: Bo Reader, Department for Widgets</p></article>'
            '<article><h2><a href="/correspondence/c-d/">Other</a></h2></article></div>')
    (entry, _) = parse.listing_entries(html, "https://osr.statisticsauthority.gov.uk/correspondence-list/", is_letter)
    assert entry.fromto == "From: Ann Author, Invented Office To: Bo Reader, Department for Widgets"
    assert entry.date_text == "4 March 2024"
