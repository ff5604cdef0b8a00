"""Benchmarks for meetings: every figure next to a reference measured in the same run.

    python benchmarks/run.py --meetings 100000 1000000

For each size it generates a deterministic synthetic archive, loads it through `meetings import`
(the real path), and measures each figure as the median of --runs runs (with min and max): CLI
start-up, a cold `list`, the query in process, `stats`, export, full-text search, and import.
References: `python -c "import typer"` and `python -c "import typer, sqlalchemy.orm"` for
start-up, and scripts doing the same work on the same data straight on the driver for the rest
(the floor): stdlib sqlite3, or with `--db postgresql://...` psycopg on that server (COPY for the
load, a plain cursor for queries, a server-side one for the export). Import is measured against
two floors on SQLite: executemany of the same rows into bare tables, and into the same schema
with its indexes and search table. It prints a table of figures and ratios, and writes them as
JSON (--json).

    python benchmarks/run.py --db postgresql://user@host/database --meetings 100000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
MEETINGS = str(Path(PYTHON).parent / "meetings")
WORDS = ("security defence trade energy oil gas wheat grain nuclear border water climate health cyber space "
         "shipping ports rail investment sanctions visas students pilgrims fisheries drones missiles").split()
RARE_TERM = "chabahar"  # put in about 3% of summaries


def archive(path: Path, count: int, seed: int = 20230428) -> None:
    """A deterministic archive in the export's one-row-per-meeting CSV shape."""
    import pycountry

    rng = random.Random(seed)
    # ISO codes: every one resolves to exactly one country (some names, like "Congo", would not).
    countries = [c.alpha_2 for c in pycountry.countries][:200]
    countries = [c for c in countries if c not in ("RU", "TV")]
    # Russia is in ~20% of meetings, Tuvalu in ~0.5%; the rest follow a Zipf-like skew.
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(countries))]
    people = [f"Person {i:05d}" for i in range(50_000)]
    topics = [f"{a} {b}" for a in WORDS for b in WORDS if a != b][:600]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["date", "title", "kind", "venue", "venue_country", "attendees", "topics", "summary"])
        for i in range(count):
            picked: list[str] = []
            if rng.random() < 0.20:
                picked.append("RU")
            if rng.random() < 0.005:
                picked.append("TV")
            while len(picked) < 4:
                country = rng.choices(countries, weights)[0]
                if country not in picked:
                    picked.append(country)
            rng.shuffle(picked)
            names = rng.sample(people, 4)  # ~50k people in all, four distinct ones a meeting
            attendees = "; ".join(f"{name}, {country}, Minister" for name, country in zip(names, picked, strict=False))
            summary_words = [rng.choice(WORDS) for _ in range(40)]
            if rng.random() < 0.03:
                summary_words[rng.randrange(40)] = RARE_TERM
            year = 1990 + rng.randrange(35)
            date = f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
            writer.writerow([date, f"Meeting {i}", "multilateral", f"City {rng.randrange(2000)}", picked[0], attendees,
                             "; ".join(rng.sample(topics, 3)), " ".join(summary_words)[:300]])


