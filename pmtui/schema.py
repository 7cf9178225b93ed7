"""JSON Schema of the report file, for TOML editors (taplo, Even Better TOML) to validate against."""

from __future__ import annotations

from typing import Any

from pmtui.model import Postmortem


def file_schema() -> dict[str, Any]:
    """The model's schema, adjusted where the file differs: notes live in a `[notes]` table."""
    schema = Postmortem.model_json_schema(mode="validation")
    properties = schema["properties"]
    properties["notes"] = {
        "title": "Notes",
        "description": "Markdown the importer could not place, exported verbatim.",
        "type": "object",
        "properties": {"markdown": {"type": "string"}},
        "additionalProperties": False,
    }
    schema["title"] = "pmtui postmortem report"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
