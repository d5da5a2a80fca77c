"""Replacing pieces of a built file's bytes, and knowing where each replacement went.

A cron run remakes a page from its bytes as built (clock_rebuild.py): the
partials that show the build time are spliced (stamp_splice.py) and the
ongoing durations rewritten (growing_text.py), both in one pass, and the
next run needs to know where the durations are now.
"""

from __future__ import annotations

from collections.abc import Sequence

Edit = tuple[int, int, bytes]  # replace the bytes from start to end by these


def apply_edits(data: bytes, edits: Sequence[Edit]) -> tuple[bytes, list[tuple[int, int]]] | None:
    """`data` with each edit made, and where each replacement is in the result (in the order given).

    None when two edits overlap or one lies outside `data`.
    """
    order = sorted(range(len(edits)), key=lambda index: edits[index][0])
    pieces: list[bytes] = []
    places: list[tuple[int, int]] = [(0, 0)] * len(edits)
    position = length = 0
    for index in order:
        start, end, replacement = edits[index]
        if start < position or end < start or end > len(data):
            return None
        pieces += [data[position:start], replacement]
        length += start - position
        places[index] = (length, length + len(replacement))
        length += len(replacement)
        position = end
    pieces.append(data[position:])
    return b"".join(pieces), places
