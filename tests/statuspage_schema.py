"""The Statuspage v2 documents' JSON schema, and a check of a built site's documents against it."""

from __future__ import annotations

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
        schema = {**SCHEMA, "$ref": f"#/$defs/{definition}"}
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
        documents[path] = document
    return documents
