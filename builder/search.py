"""Chinese search that works in both scripts: segment on the Simplified form, index both editions.

jieba's dictionary is Simplified; on Traditional text it cuts 建行業垂類 into 建行 / 業垂類. Segmenting an
OpenCC-simplified copy (same length, character for character) and cutting the original at the same
offsets gives 建 / 行業 / 垂類. Each edition's index then also carries the other editions' text of the
same page, so a query typed in either script, or in either region's words (软件 / 軟體), finds it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jieba

from builder.extract.options import simplified_aligned
from builder.script import Converters

ZWSP = "\u200b"
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def segment(text: str, converters: Converters) -> list[str]:
    """Cut a Han run into words, judged on its Simplified form, returned in its own script."""
    simple = simplified_aligned(text, converters)
    words = []
    position = 0
    for word in jieba.cut(simple, HMM=True):
        words.append(text[position : position + len(word)])
        position += len(word)
    return words


def segment_text(text: str, converters: Converters) -> str:
    """Index text with every Han run cut into words separated by zero-width spaces."""
    text = text.replace(ZWSP, "")
    return _HAN_RUN.sub(lambda m: ZWSP + ZWSP.join(segment(m.group(0), converters)) + ZWSP, text)


def merge_search_indexes(index_files: list[Path], converters: Converters) -> None:
    """Re-segment every edition's index and give each page the other editions' text of it too."""
    indexes: list[dict[str, Any]] = [json.loads(path.read_text(encoding="utf-8")) for path in index_files]
    texts: list[dict[str, tuple[str, str]]] = [
        {doc["location"]: (doc.get("title", ""), doc.get("text", "")) for doc in index["docs"]}
        for index in indexes
    ]
    for number, (path, index) in enumerate(zip(index_files, indexes, strict=True)):
        for doc in index["docs"]:
            title, text = doc.get("title", ""), doc.get("text", "")
            others = [t[doc["location"]] for k, t in enumerate(texts) if k != number and doc["location"] in t]
            doc["title"] = segment_text(title, converters)
            extra = "".join(
                f" {segment_text(other_title, converters)}"
                for other_title, _ in others
                if other_title != title
            )
            doc["title"] += extra
            doc["text"] = " ".join(
                [segment_text(text, converters)]
                + [segment_text(other, converters) for _, other in others if other != text]
            )
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
