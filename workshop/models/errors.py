"""The domain error: a code a client can act on and a translatable message for people."""

from flask_babel import LazyString


class DomainError(Exception):
    """A refused operation. `code` is stable (for clients); `message` is translated lazily."""

    status = 400

    def __init__(self, code: str, message: LazyString | str, status: int | None = None, **details):
        super().__init__(code)
        self.code = code
        self.message = message
        self.details = details
        if status is not None:
            self.status = status

    def as_dict(self) -> dict:
        payload: dict = {"code": self.code, "message": str(self.message)}
        if self.details:
            payload["details"] = self.details
        return payload


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409
