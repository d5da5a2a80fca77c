"""Every page of the demo and fixture sites is valid HTML: zero errors from the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import require, vnu_jar_path


@pytest.fixture(scope="module")
def vnu_messages(sites: dict[str, Path]) -> list[dict[str, object]]:
    """One checker run over every site's HTML and CSS (starting Java once is what costs)."""
    java = require(shutil.which("java"), "Java is not installed (apt-get install default-jre-headless)")
    jar = require(
        vnu_jar_path(), "the Nu Html Checker is missing (npm install --prefix .tools vnu-jar, or set STATUSGEN_VNU_JAR)"
    )
    stylesheets = sorted(str(css) for folder in sites.values() for css in folder.glob("static/*.css"))
    result = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--format",
            "json",
            "--stdout",
            "--skip-non-html",
            "--also-check-css",
            *(str(folder) for folder in sites.values()),
            *stylesheets,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages: list[dict[str, object]] = json.loads(result.stdout)["messages"]
    return messages


def test_the_checker_saw_every_page(sites: dict[str, Path], vnu_messages: list[dict[str, object]]) -> None:
    # The checker is silent about a file it did not read; make sure pages exist to read.
    pages = [page for folder in sites.values() for page in folder.rglob("*.html")]
    assert len(pages) >= 30


def _described(message: dict[str, object]) -> str:
    where = str(message.get("url", "")).rsplit("browser-sites", 1)[-1]
    return f"{where}:{message.get('lastLine')}: {message.get('message')} [{message.get('extract', '')}]"


def test_every_page_and_stylesheet_has_zero_errors(vnu_messages: list[dict[str, object]]) -> None:
    errors = [_described(m) for m in vnu_messages if m.get("type") in ("error", "non-document-error")]
    assert errors == []


def test_no_warnings_either_but_the_language_guess(vnu_messages: list[dict[str, object]]) -> None:
    # The checker guesses the language of the hostile fixture's "xxxx..." text; that guess is not a finding.
    warnings = [
        _described(m)
        for m in vnu_messages
        if m.get("type") == "info" and "appears to be written in" not in str(m.get("message"))
    ]
    assert warnings == []
