"""Running a range of outputs: keys first, then the Markdown of those that render, then their files."""

from __future__ import annotations

from generator import jobs
from generator.output import Output
from generator.page_cache import NO_PREVIOUS_BUILD, PreviousBuild, page_key

BASE = "settings-digest"


def outputs_logging_to(log: list[str], count: int) -> list[Output]:
    """Outputs whose Markdown hook and render say, in `log`, when they ran."""

    def output(n: int) -> Output:
        def render() -> dict[str, bytes]:
            log.append(f"render {n}")
            return {f"p/{n}.html": f"<p>{n}</p>".encode()}

        def markdown() -> None:
            log.append(f"markdown {n}")

        return Output((f"p/{n}.html",), ("page", n), render, markdown=markdown)

    return [output(n) for n in range(count)]


def test_a_batch_renders_its_markdown_before_any_of_its_templates() -> None:
    log: list[str] = []
    outputs = outputs_logging_to(log, 3)
    outcomes = jobs.run_outputs(outputs, BASE, NO_PREVIOUS_BUILD, set(), {}, None, 0, 3)
    assert log == ["markdown 0", "markdown 1", "markdown 2", "render 0", "render 1", "render 2"]
    assert [outcome.files for outcome in outcomes] == [{f"p/{n}.html": f"<p>{n}</p>".encode()} for n in range(3)]


def test_a_kept_output_renders_no_markdown() -> None:
    log: list[str] = []
    outputs = outputs_logging_to(log, 3)
    key_of_1 = page_key((BASE, outputs[1].inputs))[0]
    previous = PreviousBuild({"p/1.html": key_of_1}, {})
    outcomes = jobs.run_outputs(outputs, BASE, previous, {"p/1.html"}, {}, None, 0, 3)
    assert log == ["markdown 0", "markdown 2", "render 0", "render 2"]
    assert outcomes[1].files is None and outcomes[1].key == key_of_1
    assert outcomes[0].files is not None and outcomes[2].files is not None


def test_a_range_is_run_in_batches_of_its_own_outputs_only() -> None:
    log: list[str] = []
    count = jobs.MARKDOWN_BATCH + 5
    outputs = outputs_logging_to(log, count + 3)
    outcomes = jobs.run_outputs(outputs, BASE, NO_PREVIOUS_BUILD, set(), {}, None, 2, count + 2)
    assert [outcome.paths[0] for outcome in outcomes] == [f"p/{n}.html" for n in range(2, count + 2)]
    second_batch = jobs.MARKDOWN_BATCH + 2
    # The first batch's renders all come before the second batch's Markdown.
    assert log.index(f"render {second_batch - 1}") < log.index(f"markdown {second_batch}")
    assert log.count("markdown 0") == 0 and log.count(f"markdown {count + 2}") == 0


def test_a_batch_renders_its_feeds_together_then_its_pages_and_keeps_their_order() -> None:
    log: list[str] = []

    def output(path: str) -> Output:
        def render() -> dict[str, bytes]:
            log.append(f"render {path}")
            return {path: path.encode()}

        return Output((path,), ("job", path), render)

    paths = ["a/index.html", "a/feed.atom", "b/index.html", "b/feed.atom", "c/index.html"]
    outcomes = jobs.run_outputs([output(path) for path in paths], BASE, NO_PREVIOUS_BUILD, set(), {}, None, 0, 5)
    assert log == [
        f"render {path}" for path in ("a/feed.atom", "b/feed.atom", "a/index.html", "b/index.html", "c/index.html")
    ]
    assert [outcome.paths[0] for outcome in outcomes] == paths
    assert [outcome.files for outcome in outcomes] == [{path: path.encode()} for path in paths]


def test_a_batch_ends_once_its_markdown_would_fill_the_memo() -> None:
    log: list[str] = []

    def output(n: int) -> Output:
        def render() -> dict[str, bytes]:
            log.append(f"render {n}")
            return {f"p/{n}.html": b""}

        def markdown() -> int:
            log.append(f"markdown {n}")
            return jobs.MARKDOWN_TEXTS // 2  # two outputs' texts fill a batch

        return Output((f"p/{n}.html",), ("page", n), render, markdown=markdown)

    outcomes = jobs.run_outputs([output(n) for n in range(5)], BASE, NO_PREVIOUS_BUILD, set(), {}, None, 0, 5)
    assert log == [
        *("markdown 0", "markdown 1", "render 0", "render 1"),
        *("markdown 2", "markdown 3", "render 2", "render 3"),
        *("markdown 4", "render 4"),
    ]
    assert [outcome.paths[0] for outcome in outcomes] == [f"p/{n}.html" for n in range(5)]
