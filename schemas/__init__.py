"""Table models (pydantic) and everything derived from them."""

from schemas.enforce import FILE_MODE, Column, SchemaError, TableWriter, arrow_schema, check_columns, columns, data_dictionary, enforce, write_parquet, write_table, write_text
from schemas.tables import TABLES, Article, EditRecord, Quote, Rejected, Speaker

__all__ = [
    "FILE_MODE",
    "TABLES",
    "Article",
    "Column",
    "EditRecord",
    "Quote",
    "Rejected",
    "SchemaError",
    "Speaker",
    "arrow_schema",
    "check_columns",
    "columns",
    "data_dictionary",
    "enforce",
    "write_parquet",
    "write_table",
    "write_text",
]
