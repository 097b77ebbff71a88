"""Chinese search that scales and works in both scripts: a chunked static index, read by a small worker.

Material's built-in index is one JSON file holding every page's text; at 10,000 articles every reader
would download hundreds of MB on the first search. This index is split the way a reader uses it:

- ``search/digest/index.json``: the manifest (shard count, document count, a Traditional-to-Simplified
  character map for normalising queries), a few kB.
- ``search/digest/s/<k>.json``: term shards. A term lives in shard ``ord(first character) % shards``,
  so a query loads one shard per character position it looks up, never the corpus.
- ``search/digest/d/<id>.json``: one fragment per page (title and text by section), fetched only for
  the results shown.

Terms are words cut by jieba on the Simplified form (jieba's dictionary is Simplified: on Traditional
text it cuts 建行業垂類 into 建行 / 業垂類), so the index holds Simplified terms only. Each page is
indexed with the text of every edition of it, so regional wording (软件 / 軟體) is found from either
edition; the worker (``theme/assets/digest/search-worker.js``) maps a query to Simplified character by
character and cuts it by longest match against the terms it finds in the shards.
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from multiprocessing import get_context

from builder.cache import TermsCache, key_of
from builder.extract.options import simplified_aligned
from builder.progress import Progress
from builder.script import Converters, make_converters
from builder.taxonomy import Taxonomy
from builder.wordcut import taught_tokenizer

log = logging.getLogger(__name__)

FORMAT = 1
INDEX_DIR = "search/digest"
# Pages per term shard: a shard then holds the terms of a few characters' worth of the corpus.
DOCS_PER_SHARD = 16
MAX_SHARDS = 1024
# Texts this long are cut by what changed when an earlier text at their place is known (``Terms.of``).
EDITED_FROM = 2000
# Title words weigh as much as this many occurrences in the text.
TITLE_WEIGHT = 5
# BM25 parameters (the usual ones).
K1, B = 1.2, 0.75
# Pages whose text is an aggregate of quotes from articles (themes, players, listings) are indexed by
# their title and first section only: the articles they quote are indexed in full, and results land there.
FULL_TEXT_SECTIONS = ("articles/",)

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+(?:[.+][0-9a-z]+)*")
_SKIP = {"script", "style", "svg", "template"}
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "blockquote", "div", "tr"}


@dataclass(frozen=True)
class Section:
    """A stretch of a page's text under one anchor ("" for the top of the page)."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class SearchPage:
    """One page as search sees it: where it is, its title, its text by section."""

    location: str
    title: str
    sections: tuple[Section, ...]


