"""API routes for notes (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
