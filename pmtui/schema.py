"""JSON Schema of the report file, for TOML editors (taplo, Even Better TOML) to validate against.

TOML editors turn a report into JSON before validating it: a date-time with an offset becomes an
RFC 3339 string, a local time becomes "14:05:00", and a key that is absent is simply absent. The
schema describes that JSON, which is not quite what Pydantic describes for the model: the model's
optional fields are `None`, which a TOML file cannot hold, and JSON Schema's `time` format demands
an offset that a TOML local time never has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from pmtui.model import SCHEMA_VERSION, UNSURE_TIMES_VERSION, Postmortem

if TYPE_CHECKING:
    from pydantic_core import core_schema  # Pydantic's own, pinned by it: not a dependency of ours

#: A TOML local time as taplo hands it over: HH:MM:SS, optionally with a fraction of a second.
LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?$"


class ReportFileSchema(GenerateJsonSchema):
    """Pydantic's schema, said in terms of what a TOML report file can hold."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # TOML has no null: an unset optional field is a missing key, which `required` already allows.
        return self.generate_inner(schema["schema"])

    def time_schema(self, schema: core_schema.TimeSchema) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "A TOML local time (14:05:00): a time in the report's zone on an unstated day.",
        }

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            del json_schema["default"]  # "absent" is the default; `null` is not a TOML value
        return json_schema


def file_schema() -> dict[str, Any]:
    """The model's schema, adjusted where the file differs: the file states its version, notes
    live in a `[notes]` table; and said where Pydantic says nothing: what an event's date and
    approximate time mean."""
    schema = Postmortem.model_json_schema(mode="validation", schema_generator=ReportFileSchema)
    version = {
        "title": "Schema Version",
        "description": f"1, or {UNSURE_TIMES_VERSION} when the report holds a date-only or approximate event.",
        "type": "integer",
        "minimum": 1,
        "maximum": SCHEMA_VERSION,
        "default": 1,
    }
    properties = schema["properties"] = {"schema_version": version, **schema["properties"]}
    event = schema["$defs"]["Event"]["properties"]
    for moment in event["at"]["anyOf"]:
        if moment.get("format") == "date":
            moment["description"] = "A TOML local date (2021-12-10): the event's day, its time unknown."
    event["approximate"].update(
        pattern=r"\S",
        description=(
            'The time as written when it is approximate or unknown ("~13:30", "13:30-13:45", "14:??"), '
            "shown instead of `at`, which holds its reading."
        ),
    )
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