class _SectionReader(HTMLParser):
    """Reads a rendered page's HTML into text sections: a new one at each block element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self._anchor, self._heading, self._parts = "", "", [""]
        self._skipping = 0  # inside script, style, svg or template
        # Inside an element marked data-search-exclude (lists of names): its tag and nesting depth.
        self._excluded: tuple[str, int] | None = None
        self._in_headerlink = False  # the permalink ¶ MkDocs adds to headings

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self._excluded is not None:
            if tag == self._excluded[0]:
                self._excluded = (tag, self._excluded[1] + 1)
            return
        if "data-search-exclude" in named and tag not in _VOID:
            self._excluded = (tag, 1)
            return
        if tag in _SKIP:
            self._skipping += 1
            return
        if tag == "a" and named.get("class") == "headerlink":
            self._in_headerlink = True
            return
        if tag not in _BLOCK and tag != "br":
            return
        ident = named.get("id")
        if ident is not None:
            self.sections.append(Section(self._anchor, self._heading, _squeeze("".join(self._parts))))
            # The page's own title is the top of the page, not a place in it.
            self._anchor = "" if tag == "h1" else ident
            self._heading, self._parts = "", []
            if tag[0] == "h" and tag[1:].isdigit():
                self._heading = "\0"  # filled from this element's text when it closes
        self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._excluded is not None:
            if tag == self._excluded[0]:
                depth = self._excluded[1] - 1
                self._excluded = (tag, depth) if depth else None
            return
        if tag in _SKIP:
            self._skipping = max(self._skipping - 1, 0)
            return
        if tag == "a" and self._in_headerlink:
            self._in_headerlink = False
            return
        if tag not in _BLOCK and tag != "br":
            return
        if self._heading == "\0" and tag[0] == "h":
            self._heading = _squeeze("".join(self._parts))
        self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._in_headerlink and self._excluded is None:
            self._parts.append(data)

    def close(self) -> None:
        """Finish the last section."""
        super().close()
        heading = "" if self._heading == "\0" else self._heading
        self.sections.append(Section(self._anchor, heading, _squeeze("".join(self._parts))))


def page_sections(content: str, limit: int | None = None) -> tuple[Section, ...]:
    """Split a rendered page's HTML into text sections, a new one at each block element with an id;
    only the first ``limit`` when given (the rest of the page is then not read: a player's page runs
    to 300 kB of HTML, of which search keeps the opening)."""
    reader = _SectionReader()
    if limit is None:
        reader.feed(content)
    else:
        for start in range(0, len(content), _CHUNK):
            reader.feed(content[start : start + _CHUNK])
            # A section is final once the next has begun: the finished ones never change.
            done = [s for s in reader.sections if s.text]
            if len(done) >= limit:
                return tuple(done[:limit])
    reader.close()
    return tuple(s for s in reader.sections if s.text)[:limit]


# How much of a page is read at a time when only its opening sections are wanted.
_CHUNK = 8192


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_for_search(location: str, title: str, content: str) -> SearchPage:
    """What a rendered page contributes to search; aggregate pages keep only their opening."""
    sections = page_sections(content, None if location.startswith(FULL_TEXT_SECTIONS) else 2)
    return SearchPage(location, html.unescape(title or ""), sections)


@dataclass(frozen=True)
class PageTerms:
    """A page's terms for the index: its length in terms, and its terms grouped by how often they
    occur (the BM25 weight depends on the count and the length only, so it is worked out per group)."""

    length: int
    by_count: tuple[tuple[int, tuple[str, ...]], ...]


class Terms:
    """Cuts text into index terms (Simplified words, lower-case Latin words), remembering each text
    for this process and, through ``cache``, between builds."""

    def __init__(
        self,
        converters: Converters,
        cache: TermsCache | None = None,
        code: str = "",
        words: tuple[str, ...] = (),
    ) -> None:
        self._converters = converters
        # Words jieba must keep whole (players, models, glossary terms), taught before the first cut:
        # loading jieba's dictionary takes a second, and a publish whose texts are all cached needs none.
        self._words = words
        # A text as given -> its key in the cache, and (in this process only) its terms. Only the keys
        # are kept between publishes: the terms of every text were a quarter of the time the state took
        # to save and to load, and a publish needs few of them again (the terms of unchanged pages are
        # kept whole, in ``_pages``); those it needs come from the cache.
        self._keys: dict[str, str] = {}
        self._counts: dict[str, dict[str, int]] = {}
        self._cache = cache
        self._code = code
        # By location, one entry per edition's page there: the page object, its other editions' page
        # objects, and its terms (reused while the same objects come back: a preview keeps unchanged
        # pages' objects between rebuilds).
        self._pages: dict[str, list[tuple[SearchPage, list[SearchPage], PageTerms]]] = {}
        self._fragments: dict[str, list[tuple[SearchPage, str]]] = {}

    def __getstate__(self) -> dict[str, object]:
        """Kept between publishes (``builder.published``) without the converters and the cache
        connection, which ``attach`` gives back."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_converters", "_cache", "_counts")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._cache = None
        self._counts = {}

    @property
    def attached(self) -> bool:
        """Whether the converters are there (a restored word cutter has none until ``attach``)."""
        return getattr(self, "_converters", None) is not None

    def attach(self, converters: Converters, cache: TermsCache | None) -> None:
        """Give a restored word cutter its converters and its cache (once per process)."""
        self._converters = converters
        if self._cache is None:
            self._cache = cache

    def of(self, text: str, place: tuple[str, str] | None = None) -> dict[str, int]:
        """The terms of a text, with counts. ``place``: where it is (a page's location, a section's
        anchor); a long text is worked out from what was there in the last build, if its terms are
        remembered, and what the edit added and removed (``_by_difference``)."""
        known = self._counts.get(text)
        if known is not None:
            return known  # its cache entry is kept by save(), with every text still in the site
        simple = None
        key = self._keys.get(text)
        if key is None:
            simple = simplified_aligned(text, self._converters)
            key = self._key(simple)
        counts = self._cache.get(key) if self._cache is not None else None
        if counts is None:
            if simple is None:
                simple = simplified_aligned(text, self._converters)
            if place is not None and len(simple) >= EDITED_FROM:
                counts = self._by_difference(simple, self._earlier(*place))
            if counts is None:
                counts = dict(cut_words(simple, self._words))
            if self._cache is not None:
                self._cache.put(key, counts)
        self._keys[text], self._counts[text] = key, counts
        return counts

    def _by_difference(self, simple: str, earlier: Iterable[str]) -> dict[str, int] | None:
        """The terms of a long Simplified text from those of an earlier text it is an edit of, cutting
        only the words the edit added or removed; None if no earlier text's terms are remembered or
        the edit is most of the text.

        Exact, not an estimate: terms never span whitespace (a Han run and a Latin word both stop at
        it), so a text's terms are the sum of its whitespace-separated pieces' terms. Why: a listing's
        opening section is one long text (a source's page, a year of figures: a table of every
        article, up to 66,000 characters at 1,000 articles), and an article added to the digest adds
        one row to it; cut again whole, such sections were nine tenths of the 287,000 characters a
        publish of ten new articles at 1,000 cut, in each edition."""
        pieces = Counter(simple.split())
        # Each edition's text was there: the nearest is the one of the same edition.
        edits = []
        for before in earlier:
            key = self._keys.get(before)
            if key is not None:
                their = Counter(simplified_aligned(before, self._converters).split())
                added, removed = pieces - their, their - pieces
                changed = sum(len(p) * n for p, n in (added + removed).items())
                edits.append((changed, key, before, added, removed))
        for changed, key, before, added, removed in sorted(edits, key=lambda edit: edit[0]):
            if 2 * changed > len(simple):
                break
            counts = self._counts.get(before)
            if counts is None and self._cache is not None:
                counts = self._cache.get(key)
            if counts is None:
                continue
            result = Counter(counts)
            result.update(cut_words(" ".join(added.elements()), self._words))
            result.subtract(cut_words(" ".join(removed.elements()), self._words))
            if any(n < 0 for n in result.values()):
                continue  # a cache entry that is not that text's terms shows so: cut it whole
            return {term: n for term, n in result.items() if n}
        return None

    def learn(self, pages: Iterable[SearchPage]) -> None:
        """Work out these pages' terms now (the primary edition's, while the other editions build)."""
        for page in pages:
            self.of(page.title)
            for section in page.sections:
                self.of(section.text, (page.location, section.anchor))

    def to_cut(self, pages: Iterable[SearchPage]) -> list[str]:
        """The texts of these pages (each once) that ``of`` would cut whole: neither remembered nor a long
        text with a remembered one at its place (``of`` works those out from it)."""
        texts: dict[str, None] = {}
        for page in pages:
            texts[page.title] = None
            for section in page.sections:
                if len(section.text) < EDITED_FROM or not any(
                    t in self._keys for t in self._earlier(page.location, section.anchor)
                ):
                    texts[section.text] = None
        return [text for text in texts if text not in self._keys]

    def _earlier(self, location: str, anchor: str) -> list[str]:
        """What was at this place on the page (its location, the section's anchor) in the pages
        remembered from the last build, each edition's."""
        return [
            section.text
            for known, _, _ in self._pages.get(location, ())
            for section in known.sections
            if section.anchor == anchor
        ]

    def absorb(self, cut: Iterable[tuple[str, str, dict[str, int]]]) -> None:
        """Take texts cut elsewhere (``TermsPrefetch``): (text, its Simplified form, its terms)."""
        for text, simple, counts in cut:
            if text in self._keys:
                continue
            key = self._key(simple)
            if self._cache is not None:
                self._cache.put(key, counts)
            self._keys[text], self._counts[text] = key, counts

    def _key(self, simple: str) -> str:
        """A Simplified text's key in the cache ("" without one)."""
        return key_of("terms", self._code, simple) if self._cache is not None else ""

    def of_page(self, page: SearchPage, others: list[SearchPage]) -> PageTerms:
        """A page's terms with counts: its sections, its title weighted, and (once each) the words only
        its other editions use. Remembered while the same page objects come back (a preview rebuild
        keeps unchanged pages' objects)."""
        remembered = self.remembered(page, others)
        if remembered is not None:
            return remembered
        counts: Counter[str] = Counter()
        for section in page.sections:
            counts.update(self.of(section.text, (page.location, section.anchor)))
        for term, n in self.of(page.title).items():
            counts[term] += n * TITLE_WEIGHT
        for other in others:
            extra: Counter[str] = Counter(self.of(other.title))
            for section in other.sections:
                extra.update(self.of(section.text, (other.location, section.anchor)))
            for term in extra.keys() - counts.keys():
                counts[term] = 1
        by_count: dict[int, list[str]] = {}
        for term, n in counts.items():
            by_count.setdefault(n, []).append(term)
        terms = PageTerms(sum(counts.values()), tuple((n, tuple(t)) for n, t in by_count.items()))
        kept = [e for e in self._pages.get(page.location, []) if e[0] is not page]
        self._pages[page.location] = [*kept, (page, others, terms)]
        return terms

    def remembered(self, page: SearchPage, others: list[SearchPage]) -> PageTerms | None:
        """The terms ``of_page`` gave for these very page objects, if remembered."""
        for known, known_others, terms in self._pages.get(page.location, ()):
            if known is page and _same_objects(known_others, others):
                return terms
        return None

    def fragment(self, page: SearchPage) -> str:
        """A page's fragment file (what a result shows), remembered while the page object comes back."""
        for known, content in self._fragments.get(page.location, ()):
            if known is page:
                return content
        content = _json(
            {
                "location": page.location,
                "title": page.title,
                "sections": [[s.anchor, s.heading, s.text] for s in page.sections],
            }
        )
        self._fragments.setdefault(page.location, []).append((page, content))
        return content

    def keep_only(self, pages: Iterable[SearchPage]) -> None:
        """Forget what was remembered for pages no longer in the site (a preview replaces edited ones)."""
        at: dict[str, list[SearchPage]] = {}
        for page in pages:
            at.setdefault(page.location, []).append(page)
        texts = {page.title for group in at.values() for page in group}
        texts |= {s.text for group in at.values() for page in group for s in page.sections}
        self._keys = {text: key for text, key in self._keys.items() if text in texts}
        self._counts = {text: counts for text, counts in self._counts.items() if text in texts}
        self._pages = {
            location: alive
            for location, entries in self._pages.items()
            if (alive := [e for e in entries if _is_one_of(e[0], at.get(location, []))])
        }
        self._fragments = {
            location: kept
            for location, entries in self._fragments.items()
            if (kept := [e for e in entries if _is_one_of(e[0], at.get(location, []))])
        }

    def save(self) -> None:
        """Write the cache (texts no longer in the site are forgotten)."""
        if self._cache is not None:
            # Texts of pages whose terms were remembered whole were not looked up this build; they
            # are still in the site (``keep_only`` left only those), so the cache keeps them.
            for key in self._keys.values():
                self._cache.touch(key)
            self._cache.commit()


