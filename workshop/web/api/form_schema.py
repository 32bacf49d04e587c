"""OpenAPI schemas derived from the forms that validate the payloads: each limit written once."""

from wtforms import (
    BooleanField,
    DateField,
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

REQUIRED_VALIDATORS = (InputRequired, DataRequired)
# Fields whose JSON is one plain value (a date and time are written as text).
SCALAR_SCHEMAS: dict[type, dict] = {
    BooleanField: {"type": "boolean"},
    DateField: {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD"},
    TimeField: {"type": ["string", "null"], "format": "time", "description": "HH:MM"},
}


def form_schema(form_class) -> dict:
    """The JSON schema of an object the form accepts (as payload_form reads it)."""
    fields = unbound_fields(form_class)
    schema: dict = {
        "type": "object",
        "properties": {name: field_schema(field) for name, field in fields},
    }
    required = [name for name, field in fields if is_required(field)]
    if required:
        schema["required"] = required
    return schema


def unbound_fields(form_class) -> list[tuple[str, UnboundField]]:
    """The form's fields in declaration order (a form class holds them unbound)."""
    fields = [
        (name, value)
        for name in dir(form_class)
        if isinstance(value := getattr(form_class, name), UnboundField)
    ]
    return sorted(fields, key=lambda item: item[1].creation_counter)


def field_schema(field: UnboundField) -> dict:
    kind: type[Field] = field.field_class
    validators = field.kwargs.get("validators") or []
    if issubclass(kind, SelectMultipleField):
        item = {"type": "integer"} if field.kwargs.get("coerce") is int else {"type": "string"}
        return {"type": "array", "items": item, **limits(validators, "minItems", "maxItems")}
    if issubclass(kind, SelectField):
        return {"type": "string", "enum": [choice.value for choice in field.kwargs["choices"]]}
    if issubclass(kind, IntegerField):
        return {"type": "integer", **limits(validators, "minimum", "maximum")}
    if issubclass(kind, StringField):
        return {
            "type": "string",
            **limits(validators, "minLength", "maxLength"),
            **described(field),
        }
    for scalar, schema in SCALAR_SCHEMAS.items():
        if issubclass(kind, scalar):
            return schema
    return {}


def described(field: UnboundField) -> dict:
    """A field class may say what its text holds (e.g. a date and time) in SCHEMA."""
    return getattr(field.field_class, "SCHEMA", {})


def limits(validators: list, low: str, high: str) -> dict:
    """The bounds a Length or NumberRange validator sets, under the schema's names for them."""
    bounds = {}
    for validator in validators:
        if isinstance(validator, Length):
            if validator.min > 0:  # Length's "no limit" is -1
                bounds[low] = validator.min
            if validator.max >= 0:
                bounds[high] = validator.max
        elif isinstance(validator, NumberRange):
            if validator.min is not None:
                bounds[low] = validator.min
            if validator.max is not None:
                bounds[high] = validator.max
    return bounds


def is_required(field: UnboundField) -> bool:
    """Required to be present: a required validator, or a list that needs at least one item."""
    validators = field.kwargs.get("validators") or []
    return any(
        isinstance(v, REQUIRED_VALIDATORS) or (isinstance(v, Length) and v.min > 0)
        for v in validators
    )
