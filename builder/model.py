"""The values that flow through the pipeline: frozen dataclasses, each stage returns a new one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

BlockKind = Literal["line", "heading", "lede", "paragraph"]
Script = Literal["hans", "hant"]
# Where prose set in Traditional characters was written: mainland prose in Traditional characters
# (three of the five seeds) reads differently from Taiwan or Hong Kong prose (builder/editions.py).
Prose = Literal["mainland", "taiwan", "hongkong"]
# How a text is written, as the editions convert it: script, and for Traditional script the region.
Writing = Literal["hans", "hant", "hant-tw", "hant-hk"]
# Damage the cleaner flags; the site names each (pages/labels.py).
FlagKind = Literal["mojibake", "lost", "censored", "repaired"]


@dataclass(frozen=True)
class Provenance:
    """Where an article came from and how its bytes were read."""

    path: Path
    encoding: str
    sha256: str
    had_bom: bool = False
    newline: str = "\n"

    @cached_property
    def stem(self) -> str:
        """The seed's file name without extension (cached: pages look articles up by it)."""
        return self.path.stem


@dataclass(frozen=True)
class Block:
    """One unit of text: a raw line while cleaning, a heading, lede or paragraph after.

    ``line`` is the 1-based line of the seed the text came from, kept for the audit trail.
    """

    kind: BlockKind
    text: str
    line: int


class RemovalReason(StrEnum):
    """Why the cleaner took a line out. The value is the English a curator reads in logs and in
    ``python -m builder clean``; the site shows each code's label (``pages/labels.py``)."""

    CONTROL_CHARACTERS = "control characters"
    CURATOR_DROP = "curator: drop"
    PINYIN = "pinyin annotation"
    REPEATED_COPY = "repeated body: copy"
    REPEATED_DAMAGED_COPY = "repeated body: damaged copy"
    TITLE_LINE = "title line"
    TITLE_REPEATED = "title repeated"
    DATE_LINE = "date line"
    BYLINE = "byline"
    OUTSIDE_BODY = "outside the article body"
    REPEATED_WIDGET = "repeated widget text"
    WIDGET_LABEL = "widget or menu label"
    COMMENT_TIMESTAMP = "comment timestamp"
    COMMENT_BOX = "comment box"
    APP_PROMPT = "app or QR-code prompt"
    FOLLOW_PROMPT = "follow or subscribe prompt"
    REPRINT_NOTICE = "reprint or copyright notice"
    LICENCE_LINE = "licence line"
    TIMESTAMP = "timestamp"
    IMAGE_CREDIT = "image credit"
    SOURCE_CREDITS = "source credits"
    EDITOR_CREDIT = "editor credit"
    TAG_LIST = "tag list"
    NAVIGATION = "navigation"
    NAVIGATION_MENU = "navigation menu"
    RELATED_READING = "related reading"
    ERROR_REPORT_FORM = "error-report form"
    SHARE_BAR = "share bar"
    PROMOTION = "promotion"
    BREADCRUMB = "breadcrumb"


@dataclass(frozen=True)
class Removal:
    """A line (or part of one) the cleaner took out, and why.

    ``detail`` adds what the code alone does not say: for a repeated body, the line of the copy kept
    (a line number); for a byline, where the name stood.
    """

    line: int
    text: str
    reason: RemovalReason
    detail: str = ""

    def explained(self) -> str:
        """The reason in English with its detail, for logs."""
        return f"{self.reason} ({self.detail})" if self.detail else str(self.reason)


@dataclass(frozen=True)
class Flag:
    """Damage found in a block: ``text`` is the span ``block.text[start:end]``."""

    kind: FlagKind
    block: int
    text: str
    start: int
    end: int
    note: str = ""


@dataclass(frozen=True)
class Mention:
    """A player named in a block: ``text`` is ``block.text[start:end]``; ``via`` says which name."""

    player: str
    block: int
    start: int
    end: int
    text: str
    via: Literal["name", "alias", "model"]


@dataclass(frozen=True)
class ThemeHit:
    """A block that feeds a theme, with its score and the evidence that put it there."""

    theme: str
    block: int
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A key figure: the numbers of one clause (``text``, from the first to the last), the first one's
    value, magnitude and unit, what it counts or measures, the clause that says so and whom it is about."""

    block: int
    start: int
    end: int
    text: str
    value: float
    unit: str
    thing: str
    # The clause holding the figure (offsets into the block): what the number means is said there.
    clause_start: int = 0
    clause_end: int = 0
    # The player the clause (else its sentence) names, if any.
    subject: str | None = None


# A dated clause with an actor and an action, or a target or prediction (``到2025年``, ``预计``).
EventKind = Literal["event", "forecast"]


@dataclass(frozen=True)
class Event:
    """A dated event: ``date`` is YYYY, YYYY-MM or YYYY-MM-DD; ``approximate`` when the year was guessed."""

    block: int
    date: str
    approximate: bool
    text: str
    sentence: str
    kind: EventKind = "event"


@dataclass(frozen=True)
class KeySentence:
    """A sentence that carries an article's point, ranked by how central it is to the article."""

    block: int
    start: int
    end: int
    text: str
    score: float
    # Opens by leaning on the sentence before (其次…, 例如…): never the first thing a reader sees.
    leans: bool = False


