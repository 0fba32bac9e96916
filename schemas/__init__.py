"""Table models (pydantic) and everything derived from them."""

from schemas.enforce import SchemaError, TableWriter, arrow_schema, check_columns, data_dictionary, enforce, write_parquet, write_table
from schemas.tables import TABLES, Article, EditRecord, Quote, Rejected, Speaker

__all__ = [
    "TABLES",
    "Article",
    "EditRecord",
    "Quote",
    "Rejected",
    "SchemaError",
    "Speaker",
    "arrow_schema",
    "check_columns",
    "data_dictionary",
    "enforce",
    "write_parquet",
    "write_table",
]
