"""Password hashing: scrypt by default (werkzeug), a cheaper method only where config says so."""

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULT_METHOD = "scrypt"


def hash_password(password: str) -> str:
    method = DEFAULT_METHOD
    if has_app_context():
        method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD)
    return generate_password_hash(password, method=method)


def password_matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
