"""Preparing a workshop for the bench the way a user would: the CLI, then the JSON API."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from bench.scenarios import Settings, Setup
from bench.servers import ServerProcess, python_command, workshop_script

ROOT = Path(__file__).resolve().parent.parent
BENCH_PASSWORD = "bench-password-not-secret"


class InterfaceMissing(Exception):
    """A CLI command or API route the bench needs does not exist (yet)."""


def api(server: ServerProcess, method: str, path: str, token: str, payload=None) -> dict:
    """Call the JSON API; a 404/405 on the route itself means the interface is missing."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        server.url + "/api/v1" + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            return json.loads(body) if body else {}
    except urllib.error.HTTPError as error:
        text = error.read().decode(errors="replace")[:500]
        if error.code in (404, 405):
            raise InterfaceMissing(
                f"{method} /api/v1{path} answered {error.code}: {text}"
            ) from error
        raise RuntimeError(f"{method} /api/v1{path} answered {error.code}: {text}") from error


def facilitator_token(target) -> str:
    """`workshop create-facilitator` then `workshop create-api-token`: the token they print."""
    script = workshop_script()
    email = f"bench-{uuid.uuid4().hex[:12]}@example.org"  # a database may serve several runs
    try:
        target.run_cli(
            [
                script,
                "create-facilitator",
                "--email",
                email,
                "--name",
                "Bench",
                "--password-stdin",
            ],
            stdin=BENCH_PASSWORD + "\n",
        )
        output = target.run_cli([script, "create-api-token", "--email", email, "--name", "bench"])
    except RuntimeError as error:
        if "No such command" in str(error) or "No such option" in str(error):
            raise InterfaceMissing(str(error)[-300:]) from error
        raise
    token = next((word for word in output.split() if word.startswith("wsf_")), None)
    if token is None:
        raise RuntimeError(f"create-api-token printed no wsf_ token: {output!r}")
    return token


def through_interfaces(target, server, settings: Settings, token: str | None = None) -> Setup:
    """Facilitator and token by the CLI (unless given); workshop, outline, groups, status by API."""
    token = token or facilitator_token(target)
    workshop = api(server, "POST", "/workshops", token, {"title": "Bench workshop"})
    workshop_id = workshop["id"]
    notes = []
    try:
        question_ids = create_outline(server, token, workshop_id, settings.questions)
    except InterfaceMissing as missing:
        notes.append(f"outline seeded in the database: {missing}")
        question_ids = seed(target, "outline", workshop_id, settings.questions)
    try:
        group_ids = create_groups(server, token, workshop_id, settings.groups)
    except InterfaceMissing as missing:
        notes.append(f"groups seeded in the database: {missing}")
        group_ids = seed(target, "groups", workshop_id, settings.groups)
    api(server, "POST", f"/workshops/{workshop_id}/status", token, {"status": "live"})
    setup = setup_from(workshop, token, group_ids, question_ids)
    setup.how = "cli+api" + (" (partly seeded)" if notes else "")
    setup.notes = notes
    return setup


def seed(target, action: str, workshop_id: int, count: int) -> list[int]:
    command = python_command(
        "-m", "bench.seed", action, "--workshop-id", str(workshop_id), "--count", str(count)
    )
    return json.loads(target.run_cli(command))


def create_outline(server, token, workshop_id: int, questions: int) -> list[int]:
    """Import an outline text with one section of `questions` numbered questions."""
    lines = ["# Bench questions"] + [f"{i + 1}. Bench question {i + 1}?" for i in range(questions)]
    path = f"/workshops/{workshop_id}/outline/text"
    answer = api(server, "PUT", path, token, {"text": "\n".join(lines)})
    return [q["id"] for q in question_list(answer)]


def question_list(outline) -> list[dict]:
    """Every question of an outline answer, in order, whatever the nesting."""
    found = []
    if isinstance(outline, dict):
        outline = outline.get("outline", outline.get("sections", []))
    for item in outline:
        found.extend(item.get("questions", []))
        found.extend(question_list(item.get("blocks", [])))
    return found


def create_groups(server, token, workshop_id: int, count: int) -> list[int]:
    answer = api(server, "POST", f"/workshops/{workshop_id}/groups", token, {"count": count})
    groups = answer.get("groups", answer) if isinstance(answer, dict) else answer
    return [g["id"] for g in groups][:count]


def setup_from(workshop: dict, token: str, group_ids: list, question_ids: list) -> Setup:
    join_code, workshop_id = workshop["join_code"], workshop["id"]
    return Setup(
        workshop_id=workshop_id,
        group_ids=group_ids,
        question_ids=question_ids,
        facilitator_auth={"token": token, "workshop_id": workshop_id},
        join_payload=lambda group_id, name: {"code": join_code, "name": name, "group_id": group_id},
    )
