"""API routes for annex (placeholder; filled in by its feature)."""

OPENAPI_PATHS: dict = {}
