"""Score a cleaner's output on one corpus page against its hand-made gold.

Used by ``benchmarks/cleaning.py`` (which prints the figures) and ``tests/test_realworld.py`` (which
holds the floors). Texts are compared after NFKC folding with all white space removed, so a
paragraph counts whether the cleaner or trafilatura wrapped or spaced it differently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Gold:
    """What a reader of the page says it holds (``gold/<name>.yml``)."""

    name: str
    site: str
    region: str
    title: str
    date: str | None
    author: str | None
    source: str | None
    body: tuple[str, ...]
    optional: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """What a cleaner made of the page: title, date and the text blocks it kept."""

    title: str | None
    date: str | None
    blocks: tuple[str, ...]
    author: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class PageScore:
    """One page's figures; recall and precision are weighted by characters."""

    name: str
    body_chars: int
    body_found: int
    output_chars: int
    output_in_gold: int
    chrome_lines: int
    chrome_kept: int
    title_right: bool
    date_right: bool | None  # None: the page shows no date
    # The name shown on the page is in what the cleaner read (`新京报讯（记者 陆一夫）` → 陆一夫); None:
    # the page shows none.
    author_right: bool | None = None
    source_right: bool | None = None

    @property
    def recall(self) -> float:
        """Share of the gold body's characters found in the output."""
        return self.body_found / self.body_chars if self.body_chars else 1.0

    @property
    def precision(self) -> float:
        """Share of the output's characters that belong to the gold body (or its optional lines)."""
        return self.output_in_gold / self.output_chars if self.output_chars else 1.0


def pooled(pages: Sequence[PageScore]) -> tuple[float, float]:
    """Body recall (by characters) and share of chrome lines kept, over all the pages together."""
    recall = sum(s.body_found for s in pages) / sum(s.body_chars for s in pages)
    kept = sum(s.chrome_kept for s in pages) / sum(s.chrome_lines for s in pages)
    return recall, kept


def norm(text: str) -> str:
    """Compare form: NFKC-folded, lower case, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def load_gold(name: str) -> Gold:
    """Read ``gold/<name>.yml``."""
    data = yaml.safe_load((HERE / "gold" / f"{name}.yml").read_text(encoding="utf-8"))
    return Gold(
        name=name,
        site=data["site"],
        region=data["region"],
        title=data["title"],
        date=data["date"],
        author=data["author"],
        source=data["source"],
        body=tuple(data["body"]),
        optional=tuple(data["optional"] or ()),
    )


def corpus_names() -> list[str]:
    """Every page of the corpus, sorted."""
    return sorted(p.stem for p in (HERE / "gold").glob("*.yml"))


def chrome_lines(gold: Gold, scraped_lines: Sequence[str]) -> set[str]:
    """The scraped page's lines that must go: neither body, optional nor the title, and not a piece of
    the body (a one-word line such as 分享 cannot be told from the body word it equals)."""
    keep = {norm(line) for line in (*gold.body, *gold.optional, gold.title)}
    body_text = norm("".join(gold.body))
    lines = {norm(line) for line in scraped_lines}
    return {line for line in lines if line and line not in keep and line not in body_text}


def score_page(gold: Gold, scraped_lines: Sequence[str], output: Output) -> PageScore:
    """Score one page."""
    blocks = [norm(b) for b in output.blocks if norm(b)]
    all_output = "".join(blocks)
    body = [norm(p) for p in gold.body if norm(p)]
    gold_text = norm("".join((*gold.body, *gold.optional)))
    # A block made of gold text (possibly several gold lines joined) counts for precision.
    in_gold = sum(len(b) for b in blocks if b in gold_text or _covered(b, gold))
    stray = "\n".join(b for b in blocks if not (b in gold_text or _covered(b, gold)))
    chrome = chrome_lines(gold, scraped_lines)
    return PageScore(
        name=gold.name,
        body_chars=sum(len(p) for p in body),
        body_found=sum(len(p) for p in body if p in all_output),
        output_chars=sum(len(b) for b in blocks),
        output_in_gold=in_gold,
        chrome_lines=len(chrome),
        chrome_kept=sum(1 for line in chrome if line in stray),
        title_right=output.title is not None and norm(output.title) == norm(gold.title),
        date_right=None if gold.date is None else output.date == gold.date,
        author_right=_named(gold.author, output.author),
        source_right=_named(gold.source, output.source),
    )


def _named(shown: str | None, read: str | None) -> bool | None:
    """Whether the name read holds the one shown (or the shown one holds it: 棱镜 for 金融市场棱镜)."""
    if shown is None:
        return None
    return read is not None and (norm(shown) in norm(read) or norm(read) in norm(shown))


def _covered(block: str, gold: Gold) -> bool:
    """A block that is a run of gold lines joined in order (HTML extraction merges <br> lines)."""
    rest = block
    for line in (norm(x) for x in (*gold.body, *gold.optional)):
        if line and rest.startswith(line):
            rest = rest[len(line) :]
    return not rest
