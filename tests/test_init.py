"""`statusgen init`: a commented statusgen.toml that loads back to the defaults, and CI jobs; never an overwrite."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.config import Config, load_config
from generator.settings import SETTINGS

REPOSITORY = Path(__file__).resolve().parents[1]
SETTINGS_ADVICE = "every setting with its default; set title and base_url, and project_id under [oneuptime]"
# Fields no file sets: the key comes from the environment or a key file, config_file is the file itself.
NOT_IN_FILES = {"api_key", "config_file", "explicit"}


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.output


@pytest.fixture
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_settings_file_that_loads_back_to_the_defaults(in_empty_folder: Path) -> None:
    assert init() == (0, f"wrote statusgen.toml: {SETTINGS_ADVICE}\n")
    loaded = load_config(environ={})
    # Every key it writes is given (explicit); none that a mirrored status page sets is among them.
    assert dataclasses.replace(loaded, explicit=frozenset()) == dataclasses.replace(
        Config(), config_file=Path("statusgen.toml")
    )
    assert not loaded.explicit & {setting.key for setting in SETTINGS if setting.from_status_page}


def test_every_setting_a_file_may_set_is_in_the_file_with_what_it_does(in_empty_folder: Path) -> None:
    init()
    text = (in_empty_folder / "statusgen.toml").read_text(encoding="utf-8")
    settable = {field.name for field in dataclasses.fields(Config)} - NOT_IN_FILES
    assert {setting.key for setting in SETTINGS} == settable
    blocks = text.split("\n\n")
    for setting in SETTINGS:
        key = re.compile(rf"^(# )?{setting.key} = |^\[{setting.key}\]$", re.MULTILINE)
        [block] = [block for block in blocks if key.search(block)]
        assert "\n".join(f"# {line}" for line in setting.about.splitlines()) in block, setting.key


def test_the_commented_out_examples_are_valid_settings(in_empty_folder: Path) -> None:
    init()
    path = in_empty_folder / "statusgen.toml"
    text = path.read_text(encoding="utf-8")
    for setting in SETTINGS:
        if setting.example:
            text = text.replace(f"\n# {setting.example}\n", f"\n{setting.example}\n")
            text = text.replace(f"\n# {setting.key} = {setting.example}\n", f"\n{setting.key} = {setting.example}\n")
    path.write_text(text, encoding="utf-8")
    (in_empty_folder / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (in_empty_folder / "mytheme").mkdir()
    config = load_config(environ={})
    assert (config.base_url, config.logo, config.theme, config.links, config.project_id) == (
        "https://status.example.com",
        Path("logo.svg"),
        Path("mytheme"),
        (("Support", "https://example.com/support"),),
        "your-project-id",
    )


@pytest.mark.parametrize(
    ("ci", "example", "target", "advice"),
    [
        (
            "github",
            "github-actions.yml",
            ".github/workflows/status-page.yml",
            "set the secrets and variables named at its top (Settings -> Secrets and variables -> Actions)",
        ),
        (
            "gitlab",
            "gitlab-ci.yml",
            ".gitlab-ci.yml",
            "add a pipeline schedule and the CI/CD variables named at its top",
        ),
    ],
)
def test_init_with_ci_writes_the_example_workflow(
    in_empty_folder: Path, ci: str, example: str, target: str, advice: str
) -> None:
    assert init("--ci", ci) == (0, f"wrote statusgen.toml: {SETTINGS_ADVICE}\nwrote {target}: {advice}\n")
    assert (in_empty_folder / target).read_bytes() == (REPOSITORY / "examples" / example).read_bytes()


def test_init_never_overwrites_a_file(in_empty_folder: Path) -> None:
    mine = in_empty_folder / "statusgen.toml"
    mine.write_text('title = "Mine"\n', encoding="utf-8")
    assert init() == (1, "Error: statusgen.toml already exists; init never overwrites a file\n")
    assert init("--ci", "gitlab") == (
        0,
        "kept statusgen.toml: it exists already, and init never overwrites a file\n"
        "wrote .gitlab-ci.yml: add a pipeline schedule and the CI/CD variables named at its top\n",
    )
    assert init("--ci", "gitlab") == (
        1,
        "Error: statusgen.toml and .gitlab-ci.yml already exist; init never overwrites a file\n",
    )
    assert mine.read_text(encoding="utf-8") == 'title = "Mine"\n'


def test_init_into_a_new_folder(in_empty_folder: Path) -> None:
    assert init("status") == (0, f"wrote status/statusgen.toml: {SETTINGS_ADVICE}\n")
    assert load_config(Path("status/statusgen.toml"), environ={}).output == Path("status/site")


def test_the_settings_a_status_page_gives_are_those_described_so_and_stay_commented_out(in_empty_folder: Path) -> None:
    """Written out, a default in init's file would override the mirrored page's own setting."""
    import inspect

    from generator import page_settings

    source = inspect.getsource(page_settings.with_page_defaults)
    given_by_page = set(re.findall(r'^\s+"([a-z_]+)": page\.', source, re.MULTILINE))
    assert given_by_page == {setting.key for setting in SETTINGS if setting.from_status_page}
    init()
    text = (in_empty_folder / "statusgen.toml").read_text(encoding="utf-8")
    for key in given_by_page:
        assert re.search(rf"^# {key} = ", text, re.MULTILINE) and not re.search(rf"^{key} = ", text, re.MULTILINE)