def cut_words(simple: str, words: tuple[str, ...]) -> Counter[str]:
    """The terms of a Simplified text: jieba words of its Han runs (``words`` kept whole), lower-case
    Latin words between."""
    tokenizer = taught_tokenizer(words)
    counts: Counter[str] = Counter()
    position = 0
    for run in _HAN_RUN.finditer(simple):
        counts.update(_WORD.findall(simple[position : run.start()].lower()))
        counts.update(w for w in tokenizer.cut(run.group(0), HMM=True) if w.strip())
        position = run.end()
    counts.update(_WORD.findall(simple[position:].lower()))
    return counts


class TermsPrefetch:
    """Cuts pages' texts into terms in worker processes while MkDocs renders (on one core), so the
    search index finds them cut (``Terms.absorb``). Each worker is taught the same words, once."""

    BATCH = 200

    def __init__(self, words: tuple[str, ...], workers: int, *, start: str = "forkserver") -> None:
        """``start``: how the workers start (multiprocessing's start method)."""
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context(start),
            initializer=_start_cutter,
            initargs=(words,),
        )
        self._waiting: list[str] = []
        self._sent: set[str] = set()
        self._futures: list[Future[list[tuple[str, str, dict[str, int]]]]] = []

    def add(self, page: SearchPage) -> None:
        """Queue a page's title and sections (each text once)."""
        for text in page_texts([page]):
            if text not in self._sent:
                self._sent.add(text)
                self._waiting.append(text)
        if len(self._waiting) >= self.BATCH:
            self._send()

    def results(self) -> Iterator[tuple[str, str, dict[str, int]]]:
        """Every text cut, waiting for the workers; the pool is closed afterwards."""
        self._send()
        try:
            for future in self._futures:
                yield from future.result()
        finally:
            self._pool.shutdown(cancel_futures=True)

    def close(self) -> None:
        """Stop the workers, dropping what they have not done (a failed build)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _send(self) -> None:
        if self._waiting:
            self._futures.append(self._pool.submit(_cut_batch, self._waiting))
            self._waiting = []


_CUTTER: dict[str, tuple[Converters, tuple[str, ...]]] = {}


def _start_cutter(words: tuple[str, ...]) -> None:
    """A worker's set-up: converters once, the words taught once."""
    _CUTTER["cutter"] = (make_converters(), words)
    taught_tokenizer(words)


