"""The wheel a user installs: its metadata for a package index, its six runtime dependencies, what it ships."""

from __future__ import annotations

import email
import subprocess
import sys
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.statusgen_runs import REPO

RUNTIME = {"click", "jinja2", "markdown-it-py", "httpx", "feedgen", "watchfiles", "icalendar", "babel"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout by hatchling (installed with the test tools: no network)."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), "."],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = dist.glob("statusgen-*.whl")
    return built


def pinned_versions() -> dict[str, Version]:
    """constraints.txt: what CI installs, by normalized name."""
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonicalize_name(name): Version(version) for name, version in pins}


def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        [name] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(archive.read(name))


@pytest.mark.slow
def test_a_user_install_needs_the_runtime_dependencies_only_each_below_its_next_major(wheel: Path) -> None:
    required = [Requirement(line) for line in metadata(wheel).get_all("Requires-Dist", [])]
    runtime = [requirement for requirement in required if requirement.marker is None]
    assert {requirement.name.lower() for requirement in runtime} == RUNTIME
    for requirement in runtime:  # allowed up to the next major version after the one CI tests
        [upper] = [Version(spec.version) for spec in requirement.specifier if spec.operator == "<"]
        assert upper == Version(f"{pinned_versions()[canonicalize_name(requirement.name)].major + 1}"), requirement


@pytest.mark.slow
def test_the_metadata_is_ready_for_a_package_index(wheel: Path) -> None:
    fields = metadata(wheel)
    assert fields["Name"] == "statusgen" and fields["Requires-Python"] == ">=3.11"
    assert fields["Summary"].startswith("A static status-page generator for OneUptime")
    assert fields["License-Expression"] == "MIT"
    assert fields["Description-Content-Type"] == "text/markdown"
    assert {url.split(",")[0] for url in fields.get_all("Project-URL", [])} >= {"Homepage", "Source", "Issues"}
    classifiers = fields.get_all("Classifier", [])
    assert "Environment :: Console" in classifiers and "Programming Language :: Python :: 3.11" in classifiers
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [entry_points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        assert "statusgen = generator.cli:run" in archive.read(entry_points).decode()
        assert [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]


@pytest.mark.slow
def test_the_wheel_ships_the_theme_the_demo_and_the_ci_examples(wheel: Path, tmp_path: Path) -> None:
    """Unpacked on its own, without the checkout beside it, the wheel builds the demo and writes a CI job."""
    installed = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        assert (installed / "generator" / "examples" / name).read_bytes() == (REPO / "examples" / name).read_bytes()
    for compiled in (REPO / "generator").glob("dataclass_code.*.marshal"):  # dataclasses' methods (dataclass_code.py)
        assert (installed / "generator" / compiled.name).read_bytes() == compiled.read_bytes()
    project = tmp_path / "project"
    project.mkdir()
    environment = {"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "generator"]
    where = subprocess.run(
        [*command[:1], "-c", "import generator; print(generator.__file__)"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert where.stdout.strip() == str(installed / "generator" / "__init__.py")
    for args in (["init", "--ci", "gitlab"], ["build", "--demo", "--quiet"]):
        done = subprocess.run(
            [*command, *args], cwd=project, env=environment, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
    assert (project / ".gitlab-ci.yml").read_bytes() == (REPO / "examples" / "gitlab-ci.yml").read_bytes()
    assert (project / "site" / "incidents" / "110" / "index.html").is_file()


def test_ci_installs_an_exact_version_of_everything_and_each_fits_pyproject() -> None:
    pinned = pinned_versions()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [line for lines in project["optional-dependencies"].values() for line in lines]
    for line in [*project["dependencies"], *extras]:
        requirement = Requirement(line)
        assert pinned[canonicalize_name(requirement.name)] in requirement.specifier, line
    assert "pip install --quiet \"${versions[@]}\" -e '.[test]'" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
