"""zh_punctuation: half-width marks between Chinese characters shown full-width; nothing else changes."""
from __future__ import annotations

import pytest

from sitegen.typography import as_written, zh_punctuation


@pytest.mark.parametrize("seed, shown", [
    ("今年以来,范县白衣阁乡", "今年以来，范县白衣阁乡"),
    ("一个组织架构(成立“五星”支部创建专班)、两个", "一个组织架构（成立“五星”支部创建专班）、两个"),
    ("年终评定),统筹谋划", "年终评定），统筹谋划"),          # a mark made full-width is context for the next
    ("评选出先进典型50余人(户)。", "评选出先进典型50余人（户）。"),
    ("标准?是!对:否;", "标准？是！对：否；"),
    ("“五星”,“四星”", "“五星”，“四星”"),
])
def test_marks_between_chinese_become_full_width(seed, shown):
    assert zh_punctuation(seed) == shown
    assert as_written(shown, seed)


@pytest.mark.parametrize("text", ["1,300 mu (about 87 ha)", "3:2", "CNY 20 million (2023)", "a,b", "50,000"])
def test_latin_and_numbers_are_left_alone(text):
    assert zh_punctuation(text) == text


def test_same_length_so_seed_positions_carry_over():
    seed = "投资2000万元,实施城乡雨污水分流(含管网):完成"
    assert len(zh_punctuation(seed)) == len(seed)
    assert not as_written("投资2000万元，实施", seed)
