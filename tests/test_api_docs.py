"""docs/api.md and /api/v1/openapi.json describe every route of the JSON API, and nothing else."""

import re
from pathlib import Path

import pytest

API_PREFIX = "/api/v1"
API_DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# A path as written in the docs: /api/v1 and what follows, up to a space, quote or query string.
DOC_PATH = re.compile(r"/api/v1[A-Za-z0-9_./{}<>-]*")
METHOD_WORD = re.compile(r"\b(" + "|".join(HTTP_METHODS) + r")\b")


def normalised(path: str) -> str:
    """Parameters compared by position only: {id}, {workshop_id} and <int:x> all become {}."""
    path = re.sub(r"\{[^}]*\}|<[^>]*>", "{}", path)
    return path.rstrip(".")  # a sentence may end right after a path


def flask_routes(app) -> set[tuple[str, str]]:
    """(method, path under /api/v1) of every API route, parameters normalised."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API_PREFIX + "/") or rule.rule == f"{API_PREFIX}/openapi.json":
            continue
        path = normalised(rule.rule[len(API_PREFIX) :])
        routes |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


def openapi_operations(client) -> set[tuple[str, str]]:
    response = client.get(f"{API_PREFIX}/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["servers"] == [{"url": API_PREFIX}]
    return {
        (method.upper(), normalised(path))
        for path, item in document["paths"].items()
        for method in item
        if method.upper() in HTTP_METHODS
    }


def documented_operations(text: str) -> set[tuple[str, str]]:
    """(method, path) pairs of the doc: a method named on a line before the path, since the
    previous path (so "`GET` / `PUT /api/v1/x`" documents both)."""
    operations = set()
    for line in text.splitlines():
        previous_end = 0
        for match in DOC_PATH.finditer(line):
            path = normalised(match.group()[len(API_PREFIX) :])
            methods = METHOD_WORD.findall(line[previous_end : match.start()])
            operations |= {(method, path) for method in methods}
            previous_end = match.end()
    return operations


def concrete_ids_as_parameters(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/{}", path)


@pytest.fixture
def routes(app):
    return flask_routes(app)


def test_the_api_has_routes_to_describe(routes):
    # Guards the other tests against passing on an empty list.
    assert ("POST", "/join") in routes
    assert ("PATCH", "/participant/notes/{}") in routes
    assert len(routes) > 50


def test_openapi_document_describes_every_route(client, routes):
    missing = routes - openapi_operations(client)
    assert not missing, f"routes missing from /api/v1/openapi.json: {sorted(missing)}"


def test_openapi_document_describes_no_route_that_does_not_exist(client, routes):
    extra = openapi_operations(client) - routes
    assert not extra, f"/api/v1/openapi.json describes routes that do not exist: {sorted(extra)}"


def test_api_guide_documents_every_route(routes):
    missing = routes - documented_operations(API_DOC.read_text(encoding="utf-8"))
    assert not missing, f"routes missing from docs/api.md: {sorted(missing)}"


def test_api_guide_names_no_route_that_does_not_exist(routes):
    documented = {
        (method, concrete_ids_as_parameters(path))
        for method, path in documented_operations(API_DOC.read_text(encoding="utf-8"))
    }
    extra = documented - routes - {("GET", "/openapi.json")}
    assert not extra, f"docs/api.md names routes that do not exist: {sorted(extra)}"


def test_api_guide_has_no_fragments_left_to_drift_apart():
    assert API_DOC.exists()
    fragments = API_DOC.parent / "api"
    assert not fragments.exists(), "docs/api.md is the one source: no docs/api/ fragments"
