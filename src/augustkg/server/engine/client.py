"""A minimal HTTP/1.1 client for the hop to the engine: a pool of keep-alive loopback connections.

httpx spent more CPU per request than Oxigraph took to answer it (py-spy: over half of the
front's time). The peer here is one known server on loopback, so all this needs is to write a
request built in one piece, then parse a status line, a few headers and a Content-Length or
chunked body as it arrives — in `data_received`, with no task or stream per request.
"""

from __future__ import annotations

import asyncio
from collections import deque

HEAD, LENGTH, SIZE, DATA, TRAILER, TO_CLOSE, DONE = range(7)
MAX_HEAD = 64 * 1024


class Connection(asyncio.Protocol):
    """One connection, one request at a time. The decoded body collects in `body` until taken."""

    def __init__(self):
        self.transport = None
        self.lost = False
        self.buffer = bytearray()
        self.waiter = None
        self.want = 0
        self.status, self.size, self.error, self.state = 0, 0, None, DONE

    # -- asyncio callbacks --------------------------------------------------------------------

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        try:
            self._parse()
        except ValueError as exc:
            self._fail(ConnectionError(f"the engine sent a malformed response ({exc})"))
            return
        if self.size > self.want:
            self.transport.pause_reading()  # resumed by take(): the client is slower than the engine
            self._wake()
        elif self.state == DONE:
            self._wake()  # not on every segment: each wake-up is a turn of the event loop

    def connection_lost(self, exc) -> None:
        self.lost = True
        if self.state == TO_CLOSE:
            self.state = DONE
        elif self.state != DONE and self.error is None:
            self.error = ConnectionError("the engine closed the connection mid-answer")
        self._wake()

    # -- the request ----------------------------------------------------------------------------

    def send(self, request: bytes) -> None:
        self.status, self.media, self.keep = 0, b"text/plain", True
        self.body, self.size, self.error, self.state = [], 0, None, HEAD
        self.transport.write(request)

    async def answer(self, buffer: int) -> None:
        """Wait until the answer is complete or more than `buffer` bytes of it wait to be taken."""
        self.want = buffer
        while self.state != DONE and self.size <= buffer and self.error is None:
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        if self.error is not None:
            raise self.error

    def take(self) -> bytes:
        """The body received so far (and not yet taken)."""
        data = b"".join(self.body)
        self.body, self.size = [], 0
        if not self.lost:
            self.transport.resume_reading()
        return data

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def reusable(self) -> bool:
        return self.state == DONE and self.keep and not self.lost and not self.buffer

    def close(self) -> None:
        if not self.lost:
            self.lost = True
            self.transport.abort()

    # -- parsing ----------------------------------------------------------------------------------

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def _fail(self, error: Exception) -> None:
        self.error = error
        self.close()
        self._wake()

    def _parse(self) -> None:
        buf = self.buffer
        while buf:
            state = self.state
            if state == HEAD:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    if len(buf) > MAX_HEAD:
                        raise ValueError("headers too long")
                    return
                self._head(bytes(buf[:end]))
                del buf[:end + 4]
            elif state in (LENGTH, DATA, TO_CLOSE):
                n = len(buf) if state == TO_CLOSE else min(len(buf), self.remaining)
                if n:
                    self.body.append(bytes(buf[:n]))
                    self.size += n
                    del buf[:n]
                    self.remaining -= n
                if state == LENGTH and not self.remaining:
                    self.state = DONE
                elif state == DATA and not self.remaining:
                    if len(buf) < 2:
                        return
                    del buf[:2]  # the CRLF after a chunk
                    self.state = SIZE
            elif state == SIZE:
                end = buf.find(b"\r\n")
                if end < 0:
                    return
                self.remaining = int(bytes(buf[:end]).split(b";", 1)[0], 16)
                del buf[:end + 2]
                self.state = DATA if self.remaining else TRAILER
            elif state == TRAILER:
                if buf.startswith(b"\r\n"):
                    del buf[:2]
                else:  # trailer fields, then an empty line
                    end = buf.find(b"\r\n\r\n")
                    if end < 0:
                        return
                    del buf[:end + 4]
                self.state = DONE
            else:  # DONE with bytes left over: nothing was asked for them
                return

    def _head(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        self.status = int(lines[0][9:12])
        length, chunked = None, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-type":
                self.media = value.strip()
            elif name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                self.keep = b"close" not in value.lower()
        if chunked:
            self.state = SIZE
        elif length is not None:
            self.remaining, self.state = length, LENGTH if length else DONE
        elif self.status in (204, 304):
            self.state = DONE
        else:
            self.keep, self.state = False, TO_CLOSE


class Pool:
    """Keep-alive connections to one engine on loopback; at most `size` requests at once."""

    def __init__(self, port: int, size: int = 64):
        self.port, self.size, self.busy = port, size, 0
        self.idle: list[Connection] = []
        self.queue: deque[asyncio.Future] = deque()  # requests waiting for a free slot

    async def fetch(self, request: bytes, buffer: int) -> Connection:
        """Send `request`; return its connection once the answer is complete or over `buffer` bytes.

        The caller hands the connection back with `release`. A kept-alive connection the engine
        closed in the meantime is retried once on a fresh one (queries are safe to repeat).
        """
        if self.busy >= self.size:
            turn = asyncio.get_running_loop().create_future()
            self.queue.append(turn)
            try:
                await turn  # release() hands its slot straight over
            except BaseException:
                if not turn.cancelled() and turn.done():
                    self._free()
                raise
        else:
            self.busy += 1
        try:
            connection = self._idle()
            fresh = connection is None
            if fresh:
                connection = await self._connect()
            try:
                return await self._exchange(connection, request, buffer)
            except ConnectionError:
                if fresh or connection.status:
                    raise
            return await self._exchange(await self._connect(), request, buffer)
        except BaseException:
            self._free()
            raise

    def release(self, connection: Connection) -> None:
        if connection.reusable:
            self.idle.append(connection)
        else:
            connection.close()
        self._free()

    def _free(self) -> None:
        while self.queue:
            turn = self.queue.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.busy -= 1

    def close(self) -> None:
        for connection in self.idle:
            connection.close()
        self.idle.clear()

    def _idle(self) -> Connection | None:
        while self.idle:
            connection = self.idle.pop()
            if not connection.lost:
                return connection
        return None

    async def _connect(self) -> Connection:
        _, connection = await asyncio.get_running_loop().create_connection(Connection, "127.0.0.1", self.port)
        return connection

    @staticmethod
    async def _exchange(connection: Connection, request: bytes, buffer: int) -> Connection:
        try:
            connection.send(request)
            await connection.answer(buffer)
            return connection
        except BaseException:  # cancelled by the deadline, or the engine went away: never reuse it
            connection.close()
            raise