def _cut_batch(texts: list[str]) -> list[tuple[str, str, dict[str, int]]]:
    return cut_texts(texts, *_CUTTER["cutter"])


def cut_texts(
    texts: Iterable[str], converters: Converters, words: tuple[str, ...]
) -> list[tuple[str, str, dict[str, int]]]:
    """Texts cut into terms for ``Terms.absorb`` (``words`` kept whole): each text, its Simplified
    form and its terms."""
    found = []
    for text in texts:
        simple = simplified_aligned(text, converters)
        found.append((text, simple, dict(cut_words(simple, words))))
    return found


def page_texts(pages: Iterable[SearchPage]) -> list[str]:
    """The texts search cuts from these pages (titles and sections), each once, in order."""
    return list(
        dict.fromkeys(text for page in pages for text in (page.title, *(s.text for s in page.sections)))
    )


def search_words(taxonomy: Taxonomy, converters: Converters) -> tuple[str, ...]:
    """Players, models and glossary terms, in both scripts: single words for search."""
    words: set[str] = set()
    for player in taxonomy.players:
        for name in player.names:
            words |= {
                f
                for f in (name, converters.simplified(name), str(converters.s2t.convert(name)))
                if len(f) > 1
            }
    for term in taxonomy.glossary:
        words |= {term.term, *term.aliases}
    return tuple(sorted(words))


