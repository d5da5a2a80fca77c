"""A mirrored status page's own settings as the defaults of a build's, and a last check that it may be published.

The page's title, description, shown sections and incident history are what
its owner chose in OneUptime; whatever statusgen.toml, the environment or a
flag sets (Config.explicit) wins over them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.config import Config
from generator.errors import ConfigError
from generator.model import Snapshot


def with_page_defaults(config: Config, snapshot: Snapshot) -> Config:
    """`config` with the snapshot's status page filling in every setting the user did not give.

    A snapshot of a page that is not public is refused here too, so a snapshot
    fetched with publish_private_status_page cannot be published without it.
    """
    page = snapshot.status_page
    if page is None:
        return config
    if not page.is_public and not config.publish_private_status_page:
        raise ConfigError(
            f"the snapshot is of status page {page.id}, which is private in OneUptime (visitors must log in); "
            f"to publish it to everyone anyway, set publish_private_status_page = true under [oneuptime]"
        )
    defaults: dict[str, Any] = {
        "title": page.title,
        "description": page.description,
        "show_incidents": page.show_incidents,
        "show_episodes": page.show_episodes,
        "show_maintenance": page.show_maintenance,
        "show_announcements": page.show_announcements,
        "history_days": page.incident_history_days,
    }
    return replace(config, **{name: value for name, value in defaults.items() if name not in config.explicit})
