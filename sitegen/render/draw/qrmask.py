"""The data mask of a QR code, chosen as segno chooses it, about ten times faster.

ISO/IEC 18004 (7.8.3) has the encoder try the eight data masks and keep the one whose penalty score (runs,
blocks, finder-like patterns, dark/light balance) is lowest. segno does this cell by cell in Python: about
9 ms of the 14 ms a code takes, and a build draws a code for every page (most of a cold build's rendering
time). Here the same scores are counted over whole rows and columns (regular expressions, integer bit
operations); segno is then asked for that mask, so the code is the one segno itself would make, byte for byte
(tests/test_share.py compares the choice with segno's own on a few thousand URLs).

Only QR Codes (not Micro QR) of one segment are handled, as qr.py makes them; segno 1.6 (pinned).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

import segno
from segno import encoder

# the condition of each data mask (ISO/IEC 18004:2015 Table 10); i = row, j = column
MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)
RUN = re.compile(rb"\x00{5,}|\x01{5,}")
FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))
BITS = bytes.maketrans(b"\x00\x01", b"01")


@lru_cache(maxsize=8)
def symbol(width: int) -> tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[tuple[bytes, ...], ...]]:
    """For a symbol of this width: the rows as segno has them before it writes the codewords (function
    patterns, timing; the reserved format and version areas light), which cells hold data (1) and, per mask,
    which data cells it flips."""
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    base = tuple(bytes(0 if v > 1 else v for v in row) for row in matrix)  # the dark module still light (reserved)
    matrix[-8][8] = 0x1  # ... and not data: segno marks it so while choosing the mask
    region = tuple(bytes(1 if v > 1 else 0 for v in row) for row in matrix)
    flips = tuple(tuple(bytes(region[i][j] & bool(mask(i, j)) for j in range(width)) for i in range(width))
                  for mask in MASKS)
    return base, region, flips


def as_int(row: bytes) -> int:
    return int.from_bytes(row, "big")


def finder_like(seqs: list[bytes]) -> int:
    """Penalty N3 of these rows or columns, counted as segno counts it: 40 for each 1:1:3:1:1 pattern with four
    light modules (or the edge) before or after it; the next search starts after the pattern, or inside it when
    it did not count. The sequences are joined by four light modules, which is what the edge counts as."""
    seq = b"\x00\x00\x00\x00".join(seqs)
    count = 0
    idx = seq.find(FINDER_LIKE)
    while idx != -1:
        offset = idx + 7
        if not any(seq[max(idx - 4, 0):idx]) or not any(seq[offset:offset + 4]):
            count += 40
        else:
            offset = idx + 4
        idx = seq.find(FINDER_LIKE, offset)
    return count


def penalty(rows: list[bytes], size: int) -> int:
    """N1 + N2 + N3 + N4 of a masked symbol (ISO/IEC 18004:2015 7.8.3.1, Table 11), as segno scores it."""
    cols = [bytes(c) for c in zip(*rows, strict=True)]
    runs = RUN.findall(b"\x02".join(rows + cols))  # 0x2 is neither colour: no run goes on past a row's end
    n1 = sum(map(len, runs)) - 2 * len(runs)
    bits = [int(r.translate(BITS), 2) for r in rows]
    pairs = (1 << (size - 1)) - 1  # the size-1 horizontal pairs of a row
    n2 = 0
    for a, b in pairwise(bits):
        n2 += (~(a ^ (a >> 1)) & ~(b ^ (b >> 1)) & ~(a ^ b) & pairs).bit_count()
    dark = sum(b.bit_count() for b in bits)
    n4 = 10 * int(abs(float(dark) / (size ** 2) * 100 - 50) / 5)
    return n1 + 3 * n2 + finder_like(rows + cols) + n4


def best_mask(content: str, **options) -> int:
    """The mask segno.make(content, **options) would choose (a QR Code, not Micro)."""
    rows = segno.make(content, mask=0, **options).matrix
    size = len(rows)
    base, region, flips = symbol(size)
    # the data as written, before any mask (mask 0 taken off the data cells); elsewhere what segno scores
    data = [(as_int(row) & as_int(reg)) ^ as_int(flip) | as_int(bas)
            for row, reg, bas, flip in zip(rows, region, base, flips[0], strict=True)]
    best, best_score = 0, None
    for number, flip in enumerate(flips):
        masked = [(d ^ as_int(f)).to_bytes(size, "big") for d, f in zip(data, flip, strict=True)]
        score = penalty(masked, size)
        if best_score is None or score < best_score:
            best, best_score = number, score
    return best
