"""jieba's dictionary, loaded once per process and shared by every word cutter in it.

Two cutters use jieba: the summaries' TextRank (``extract.summary``: a tokenizer of its own, taught
nothing) and the search index (``search``: jieba's global tokenizer, taught the taxonomy's words). Each
loaded the dictionary itself, 0.8 s apiece, and an incremental publish of one changed article needs both:
profiled on one at 1,000 articles, the two loads were 16% of it. Each cutter now gets a copy of one
loaded dictionary (copying takes 0.02 s); the copies keep teaching one from changing the other.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
from functools import cache

import jieba


@cache
def _dictionary() -> tuple[dict[str, int], int]:
    """jieba's word frequencies and their total, as jieba loads them (from its cache after the first)."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    loader = jieba.Tokenizer()
    cached = _read_cache(loader)
    if cached is not None:
        return cached
    loader.initialize()  # builds the dictionary and writes its cache
    return loader.FREQ, loader.total


def _read_cache(loader: jieba.Tokenizer) -> tuple[dict[str, int], int] | None:
    """The default dictionary from the cache jieba keeps of it, read as jieba does but whole: jieba's
    ``marshal.load`` on the open file reads it in small pieces (0.7 s; 0.2 s from its bytes), a
    third of the cleaning in a publish of ten new articles at 1,000. None where jieba would not use it."""
    if loader.dictionary != jieba.DEFAULT_DICT or loader.cache_file:
        return None
    path = os.path.join(loader.tmp_dir or tempfile.gettempdir(), "jieba.cache")
    try:
        with open(path, "rb") as handle:
            loaded = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], dict)):
        return None
    return loaded[0], int(loaded[1])


def load_dictionary() -> None:
    """Load the dictionary now (a preview loads it after its first build, while the curator reads,
    not on the first edit: about a second of it)."""
    _dictionary()


def new_tokenizer() -> jieba.Tokenizer:
    """A tokenizer of one's own, taught nothing, with its own copy of the dictionary."""
    tokenizer = jieba.Tokenizer()
    frequencies, total = _dictionary()
    # What Tokenizer.initialize sets; a copy, as add_word writes into it.
    tokenizer.FREQ, tokenizer.total = dict(frequencies), total
    tokenizer.initialized = True
    return tokenizer


@cache
def taught_tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    """A tokenizer of its own that keeps ``words`` whole, taught them once: teaching a word again adds
    to the total frequency again, which changes how other text is cut (jieba's global tokenizer, taught
    by each build in a process, cut differently in a process's second build). One per word list."""
    tokenizer = new_tokenizer()
    for word in words:
        tokenizer.add_word(word, freq=200000)
    return tokenizer
