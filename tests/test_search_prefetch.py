"""Search terms cut in worker processes while MkDocs renders are the terms the index would cut itself.

The reference is cut in a fresh process, as a publish cuts them (``wordcut.taught_tokenizer`` keeps one
taught tokenizer per word list and process, so this process's other tests cannot change it either)."""

from __future__ import annotations

import json
import subprocess
import sys

import jieba

from builder.ingest import read_taxonomy
from builder.script import Converters
from builder.search import SearchPage, Section, Terms, TermsPrefetch, search_words
from builder.wordcut import _dictionary
from tests.conftest import ROOT, SEEDS

REFERENCE = """
import json, sys
from builder.ingest import read_taxonomy
from builder.script import make_converters
from builder.search import Terms, search_words
from pathlib import Path
converters = make_converters()
words = search_words(read_taxonomy(Path(sys.argv[1])), converters)
terms = Terms(converters, words=words)
texts = json.load(sys.stdin)
json.dump([dict(terms.of(text)) for text in texts], sys.stdout, ensure_ascii=False)
"""


def test_terms_cut_in_workers_equal_the_terms_cut_in_the_builder(converters: Converters) -> None:
    texts = sorted(
        {line.strip() for seed in sorted(SEEDS.glob("*.txt")) for line in seed.read_text().splitlines()}
        - {""}
    )
    taxonomy = ROOT / "taxonomy.yml"
    reference = subprocess.run(
        [sys.executable, "-c", REFERENCE, str(taxonomy)],
        input=json.dumps(texts, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    expected = json.loads(reference.stdout)

    words = search_words(read_taxonomy(taxonomy), converters)
    prefetch = TermsPrefetch(words, workers=2)
    for number in range(0, len(texts), 7):  # pages of a few texts each, as MkDocs renders them
        chunk = texts[number : number + 7]
        prefetch.add(SearchPage(f"p{number}/", chunk[0], tuple(Section("", "", t) for t in chunk[1:])))
    cut = list(prefetch.results())
    by_text = {text: counts for text, _, counts in cut}
    assert sorted(by_text) == texts and len(texts) > 100
    assert [t for t, want in zip(texts, expected, strict=True) if by_text[t] != want] == []
    # The index then takes them as its own, without cutting again.
    terms = Terms(converters, words=words)
    terms.absorb(cut)
    assert all(dict(terms.of(t)) == by_text[t] for t in texts)


def test_the_dictionary_read_from_jiebas_cache_is_the_one_jieba_loads() -> None:
    frequencies, total = _dictionary()
    loaded = jieba.Tokenizer()
    loaded.initialize()
    assert (frequencies, total) == (loaded.FREQ, loaded.total)
