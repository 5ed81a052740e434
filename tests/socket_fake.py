"""Slack's Socket Mode endpoint, faked on loopback: a websocket server that sends envelopes and
records the acks. Slack's client speaks TLS to port 443 only, so on any other port it speaks
plain websocket, and the fake needs no certificate."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
from typing import Any

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


class FakeSocketMode:
    """Accepts the bot's websocket connections; ``send`` pushes an envelope down the newest one,
    ``acks`` are the envelope ids the bot acknowledged, ``closed`` is set once the bot closed its
    connection."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}/link"
        self.acks: list[str] = []
        self.connections = 0
        self.closed = threading.Event()
        self._current: socket.socket | None = None
        self._changed = threading.Condition()
        self._send_lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def send(self, envelope: dict[str, Any]) -> None:
        with self._changed:
            assert self._current is not None, "the bot is not connected"
            connection = self._current
        with self._send_lock:
            connection.sendall(_frame(TEXT, json.dumps(envelope).encode()))

    def wait(self, what: str, predicate: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                left = deadline - time.monotonic()
                assert left > 0, f"timed out waiting for {what}"
                self._changed.wait(left)

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                raw, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(4096)
            key = next(
                line.split(":", 1)[1].strip()
                for line in request.decode().split("\r\n")
                if line.lower().startswith("sec-websocket-key:")
            )
            accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest())
            connection.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            with self._changed:
                self._current = connection
                self.connections += 1
                self._changed.notify_all()
            self.send({"type": "hello", "num_connections": 1})
            self._read(connection)
        except (OSError, StopIteration):
            pass
        finally:
            self.closed.set()
            with self._changed:
                self._changed.notify_all()

    def _read(self, connection: socket.socket) -> None:
        while True:
            opcode, data = _read_frame(connection)
            if opcode == CLOSE:
                return
            if opcode == PING:
                with self._send_lock:
                    connection.sendall(_frame(PONG, data))
            elif opcode == TEXT:
                message = json.loads(data)
                with self._changed:
                    if "envelope_id" in message:
                        self.acks.append(message["envelope_id"])
                    self._changed.notify_all()


def _frame(opcode: int, payload: bytes) -> bytes:
    """A final, unmasked frame, as a server sends them."""
    size = len(payload)
    if size < 126:
        header = bytes([0x80 | opcode, size])
    elif size < 1 << 16:
        header = bytes([0x80 | opcode, 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x80 | opcode, 127]) + size.to_bytes(8, "big")
    return header + payload


def _read_frame(connection: socket.socket) -> tuple[int, bytes]:
    first, second = _exactly(connection, 2)
    size = second & 0x7F
    if size == 126:
        size = int.from_bytes(_exactly(connection, 2), "big")
    elif size == 127:
        size = int.from_bytes(_exactly(connection, 8), "big")
    mask = _exactly(connection, 4) if second & 0x80 else b"\0\0\0\0"
    data = bytes(b ^ mask[i % 4] for i, b in enumerate(_exactly(connection, size)))
    return first & 0x0F, data


def _exactly(connection: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data
