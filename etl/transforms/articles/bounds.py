"""How much of one page is read: a bound on the work one article can cause.

A 3 MB line or 20,000 lines repeating one sentence are not articles, but they must not stall a
run. A page is read up to :data:`MAX_WORDS` words (a long feature is a few thousand), cut at the
last line break or sentence end before that; the article records how many characters were left
unread, and the whole page stays in ``raw.documents.raw_text``.
"""

from __future__ import annotations

MAX_WORDS = 20_000
_SENTENCE_ENDS = (". ", "! ", "? ", "… ", ".\u00a0", "» ")


def bound_page(raw: str, max_words: int = MAX_WORDS) -> tuple[str, int]:
    """The part of ``raw`` that is read, and the number of characters after it."""
    # Every word takes at least one character and one separator: a shorter page is never cut.
    if len(raw) <= 2 * max_words:
        return raw, 0
    parts = raw.split(None, max_words)
    if len(parts) <= max_words:
        return raw, 0
    limit = len(raw) - len(parts[-1])  # where the first unread word starts
    cut = raw.rfind("\n", 0, limit) + 1
    if cut <= limit // 2:  # no line break late enough: end on a sentence, else on a word
        ends = [raw.rfind(e, 0, limit) for e in _SENTENCE_ENDS]
        best = max(ends)
        cut = best + 1 if best > limit // 2 else limit
    return raw[:cut], len(raw) - cut
