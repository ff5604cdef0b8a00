"""The files `meetings import` writes beside its work: the rejected records (staged, put in place
after the commit) and the list of exact duplicates skipped."""

from pathlib import Path
from typing import Any

SHOWN_SKIPS = 20
SKIPPED_COLUMNS = ("file", "line", "location", "duplicate_of")


class skipped_file:
    """The list of exact duplicates an import skipped: written before the commit (so that a
    folder that cannot be written refuses the import), removed if the import does not commit."""

    def __init__(self, path: Path, skips: list[Any]) -> None:
        self.path, self.skips = path, skips

    def __enter__(self) -> Path:
        import csv

        from meetings.errors import FileProblem, InvalidInput

        try:
            stream = self.path.open("x", encoding="utf-8", newline="")
        except FileExistsError:
            raise InvalidInput("--skipped", f"{self.path} exists; move it away or name another with --skipped") from None
        except OSError as exc:
            raise FileProblem(f"--skipped: cannot write {self.path}: {exc.strerror}") from None
        with stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow(SKIPPED_COLUMNS)
            for item, duplicate in self.skips:
                writer.writerow(["<stdin>" if item.source == "-" else item.source, item.line or "", item.location,
                                 duplicate or ""])
        return self.path

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.path.unlink(missing_ok=True)


def default_skipped_path(batch: int | None) -> Path:
    """In the user data folder's imports folder, named for the time and the batch; never one that exists."""
    import datetime as dt

    from meetings.paths import imports_folder

    folder = imports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}-" + (f"batch-{batch}" if batch is not None else "nothing-added")
    path = folder / f"{stem}.skipped.csv"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.skipped.csv"
    return path


def inputs_label(files: list[str]) -> str:
    return files[0] if len(files) == 1 else f"{len(files)} files"


def _rejects_path(name: str, rejects: Path | None, suffix: str) -> Path:
    if rejects is not None:
        return rejects
    from meetings.errors import InvalidInput

    if name == "-":
        raise InvalidInput("--rejects", "name a rejects file when reading standard input with --skip-invalid")
    path = Path(name)
    return path.with_name(f"{path.stem}.rejects{suffix}")


def check_rejects_targets(files: list[str], rejects: Path | None) -> None:
    from meetings.errors import InvalidInput

    if rejects is not None and len(files) > 1:
        raise InvalidInput("--rejects", "give one input file with --rejects, or let each input have its own rejects file")
    for name in files:
        for suffix in (".csv", ".jsonl"):
            target = _rejects_path(name, rejects, suffix)
            if target.exists():
                raise InvalidInput("--rejects", f"{target} exists; move it away or name another with --rejects")
            if rejects is not None:
                break


class staged_rejects:
    """Where --skip-invalid puts one input's rejected records: a private temporary file in the
    folder of the rejects file, opened at once (so that a folder that cannot be written refuses the
    import before anything is written), renamed into place once complete and committed."""

    def __init__(self, name: str, rejects: Path | None) -> None:
        self.name, self.rejects = name, rejects
        self.path: Path | None = None

    def __enter__(self) -> "staged_rejects":
        import tempfile

        from meetings.errors import FileProblem

        folder = _rejects_path(self.name, self.rejects, ".csv").resolve().parent
        try:
            handle, self.temporary = tempfile.mkstemp(prefix=".rejects.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise FileProblem(f"--rejects: cannot write in {folder}: {exc.strerror}") from None
        import os

        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        return self

    def write(self, items: list[Any]) -> Path | None:
        """Write this input's rejected items, if any; returns where they will be."""
        import csv
        import json
        import os

        from meetings.services.readers import REJECT_COLUMN

        mine = [item for item in items if item.source == self.name]
        if not mine:
            return None
        if mine[0].header is not None:
            self.path = _rejects_path(self.name, self.rejects, ".csv")
            writer = csv.writer(self.stream, lineterminator="\r\n", delimiter=mine[0].delimiter)
            writer.writerow([*mine[0].header, REJECT_COLUMN])
            for item in mine:
                for cells in item.raw:
                    writer.writerow([*cells[:len(mine[0].header)], item.error])
        else:
            self.path = _rejects_path(self.name, self.rejects, ".jsonl")
            for item in mine:
                try:
                    value = json.loads(item.raw) if isinstance(item.raw, str) else item.raw
                except ValueError:
                    value = {"line": item.raw}
                if not isinstance(value, dict):
                    value = {"value": value}
                self.stream.write(json.dumps({**value, REJECT_COLUMN: item.error}, ensure_ascii=False, default=str) + "\n")
        self.stream.flush()
        os.fsync(self.stream.fileno())
        return self.path

    def __exit__(self, kind: object, *rest: object) -> None:
        import os

        placed = False
        try:
            self.stream.close()  # on a full disk this can fail too, flushing what is left
            if kind is None and self.path is not None:
                os.replace(self.temporary, self.path)
                placed = True
        finally:
            if not placed:
                Path(self.temporary).unlink(missing_ok=True)
