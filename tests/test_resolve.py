"""Speaker resolution across articles (pipeline.stages.resolve and its libraries pipeline.speakers.clusters and
pipeline.speakers.resolution)."""

import doctest
import json
from pathlib import Path

import pandas as pd
from hypothesis import given, settings, strategies as st

from pipeline.speakers import clusters, resolution
from pipeline.speakers.resolution import SPEAKER_COLUMNS, resolved_speakers
from pipeline.stages import resolve

ROOT = Path(__file__).resolve().parents[1]


def _quotes(rows):
    return pd.DataFrame(
        [
            dict(article_id=a, speaker_name=n, speaker_type=t, mention=m, role=r, start=i, end=i + 5)
            for i, (a, n, t, m, r) in enumerate(rows)
        ]
    )


def _articles(q):
    return pd.DataFrame({"article_id": sorted(q["article_id"].unique())})


def _ids(out):
    return dict(zip(out.index, out["speaker_id"]))


def test_doctests():
    results = [doctest.testmod(module) for module in (resolve, resolution, clusters)]
    assert sum(r.attempted for r in results) >= 4 and sum(r.failed for r in results) == 0


def test_transliteration_variants_surname_and_case_ending_are_one_speaker():
    q = _quotes([
        ("a1", "Nurlan Yesenbayev", "person", "Nurlan Yesenbayev", "minister of energy"),
        ("a1", "Nurlan Yesenbayev", "person", "he", None),
        ("a2", "Nurlan Esenbaev", "person", "Esenbaev", "energy minister"),
        ("a3", "Yesenbayeva", "person", "Yesenbayeva", None),
        ("a3", "Nurlan Yesenbayev", "person", "the minister", None),
        ("a4", "Nurlan Yessenbayev", "person", "Nurlan Yessenbayev", None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    assert out["speaker_id"].nunique() == 1
    assert set(out["speaker_name"]) == {"Nurlan Yesenbayev"}  # fullest form, most common spelling
    row = speakers.iloc[0]
    assert row["name"] == "Nurlan Yesenbayev"
    assert row["aliases"] == ["Esenbaev", "Nurlan Esenbaev", "Nurlan Yessenbayev", "Yesenbayeva"]
    assert row["roles"] == ["energy minister", "minister of energy"]
    assert row["n_quotes"] == 6 and row["n_articles"] == 4
    assert row["type"] == "person"


def test_ambiguous_surname_links_within_its_article_only():
    q = _quotes([
        ("a1", "John Carter", "person", "John Carter", None),
        ("a1", "Carter", "person", "Carter", None),
        ("a2", "Mary Carter", "person", "Mary Carter", None),
        ("a2", "Carter", "person", "Carter", None),
        ("a3", "Carter", "person", "Carter", None),  # two Carters in the corpus: stays on its own
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    ids = out["speaker_id"].tolist()
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert ids[4] not in (ids[0], ids[2])
    assert out["speaker_name"].tolist() == ["John Carter", "John Carter", "Mary Carter", "Mary Carter", "Carter"]
    assert len(speakers) == 3


def test_unambiguous_surname_links_across_the_corpus():
    q = _quotes([
        ("a1", "Helen Okafor", "person", "Helen Okafor", "chief executive"),
        ("a2", "Okafor", "person", "Ms Okafor", None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    assert out["speaker_id"].nunique() == 1
    assert speakers.iloc[0]["aliases"] == ["Okafor"]


def test_different_people_stay_apart():
    q = _quotes([
        ("a1", "Maria Lopez", "person", None, None),
        ("a2", "Marta Lopez", "person", None, None),
        ("a3", "Peter Hansen", "person", None, None),
        ("a3", "Peter Jensen", "person", None, None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    assert out["speaker_id"].nunique() == 4 == len(speakers)


def test_organisations_ignore_article_and_case_and_join_their_acronym():
    q = _quotes([
        ("a1", "The Harbour Times", "organization", "The Harbour Times", None),
        ("a2", "Harbour times", "organization", "Harbour times", None),
        ("a2", "harbour times", "organization", None, None),
        ("a3", "Northern Ports Authority", "organization", None, None),
        ("a4", "NPA", "organization", None, None),
        ("a4", "Harbour Times", None, None, None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    ids = out["speaker_id"].tolist()
    assert len({ids[0], ids[1], ids[2], ids[5]}) == 1
    assert ids[3] == ids[4] != ids[0]
    names = dict(zip(speakers["speaker_id"], speakers["name"]))
    assert names[ids[0]] == "The Harbour Times"
    assert names[ids[3]] == "Northern Ports Authority"
    assert set(speakers["type"]) == {"organization"}


def test_no_speaker_keeps_none_and_rows_keep_order():
    q = _quotes([
        ("a1", None, None, "officials", None),
        ("a1", "Helen Okafor", "person", "Helen Okafor", None),
        ("a2", "", None, None, None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    assert out["speaker_id"].isna().tolist() == [True, False, True]
    assert out["start"].tolist() == q["start"].tolist()
    assert len(speakers) == 1


def test_empty_input():
    q = _quotes([("a1", None, None, None, None)])
    out, speakers = resolved_speakers(q, _articles(q))
    assert list(speakers.columns) == SPEAKER_COLUMNS and speakers.empty
    assert out["speaker_id"].isna().all()


def test_ids_are_stable_under_row_order_and_reruns():
    rows = [
        ("a1", "Nurlan Yesenbayev", "person", None, None),
        ("a2", "Nurlan Esenbaev", "person", None, None),
        ("a2", "Esenbaev", "person", None, None),
        ("a3", "John Carter", "person", None, None),
        ("a4", "The Harbour Times", "organization", None, None),
        ("a4", "Carter", "person", None, None),
    ]
    q = _quotes(rows)
    out1, sp1 = resolved_speakers(q, _articles(q))
    shuffled = q.sample(frac=1, random_state=7)
    out2, sp2 = resolved_speakers(shuffled, _articles(q))
    assert _ids(out1) == _ids(out2)
    pd.testing.assert_frame_equal(sp1, sp2)
    assert sp1["speaker_id"].tolist() == sorted(sp1["speaker_id"])
    assert list(sp1.columns) == SPEAKER_COLUMNS
    assert out1.loc[0, "speaker_id"] == resolution.speaker_id_for("person", "nurlan esenbaev")


def _gold_as_attribute_output(raw_dir=ROOT / "data" / "raw", quotes_path=ROOT / "data" / "gold" / "quotes.jsonl"):
    """Gold quotes as the attribute stage would hand them over: per article, the fullest form of
    the speaker's name that the article itself writes."""
    raws = {p.stem: p.read_text(encoding="utf-8") for p in raw_dir.glob("*.txt")}
    rows = []
    for line in quotes_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        name = None
        if g["speaker"]:
            forms = [f for f in [g["speaker"], *g["speaker_aliases"]] if f in raws[g["doc_id"]]]
            name = max(forms, key=lambda f: (len(f.split()), len(f))) if forms else g["speaker"]
        kind = g["speaker_type"] if g["speaker_type"] in ("person", "organization") else None
        rows.append(dict(article_id=g["doc_id"], speaker_name=name, speaker_type=kind,
                         mention=g["mention"], role=g["role"], gold=g["speaker"],
                         gold_aliases=g["speaker_aliases"]))
    return pd.DataFrame(rows)


def test_seed_gold_speakers_are_clustered_exactly():
    q = _gold_as_attribute_output()
    out, speakers = resolved_speakers(q, _articles(q))
    named = out[out["gold"].notna()]
    # every gold speaker is one speaker id, and no id mixes two gold speakers
    assert (named.groupby("gold")["speaker_id"].nunique() == 1).all()
    assert (named.groupby("speaker_id")["gold"].nunique() == 1).all()
    # the canonical name is the gold name or one of its aliases, for every quote
    ok = [n == g or n in a for n, g, a in zip(named["speaker_name"], named["gold"], named["gold_aliases"])]
    assert all(ok)
    by_name = speakers.set_index("name")
    assert set(by_name.loc["Kassym-Jomart Tokayev", "aliases"]) >= {"Kasim-Jomart Tokayev", "Kassym-Zhomart Tokayev"}
    assert "Ermukhamet Ertysbayeva" in by_name.loc["Yermukhamet Yertysbayev", "aliases"]
    assert "Daily beast" in by_name.loc["The Daily Beast", "aliases"]


def test_seed_gold_canonical_names_match_gold_for_most_speakers():
    q = _gold_as_attribute_output()
    out, _ = resolved_speakers(q, _articles(q))
    named = out[out["gold"].notna()].drop_duplicates("gold")
    exact = (named["speaker_name"] == named["gold"]).mean()
    assert exact >= 0.9, named.loc[named["speaker_name"] != named["gold"], ["gold", "speaker_name"]]


def test_testnews_gold_speakers_are_clustered_exactly():
    testnews = ROOT / "data" / "testnews"
    q = _gold_as_attribute_output(testnews, testnews / "quotes.jsonl")
    out, speakers = resolved_speakers(q, _articles(q))
    named = out[out["gold"].notna()]
    assert (named.groupby("gold")["speaker_id"].nunique() == 1).all()
    assert (named.groupby("speaker_id")["gold"].nunique() == 1).all()
    minister = speakers[speakers["aliases"].map(lambda a: "Dzhumabayeva" in a)]
    assert len(minister) == 1 and minister.iloc[0]["n_articles"] == 3
    assert set(minister.iloc[0]["aliases"]) >= {"Zhanibek Dzhumabayev", "Janybek Jumabaev"}


def test_the_spelling_of_most_quotes_names_the_speaker():
    q = _quotes([
        ("a1", "Nurlan Esenbaev", "person", None, None),
        ("a1", "Nurlan Esenbaev", "person", None, None),
        ("a1", "Nurlan Esenbaev", "person", None, None),
        ("a2", "Nurlan Yesenbayev", "person", None, None),
        ("a3", "Helen Okafor", "person", None, None),
    ])
    out, _ = resolved_speakers(q, _articles(q))
    assert out["speaker_name"].tolist()[:4] == ["Nurlan Esenbaev"] * 4
    assert out["speaker_id"].nunique() == 2


def test_name_spelled_in_mentions_is_a_spelling_of_the_speaker():
    q = _quotes([
        ("a1", "daily example", "organization", "Daily Example", None),
        ("a1", "daily example", "organization", "the outlet", None),
        ("a2", "Omar Haddad", "person", "Haddad", None),
        ("a2", "Omar Haddad", "person", "he", None),
    ])
    out, speakers = resolved_speakers(q, _articles(q))
    by_name = speakers.set_index("name")
    assert by_name.loc["Daily Example", "aliases"] == ["daily example"]
    assert by_name.loc["Omar Haddad", "aliases"] == ["Haddad"]


_NAME_PARTS = ["Ana", "Omar", "Lena", "Haddad", "Haddat", "Okafor", "Diaz", "Díaz", "The", "Times", "Ivanova", "Ivanov", "—"]


@st.composite
def quote_tables(draw):
    n = draw(st.integers(1, 25))
    rows = []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(_NAME_PARTS), min_size=0, max_size=3))
        name = " ".join(words) or None
        kind = draw(st.sampled_from(["person", "organization", None]))
        rows.append((f"a{draw(st.integers(0, 4))}", name, kind, None, None))
    return _quotes(rows)


@given(quote_tables(), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_resolution_is_total_and_independent_of_row_order(q, rnd):
    out, speakers = resolved_speakers(q, _articles(q))
    named = q["speaker_name"].notna()
    assert out["speaker_id"].notna().tolist() == named.tolist()
    assert set(out.loc[named, "speaker_id"]) == set(speakers["speaker_id"])
    assert speakers["n_quotes"].sum() == named.sum()
    assert speakers["speaker_id"].is_unique and speakers["speaker_id"].tolist() == sorted(speakers["speaker_id"])
    for _, sp in speakers.iterrows():
        assert sp["name"] not in sp["aliases"] and sp["aliases"] == sorted(set(sp["aliases"]))
    order = list(q.index)
    rnd.shuffle(order)
    out2, speakers2 = resolved_speakers(q.loc[order], _articles(q))
    assert out2.loc[q.index, "speaker_id"].tolist() == out["speaker_id"].tolist()
    pd.testing.assert_frame_equal(speakers, speakers2)
