"""Memory per connection when the clients offer WebSocket compression, as every browser does.

    python -m bench.compression [--connections 300] [--plain]

The bench's harness (websocket-client) never offers permessage-deflate; every browser does. This
starts Workshop in the gevent mode on a fresh SQLite file, opens --connections Engine.IO
WebSockets that offer it (aiohttp's client, which then compresses what it sends, as a browser
does), sends each a Socket.IO connect naming nobody (refused, but read by the server), and prints
what the server answered to the offer and its RSS growth per connection. --plain: no offer.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import aiohttp

from bench.targets import WorkshopTarget

# Connections opened at once (a browser-sized room, without a connect storm).
AT_ONCE = 50
SETTLE_SECONDS = 2.0


async def open_connection(session: aiohttp.ClientSession, url: str, offer: bool):
    """One Engine.IO WebSocket, its open packet read and a Socket.IO connect sent and answered."""
    ws = await session.ws_connect(url, compress=15 if offer else 0, max_msg_size=0)
    await ws.receive()  # Engine.IO's open packet
    await ws.send_str("40")
    await ws.receive()  # the refusal: nobody was named
    return ws


async def open_all(base_url: str, count: int, offer: bool):
    """The client's session and its WebSockets, opened AT_ONCE at a time."""
    url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    # No pool limit: each WebSocket holds its connection for good (aiohttp allows 100).
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    sockets: list = []
    try:
        for start in range(0, count, AT_ONCE):
            batch = range(start, min(count, start + AT_ONCE))
            sockets += await asyncio.gather(*(open_connection(session, url, offer) for _ in batch))
    except BaseException:
        await session.close()
        raise
    return session, sockets


async def measured(server, count: int, offer: bool) -> dict:
    """Open the connections to a running server and read its RSS before and after."""
    before = server.rss_bytes()
    session, sockets = await open_all(server.url, count, offer)
    try:
        await asyncio.sleep(SETTLE_SECONDS)
        after = server.rss_bytes()
    finally:
        for ws in sockets:
            await ws.close()
        await session.close()
    return {
        "connections": count,
        "offered": offer,
        "compression_taken": bool(sockets[0].compress),  # the window bits taken; 0: none
        "rss_before_mb": before / 1e6,
        "rss_after_mb": after / 1e6,
        "kb_per_connection": (after - before) / count / 1024,
    }


def measure(count: int, offer: bool, mode: str = "gevent") -> dict:
    """Start a server, open the connections, read its RSS; the figures. Runs an event loop of
    its own (call it from a thread without one)."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-compression-"))
    server = WorkshopTarget(mode, workdir).start()
    try:
        return asyncio.run(measured(server, count, offer))
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--plain", action="store_true", help="offer no compression")
    arguments = parser.parse_args(argv)
    figures = measure(arguments.connections, offer=not arguments.plain)
    print(
        f"{figures['connections']} connections, compression "
        f"{'offered' if figures['offered'] else 'not offered'} and "
        f"{'taken' if figures['compression_taken'] else 'not taken'}: server RSS "
        f"{figures['rss_before_mb']:.1f} → {figures['rss_after_mb']:.1f} MB = "
        f"{figures['kb_per_connection']:.1f} KB per connection"
    )


if __name__ == "__main__":
    main()
