"""Running outputs (output.py) through the page cache, in an order that keeps every worker busy.

Whether an output is rendered again is the page cache's decision
(page_cache.py): its key is the fingerprint of its inputs with the build's
settings digest, computed in the worker that would render it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from typing import NamedTuple

from generator.errors import OutputError
from generator.fingerprint import VolatileValue
from generator.growing_text import Growth, marking
from generator.markup import MARKDOWN_MEMO
from generator.output import Output
from generator.page_cache import PreviousBuild, is_kept, page_key
from generator.views import SitePlan
from generator.writer import write_new_files


class Outcome(NamedTuple):
    """What running an output gave: its key (None: not keyed) and its files, or None when kept as they are.

    A named tuple, not a slotted dataclass: every outcome crosses a pipe from
    a worker, and unpickling a tuple costs a fifth of a dataclass's setstate.
    """

    paths: tuple[str, ...]
    key: str | None
    files: dict[str, bytes] | None
    growth: Growth | None = None  # what it showed of ongoing durations, if its inputs hold any (growing_text.py)
    staged: bool = False  # its files were written into the staging folder (NewFiles), not sent


class NewFiles(NamedTuple):
    """Where the workers write what they render, in a build whose files are all new (SiteWriter.staging_for_new_files).

    Only the bytes the build itself reads come back through the pipe: those
    of outputs without a key (their digests go to the ledger), of outputs
    that showed an ongoing duration, and of the `returned` paths (the pages
    the ledger records, clock_record.watched_paths).
    """

    staging: str
    returned: frozenset[str]
    made: set[str]  # the folders this process made in it so far: each forked worker has its own copy


def run_outputs(
    outputs: Sequence[Output],
    base: str,
    previous: PreviousBuild,
    existing: Set[str],
    reading: Mapping[str, Growth],
    new_files: NewFiles | None,
    start: int,
    end: int,
) -> list[Outcome]:
    """The outcomes of outputs[start:end], in order, a batch at a time: every key, then the Markdown, then the rest.

    Runs in a worker process (parallel.run_ranges). The Markdown of the
    outputs that will render is rendered together, before their templates
    and feeds: alternating markdown-it with Jinja and feedgen output by
    output cost the workers an eighth more CPU for the same work (the
    benchmark's 10,000 incidents). Then the batch's outputs render kind by
    kind: its feeds together, then its pages (_kind_of). Kept outputs render nothing, Markdown
    included. With `new_files`, the files are written here (NewFiles).
    """
    outcomes: list[Outcome] = []
    waiting: list[tuple[Output, Outcome | _ToRender]] = []  # decided, their Markdown not rendered yet
    position = start
    while position < end or waiting:
        while len(waiting) < MARKDOWN_BATCH and position < end:
            output = outputs[position]
            waiting.append((output, _decided(output, base, previous, existing, reading)))
            position += 1
        size = _markdown_ahead(waiting)
        batch, waiting = waiting[:size], waiting[size:]
        rendered: dict[int, Outcome] = {}
        for place in sorted(range(len(batch)), key=lambda place: _kind_of(batch[place][0])):
            output, decision = batch[place]
            if isinstance(decision, _ToRender):
                rendered[place] = _rendered(output, decision.key, decision.always, new_files)
        outcomes += (
            decision if isinstance(decision, Outcome) else rendered[place] for place, (_, decision) in enumerate(batch)
        )
    return outcomes


# Outputs whose Markdown is rendered together, at most: a few hundred texts, well within markup.render_markdown's memo.
MARKDOWN_BATCH = 128
# A batch ends early once its outputs have asked for this many texts: all of them must still be in the
# memo when the batch's pages and feeds show them, or each would be rendered twice (incidents with
# a hundred notes each, say).
MARKDOWN_TEXTS = MARKDOWN_MEMO // 2


def _markdown_ahead(waiting: Sequence[tuple[Output, Outcome | _ToRender]]) -> int:
    """Render the Markdown of the first outputs of `waiting` that fit in a batch; how many those are (at least one)."""
    texts = 0
    for size, (output, decision) in enumerate(waiting, start=1):
        if isinstance(decision, _ToRender) and output.markdown is not None:
            texts += output.markdown() or 0
            if texts >= MARKDOWN_TEXTS:
                return size
    return len(waiting)


def _kind_of(output: Output) -> str:
    """What renders an output, as far as its order goes: its first file's extension ("atom", "html", ...).

    A batch renders its feeds together, then its pages: alternating feedgen
    with Jinja output by output cost the workers 2% more CPU (10,000 incidents).
    """
    return output.paths[0].rpartition(".")[2]


class _ToRender(NamedTuple):
    key: str | None
    always: bool


def _decided(
    output: Output, base: str, previous: PreviousBuild, existing: Set[str], reading: Mapping[str, Growth]
) -> Outcome | _ToRender:
    """The outcome of an output the page cache keeps as it is, or what rendering it needs.

    Keys are computed where the rendering happens, so fingerprinting is
    spread over every core too. An output that shows an "in 28 days" is kept
    only if `reading` (kept_growing.still_reading) holds it: its texts still
    read as they did, and there they lie.
    """
    if output.inputs is None:
        return _ToRender(None, always=True)
    try:
        key, moving = page_key((base, output.inputs))
    except VolatileValue:  # an ongoing duration: rendered on every build, and where it shows recorded
        return _ToRender(None, always=True)
    growth = reading.get(output.paths[0]) if moving else None
    if (growth is not None or not moving) and is_kept(key, output.paths, previous, existing):
        return Outcome(output.paths, key, None, growth)
    return _ToRender(key, always=moving)


def _rendered(output: Output, key: str | None, always: bool, new_files: NewFiles | None) -> Outcome:
    """The output rendered, with what it showed of ongoing durations; its files written already if they may be.

    `always` for an output whose inputs may hold one (volatile, or not keyed):
    a page that does not show it through the filter must be known too.
    """
    with marking() as marks:
        files = output.render()
    growth = marks.growth(output.paths) if always or marks.made else None
    if files.keys() != set(output.paths):
        raise OutputError(f"internal error: an output declared {list(output.paths)} but made {sorted(files)}")
    if new_files is not None and key is not None and growth is None and new_files.returned.isdisjoint(files):
        write_new_files(new_files.staging, files, new_files.made)
        return Outcome(output.paths, key, None, None, staged=True)
    return Outcome(output.paths, key, files, growth)


def schedule(outputs: Iterable[Output], plan: SitePlan) -> list[Output]:
    """The outputs in the order workers should take them.

    The few large ones (the API, the site feed, the home, service and history
    pages) come first and the many small incident pages last, so the workers
    finish together instead of one rendering the big ones while the other
    waits. Between them, each episode comes with its member incidents: its
    feed holds their notes, so one worker renders each note once, not each
    worker its own copy. An incident's page and feed stay next to each other.
    """
    own_pages = {view.url for view in plan.incidents} | {view.url for view in plan.episodes}
    large: list[Output] = []
    by_folder: dict[str, list[Output]] = {}
    for output in outputs:
        if output.folder in own_pages:
            by_folder.setdefault(output.folder, []).append(output)
        else:
            large.append(output)
    episodes: list[Output] = []
    for episode in plan.episodes:
        for folder in (episode.url, *(member.url for member in episode.incidents)):
            episodes.extend(by_folder.pop(folder, ()))
    return large + episodes + [output for group in by_folder.values() for output in group]
