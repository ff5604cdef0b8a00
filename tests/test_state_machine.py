"""A rule-based state machine: random add, edit, delete, import and export against an
in-memory model of the records; after every step the database and the model agree."""

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.conftest import Invoker

NAMES = st.sampled_from(["Sergei Shoigu", "Rajnath Singh", "Wang Yi", "Penny Wong", "José Albares", "Ли Шанфу"])
COUNTRIES = st.sampled_from(["Russia", "India", "China", "Australia", "Spain"])
DATES = st.sampled_from(["2001", "2022-03", "2023-04-28", "2024-01-15", "2024-02"])
TITLES = st.text(alphabet="abcdefghij ,;\"'=-АБВ", min_size=1, max_size=20).filter(lambda t: t.strip(" ,;\"'=-"))


def project(meeting: dict) -> tuple:
    """What the model tracks of a meeting."""
    return (meeting["title"], meeting["date"], tuple((a["name"], a["country"]) for a in meeting["attendees"]),
            tuple(sorted(meeting["topics"])))


class Records(RuleBasedStateMachine):
    backend: object = None

    @initialize()
    def start(self):
        self.folder = Path(tempfile.mkdtemp())
        self.invoke = Invoker(self.backend.new(self.folder))
        self.model: dict[int, tuple] = {}
        self.counter = 0

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def _unique_attendee(self):
        self.counter += 1
        return f"Delegate {self.counter}, Peru"  # keeps every meeting distinct from the others

    @rule(title=TITLES, date=DATES, name=NAMES, country=COUNTRIES, topic=st.sampled_from(["trade", "security", "energy"]))
    def add(self, title, date, name, country, topic):
        title = " ".join(title.split())
        result = self.invoke("add", "--title", title, "--date", date, "--attendee", f"{name}, {country}",
                             "--attendee", self._unique_attendee(), "--topic", topic)
        meeting_id = int(result.stdout.strip().splitlines()[-1])
        shown = json.loads(self.invoke("show", str(meeting_id), "--format", "json").stdout)
        assert shown["title"] == title
        self.model[meeting_id] = project(shown)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), topic=st.sampled_from(["climate", "trade"]), title=TITLES)
    def edit(self, data, topic, title):
        meeting_id = data.draw(st.sampled_from(sorted(self.model)))
        title = " ".join(title.split())
        self.invoke("edit", str(meeting_id), "--title", title, "--add-topic", topic)
        old = self.model[meeting_id]
        self.model[meeting_id] = (title, old[1], old[2], tuple(sorted(set(old[3]) | {topic})))

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def delete(self, data):
        meeting_id = data.draw(st.sampled_from(sorted(self.model)))
        self.invoke("delete", str(meeting_id), "--yes")
        del self.model[meeting_id]

    @rule(title=TITLES, date=DATES, name=NAMES, country=COUNTRIES)
    def import_file(self, title, date, name, country):
        title = " ".join(title.split())
        attendee, unique_country = self._unique_attendee().split(", ")
        path = self.folder / f"in{self.counter}.json"
        path.write_text(json.dumps([{"title": title, "date": date, "attendees": [
            {"name": name, "country": country}, {"name": attendee, "country": unique_country}], "topics": []}]))
        self.invoke("import", str(path))
        [new] = [m for m in json.loads(self.invoke("list", "--format", "json", "--limit", "0").stdout)
                 if m["id"] not in self.model]
        self.model[new["id"]] = project(new)

    @precondition(lambda self: self.model)
    @rule()
    def export_round_trip(self):
        exported = self.folder / f"export{self.counter}.csv"
        self.invoke("export", "--output", str(exported), "--force")
        again = self.invoke("import", str(exported))
        assert f"{len(self.model)} skipped" in again.stderr

    @invariant()
    def database_matches_model(self):
        if not hasattr(self, "invoke"):
            return
        listed = json.loads(self.invoke("list", "--format", "json", "--limit", "0").stdout)
        assert {m["id"]: project(m) for m in listed} == self.model


def test_records_state_machine(backend):
    Records.backend = backend
    runner = Records.TestCase
    runner.settings = settings(max_examples=12, stateful_step_count=8, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow])
    runner().runTest()
