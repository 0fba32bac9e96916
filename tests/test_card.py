from pipeline.publish.card import CARD_PATH, dataset_card


def test_committed_dataset_card_matches_the_schemas():
    assert CARD_PATH.read_text(encoding="utf-8") == dataset_card(), "run `python -m pipeline card`"


def test_card_with_counts_names_them():
    assert "quotes: 1,234" in dataset_card({"articles": 10, "quotes": 1234})
