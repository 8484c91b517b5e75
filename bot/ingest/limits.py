"""Bounded input: the size is checked before anything is read, and never more than limit + 1 bytes
are read from a file, standard input or an upload. The "too large" message rounds honestly."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from bot.errors import InputError, InputTooLargeError
from bot.prompts import render


def size_words(size: int, limit: int) -> str:
    """``size`` against ``limit`` in megabytes, with as many decimals as it takes to tell them apart.

    Rounded as usual; when that would show the size equal to the limit, the exact byte counts are given.

    >>> size_words(10_400_000, 10_000_000)
    '10.4 MB, over the 10.0 MB limit'
    >>> size_words(10_000_001, 10_000_000)
    '10,000,001 bytes, over the 10,000,000-byte limit (10.0 MB)'
    >>> size_words(10_040_000, 10_000_000)
    '10.04 MB, over the 10.00 MB limit'
    """
    for decimals in (1, 2):
        shown_size, shown_limit = f"{size / 1e6:.{decimals}f}", f"{limit / 1e6:.{decimals}f}"
        if float(shown_size) > float(shown_limit):
            return f"{shown_size} MB, over the {shown_limit} MB limit"
    return f"{size:,} bytes, over the {limit:,}-byte limit ({limit / 1e6:.1f} MB)"


def too_large(size: int, limit: int, what: str = "The input") -> InputTooLargeError:
    """The one-line error for an input over the limit (paste, file, upload or standard input alike).

    >>> print(too_large(12_000_000, 10_000_000))  # doctest: +NORMALIZE_WHITESPACE
    The input is 12.0 MB, over the 10.0 MB limit. Give just the article,
    or raise HEADLINE_BOT_MAX_INPUT_BYTES.
    """
    return InputTooLargeError(render("input_too_large", what=what, size=size_words(size, limit)))


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream; reads limit + 1 bytes at most and refuses if it got them.

    A stream backed by a regular file (``< file`` on the command line) has its size checked first.

    >>> import io
    >>> read_stream(io.BytesIO(b"abc"), 3)
    b'abc'
    >>> read_stream(io.BytesIO(b"abcd"), 3_000_000)
    b'abcd'
    >>> read_stream(io.BytesIO(b"abcd"), 3)
    Traceback (most recent call last):
    ...
    bot.errors.InputTooLargeError: The input is over the 0.0 MB limit (3 bytes). Give just the article, or raise HEADLINE_BOT_MAX_INPUT_BYTES.
    """  # noqa: E501
    size = _regular_file_size(stream)
    if size is not None and size > limit:
        raise too_large(size, limit)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(
            f"The input is over the {limit / 1e6:.1f} MB limit ({limit:,} bytes). Give just the article, "
            "or raise HEADLINE_BOT_MAX_INPUT_BYTES."
        )
    return data


def _regular_file_size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        return info.st_size - stream.tell()
    except OSError:
        return info.st_size


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """A file's bytes, its size checked (``stat``) before reading, and at most limit + 1 bytes read.

    A file that grows while being read is still cut off at the limit.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise InputError(f"{file.name} is not a regular file. Give a path to a .txt or .html file.")
        if size > limit:
            raise too_large(size, limit)
        with file.open("rb") as stream:
            return read_stream(stream, limit)
    except FileNotFoundError:
        raise InputError(
            f"No such file: {path}. Give a path to a .txt or .html file, or - for stdin."
        ) from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from None