@dataclass(frozen=True)
class AlsoFrom:
    """Another seed that carried the same article (merged into this one)."""

    stem: str
    source: str | None
    url: str | None
    script: Script | None = None


@dataclass(frozen=True)
class PageMetadata:
    """What a saved web page's markup says about its article (``builder/htmlpage.py``)."""

    title: str | None = None
    # True when the title is an <h1> the page's <title> or og:title repeats: then it wins.
    title_confirmed: bool = False
    # The page's <title> and og:title text: which of the header's lines it repeats is the headline.
    title_hint: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    # What reading the page set aside (an over-long keyword-spam block), for the cleaning report.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """What the article says about itself; any field may be overridden by the curator's sidecar."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    # The curator's own summary (sidecar ``summary:``): shown instead of the extracted one.
    summary: str | None = None


@dataclass(frozen=True)
class Article:
    """An article on its way through the pipeline.

    While cleaning, ``blocks`` are raw lines (kind ``line``); the structure step gives them their
    final kinds. Flags refer to blocks by index, so they are computed once blocks are final.
    """

    blocks: tuple[Block, ...]
    metadata: Metadata
    provenance: Provenance
    removed: tuple[Removal, ...] = ()
    flags: tuple[Flag, ...] = ()
    script: Script | None = None
    # Where Traditional-script prose was written (None for Simplified articles).
    prose: Prose | None = None
    # Lines the structure step reads as metadata: the byline's position marks where a lede ends.
    byline_line: int | None = None
    # First and last seed line of the body as the line shapes mark it out (``clean/body.py``).
    body_lines: tuple[int, int] | None = None
    # An HTML seed's markup metadata, and what the cleaner says about where metadata came from.
    page_metadata: PageMetadata | None = None
    notes: tuple[str, ...] = ()
    # Filled by the extraction stages.
    mentions: tuple[Mention, ...] = ()
    theme_hits: tuple[ThemeHit, ...] = ()
    figures: tuple[Figure, ...] = ()
    events: tuple[Event, ...] = ()
    # The article's most central sentences, best first (``builder/extract/summary.py``); the summary is
    # the first few of them in reading order.
    key_sentences: tuple[KeySentence, ...] = ()
    # Seeds holding the same article, from other files or sites: one page lists them all.
    also_from: tuple[AlsoFrom, ...] = ()
    # An undated article's date as the dates it mentions put it (YYYY[-MM[-DD]], ``extract/dating.py``).
    inferred_date: str | None = None
    # The blocks' text before typesetting (``builder/typeset.py``): as the source published it, cleaned.
    published: tuple[str, ...] = ()

    def published_text(self, block: int) -> str:
        """A block's text as the source published it (its typeset text before typesetting ran)."""
        return self.published[block] if block < len(self.published) else self.blocks[block].text

    @property
    def stem(self) -> str:
        """The article's id: its seed file name without extension."""
        return self.provenance.stem

    @property
    def date_for_order(self) -> str | None:
        """The date the article is filed and ordered under: its own, else the inferred one."""
        return self.metadata.date or self.inferred_date

    @property
    def writing(self) -> Writing | None:
        """How the article's text is written, for the editions' converters."""
        if self.script != "hant":
            return self.script
        return {"taiwan": "hant-tw", "hongkong": "hant-hk"}.get(self.prose or "", "hant")  # type: ignore[return-value]

    def with_blocks(self, blocks: tuple[Block, ...], removed: tuple[Removal, ...] = ()) -> Article:
        """Return a copy with new blocks and more removals appended."""
        return replace(self, blocks=blocks, removed=self.removed + removed)


@dataclass(frozen=True)
class SourceText:
    """A decoded seed before any cleaning."""

    text: str
    provenance: Provenance
    # Set for HTML seeds: the text is then the article trafilatura found, one block a line.
    page_metadata: PageMetadata | None = None


@dataclass(frozen=True)
class Sidecar:
    """A curator's overrides for one seed (``seeds/<stem>.yml``)."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    fetched: str | None = None
    keep: tuple[str, ...] = field(default_factory=tuple)
    drop: tuple[str, ...] = field(default_factory=tuple)
    prose: Prose | None = None
    summary: str | None = None