def _same_objects(mine: list[SearchPage], theirs: list[SearchPage]) -> bool:
    """Whether two lists hold the same page objects, in order."""
    return len(mine) == len(theirs) and all(a is b for a, b in zip(mine, theirs, strict=True))


def _is_one_of(page: SearchPage, pages: list[SearchPage]) -> bool:
    return any(page is other for other in pages)


def character_map(converters: Converters) -> dict[str, str]:
    """Every Han character whose Simplified form differs, for the worker to normalise queries."""
    mapping = {}
    for code in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)]:
        ch = chr(code)
        simple = str(converters.t2s.convert(ch))
        # One UTF-16 unit each way, so the worker's offsets in a normalised text stay those of the text.
        if simple != ch and len(simple) == 1 and ord(simple) < 0x10000:
            mapping[ch] = simple
    return mapping


def search_index_files(
    pages: Iterable[SearchPage],
    others: Iterable[Mapping[str, SearchPage]],
    terms: Terms,
    characters: Mapping[str, str],
    progress: Progress | None = None,
) -> dict[str, str]:
    """One edition's chunked index as path -> content; ``others`` are the other editions' pages."""
    docs = sorted(pages, key=lambda p: p.location)
    others = list(others)
    page_terms = []
    for page in docs:
        page_terms.append(terms.of_page(page, [o[page.location] for o in others if page.location in o]))
        if progress is not None:
            progress.step()
    if progress is not None:
        progress.finish()
    average = (sum(t.length for t in page_terms) / len(page_terms)) if page_terms else 1.0
    # term -> the pages it is on, each followed by its weight there, in page order (one flat list: the
    # loop below runs once per term of every page, a million times per edition at 1,000 articles).
    postings: dict[str, list[int]] = {}
    known = postings.get
    for number, counted in enumerate(page_terms):
        norm = K1 * (1 - B + B * counted.length / average)
        for tf, words in counted.by_count:
            entry = (number, max(1, round(100 * tf * (K1 + 1) / (tf + norm))))
            for term in words:
                posting = known(term)
                if posting is None:
                    postings[term] = list(entry)
                else:
                    posting += entry
    shards = min(MAX_SHARDS, max(1, 2 ** math.ceil(math.log2(max(1, len(docs) / DOCS_PER_SHARD)))))
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(postings):
        flat = postings[term]
        # Page numbers as gaps from the previous one.
        numbers = flat[0::2]
        flat[2::2] = [b - a for a, b in itertools.pairwise(numbers)]
        by_shard[ord(term[0]) % shards][term] = flat
    files: dict[str, str] = {
        "index.json": _json(
            {
                "format": FORMAT,
                "shards": shards,
                "docs": len(docs),
                "characters": dict(sorted(characters.items())),
            }
        )
    }
    for number, shard in enumerate(by_shard):
        files[f"s/{number}.json"] = _json(shard)
    for number, page in enumerate(docs):
        files[f"d/{number}.json"] = terms.fragment(page)
    log.debug("search index: %d pages, %d terms, %d shards", len(docs), len(postings), shards)
    return files


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
