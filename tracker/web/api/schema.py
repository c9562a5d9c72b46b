"""A small schema layer: one field spec gives both request validation and OpenAPI JSON Schema.

Strings refuse control characters (PostgreSQL cannot store NUL, XLSX and DOCX no control
character; tab and newlines are fine) and unencodable text, integers
stay within 32 bits (the ids' range), dates are strictly yyyy-mm-dd: what the schema promises,
the validation enforces, so no request the schema forbids is ever accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.domain.text import has_control_characters
from tracker.web.api.errors import ApiError

INT_MAX = 2**31 - 1
#: no control character but tab and newlines: PostgreSQL cannot store NUL, XML exports none
NO_CONTROLS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Field:
    """One value: its JSON type and the limits it must meet."""

    type: str  #: string, integer, boolean, number, date, date-time (output only), array, object
    required: bool = False
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    items: Field | Schema | None = None
    description: str = ""

    def json_schema(self) -> dict:
        """This field as OpenAPI 3.0 JSON Schema."""
        if self.type in ("date", "date-time"):
            spec: dict[str, Any] = {"type": "string", "format": self.type}
        elif self.type == "array":
            spec = {"type": "array", "items": self.items.json_schema()}
        elif isinstance(self.items, Schema):
            spec = self.items.json_schema()
        elif self.type == "object":
            spec = {"type": "object", "additionalProperties": {"type": "string"}}
        else:
            spec = {"type": self.type}
        if self.type == "string":
            spec["pattern"] = NO_CONTROLS
        if self.type == "integer":
            spec["minimum"] = self.minimum if self.minimum is not None else -INT_MAX
            spec["maximum"] = self.maximum if self.maximum is not None else INT_MAX
        for key, value in (
            ("enum", list(self.enum) if self.enum else None),
            ("minLength", self.min_length),
            ("maxLength", self.max_length),
            ("maxItems", self.max_length if self.type == "array" else None),
            ("description", self.description or None),
        ):
            if value is not None and not (key == "maxLength" and self.type == "array"):
                spec[key] = value
        if self.nullable:
            spec["nullable"] = True
        return spec

    def load(self, value):
        """The value checked and converted; ValueError with a message when it is wrong."""
        if value is None:
            if self.nullable:
                return None
            raise ValueError("must not be null")
        loader = getattr(self, f"_load_{self.type}")
        return loader(value)

    def _load_string(self, value):
        if not isinstance(value, str):
            raise ValueError("must be a string")
        if has_control_characters(value):
            raise ValueError("must not contain control characters (tab and newlines are fine)")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode text") from None
        if self.min_length is not None and len(value) < self.min_length:
            raise ValueError(f"must have at least {self.min_length} characters")
        if self.max_length is not None and len(value) > self.max_length:
            raise ValueError(f"must have at most {self.max_length} characters")
        if self.enum and value not in self.enum:
            raise ValueError("must be one of: " + ", ".join(self.enum))
        return value

    def _load_integer(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a whole number")
        if isinstance(value, float) and not value.is_integer():
            raise ValueError("must be a whole number")
        value = int(value)
        low = self.minimum if self.minimum is not None else -INT_MAX
        high = self.maximum if self.maximum is not None else INT_MAX
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    def _load_boolean(self, value):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value

    def _load_date(self, value):
        if not isinstance(value, str) or not _DATE.match(value):
            raise ValueError("must be a date as yyyy-mm-dd")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a real date as yyyy-mm-dd") from None

    def _load_array(self, value):
        if not isinstance(value, list):
            raise ValueError("must be a list")
        if self.min_length is not None and len(value) < self.min_length:
            raise ValueError(f"must have at least {self.min_length} items")
        if self.max_length is not None and len(value) > self.max_length:
            raise ValueError(f"must have at most {self.max_length} items")
        return [self.items.load(item) for item in value]

    def load_text(self, text: str):
        """A query-string value (always text) checked and converted."""
        if self.type == "integer":
            if not re.fullmatch(r"-?\d{1,10}", text):
                raise ValueError("must be a whole number")
            return self._load_integer(int(text))
        if self.type == "boolean":
            if text not in ("true", "false"):
                raise ValueError("must be true or false")
            return text == "true"
        return self.load(text)


@dataclass(frozen=True)
class Schema:
    """A named object: its fields; unknown keys are refused."""

    name: str
    fields: dict[str, Field] = field(default_factory=dict)

    def json_schema(self) -> dict:
        """A reference to this schema in components/schemas."""
        return {"$ref": f"#/components/schemas/{self.name}"}

    def component(self) -> dict:
        """The full JSON Schema of this object, for components/schemas."""
        required = [name for name, f in self.fields.items() if f.required]
        spec = {
            "type": "object",
            "properties": {name: f.json_schema() for name, f in self.fields.items()},
            "additionalProperties": False,
        }
        if required:
            spec["required"] = required
        return spec

    def load(self, payload) -> dict:
        """The payload checked against every field; ApiError 422 naming each bad field."""
        if not isinstance(payload, dict):
            raise ApiError(400, "invalid_body", "The request body must be a JSON object.")
        errors = {name: "unknown field" for name in payload if name not in self.fields}
        values = {}
        for name, spec in self.fields.items():
            if name not in payload:
                if spec.required:
                    errors[name] = "is required"
                continue
            try:
                values[name] = spec.load(payload[name])
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise ApiError(422, "invalid", "Some fields are not valid.", fields=errors)
        return values

    def load_query(self, args) -> dict:
        """Query-string parameters checked against the fields (each given at most once)."""
        errors = {name: "unknown parameter" for name in args if name not in self.fields}
        values = {}
        for name, spec in self.fields.items():
            given = args.getlist(name)
            if not given:
                continue
            if len(given) > 1:
                errors[name] = "must be given once"
                continue
            try:
                values[name] = spec.load_text(given[0])
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise ApiError(400, "invalid_query", "Some parameters are not valid.", fields=errors)
        return values

    def parameters(self) -> list[dict]:
        """The fields as OpenAPI query parameters."""
        return [
            {"name": name, "in": "query", "required": False, "schema": f.json_schema()}
            for name, f in self.fields.items()
        ]
