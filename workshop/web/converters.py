"""URL converters: <int:…> in every route takes only numbers a database can hold."""

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from workshop.forms.common import in_integer_range


class StorableIntegerConverter(IntegerConverter):
    """Werkzeug's <int:…>: a number no database holds is nothing at this address (404), and
    never reaches a query (where the database driver would raise OverflowError)."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if not in_integer_range(number):
            # NotFound rather than werkzeug's ValidationError, which would let a rule for the
            # same path with another method answer 405.
            raise NotFound()
        return number


CONVERTERS = {"int": StorableIntegerConverter}
