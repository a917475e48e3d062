"""Where the words of a Chinese text begin and end, from a maintained segmenter.

Qualifier words are read as words, not characters: 约 in 村规民约 or 签约, 余 in 剩余 or a name (余强), 多 in 多彩 or
多功能, 近 in 最近 or 附近 belong to other words and say nothing about a number. The segmenter is jieba's dictionary
and algorithm (the segmenter most Chinese text tools use) in its maintained Rust implementation, jieba-rs, through
the rjieba binding: it loads in 0.19 s, where jieba in Python takes 1.2 s to load its dictionary from its cache on
every build (both measured on this project's machine), and it segments the same way. It is loaded only for a
paragraph in which a one-character qualifier stands next to a number.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

# Words of public reports that jieba's general dictionary lacks, added to it as jieba's own user dictionaries are:
# without 占比 it reads 占比近四成 as 占 / 比近 / 四成, and loses the 'nearly' of 近.
GENRE_WORDS = ("占比", "村均", "全覆盖", "治理率", "化解率", "办结率", "参保率", "整改率", "提标", "提质", "知晓率",
               "建成率", "受益率", "达标村", "示范村", "重点村")


@lru_cache(maxsize=1)
def _segmenter():
    import rjieba

    for word in GENRE_WORDS:
        rjieba.add_word(word, None, None)
    return rjieba


@lru_cache(maxsize=4096)
def word_starts(text: str) -> tuple[int, ...]:
    """The offset of every word of text, in order (the first is 0)."""
    return tuple(start for _, start, _ in _segmenter().tokenize(text))


REACH = 24          # how much text on each side of a character is segmented to find its word
STOPS = "，。；：！？,;:!?、\n"  # jieba segments the text between punctuation marks on its own: so do we


def word_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the word of text that holds the character at pos: the clause around pos (at most REACH
    characters each side) is segmented, as jieba segments each stretch between punctuation marks by itself."""
    low, high = max(0, pos - REACH), min(len(text), pos + REACH + 1)
    left = max(text.rfind(c, low, pos) for c in STOPS) + 1 or low
    right = min((i for i in (text.find(c, pos + 1, high) for c in STOPS) if i >= 0), default=high)
    left = max(left, low)
    starts = word_starts(text[left:right])
    i = bisect_right(starts, pos - left) - 1
    return left + starts[i], left + (starts[i + 1] if i + 1 < len(starts) else right - left)


def inside_word(text: str, pos: int) -> bool:
    """True when the character at pos ends or continues a longer word (签约, 村规民约, 剩余, 最近): it is not a word
    of its own, nor the first character of one."""
    start, _ = word_at(text, pos)
    return start < pos


def starts_longer_word(text: str, pos: int, rest_ok) -> bool:
    """True when the character at pos begins a longer word whose rest is not what rest_ok accepts (多功能, 余强; but
    余份 or 多人, where the rest is a unit, are a qualifier and its unit)."""
    start, end = word_at(text, pos)
    return start == pos and end > pos + 1 and not rest_ok(text[pos + 1:end])


def tag_after(text: str, pos: int) -> tuple[str, str] | None:
    """(word, part of speech) of the first word at or after pos in its sentence, by jieba's tagger; None at the end."""
    end = min((i for i in (text.find(c, pos, pos + REACH) for c in STOPS) if i >= 0), default=pos + REACH)
    tagged = _segmenter().tag(text[pos:end])
    return tagged[0] if tagged else None


def tags(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) of each word of a short text, by jieba's tagger."""
    return _segmenter().tag(text) if text else []


def words(text: str) -> list[str]:
    """The words of a text, in order (joined, they are the text)."""
    return _segmenter().cut(text) if text else []
