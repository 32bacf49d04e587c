"""API routes for workshops (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
