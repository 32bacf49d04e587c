"""WTForms classes for pages, API payloads and socket messages; each states its limits."""
