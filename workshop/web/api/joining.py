"""API routes for joining (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
