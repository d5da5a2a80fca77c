"""What statusgen.toml may hold: every key's table, type, bounds and meaning, described once.

The loader checks a file against this description (unknown keys, wrong types,
ranges) and `statusgen init` writes its commented file from it, so what the
file documents and what the loader accepts cannot drift apart. Defaults are
not repeated here: they are the `Config` dataclass's own.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

ONEUPTIME_TABLE = "oneuptime"
LINKS_KEY = "links"
# Tables that other modules read and check themselves: [publish] (generator/publish/settings.py).
OTHER_TABLES = ("publish",)


@dataclass(frozen=True, slots=True)
class Kind:
    """The value a key takes: in words for a person (`needs`), as TOML's Python types for the loader."""

    needs: str
    types: tuple[type, ...]
    lowest: float | None = None  # numbers only: the smallest allowed (inclusive unless `above`)
    highest: float | None = None
    above: bool = False  # the number must be greater than `lowest`, not equal to it

    def accepts_type(self, value: object) -> bool:
        """Whether `value` is of a type this key can take (TOML's true/false is never a number)."""
        return isinstance(value, self.types) and not (isinstance(value, bool) and bool not in self.types)

    def in_range(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        if self.lowest is not None and (value <= self.lowest if self.above else value < self.lowest):
            return False
        return self.highest is None or value <= self.highest


def whole_number(lowest: int, highest: int) -> Kind:
    return Kind(f"a whole number from {lowest} to {highest}", (int,), lowest, highest)


def seconds(lowest: float, highest: float, above: bool) -> Kind:
    bounds = f"above {lowest:g}, at most {highest:g}" if above else f"from {lowest:g} to {highest:g}"
    return Kind(f"a number of seconds {bounds}", (int, float), lowest, highest, above)


TEXT = Kind("text in quotes", (str,))
URL = Kind('an http(s) URL in quotes, e.g. "https://status.example.com"', (str,))
FOLDER = Kind("a folder path in quotes", (str,))
IMAGE = Kind("the path of an image file in quotes", (str,))
TIME_ZONE = Kind('an IANA time zone name in quotes, e.g. "Europe/Berlin"', (str,))
LINKS = Kind('a table of label = "https://..." pairs', (dict,))
TABLE = Kind("a table", (dict,))
SWITCH = Kind("true or false", (bool,))
LANGUAGE = Kind('a language code in quotes, e.g. "de", "fr" or "pt-BR"', (str,))
AGE = Kind('a time in quotes: minutes, hours or days, e.g. "15m", "2h" or "1d"', (str,))


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of statusgen.toml."""

    key: str  # also the name of the Config field it sets
    table: str | None  # None: at the top of the file; else the [table] it sits in
    kind: Kind
    about: str  # what it does, for `statusgen init`'s comments
    example: str = ""  # TOML for a key without a default value, shown commented out
    environment: str = ""  # the variable that overrides it, if any
    # A mirrored status page's own setting is the default (page_settings.py); written commented out.
    from_status_page: bool = False

    @property
    def dotted(self) -> str:
        """The key as TOML can name it from the top of the file, e.g. oneuptime.timeout."""
        return self.key if self.table is None else f"{self.table}.{self.key}"


# Upper bounds keep a typo from doing harm: 100000 history days made a 17 MB home page, and a
# thousand requests at once or retries without end hurt the server. A timeout or deadline of 0
# would fail every request, and NaN or infinity are refused wherever a number is asked for.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "title", None, TEXT, "The site's name: on every page, in the feeds and on the badge.", from_status_page=True
    ),
    Setting(
        "base_url",
        None,
        URL,
        "The site's public address. Feeds, the api/v2 JSON and sitemap.xml need absolute links,\n"
        "so they are written only when it is set.",
        example='"https://status.example.com"',
    ),
    Setting("timezone", None, TIME_ZONE, "The time zone times are shown in on the pages."),
    Setting("footer", None, TEXT, "A line of text at the foot of every page."),
    Setting(
        "logo",
        None,
        IMAGE,
        "An image shown beside the title, relative to this file: svg, png, jpg, gif, webp or avif.",
        example='"logo.svg"',
    ),
    Setting(
        "output",
        None,
        FOLDER,
        "The folder the site is written to, relative to this file. It is replaced as a whole:\n"
        "give it a folder of its own.",
    ),
    Setting(
        "theme",
        None,
        FOLDER,
        "A folder, relative to this file, whose templates and static files replace the default\n"
        "theme's files of the same name.",
        example='"mytheme"',
    ),
    Setting(
        "history_days",
        None,
        whole_number(1, 90),
        "How many days of incidents the home page shows.",
        from_status_page=True,
    ),
    Setting(
        "description",
        None,
        TEXT,
        "A line under the title on the home page (default: the status page's own description).",
        example='"Live status of our services"',
        from_status_page=True,
    ),
    Setting(
        "show_incidents",
        None,
        SWITCH,
        "Whether incidents are published (default: as the status page shows them, else true).",
        from_status_page=True,
    ),
    Setting(
        "show_episodes",
        None,
        SWITCH,
        "Whether episodes are published (default: as the status page shows them, else true).",
        from_status_page=True,
    ),
    Setting(
        "show_maintenance",
        None,
        SWITCH,
        "Whether scheduled maintenance is published (default: as the status page shows it, else true). "
        "Set to true, a server or API key that cannot give it is an error; left unset, the site is built without it.",
        from_status_page=True,
    ),
    Setting(
        "show_announcements",
        None,
        SWITCH,
        "Whether announcements are published (default: as the status page shows them, else true). "
        "Set to true, a server or API key that cannot give them is an error; left unset, the site is built "
        "without them.",
        from_status_page=True,
    ),
    Setting(
        "language",
        None,
        LANGUAGE,
        "The language of every word the theme writes, of dates and numbers, and of the feeds' titles.\n"
        "Shipped: en, de, fr, es, pt-BR, ja; a theme may add one (locales/<code>/LC_MESSAGES/messages.po).",
    ),
    Setting(
        "local_times",
        None,
        SWITCH,
        "Add a tiny inline script that shows each time in the reader's own time zone, and how long ago\n"
        "the home page was updated. Pages read correctly without it (times in `timezone`, named);\n"
        "a Content-Security-Policy allows it by its hash (docs/visitors.md).",
    ),
    Setting(
        "stale_after",
        None,
        AGE,
        "Warn readers of the home page (with the same inline script) once it is older than this:\n"
        "the job that builds it may have stopped.",
        example='"15m"',
    ),
    Setting(
        "refresh",
        None,
        whole_number(10, 86400),
        "Seconds after which the home page reloads itself, for wall screens (a meta refresh).",
        example="300",
    ),
    Setting(
        "ongoing_limit",
        None,
        whole_number(1, 1000),
        "How many ongoing incidents (and episodes) the home page shows, and how many incidents under each\n"
        "of its days; ongoing/ and the history pages list them all.",
    ),
    Setting(
        LINKS_KEY,
        None,
        LINKS,
        'Links in the page header, as label = "URL" pairs under [links].',
        example='"Support" = "https://example.com/support"',
    ),
    Setting(
        "url",
        ONEUPTIME_TABLE,
        URL,
        "The OneUptime server to fetch from; change it for a self-hosted OneUptime.",
        environment="ONEUPTIME_URL",
    ),
    Setting(
        "project_id",
        ONEUPTIME_TABLE,
        TEXT,
        "The OneUptime project to publish (Project Settings). The API key is never read from\n"
        "this file: set ONEUPTIME_API_KEY or use --api-key-file.",
        example='"your-project-id"',
        environment="ONEUPTIME_PROJECT_ID",
    ),
    Setting(
        "status_page",
        ONEUPTIME_TABLE,
        TEXT,
        "Mirror this OneUptime status page (its id): only its services' incidents, named as it names\n"
        "them, with their status and uptime. Without it the whole project's visible incidents are published.",
        example='"0e9c1d52-3f4a-4b6c-9d8e-7f6a5b4c3d2e"',
        environment="ONEUPTIME_STATUS_PAGE_ID",
    ),
    Setting(
        "publish_private_status_page",
        ONEUPTIME_TABLE,
        SWITCH,
        "Publish a status page that OneUptime shows only after a login. A risk: it makes public\n"
        "what the page's owner chose to keep behind a login.",
    ),
    Setting("concurrency", ONEUPTIME_TABLE, whole_number(1, 32), "How many requests are sent at once."),
    Setting(
        "timeout",
        ONEUPTIME_TABLE,
        seconds(0, 86400, above=True),
        "Seconds one request may take: connecting, sending and every byte of the answer.",
    ),
    Setting(
        "retries",
        ONEUPTIME_TABLE,
        whole_number(0, 20),
        "How often a request is tried again after a 429, a 5xx, a timeout or a connection error.",
    ),
    Setting(
        "backoff",
        ONEUPTIME_TABLE,
        seconds(0, 600, above=False),
        "Seconds before the first retry, doubling each time (a server's Retry-After wins).",
    ),
    Setting(
        "max_rows",
        ONEUPTIME_TABLE,
        whole_number(1, 100_000_000),
        "How many rows one listing may have; a server claiming more is refused.",
    ),
    Setting(
        "max_response_mb",
        ONEUPTIME_TABLE,
        whole_number(1, 4096),
        "How many megabytes one answer may have; a larger one is refused while it streams in.",
    ),
    Setting(
        "fetch_deadline",
        ONEUPTIME_TABLE,
        seconds(0, 86400, above=True),
        "Seconds the whole fetch may take.",
    ),
)


def settings_in(table: str | None) -> dict[str, Setting]:
    """The settings of one table (None: the top of the file), by key."""
    return {setting.key: setting for setting in SETTINGS if setting.table == table}


def setting_named(key: str) -> Setting | None:
    """The setting that sets the Config field `key`, if a file may set it."""
    return next((setting for setting in SETTINGS if setting.key == key), None)


# In the order they are tried: TOML's true and false are ints to Python, its datetimes dates.
_TYPE_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true or false"),
    (int, "a whole number"),
    (float, "a number with a decimal point"),
    (str, "text"),
    (dict, "a table"),
    (list, "a list"),
    ((datetime.date, datetime.time), "a date or time"),
)


def type_name(value: object) -> str:
    """What a person wrote, in words: TOML's types as a settings file shows them."""
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)
