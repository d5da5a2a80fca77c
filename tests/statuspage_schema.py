"""The Statuspage v2 documents' JSON schema, and a check of a built site's documents against it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "statuspage-v2.schema.json").read_text(encoding="utf-8"))
DOCUMENTS = {
    "api/v2/status.json": "status_document",
    "api/v2/summary.json": "summary_document",
    "api/v2/incidents.json": "incidents_document",
    "api/v2/incidents/unresolved.json": "unresolved_document",
    "api/v2/components.json": "components_document",
    "api/v2/scheduled-maintenances.json": "scheduled_maintenances_document",
    "api/v2/scheduled-maintenances/upcoming.json": "scheduled_maintenances_document",
    "api/v2/scheduled-maintenances/active.json": "scheduled_maintenances_document",
}


def validate(files: dict[str, bytes]) -> dict[str, Any]:
    """Every API document against its schema; returns them parsed, keyed by path."""
    documents = {}
    for path, definition in DOCUMENTS.items():
        document = json.loads(files[path])
        error = jsonschema.exceptions.best_match(_validator(definition).iter_errors(document))
        if error is not None:
            raise error
        documents[path] = document
    return documents


@functools.cache
def _validator(definition: str) -> jsonschema.Draft202012Validator:
    """The validator of one document's definition, its schema checked once.

    `jsonschema.validate` checks the schema against the metaschema at every call:
    a tenth of a second a document, nine tenths of the time of a site's check.
    """
    schema = {**SCHEMA, "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
