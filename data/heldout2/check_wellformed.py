"""Well-formedness check for data/heldout2 (does not run the extractor).

Usage: python data/heldout2/check_wellformed.py   (exit status 1 on any problem)

Checks, for every record of quotes.jsonl and articles.jsonl:
- every doc_id has a <doc_id>.txt file, and every .txt file has an article record;
- every `quote` occurs in its raw text exactly once (raw.count(quote) == 1);
- `kind`, `speaker_type` and `date_basis` take valid values; `optional` is a bool;
- `date` and `published` are ISO dates (YYYY-MM-DD) or null;
- every fix's raw string, every `keep` word and every `boilerplate` line occurs in the raw text;
- records carry exactly the gold fields.
"""
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
Q_FIELDS = ["doc_id", "quote", "kind", "speaker", "speaker_aliases", "speaker_type", "mention", "cue",
            "role", "date", "date_basis", "optional"]
A_FIELDS = ["doc_id", "title", "published", "author", "publisher", "fixes", "keep", "boilerplate"]


def is_iso(value):
    if value is None:
        return True
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def main():
    problems = []
    raws = {p.stem: p.read_text(encoding="utf-8") for p in HERE.glob("*.txt")}
    quotes = [json.loads(l) for l in (HERE / "quotes.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    articles = [json.loads(l) for l in (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    art_ids = {a["doc_id"] for a in articles}
    if art_ids != set(raws):
        problems.append(f"article records {sorted(art_ids)} != raw files {sorted(raws)}")
    for a in articles:
        if list(a) != A_FIELDS:
            problems.append(f"{a.get('doc_id')}: article fields {list(a)}")
        raw = raws.get(a["doc_id"], "")
        if not is_iso(a["published"]):
            problems.append(f"{a['doc_id']}: published {a['published']!r}")
        for bad, good in a["fixes"]:
            if bad not in raw:
                problems.append(f"{a['doc_id']}: fix raw string not in text: {bad!r}")
        for word in a["keep"]:
            if word not in raw:
                problems.append(f"{a['doc_id']}: keep word not in text: {word!r}")
        lines = {l.strip() for l in raw.splitlines()}
        for line in a["boilerplate"]:
            if line not in lines:
                problems.append(f"{a['doc_id']}: boilerplate is not a line of the text: {line!r}")
    for q in quotes:
        if list(q) != Q_FIELDS:
            problems.append(f"{q.get('doc_id')}: quote fields {list(q)}")
        if q["doc_id"] not in raws:
            problems.append(f"no raw file for doc_id {q['doc_id']}")
            continue
        n = raws[q["doc_id"]].count(q["quote"])
        if n != 1:
            problems.append(f"{q['doc_id']}: quote occurs {n} times: {q['quote'][:60]!r}")
        if q["kind"] not in {"direct", "partial", "dash", "indirect"}:
            problems.append(f"{q['doc_id']}: kind {q['kind']!r}")
        if q["speaker_type"] not in {"person", "organization", "unknown"}:
            problems.append(f"{q['doc_id']}: speaker_type {q['speaker_type']!r}")
        if q["date_basis"] not in {"stated", "publication"}:
            problems.append(f"{q['doc_id']}: date_basis {q['date_basis']!r}")
        if not is_iso(q["date"]):
            problems.append(f"{q['doc_id']}: date {q['date']!r}")
        if not isinstance(q["optional"], bool) or not isinstance(q["speaker_aliases"], list):
            problems.append(f"{q['doc_id']}: optional/aliases type in {q['quote'][:40]!r}")
    for p in problems:
        print(p)
    print(f"{len(articles)} articles, {len(quotes)} quotes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
