"""Which English segment each translated segment translates.

Translations keep the English structure (same headings, paragraphs, items, cells, in the same
order), so the segments are paired in order, kind by kind; where a translation has merged or
split a paragraph, difflib pairs what still corresponds and leaves the rest unpaired.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from kb.segments import Segment, segments


@dataclass(frozen=True)
class Pair:
    english: Segment | None
    translation: Segment | None


def align(english_text: str, translated_text: str) -> list[Pair]:
    """Pairs in the translation's order; an English segment without a counterpart comes
    where it would be."""
    english = segments(english_text)
    translated = segments(translated_text)
    english_meta = {s.key: s for s in english if s.key.startswith("meta.")}
    pairs: list[Pair] = []
    for segment in translated:
        if segment.key.startswith("meta."):
            pairs.append(Pair(english_meta.pop(segment.key, None), segment))
    pairs += [Pair(s, None) for s in english_meta.values()]
    english_body = [s for s in english if s.key.startswith("body.")]
    translated_body = [s for s in translated if s.key.startswith("body.")]
    matcher = difflib.SequenceMatcher(
        None, [s.kind for s in english_body], [s.kind for s in translated_body], autojunk=False
    )
    for tag, e1, e2, t1, t2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and e2 - e1 == t2 - t1):
            pairs += [Pair(e, t) for e, t in zip(english_body[e1:e2], translated_body[t1:t2])]
        else:
            pairs += [Pair(e, None) for e in english_body[e1:e2]]
            pairs += [Pair(None, t) for t in translated_body[t1:t2]]
    return pairs
