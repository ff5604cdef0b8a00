"""Reading the files `meetings import` takes: CSV (both export shapes, or a foreign layout mapped
onto ours) and a register's XML (`tables`), JSON and JSONL in the shape `list --format json`
prints (`documents`). Each reader yields, in file order, an Item per meeting (its record, or why
it could not be read) and a Note for what the user should know; nothing here touches the database.
"""

from meetings.services.readers.documents import read_json, read_jsonl
from meetings.services.readers.items import FIELDS, REJECT_COLUMN, CsvLayout, Item, Note
from meetings.services.readers.tables import read_csv, read_xml

__all__ = ["FIELDS", "REJECT_COLUMN", "CsvLayout", "Item", "Note", "read_csv", "read_json", "read_jsonl", "read_xml"]