def timed(command: list[str], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Whole-process wall time, as median/min/max of `runs` runs after one warm-up."""
    subprocess.run(command, capture_output=True, env=env, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def measured_run(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one run of a command in a child process."""
    probe = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
             "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PYTHON, "-c", probe, *command], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def in_process(function, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


# The same work as `list` does for a page, done directly on the driver: the meetings with their
# columns, then their attendees, topics and sources. `{marks}` is the driver's placeholder, `{ids}`
# the page's ids.
REFERENCE_QUERY = """
SELECT m.id, m.title, m.start_date, m.start_precision, m.end_date, m.end_precision, m.venue, vc.name, m.kind,
       o.acronym, m.parent_id, m.summary
FROM meetings m LEFT JOIN countries vc ON vc.code = m.venue_country_code
LEFT JOIN organizations o ON o.id = m.organization_id
WHERE EXISTS (SELECT 1 FROM attendances a WHERE a.meeting_id = m.id AND a.country_code = {mark})
ORDER BY m.start_date DESC, m.id DESC LIMIT 50
"""
REFERENCE_HYDRATE = ("""
SELECT a.meeting_id, p.name, c.name, a.role, a.rank, a.is_host, a.is_chair FROM attendances a
LEFT JOIN people p ON p.id = a.person_id LEFT JOIN countries c ON c.code = a.country_code
WHERE a.meeting_id IN ({ids}) ORDER BY a.meeting_id, a.position, a.id
""", """
SELECT mt.meeting_id, t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
WHERE mt.meeting_id IN ({ids}) ORDER BY mt.meeting_id, t.key
""", """
SELECT ms.meeting_id, s.reference, s.publisher, s.published_on FROM meeting_sources ms
JOIN sources s ON s.id = ms.source_id WHERE ms.meeting_id IN ({ids}) ORDER BY ms.meeting_id, s.id
""")
REFERENCE_STATS = ("SELECT c.name, count(DISTINCT a.meeting_id), min(m.start_date), max(m.start_date) "
                   "FROM attendances a JOIN meetings m ON m.id = a.meeting_id "
                   "JOIN countries c ON c.code = a.country_code GROUP BY c.name")
# The export's rows in one statement, `{concat}` being the dialect's list aggregate.
REFERENCE_EXPORT_SQL = """
    SELECT m.id, m.start_date, m.title, m.kind, m.venue, vc.name,
           (SELECT {concat}(coalesce(p.name, '') || ', ' || c.name || ', ' || coalesce(a.role, ''), '; ')
              FROM attendances a LEFT JOIN people p ON p.id = a.person_id JOIN countries c ON c.code = a.country_code
             WHERE a.meeting_id = m.id),
           (SELECT {concat}(t.name, '; ') FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
             WHERE mt.meeting_id = m.id),
           m.summary
    FROM meetings m LEFT JOIN countries vc ON vc.code = m.venue_country_code
    WHERE EXISTS (SELECT 1 FROM attendances a WHERE a.meeting_id = m.id AND a.country_code = 'RU')
    ORDER BY m.start_date DESC, m.id DESC"""
REFERENCE_EXPORT = """
import csv, sys
{connect}
rows = {rows}
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as handle:
    writer = csv.writer(handle, lineterminator='\\r\\n')
    writer.writerow(['id', 'date', 'title', 'kind', 'venue', 'venue_country', 'attendees', 'topics', 'summary'])
    writer.writerows(rows)
"""
# Every table an import writes, parents before children.
TABLES = ("countries", "organizations", "people", "person_names", "topics", "sources", "meetings",
          "attendances", "meeting_topics", "meeting_sources")


class Sqlite:
    """The embedded default; references in the standard library's sqlite3."""

    name = "sqlite"
    mark = "?"
    startup_stack = "import typer, sqlalchemy.orm"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new_database(self, label: str) -> str:
        path = self.folder / f"{label}.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return str(path)

    def drop(self, database: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)

    def connect(self, database: str) -> sqlite3.Connection:
        return sqlite3.connect(database, isolation_level=None)

    def ids(self, ids: list[int]) -> tuple[str, list[int]]:
        return ",".join("?" * len(ids)), ids

    def analyze(self, connection: sqlite3.Connection) -> None:
        connection.execute("ANALYZE")

    def sizes(self, connection: sqlite3.Connection) -> dict[str, int]:
        """Bytes on disk: the rows, their indexes, and the search index (FTS5's own tables)."""
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = {"rows": 0, "indexes": 0, "search": 0}
        for name, kind, size in connection.execute(
                "SELECT d.name, coalesce(m.type, 'index'), sum(d.pgsize) FROM dbstat d "
                "LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name"):
            part = "search" if name.startswith("meetings_search") else "indexes" if kind == "index" else "rows"
            sizes[part] += size
        sizes["total"] = sum(sizes.values())
        return sizes

    def search_matches(self, connection: sqlite3.Connection) -> int:
        return connection.execute("SELECT count(*) FROM meetings_search WHERE meetings_search MATCH ?",
                                  (RARE_TERM,)).fetchone()[0]

    def export_script(self) -> str:
        return REFERENCE_EXPORT.format(connect="import sqlite3\nconnection = sqlite3.connect(sys.argv[1])",
                                       rows="connection.execute('''" + REFERENCE_EXPORT_SQL.format(
                                           concat="group_concat") + "''')")

    def import_references(self, database: str) -> dict[str, dict[str, float]]:
        """Rows/s of stdlib executemany re-inserting every row the import wrote into an empty copy:
        of the tables alone (no indexes but their keys), and of the whole schema (every index, the
        search table, the connection settings meetings uses)."""
        source = self.connect(database)
        bare = self.new_database("floor-bare")
        target = self.connect(bare)
        for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ({})".format(
                ",".join("?" * len(TABLES))), TABLES):
            target.execute(sql)
        bare_rate = self._load(source, target, TABLES)
        target.close()
        self.drop(bare)
        same = self.new_database("floor-schema")
        subprocess.run([MEETINGS, "--db", same, "init", "--empty"], check=True, capture_output=True)
        target = self.connect(same)
        for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
            target.execute(f"PRAGMA {pragma}")
        from meetings.services.search import TABLE

        schema_rate = self._load(source, target, (*TABLES, TABLE))
        target.close()
        self.drop(same)
        source.close()
        return {"bare": bare_rate, "schema": schema_rate}

    @staticmethod
    def _load(source: sqlite3.Connection, target: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, float]:
        """One transaction of executemany, one table at a time (each read first, untimed)."""
        from meetings.services.search import TABLE

        total, elapsed = 0, 0.0
        target.execute("BEGIN")
        for table in tables:
            columns = "rowid, title, summary, topics, people, venue" if table == TABLE else "*"
            rows = source.execute(f"SELECT {columns} FROM {table}").fetchall()
            if rows:
                names = f" ({columns})" if table == TABLE else ""
                start = time.perf_counter()
                target.executemany(f"INSERT INTO {table}{names} VALUES ({','.join('?' * len(rows[0]))})", rows)
                elapsed += time.perf_counter() - start
            total += len(rows)
        start = time.perf_counter()
        target.execute("COMMIT")
        elapsed += time.perf_counter() - start
        return {"rows": total, "seconds": elapsed, "rows_per_s": total / elapsed}

    def index_write_seconds(self, connection: sqlite3.Connection) -> float | None:
        """FTS5's own write of every document, given in hand (read back first, untimed), inside a
        transaction that is then rolled back: what bounds the import's index writes."""
        from meetings.services.search import TABLE

        documents = connection.execute(f"SELECT rowid, title, summary, topics, people, venue FROM {TABLE}").fetchall()
        connection.execute("BEGIN")
        connection.execute(f"DELETE FROM {TABLE}")
        start = time.perf_counter()
        connection.executemany(f"INSERT INTO {TABLE} (rowid, title, summary, topics, people, venue) "
                               "VALUES (?, ?, ?, ?, ?, ?)", documents)
        elapsed = time.perf_counter() - start
        connection.execute("ROLLBACK")
        return elapsed

    def close(self) -> None:
        pass


