"""The one exception hierarchy: callers catch at the level they care about."""


class StatusgenError(Exception):
    """Anything a user can cause or fix; the CLI shows its message on one line."""

    exit_code = 1  # the command's exit status when this ends it


class ConfigError(StatusgenError):
    """A setting is missing or invalid (statusgen.toml, environment or flags)."""


class SnapshotError(StatusgenError):
    """A snapshot file cannot be read or does not have the expected shape."""


class ApiError(StatusgenError):
    """The OneUptime API could not be reached or answered with an error."""


class AuthenticationError(ApiError):
    """The API refused the project id or API key."""


class ThemeError(StatusgenError):
    """A theme folder or template is missing or broken."""


class OutputError(StatusgenError):
    """The output folder could not be written or swapped into place."""


class OlderDataError(OutputError):
    """Another run already published newer data: going back in time is refused, with its own exit status."""

    exit_code = 4


class PublishError(StatusgenError):
    """A destination could not be read or written, or the site to publish is missing."""
