"""What a host and a feed reader get: sitemap, Atom feed and Open Graph tags with the real site URL."""

from __future__ import annotations

import gzip
import html as html_module
import re
import urllib.request
import xml.etree.ElementTree as ET

from tests.browser.conftest import Served

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get(url: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = {k.lower(): v for k, v in response.headers.items()}
        body = response.read()
    return (gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body), headers


def test_sitemaps_list_every_article_with_absolute_urls(served: Served) -> None:
    for edition in ("", "zh-Hant/"):
        body, _ = get(served.url(edition + "sitemap.xml"))
        urls = [loc.text or "" for loc in ET.fromstring(body).iter(SITEMAP + "loc")]
        assert served.url(edition + "articles/002_73da3ebac38cb5ad/") in urls
        assert all(u.startswith(served.url(edition)) for u in urls)


def test_the_atom_feed_lists_articles_newest_first(served: Served) -> None:
    body, _ = get(served.url("feed.xml"))
    feed = ET.fromstring(body)
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 5
    links = [e.find(ATOM + "link").get("href") for e in entries]  # type: ignore[union-attr]
    # Newest first by date, an undated article by the date it is inferred to have (约): 002 mentions
    # 2023年7月, 000 a 2023 fair, 004 is dated 2022-12-20, 003 mentions 2022年底, 001 2022.
    order = ["002_73da3ebac38cb5ad", "000_15d28169d830768d", "004_adf66b7354aa4ca2", "003_29a78f28a3f084e3"]
    assert links[:4] == [served.url(f"articles/{stem}/") for stem in order]
    assert all(link and link.startswith(served.base) for link in links)
    assert feed.findtext(ATOM + "updated") == "2022-12-20T00:00:00Z"
    hant = ET.fromstring(get(served.url("zh-Hant/feed.xml"))[0])
    assert hant.findtext(ATOM + "title") == "大模型競賽文摘"


def test_pages_carry_description_and_open_graph(served: Served) -> None:
    html = get(served.url("articles/004_adf66b7354aa4ca2/"))[0].decode("utf-8")
    # The description is the article's summary: whole sentences of its text, short enough to show.
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description is not None
    sentences = re.findall(r"[^。！？]+[。！？]", html_module.unescape(description.group(1)))
    body = re.sub(r"<[^>]+>", "", html[html.index("<article") :])
    assert 2 <= len(sentences) <= 3 and len(description.group(1)) <= 200
    assert all(sentence in html_module.unescape(body) for sentence in sentences), sentences
    assert re.search(r'<meta property="og:title" content="玩疯了的 ChatGPT', html)
    assert f'<meta property="og:url" content="{served.url("articles/004_adf66b7354aa4ca2/")}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_text_is_compressed_and_hashed_bundles_cached(served: Served) -> None:
    _, headers = get(served.url("search/digest/s/0.json"))  # a search index shard
    assert headers.get("content-encoding") == "gzip"
    html = get(served.url())[0].decode("utf-8")
    bundle = re.search(r'src="([^"]*bundle\.[0-9a-f]{8}\.min\.js)"', html)
    assert bundle
    _, headers = get(served.url(bundle.group(1).lstrip("./")))
    assert "immutable" in headers.get("cache-control", "")