class Postgres:
    """A server given as --db; references in psycopg directly (COPY for load, a plain cursor for
    queries, a server-side cursor for the export). Each size gets scratch databases, dropped after."""

    name = "postgresql"
    mark = "%s"
    startup_stack = "import typer, sqlalchemy.orm, psycopg"

    def __init__(self, url: str, folder: Path) -> None:
        import psycopg

        self.folder = folder
        base = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.conninfo = base
        self.admin = psycopg.connect(base, autocommit=True)
        self.created: list[str] = []

    def _conninfo(self, database: str) -> str:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(self.conninfo)
        params["dbname"] = database
        return make_conninfo(**params)

    def url(self, database: str) -> str:
        """The URL meetings takes for a scratch database."""
        from sqlalchemy.engine import make_url

        return make_url(self.conninfo).set(drivername="postgresql+psycopg", database=database).render_as_string(
            hide_password=False)

    def new_database(self, label: str) -> str:
        name = "meetings_bench_" + label.replace("-", "_")
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.execute(f"CREATE DATABASE {name}")
        self.created.append(name)
        return self.url(name)

    def drop(self, database: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(database).database
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in self.created:
            self.created.remove(name)

    def connect(self, database: str):  # type: ignore[no-untyped-def]
        import psycopg
        from sqlalchemy.engine import make_url

        return psycopg.connect(self._conninfo(make_url(database).database or ""), autocommit=True)

    def ids(self, ids: list[int]) -> tuple[str, list[object]]:
        return "SELECT unnest(%s::integer[])", [ids]

    def analyze(self, connection) -> None:  # type: ignore[no-untyped-def]
        connection.execute("VACUUM ANALYZE")

    def sizes(self, connection) -> dict[str, int]:  # type: ignore[no-untyped-def]
        """Bytes on disk: the rows (with TOAST), their indexes, and the search table with its GIN index."""
        sizes = {"rows": 0, "indexes": 0, "search": 0}
        for name, table, indexes in connection.execute(
                "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'"):
            if name.startswith("meetings_search"):
                sizes["search"] += table + indexes
            else:
                sizes["rows"] += table
                sizes["indexes"] += indexes
        sizes["total"] = connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return sizes

    def search_matches(self, connection) -> int:  # type: ignore[no-untyped-def]
        return connection.execute("SELECT count(*) FROM meetings_search WHERE document @@ to_tsquery('simple', %s)",
                                  (RARE_TERM,)).fetchone()[0]

    def export_script(self) -> str:
        connect = ("import psycopg\nconnection = psycopg.connect(sys.argv[1])\n"
                   "cursor = connection.cursor(name='export')\ncursor.itersize = 2000")
        return REFERENCE_EXPORT.format(connect=connect, rows="cursor.execute('''" + REFERENCE_EXPORT_SQL.format(
            concat="string_agg") + "''')")

    def export_target(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return self._conninfo(make_url(database).database or "")

    def import_references(self, database: str) -> dict[str, dict[str, float]]:
        """Rows/s of COPY of every row the import wrote (saved to files first, untimed) into an
        empty database with the same schema, in one transaction."""
        from meetings.services.search import TABLE

        source = self.connect(database)
        files = {}
        for table in (*TABLES, TABLE):
            files[table] = self.folder / f"copy-{table}.txt"
            with files[table].open("wb") as handle, source.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for data in copy:
                    handle.write(data)
        total = sum(source.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in files)
        source.close()
        same = self.new_database("floor_schema")
        subprocess.run([MEETINGS, "--db", same, "init", "--empty"], check=True, capture_output=True)
        target = self.connect(same)
        target.autocommit = False
        start = time.perf_counter()
        with target.transaction():
            for table, path in files.items():
                with path.open("rb") as handle, target.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                    while data := handle.read(1 << 20):
                        copy.write(data)
        elapsed = time.perf_counter() - start
        target.close()
        self.drop(same)
        for path in files.values():
            path.unlink()
        return {"copy": {"rows": total, "seconds": elapsed, "rows_per_s": total / elapsed}}

    def index_write_seconds(self, connection) -> float | None:  # type: ignore[no-untyped-def]
        return None  # the documents are built by the server: there is no write of them alone

    def close(self) -> None:
        for name in list(self.created):
            self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.close()


def benchmark(backend: Sqlite | Postgres, size: int, runs: int, folder: Path) -> dict[str, object]:
    figures: dict[str, object] = {"meetings": size, "backend": backend.name}
    csv_path = folder / f"archive-{size}.csv"
    if not csv_path.exists():
        archive(csv_path, size)
    database = backend.new_database(f"bench-{size}")
    subprocess.run([MEETINGS, "--db", database, "init", "--empty"], check=True, capture_output=True)
    seconds, rss = measured_run([MEETINGS, "--db", database, "import", str(csv_path)])
    from meetings.services import search

    connection = backend.connect(database)
    rows = sum(connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*TABLES, search.TABLE))
    figures["import"] = {"seconds": seconds, "rows": rows, "rows_per_s": rows / seconds, "peak_rss_mib": rss,
                         "references": backend.import_references(database)}
    backend.analyze(connection)
    figures["size_bytes"] = backend.sizes(connection)

    figures["help"] = timed([MEETINGS, "--help"], runs)
    figures["import_typer"] = timed([PYTHON, "-c", "import typer"], runs)
    figures["import_stack"] = timed([PYTHON, "-c", backend.startup_stack], runs)
    figures["cold_list"] = timed([MEETINGS, "--db", database, "list", "--country", "Russia", "--limit", "50"], runs)

    sys.path.insert(0, str(HERE.parent))
    from meetings.cli.options import build_filter
    from meetings.db import open_database, read_scope, session_scope, unit_of_work
    from meetings.filters import MeetingFilter
    from meetings.services.queries import find_meetings
    from meetings.services.stats import group_counts

    engine = open_database(database)
    query = REFERENCE_QUERY.format(mark=backend.mark)
    for label, code, name in (("common", "RU", "Russia"), ("rare", "TV", "Tuvalu")):
        filters = build_filter(country=[name], limit=50)

        def ours(filters: MeetingFilter = filters) -> None:
            with read_scope(engine) as reader:  # what `meetings list` reads through
                find_meetings(session=reader, filters=filters)

        def floor(code: str = code) -> None:
            cursor = connection.cursor()
            ids = [r[0] for r in cursor.execute(query, (code,)).fetchall()]
            marks, params = backend.ids(ids)
            for sql in REFERENCE_HYDRATE:
                cursor.execute(sql.format(ids=marks), params).fetchall()

        figures[f"query_{label}"] = {"ours": in_process(ours, runs), "reference": in_process(floor, runs)}

    def stats_ours() -> None:
        with session_scope(engine) as session:
            group_counts(session=session, filters=build_filter(), by="country")

    def stats_floor() -> None:
        connection.execute(REFERENCE_STATS).fetchall()

    figures["stats_by_country"] = {"ours": in_process(stats_ours, runs), "reference": in_process(stats_floor, runs)}

    search_filters = build_filter(search=RARE_TERM, limit=50)

    def search_ours() -> None:
        with read_scope(engine) as reader:
            find_meetings(session=reader, filters=search_filters)

    figures["search"] = {"ours": in_process(search_ours, runs), "matches": backend.search_matches(connection)}
    from sqlalchemy import text

    # The index rows of every meeting rewritten by search.refresh, in a unit of work that is rolled
    # back: what an edit does for its meetings, and on SQLite what the import does after its rows
    # (one statement over every meeting it wrote). On PostgreSQL the import writes them a chunk at a
    # time while it reads the next, within the import's own figure.
    ids = [r[0] for r in connection.execute("SELECT id FROM meetings")]
    with unit_of_work(engine, write=True) as unit:
        unit.session.execute(text(f"DELETE FROM {search.TABLE}"))
        start = time.perf_counter()
        search.refresh(unit.session, ids)
        figures["search_index_seconds"] = time.perf_counter() - start
    figures["search_index_write_seconds"] = backend.index_write_seconds(connection)
    engine.dispose()
    connection.close()

    out = folder / "export.csv"
    script = backend.export_script()
    target = backend.export_target(database) if isinstance(backend, Postgres) else database
    exports, floors = [], []
    for _ in range(max(1, runs // 2)):
        out.unlink(missing_ok=True)
        exports.append(measured_run([MEETINGS, "--db", database, "export", "--country", "Russia", "--output", str(out)]))
        russia_rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        out.unlink()
        floors.append(measured_run([PYTHON, "-c", script, target, str(out)]))
    out.unlink(missing_ok=True)
    figures["export_russia"] = {
        "rows": russia_rows,
        "seconds": statistics.median(s for s, _ in exports), "peak_rss_mib": max(m for _, m in exports),
        "reference_seconds": statistics.median(s for s, _ in floors),
        "reference_peak_rss_mib": max(m for _, m in floors),
    }
    return figures


def report(results: list[dict[str, object]]) -> list[tuple[str, str, str, str, str]]:
    lines = []
    for figures in results:
        n = figures["meetings"]
        help_ratio = figures["help"]["median"] / figures["import_typer"]["median"]
        list_ratio = figures["cold_list"]["median"] / figures["import_stack"]["median"]
        stack = "import typer, sqlalchemy.orm" + (", psycopg" if figures["backend"] == "postgresql" else "")
        lines.append((f"{n}: meetings --help", f"{figures['help']['median'] * 1000:.0f} ms",
                      f"import typer {figures['import_typer']['median'] * 1000:.0f} ms", f"{help_ratio:.2f}x", "<= 1.2x"))
        lines.append((f"{n}: cold list --country Russia", f"{figures['cold_list']['median'] * 1000:.0f} ms",
                      f"{stack} {figures['import_stack']['median'] * 1000:.0f} ms",
                      f"{list_ratio:.2f}x", "<= 1.25x"))
        for label in ("common", "rare"):
            q = figures[f"query_{label}"]
            lines.append((f"{n}: query {'20%' if label == 'common' else '0.5%'} country, in process",
                          f"{q['ours']['median'] * 1000:.1f} ms", f"driver {q['reference']['median'] * 1000:.1f} ms",
                          f"{q['ours']['median'] / q['reference']['median']:.2f}x", "<= 2x"))
        st = figures["stats_by_country"]
        lines.append((f"{n}: stats --by country", f"{st['ours']['median'] * 1000:.0f} ms",
                      f"driver {st['reference']['median'] * 1000:.0f} ms",
                      f"{st['ours']['median'] / st['reference']['median']:.2f}x", "<= 2x"))
        imp = figures["import"]
        references = imp["references"]
        for key, name, target in (("schema", "stdlib executemany, same schema", ">= 0.6x"),
                                  ("bare", "stdlib executemany, bare tables", ">= 0.2x"),
                                  ("copy", "psycopg COPY, same schema", ">= 0.5x")):
            if key in references:
                reference = references[key]["rows_per_s"]
                lines.append((f"{n}: import rows/s (all tables)", f"{imp['rows_per_s']:,.0f}",
                              f"{name} {reference:,.0f}", f"{imp['rows_per_s'] / reference:.2f}x", target))
        lines.append((f"{n}: import peak memory", f"{imp['peak_rss_mib']:.0f} MiB", "", "", "<= 128 MiB"))
        size = figures["size_bytes"]
        lines.append((f"{n}: database size", f"{size['total'] / 2 ** 20:,.0f} MiB",
                      f"rows {size['rows'] / 2 ** 20:,.0f}, indexes {size['indexes'] / 2 ** 20:,.0f}, "
                      f"search {size['search'] / 2 ** 20:,.0f} MiB", f"{size['total'] / n:,.0f} B/meeting", ""))
        ex = figures["export_russia"]
        speed = ex["reference_seconds"] / ex["seconds"]
        lines.append((f"{n}: export Russia ({ex['rows']} rows)", f"{ex['seconds']:.2f} s",
                      f"driver + csv {ex['reference_seconds']:.2f} s", f"{speed:.2f}x speed", ">= 0.8x"))
        lines.append((f"{n}: export peak memory", f"{ex['peak_rss_mib']:.0f} MiB",
                      f"driver + csv {ex['reference_peak_rss_mib']:.0f} MiB", "", "<= 64 MiB"))
        se = figures["search"]
        lines.append((f"{n}: --search ({se['matches']} matches), limit 50", f"{se['ours']['median'] * 1000:.1f} ms",
                      "", "", "<= 50 ms"))
        lines.append((f"{n}: search index, every meeting re-indexed", f"{figures['search_index_seconds']:.1f} s",
                      "", "", f"<= {10 * n / 1_000_000:.1f} s"))
        if figures.get("search_index_write_seconds") is not None:
            lines.append((f"{n}:   of which FTS5 writing the documents", f"{figures['search_index_write_seconds']:.1f} s",
                          "", "", ""))
    if len(results) > 1:
        small, large = results[0], results[-1]
        scale = large["meetings"] / small["meetings"]
        for name, get in (("import", lambda f: f["import"]["seconds"]),
                          ("export", lambda f: f["export_russia"]["seconds"]),
                          ("search index", lambda f: f["search_index_seconds"])):
            growth = (get(large) / large["meetings"]) / (get(small) / small["meetings"])
            lines.append((f"growth {small['meetings']} -> {large['meetings']}: {name} per row", f"{growth:.2f}x",
                          f"(x{scale:.0f} rows)", "", "<= 1.5x"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, nargs="+", default=[100_000], help="archive sizes to measure")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median, min, max)")
    parser.add_argument("--db", default=None, metavar="postgresql://...",
                        help="a PostgreSQL server to measure instead of SQLite (its user must be able to create "
                             "databases; the scratch ones are dropped afterwards)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json", help="where to write figures")
    parser.add_argument("--work", type=Path, default=None, help="folder for archives and databases (kept)")
    args = parser.parse_args()
    if not Path(MEETINGS).exists():
        sys.exit(f"{MEETINGS} not found: install the project (pip install .) into this Python first")
    if args.db is not None and not args.db.startswith(("postgresql://", "postgresql+psycopg://")):
        sys.exit("--db: give a PostgreSQL URL (postgresql://user@host/database); SQLite is the default")
    folder = args.work or Path(tempfile.mkdtemp(prefix="meetings-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    backend: Sqlite | Postgres = Postgres(args.db, folder) if args.db else Sqlite(folder)
    try:
        results = [benchmark(backend, size, args.runs, folder) for size in sorted(args.meetings)]
    finally:
        backend.close()
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)
    lines = report(results)
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    header = ("figure", "meetings", "reference", "ratio", "target")
    print(f"backend: {backend.name}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for line in lines:
        print("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": os.uname().nodename, "cores": os.cpu_count(), "backend": backend.name,
                                     "results": results}, indent=2))
    print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
