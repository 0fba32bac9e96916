"""``croissant.json``: the release as Croissant 1.1 metadata (JSON-LD), with the Responsible AI fields.

Each table file is a ``cr:FileObject`` (with its SHA-256) and each table a ``cr:RecordSet`` whose
fields are generated from the row model: data type, description, the column it is read from, the
record set's key, and the references of the foreign keys (``quotes.article_id -> articles``).
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.publish.datapackage import FOREIGN_KEYS
from pipeline.publish.facts import DATA_LICENSE_URL, DESCRIPTION, NAME, ReleaseFacts
from schemas import Column, columns
from schemas.tables import TableModel

__all__ = ["CONTEXT", "croissant", "rai_fields"]

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"

#: the JSON-LD context of Croissant 1.1, with the Responsible AI vocabulary
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def rai_fields(facts: ReleaseFacts) -> dict[str, object]:
    """The Responsible AI properties (``rai:``) of the release, one statement each."""
    return {
        "rai:dataCollection": (
            "News articles given to the quotetrace pipeline as input (text files, or records of a JSONL, CSV or "
            "Parquet file). Quotes, speakers, roles and dates were extracted from them automatically by rules over "
            "a spaCy parse; nothing was collected from people directly."
        ),
        "rai:dataCollectionType": ["Secondary Data Analysis"],
        "rai:dataCollectionRawData": (
            "The news articles read. " + facts.rights
        ),
        "rai:dataAnnotationProtocol": (
            "No row was annotated by hand: every quote, speaker, role and date is machine extracted. The rules follow "
            "the quotetrace annotation guidelines (data/gold/GUIDELINES.md in the quotetrace repository): direct "
            "quotes in quotation marks, partial quotes, dash quotes and indirect (reported) speech. Hand-annotated "
            "gold sets, kept apart from the rules, measure the extraction's precision and recall (see the "
            "repository README)."
        ),
        "rai:machineAnnotationTools": [f"{NAME} {facts.version} (rule-based, over the spaCy English pipeline)"],
        "rai:personalSensitiveInformation": (
            "The speakers are people and organisations named in the news, with the names, aliases and roles the "
            "articles give them, and the words the articles attribute to them. Quotes can touch on political "
            "opinions, religion, health or other sensitive matters. Nothing beyond what the articles published is "
            "added, but an attribution error puts words in the wrong person's mouth: check a quote against its "
            "source before relying on it."
        ),
        "rai:dataBiases": (
            "The dataset reflects the articles it was built from: their outlets, countries, topics, and whom the "
            "press chooses to quote (often officials and men). The rules were written for English news; other "
            "conventions of quoting, unusual quotation marks and transliterated names are extracted less well. "
            "Speakers are resolved by name, so two people of the same name can be merged."
        ),
        "rai:dataLimitations": (
            "Machine extracted: quotes can be missed, cut or attributed to the wrong speaker (speaker_id is null when "
            "the text does not say who spoke; confidence says how direct the evidence was). quote_date is the "
            "publication date when the text does not date the words, and can be null (see the card's Dates "
            "section). " + ("Without the article texts, offsets can be checked only against the source."
                            if facts.text != "full" else "")
        ).strip(),
        "rai:dataUseCases": (
            "Intended: research on who is quoted in the news and how (media studies, source diversity, benchmarks "
            "for quote extraction and attribution, tools that lead a reader back to the source). Not intended: "
            "judging a person by words attributed to them without checking the source; imitating the speakers; "
            "republishing the articles."
        ),
        "rai:dataSocialImpact": (
            "Making quotes findable with their source can help check what was said; misattributed quotes can harm "
            "the people named, which is why every quote keeps exact offsets into its article."
        ),
    }


def _data_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return _data_type(t.value_type)
    if pa.types.is_integer(t):
        return "sc:Integer"
    if pa.types.is_floating(t):
        return "sc:Float"
    if pa.types.is_boolean(t):
        return "sc:Boolean"
    if pa.types.is_date(t):
        return "sc:Date"
    return "sc:Text"


def _field(model: type[TableModel], col: Column, file_id: str) -> dict:
    field = {"@type": "cr:Field", "@id": f"{model.table}/{col.name}", "name": col.name, "description": col.description}
    item = col.type.value_type if pa.types.is_list(col.type) else col.type
    source = {"fileObject": {"@id": file_id}, "extract": {"column": col.name}}
    if pa.types.is_struct(item):
        # a list of records (the edit log): one sub-field per member, read from the same column
        field["subField"] = [
            {"@type": "cr:Field", "@id": f"{model.table}/{col.name}/{m.name}", "name": m.name,
             "description": (m.metadata or {}).get(b"description", b"").decode(), "dataType": _data_type(m.type),
             "source": {**source, "transform": {"jsonPath": m.name}}}
            for m in item]
    else:
        field["dataType"] = _data_type(col.type)
    field["source"] = source
    if pa.types.is_list(col.type):
        field["isArray"] = True
        field["arrayShape"] = "-1"
    ref = FOREIGN_KEYS.get((model.table, col.name))
    if ref:
        field["references"] = {"field": {"@id": f"{ref[0]}/{ref[1]}"}}
    return field


def _record_set(model: type[TableModel], file_id: str) -> dict:
    rs = {"@type": "cr:RecordSet", "@id": model.table, "name": model.table, "description": model.grain,
          "field": [_field(model, c, file_id) for c in columns(model)]}
    if model.primary_key:
        keys = [{"@id": f"{model.table}/{k}"} for k in model.primary_key]
        rs["key"] = keys[0] if len(keys) == 1 else keys
    return rs


def croissant(facts: ReleaseFacts, files: dict[str, tuple[int, str]], cite_as: str) -> dict:
    """The Croissant document; ``files`` maps a table's file name to its size in bytes and SHA-256 (hex)."""
    distribution = []
    for model in facts.models:
        name = facts.file_of(model)
        fo = {"@type": "cr:FileObject", "@id": name, "name": name, "description": model.grain,
              "contentUrl": name, "encodingFormat": "application/x-parquet"}
        if name in files:
            fo["contentSize"], fo["sha256"] = f"{files[name][0]} B", files[name][1]
        distribution.append(fo)
    doc = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": NAME,
        "description": f"{DESCRIPTION} {facts.rights}",
        "license": DATA_LICENSE_URL,
        "version": facts.version,
        "inLanguage": ["en"],
        "keywords": ["quotes", "quote attribution", "news", "speakers", "provenance"],
        "creator": {"@type": "sc:Organization", "name": f"The {NAME} contributors"},
        "citeAs": cite_as,
        "isLiveDataset": False,
        **({"datePublished": facts.date.isoformat()} if facts.date else {}),
        **rai_fields(facts),
        "distribution": distribution,
        "recordSet": [_record_set(m, facts.file_of(m)) for m in facts.models],
    }
    return doc
