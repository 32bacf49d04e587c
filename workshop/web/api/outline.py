"""API routes for outline (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
