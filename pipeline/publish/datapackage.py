"""``datapackage.json``: the release as a Frictionless Data Package (v2), generated from the row models.

Each table is a resource with its path and a Table Schema: every column with its
type, description and constraints (required, allowed values, bounds), the primary key, and the
foreign keys ``quotes.article_id -> articles`` and ``quotes.speaker_id -> speakers``.

>>> from pipeline.publish.facts import ReleaseFacts
>>> facts = ReleaseFacts("none", "1.0.0", {"articles": 1, "quotes": 1, "speakers": 1, "rejected": 0})
>>> pkg = datapackage(facts)
>>> [r["name"] for r in pkg["resources"]]
['articles', 'quotes', 'speakers', 'rejected']
>>> pkg["resources"][1]["schema"]["foreignKeys"][1]
{'fields': ['speaker_id'], 'reference': {'resource': 'speakers', 'fields': ['speaker_id']}}
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.publish.facts import DATA_LICENSE, DATA_LICENSE_NAME, DATA_LICENSE_URL, DESCRIPTION, NAME, ReleaseFacts
from schemas import Column, columns
from schemas.tables import TableModel

__all__ = ["FOREIGN_KEYS", "datapackage", "table_schema"]

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

#: (table, column) -> referenced table and column
FOREIGN_KEYS = {
    ("quotes", "article_id"): ("articles", "article_id"),
    ("quotes", "speaker_id"): ("speakers", "speaker_id"),
}


def _field_type(t: pa.DataType) -> str:
    if pa.types.is_list(t) or pa.types.is_struct(t):
        # Frictionless reads a Parquet list as a NumPy array, which its "array" type rejects; the
        # description says what the items are
        return "any"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_date(t):
        return "date"
    return "string"


def _field(col: Column) -> dict:
    description = col.description
    if pa.types.is_list(col.type):
        item = col.type.value_type
        what = "records (" + ", ".join(f.name for f in item) + ")" if pa.types.is_struct(item) else str(item)
        description = f"{description} A list of {what}."
    field = {"name": col.name, "type": _field_type(col.type), "description": description}
    constraints: dict = {}
    if not col.nullable:
        constraints["required"] = True
    if col.allowed:
        constraints["enum"] = list(col.allowed)
    if col.minimum is not None:
        constraints["minimum"] = col.minimum
    if col.maximum is not None:
        constraints["maximum"] = col.maximum
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(model: type[TableModel]) -> dict:
    """The Table Schema of one table: fields, primary key and foreign keys."""
    schema: dict = {"$schema": TABLE_SCHEMA_PROFILE, "fields": [_field(c) for c in columns(model)]}
    if model.primary_key:
        schema["primaryKey"] = list(model.primary_key)
    fks = [{"fields": [col], "reference": {"resource": ref, "fields": [ref_col]}}
           for (table, col), (ref, ref_col) in FOREIGN_KEYS.items() if table == model.table]
    if fks:
        schema["foreignKeys"] = fks
    return schema


def datapackage(facts: ReleaseFacts) -> dict:
    """The descriptor. Sizes and hashes are left to ``SHA256SUMS`` and ``croissant.json``: Frictionless
    reads Parquet through pyarrow and cannot count its bytes, so it would report them as wrong."""
    resources = []
    for model in facts.models:
        name = facts.file_of(model)
        res = {"name": model.table, "type": "table", "path": name, "format": "parquet",
               "mediatype": "application/vnd.apache.parquet", "description": model.grain}
        res["schema"] = table_schema(model)
        resources.append(res)
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": f"{NAME}: quotes, speakers and dates from news articles",
        "description": f"{DESCRIPTION}\n\n{facts.rights}",
        "version": facts.version,
        "licenses": [{"name": DATA_LICENSE, "path": DATA_LICENSE_URL, "title": DATA_LICENSE_NAME}],
        "keywords": ["quotes", "quote attribution", "news", "speakers", "provenance"],
        "resources": resources,
    }
