"""Writing output files safely: never over an existing file unless asked, never onto the
database, and through a temporary file renamed into place so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from meetings.errors import FileProblem, InvalidInput


def same_file(path: Path, database_url: str) -> bool:
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        return False
    database = Path(database_url[len(prefix):])
    try:
        return path.resolve() == database.resolve() or (path.exists() and database.exists() and path.samefile(database))
    except OSError:
        return False


@contextmanager
def atomic_text_output(path: Path, *, force: bool, database_url: str) -> Iterator[IO[str]]:
    if same_file(path, database_url):
        raise InvalidInput("--output", f"{path} is the database; choose another file")
    if path.exists() and not force:
        raise InvalidInput("--output", f"{path} exists; use --force to overwrite it")
    folder = path.resolve().parent
    if not folder.is_dir():
        raise FileProblem(f"--output: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileProblem(f"--output: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
CHUNK = 1 << 20


def decoded_lines(stream: IO[bytes], *, name: str, encoding: str | None = None) -> Iterator[str]:
    """The lines of a byte stream, line ends kept, decoded strictly.

    UTF-8 (with or without a byte-order mark) by default, UTF-16 by its byte-order mark, any
    other encoding only when named. Bytes that do not decode, and NUL bytes, are refused with
    their offset: nothing is guessed.
    """
    import codecs

    head = stream.read(4)
    skip = 0
    if encoding is None:
        encoding = "utf-8"
        for bom, bom_encoding in BOMS:
            if head.startswith(bom):
                encoding, skip = bom_encoding, len(bom)
                break
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    except LookupError:
        raise InvalidInput("--encoding", f"{encoding!r} is not an encoding Python knows (e.g. utf-8, cp1252, utf-16)") from None
    wide = encoding.replace("_", "-").lower().startswith(("utf-16", "utf16", "utf-32", "utf32"))
    offset = skip
    pending = ""
    chunk = head[skip:]
    while True:
        more = stream.read(CHUNK)
        data = chunk + more if chunk else more
        chunk = b""
        final = not data
        if not wide and b"\x00" in data:
            position = offset + data.index(b"\x00")
            raise InvalidInput(name, f"has a NUL byte at byte {position}; it is not a text file (or it is UTF-16 "
                                     "without a byte-order mark: give --encoding utf-16-le)")
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            position = offset + exc.start
            # At the end of the file the decoder reports bytes it still holds (a truncated UTF-16 unit).
            byte = f" (0x{data[exc.start]:02x})" if exc.start < len(data) else " (the file ends inside a character)"
            raise InvalidInput(name, f"is not valid {encoding} at byte {position}{byte}; "
                                     "name the file's encoding with --encoding (for example cp1252)") from None
        offset += len(data)
        if text:
            # Split at LF only: other line breaks (form feed, U+2028...) may be data inside a field.
            *lines, pending = (pending + text).split("\n")
            for line in lines:
                yield line + "\n"
        if final:
            if pending:
                yield pending
            return
