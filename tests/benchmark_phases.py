"""The serial phases every build pays before it keys or renders anything: `python -m tests.benchmark_phases SNAPSHOT`.

Not a unit test. It prints the CPU seconds, in this one process, of importing
the rendering stack (as `statusgen build` does), parsing the snapshot
(`json.loads`), loading it into the model (parse and decode) and planning the
site. Run it interleaved with full builds of the same snapshot and compare
the ratios: issue 20's 5% budget for a cron run is spent before a page is
keyed when these alone exceed it (docs/incremental-builds.md).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    started = time.process_time()
    import generator.build  # noqa: F401, PLC0415 - the import is what is measured

    imports = time.process_time() - started
    from generator.config import Config  # noqa: PLC0415
    from generator.i18n import load_language  # noqa: PLC0415
    from generator.page_settings import with_page_defaults  # noqa: PLC0415
    from generator.site import plan_site  # noqa: PLC0415
    from generator.snapshot import snapshot_from_bytes  # noqa: PLC0415
    from generator.themes import theme_search_path  # noqa: PLC0415

    data = Path(sys.argv[1]).read_bytes()
    started = time.process_time()
    json.loads(data)
    parse = time.process_time() - started
    started = time.process_time()
    snapshot = snapshot_from_bytes(data, sys.argv[1])
    load = time.process_time() - started
    config = with_page_defaults(Config(output=Path("site"), base_url="https://status.example.com"), snapshot)
    settings = config.public()
    language = load_language(settings.language, theme_search_path(config.theme))
    started = time.process_time()
    plan_site(snapshot, settings, snapshot.taken_at, language)
    plan = time.process_time() - started
    print(  # noqa: T201 - a benchmark reports on stdout
        f"imports {imports:.3f} s, json.loads {parse:.3f} s, load (parse and decode) {load:.3f} s, "
        f"plan {plan:.3f} s; imports, load and plan together {imports + load + plan:.3f} s of CPU"
    )


if __name__ == "__main__":
    main()
