"""Which folder a site is written to, whether it may be, and the lock two runs take turns by.

Split from writer.py, which uses them for every build, and for the clock path's one-file
update (writer.locked_site).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.errors import OutputError
from generator.locking import exclusive_lock, lock_file_for
from generator.site_swap import INSIDE_STAGING_PREFIX, MARKER_NAME


def site_folder(output: Path) -> Path:
    """A symlinked output (site -> /srv/status) is replaced where it points; the link stays."""
    output = output.absolute()
    return output.resolve() if output.is_symlink() else output


@contextmanager
def exclusive_output_lock(output: Path, in_place: bool) -> Iterator[None]:
    """Two overlapping cron runs take turns instead of mixing their files.

    A folder that is swapped away is locked through a file beside it; one
    updated in place (a mount point) is locked itself, so that containers
    which mount it, each with its own parent folder, still take turns. Where
    a folder cannot be locked (flock over NFS), the file beside it is used.
    """
    with ExitStack() as held:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            if not (in_place and _lock_folder_itself(output, held)):
                held.enter_context(exclusive_lock(lock_file_for(output)))
        except OSError as exc:
            raise OutputError(f"cannot create the output folder next to {output}: {exc.strerror}") from None
        yield


def _lock_folder_itself(output: Path, held: ExitStack) -> bool:
    try:
        held.enter_context(exclusive_lock(output))
    except OSError:
        return False
    return True


def check_output_folder(output: Path) -> None:
    """Refuse what must never be replaced: the root, a file, a non-empty folder statusgen did not make."""
    output = site_folder(output)
    if output.parent == output:
        raise OutputError(f"refusing to write the site to {output}: a site needs a folder of its own (e.g. --out site)")
    if output.exists() and not output.is_dir():
        raise OutputError(f"output path {output} is a file, not a folder")
    if output.is_dir() and not (output / MARKER_NAME).is_file() and any(_foreign_entries(output)):
        raise OutputError(
            f"refusing to replace {output}: it is not empty and was not made by statusgen "
            f"(choose another --out, or empty the folder)"
        )


def _foreign_entries(output: Path) -> Iterator[Path]:
    """What is in the folder besides the staging folders of our own interrupted in-place builds."""
    return (entry for entry in output.iterdir() if not entry.name.startswith(INSIDE_STAGING_PREFIX))
