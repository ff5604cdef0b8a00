"""Writing output files safely: never over an existing file unless asked, never onto the
database or any file that belongs to it, never over anything but a regular file, and through a
temporary file renamed into place so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from meetings.errors import FileProblem, InvalidInput

# SQLite's files beside the database: its write-ahead log, shared memory and rollback journal.
SIDECARS = ("-wal", "-shm", "-journal")


def _database_file(database_url: str) -> Path | None:
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        return None
    name = database_url[len(prefix):].split("?", 1)[0]
    return Path(name) if name and name != ":memory:" else None


def belongs_to_database(path: Path, database_url: str) -> bool:
    """Whether `path` is the SQLite database, one of its sidecar files or one of its backups
    (`DB.backup-REVISION-TIME`), under any name that leads to the same file."""
    database = _database_file(database_url)
    if database is None:
        return False
    try:
        target, base = path.resolve(), database.resolve()
    except (OSError, RuntimeError):  # a symlink loop leads nowhere we could write
        return False
    if target.parent == base.parent and (
            target.name in {base.name + suffix for suffix in ("", *SIDECARS)}
            or target.name.startswith(base.name + ".backup-")):
        return True
    try:
        return path.exists() and base.exists() and path.samefile(base)
    except OSError:
        return False


def checked_target(path: Path, *, force: bool, database_url: str, field: str) -> Path:
    """The file a command may replace for `path`, after every refusal: an empty name, a file of
    the database, an existing file without --force, anything but a regular file (a device, a
    folder, a pipe), a missing folder. A symlink is followed to the regular file it names."""
    import stat

    if str(path) in (".", ""):  # Path("") is "."
        raise InvalidInput(field, "names no file (it is empty, or '.'); give the name of a file to write")
    if belongs_to_database(path, database_url):
        raise InvalidInput(field, f"{path} is the database or one of its files; choose another file")
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        raise InvalidInput(field, f"{path} is a symbolic link that leads nowhere (a loop); choose another file") from None
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        if path.is_symlink():  # a link planted to make us create a file where it points
            raise InvalidInput(field, f"{path} is a symbolic link to a file that does not exist; "
                                      "choose another file") from None
        mode = None
    except OSError as exc:
        raise FileProblem(f"{field}: cannot use {path}: {exc.strerror}") from None
    if mode is not None:
        if not stat.S_ISREG(mode):
            raise InvalidInput(field, f"{path} is not a regular file (a folder, device or pipe); it was left as it was")
        if not force:
            raise InvalidInput(field, f"{path} exists; use --force to overwrite it")
    if not target.parent.is_dir():
        raise FileProblem(f"{field}: folder {target.parent} does not exist")
    return target


@contextmanager
def atomic_output(path: Path, *, force: bool, database_url: str, field: str = "--output",
                  binary: bool = False) -> Iterator[IO[Any]]:
    """A stream (UTF-8 text, or bytes) whose contents replace `path` only when the block ends normally."""
    target = checked_target(path, force=force, database_url=database_url, field=field)
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileProblem(f"{field}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
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
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InvalidInput("--encoding", f"{encoding!r} is not an encoding Python knows (e.g. utf-8, cp1252, utf-16)") from None
    if not getattr(codec, "_is_text_encoding", True):  # rot13, base64, zlib...: transforms, not text encodings
        raise InvalidInput("--encoding", f"{encoding!r} is not a text encoding; name the file's character set "
                                         "(e.g. utf-8, cp1252, utf-16)")
    decoder = codec.incrementaldecoder(errors="strict")
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
        except UnicodeError:  # utf-16 or utf-32 named, and the file has no byte-order mark
            raise InvalidInput(name, f"has no byte-order mark, so its {encoding} byte order is unknown; name it "
                                     f"with --encoding {encoding}-le or {encoding}-be") from None
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
