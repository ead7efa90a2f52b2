"""Limits on a request's head, enforced on the bytes as they arrive: 414, 431 and a read timeout.

uvicorn bounds neither the request line nor the headers, and httptools keeps a header value in
memory until it ends, so four sockets each sending a 32 MB header once cost the front 190 MB;
and nothing closes a connection whose head never ends (`timeout_keep_alive` only covers idle
connections between requests). Here the bytes of a head are counted before the parser sees
them, and the parser is never fed past a limit: the request line ends at its first newline and
may take `request_line` bytes, the headers after it `header_bytes`. Past either, the client gets
414 or 431; a head not complete `timeout` seconds after its first byte (or after the connection
opened) gets 408. The answer is followed by a short lingering close: the rest of what the client
sends is read and dropped (never kept) for `LINGER` seconds, so that closing with unread data
does not reset the connection before the client has read the answer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http import HTTPStatus

from .transport import OneWriteProtocol

LINGER = 5.0  # seconds a refused connection is drained before it is closed


@dataclass(frozen=True)
class Limits:
    request_line: int  # bytes, up to and including the newline
    header_bytes: int  # bytes of the header block after the request line
    timeout: float  # seconds to receive a complete head


class LimitedProtocol(OneWriteProtocol):
    """uvicorn's protocol (with coalesced writes) feeding its parser only within the head limits.

    While a head is read, exactly one of `_line_left` (request line) and `_head_left` (headers)
    is a number: the bytes the part may still take. Both are None while a body is read; the
    parser's own callbacks move between the states, so pipelined requests are followed too.
    """

    def __init__(self, *args, limits: Limits, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self._line_left: int | None = limits.request_line
        self._head_left: int | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._refused = False

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._timer = self.loop.call_later(self.limits.timeout, self._too_slow)

    def connection_lost(self, exc) -> None:
        self._stop_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # lingering: dropped
        while data and not self.transport.is_closing():
            if self._line_left is not None:
                end = data.find(b"\n", 0, self._line_left)
                if end < 0:
                    if len(data) >= self._line_left:
                        return self._refuse(414, f"the request line is over {self.limits.request_line} bytes; "
                                                 "send a long query by POST")
                    self._line_left -= len(data)
                    return super().data_received(data)
                self._line_left, self._head_left = None, self.limits.header_bytes
                data = self._feed(data, end + 1)
            elif self._head_left is not None:
                data = self._feed(data, 0)
            else:
                return super().data_received(data)
            if self._head_left == 0:  # the parser has not ended the headers within the limit
                return self._refuse(431, f"the request headers are over {self.limits.header_bytes} bytes")

    def _feed(self, data: bytes, count: int) -> bytes:
        """Give the parser the first `count` bytes and as many more as the header budget
        allows; return the rest, for the state the parser is in afterwards."""
        extra = min(len(data) - count, self._head_left)
        self._head_left -= extra
        count += extra
        super().data_received(data if count >= len(data) else data[:count])
        return data[count:]

    # the parser's callbacks move the state
    def on_message_begin(self) -> None:
        if self._timer is None:  # a later request on a kept-alive connection: its first byte
            self._timer = self.loop.call_later(self.limits.timeout, self._too_slow)
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        self._stop_timer()
        self._line_left = self._head_left = None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._line_left, self._head_left = self.limits.request_line, None
        super().on_message_complete()

    def _too_slow(self) -> None:
        self._timer = None
        if not self.transport.is_closing():
            self._refuse(408, f"the request head did not arrive within {self.limits.timeout:g} s")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _refuse(self, status: int, message: str) -> None:
        """Answer and close: the answer is written, our side shut for writing, and whatever the
        client still sends is dropped until it hangs up or `LINGER` is over."""
        self._stop_timer()
        self._unset_keepalive_if_required()
        self._refused = True
        if self.cycle is not None and not self.cycle.response_complete:
            return self.transport.close()  # an answer is on its way: a second one would corrupt it
        body = message.encode()
        self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
                             b"content-length: %d\r\nconnection: close\r\n\r\n%s"
                             % (status, HTTPStatus(status).phrase.encode(), len(body), body))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER, self.transport.close)
