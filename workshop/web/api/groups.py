"""API routes for groups (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
