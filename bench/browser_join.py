"""Joining through the browser, step by step: what a participant who scans the QR code costs.

    python -m bench.browser_join [--participants 200] [--runs 1] [--without-static]

The bench's join row is the API's join. A browser instead loads the join page, posts its form,
follows the redirect to the participant page and fetches the page's style sheets and scripts
(its modules, and theirs: a first visit has nothing cached). This does the same with plain HTTP
clients (aiohttp, a cookie jar each, at most 50 in flight) against a fresh Workshop server
(gevent), one step after the other for every participant, and reads the server's CPU around
each step. The socket's connect and first catch-up come after, as in bench.phases.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

import aiohttp

from bench.phases import at_most_in_flight
from bench.scenarios import Settings
from bench.servers import use_ports
from bench.targets import TARGETS

STEPS = ("join page", "join form", "participant page", "static files")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
GROUP = re.compile(r'name="group_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="group_id"')
ASSETS = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"')
IMPORTS = re.compile(r'(?:from|import)\s*\(?\s*"(\./[^"]+\.js)"')


class Visitor:
    """One participant's browser: its cookies, and the page it is on."""

    def __init__(self, base: str, code: str, index: int) -> None:
        self.base, self.code, self.index = base, code, index
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.html = ""
        self.next_url = ""

    async def get(self, url: str) -> str:
        async with self.session.get(urljoin(self.base, url)) as response:
            if response.status != 200:
                raise RuntimeError(f"GET {url} answered {response.status}")
            return await response.text()

    async def open_join_page(self) -> None:
        self.html = await self.get(f"/j/{self.code}")

    async def send_join_form(self) -> None:
        token = CSRF.search(self.html)
        groups = [a or b for a, b in GROUP.findall(self.html)]
        form = {"display_name": f"Participant {self.index}", "csrf_token": token.group(1)}
        if groups:
            form["group_id"] = groups[self.index % len(groups)]
        url = urljoin(self.base, f"/j/{self.code}")
        async with self.session.post(url, data=form, allow_redirects=False) as response:
            if response.status != 302:
                raise RuntimeError(f"the join form answered {response.status}")
            self.next_url = response.headers["Location"]

    async def open_participant_page(self) -> None:
        self.html = await self.get(self.next_url)

    async def fetch_static_files(self) -> int:
        """The page's style sheets and scripts, and every module they import, once each."""
        seen: set[str] = set()
        waiting = ASSETS.findall(self.html)
        while waiting:
            path = waiting.pop()
            if path in seen:
                continue
            seen.add(path)
            text = await self.get(path)
            if path.endswith(".js"):
                waiting += [urljoin(path, module) for module in IMPORTS.findall(text)]
        return len(seen)

    async def close(self) -> None:
        await self.session.close()


async def measure(
    participants: int, static: bool = True, mode: str = "gevent", questions: int = 3
) -> dict:
    """Server CPU ms per participant for each step, and the static files a page fetched."""
    target = TARGETS["workshop"](mode, Path(tempfile.mkdtemp(prefix="bench-browser-join-")))
    server = target.start()
    visitors: list[Visitor] = []
    try:
        settings = Settings(participants=participants, facilitators=0, questions=questions)
        setup = target.provision(server, settings)
        code = setup.join_payload(setup.group_ids[0], "")["code"]
        time.sleep(1)  # let the provisioning's work settle
        visitors = [Visitor(server.url, code, index) for index in range(participants)]
        cpu: dict[str, float] = {}
        files: list[int] = []

        async def step(name: str, work) -> None:
            before = server.cpu_seconds()
            results = await at_most_in_flight([work(visitor) for visitor in visitors])
            await asyncio.sleep(0.5)  # what the step set off runs out
            cpu[name] = (server.cpu_seconds() - before) / participants * 1000
            if name == "static files":
                files.extend(results)

        await step("join page", Visitor.open_join_page)
        await step("join form", Visitor.send_join_form)
        await step("participant page", Visitor.open_participant_page)
        if static:
            await step("static files", Visitor.fetch_static_files)
        return {"cpu_ms": cpu, "static_files_per_page": max(files, default=0)}
    finally:
        for visitor in visitors:
            await visitor.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_join", description=__doc__)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--questions", type=int, default=3, help="in the workshop's outline")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--without-static", action="store_true", help="as behind the proxy")
    parser.add_argument("--ports", default="6300-6399", help="a range for the servers it starts")
    args = parser.parse_args()
    first, last = (int(port) for port in args.ports.split("-"))
    use_ports(first, last)
    steps = STEPS[:-1] if args.without_static else STEPS
    print(
        f"server CPU ms per participant ({args.participants} participants, "
        f"{args.questions} questions, gevent)"
    )
    print("".join(f"{name:>18}" for name in steps) + f"{'sum':>10}")
    for _ in range(args.runs):
        static = not args.without_static
        result = asyncio.run(measure(args.participants, static, questions=args.questions))
        cells = "".join(f"{result['cpu_ms'][name]:18.2f}" for name in steps)
        total = sum(result["cpu_ms"].values())
        print(f"{cells}{total:10.2f}   ({result['static_files_per_page']} static files a page)")


if __name__ == "__main__":
    main()
