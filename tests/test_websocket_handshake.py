"""The WebSocket handshake as a browser makes it: compression offered, and declined.

Every browser offers permessage-deflate. Taken, each connection kept a zlib compressor and
decompressor (about 100 KB) and every message was compressed once for each recipient
(docs/performance.md, "No compression on the WebSocket").
"""

import websocket

# What Chromium and Firefox send with every WebSocket handshake.
BROWSERS_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"


def socket_address(live_server) -> str:
    return live_server.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"


def test_a_browsers_offer_of_compression_is_declined_and_the_socket_speaks_plain_text(
    live_server,
):
    ws = websocket.create_connection(
        socket_address(live_server), timeout=5, header=[BROWSERS_OFFER]
    )
    try:
        answered = {name.lower() for name in ws.getheaders()}
        assert "sec-websocket-extensions" not in answered
        # Frames the client can read without inflating them: Engine.IO's open packet, then
        # Socket.IO's refusal of a connect that names nobody.
        assert ws.recv().startswith("0{")
        ws.send("40")
        assert ws.recv().startswith("44")
    finally:
        ws.close()
