"""An import is one transaction however many files it reads, and it commits only once everything
it promises is in hand: a rejects file that cannot be written refuses the import before anything
is kept, and nothing half-written is left behind."""

import resource
import signal
import subprocess

import pytest

from tests.test_installed import EXECUTABLE

HEADER = "date,title,attendees\r\n"
GOOD = '2023-04-28,Good,"A B, India; C D, Russia"\r\n'


def write(path, *rows):
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def bad(count, width=10):
    return [f"2023-02-30,{'x' * width} {i},\"A B, India\"\r\n" for i in range(count)]


def folder_files(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("case", "rejects"),
    [
        ("a folder that does not exist", "missing/rejects.csv"),
        ("a folder that is a file", "plain-file/rejects.csv"),
    ],
)
def test_a_rejects_file_that_cannot_be_written_refuses_the_import_first(invoke_seeded, tmp_path, snapshot, case,
                                                                          rejects):
    source = write(tmp_path / "in.csv", GOOD, *bad(2))
    (tmp_path / "plain-file").write_text("not a folder")
    before = snapshot(invoke_seeded.path)
    listed = folder_files(tmp_path)
    result = invoke_seeded("import", str(source), "--skip-invalid", "--rejects", str(tmp_path / rejects), ok=False)
    assert result.exit_code == 5, result.stderr
    assert result.stderr.startswith("meetings: --rejects: cannot write in"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(invoke_seeded.path) == before
    assert folder_files(tmp_path) == listed


@pytest.mark.sqlite_only
def test_a_disk_that_fills_while_the_rejects_are_written_keeps_nothing(seeded_path, tmp_path, snapshot):
    # Many long rejected rows (over 2 MB), one good meeting: the file size limit lets the
    # database's few changed pages through, not the rejects.
    source = write(tmp_path / "in.csv", GOOD, *bad(2000, width=1200))
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(seeded_path)
    limit = seeded_path.stat().st_size + 600_000

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "import", str(source), "--skip-invalid",
                             "--rejects", str(out / "rejects.csv")],
                            capture_output=True, text=True, preexec_fn=limited, timeout=120)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(seeded_path) == before
    assert folder_files(out) == []


def test_rejects_are_written_whole_beside_the_input_and_private(invoke, tmp_path):
    (tmp_path / "inputs").mkdir()
    source = write(tmp_path / "inputs" / "in.csv", GOOD, *bad(3))
    result = invoke("import", str(source), "--skip-invalid")
    assert "1 added, 0 updated, 0 skipped as exact duplicates, 3 rejected" in result.stderr
    rejects = tmp_path / "inputs" / "in.rejects.csv"
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 4
    assert rejects.stat().st_mode & 0o077 == 0
    assert folder_files(tmp_path / "inputs") == ["in.csv", "in.rejects.csv"]


@pytest.mark.parametrize(
    ("case", "second", "expected"),
    [
        ("an invalid record", HEADER + bad(1)[0], "1 invalid record(s) in 2 files; nothing was imported"),
        ("a duplicate refused", HEADER + GOOD, "1 invalid record(s) in 2 files; nothing was imported"),
        ("an unknown parent", "date,attendees,sideline_of\r\n2023,\"E F, Peru\",999\r\n",
         "1 invalid record(s) in 2 files; nothing was imported"),
    ],
)
def test_several_files_are_one_transaction_with_one_true_message(invoke_seeded, tmp_path, snapshot, case, second,
                                                                  expected):
    first = write(tmp_path / "first.csv", GOOD)
    (tmp_path / "second.csv").write_text(second, encoding="utf-8")
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", str(first), str(tmp_path / "second.csv"), "--on-duplicate", "error", ok=False)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_several_good_files_land_together_and_know_each_other(invoke, tmp_path):
    first = write(tmp_path / "first.csv", GOOD)
    second = write(tmp_path / "second.csv", GOOD, '2023-05-01,Other,"E F, Peru"\r\n')
    result = invoke("import", str(first), str(second))
    assert "2 added, 0 updated, 1 skipped as exact duplicates, 0 rejected." in result.stderr
