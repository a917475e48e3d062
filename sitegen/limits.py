"""What one input may cost: sizes no report needs, refused with a message (`path:line`) before any work is done
on them, so that no input makes a build slow or large (issue 24). Each is far above what a real report has: the
largest this project knows is named beside each limit. The size of each file is limited by its kind
(read/files.py: KINDS); these are the limits of what the files say."""
from __future__ import annotations

# characters of one text value: a default for any text, tighter where a text is set in a fixed place (a tile, a
# card, the long image), looser where it is a paragraph
SHORT = 500        # a title, a label, the period, a site name, a star's name (longest: a 164-character derived label)
TEXT = 2_000       # any other text value: a description, a caption, a note, a meta field (longest: 300)
LONG = 20_000      # a translated paragraph, an edit's from and to, a figure's quote (longest: 1,100)

# how many things a report may have
FIGURES = 1_000    # stated figures (the largest report: 110), and as many derived ones
CHARTS = 200       # charts (the largest report: 16)
RELATIONS = 200    # relations between figures (2)
PAGES = 100        # pages of one language (26)
STARS = 12         # stars (5)
GLOSSARY = 2_000   # glossary entries (60)
PHOTOS = 200       # photos (6)
CONTENT_BYTES = 16 * 1024 * 1024  # every file of a content folder but its photos, together (200 kB)

LONG_IMAGE_HEIGHT = 60_000  # px of the 一图读懂 (five stars: 10,300–11,700 px; with test_hostile's long texts 42,700)

# What this bounds: a build reads at most CONTENT_BYTES of text (each file within its kind's size) and the
# templates, makes at most PAGES pages per language, FIGURES figures and CHARTS charts, and draws no picture
# larger than 1080 x LONG_IMAGE_HEIGHT (a 256-colour PNG of ~65 MB in memory). tests/test_limits.py builds the
# hostile inputs of each kind under an address-space limit (RLIMIT_AS) of 1.5 GB per process; a cold build of this
# report needs about 1 GB of address space (300 MB resident at its peak).
MEMORY_CAP = 1536 * 1024 * 1024


def count_problem(what: str, n: int, limit: int) -> str:
    """The message for a list longer than a report ever needs."""
    return f"{n:,} {what}: a report has at most {limit:,}"
