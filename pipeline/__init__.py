"""quotetrace: who said what in the news.

``from pipeline import load`` gives the notebook API (:func:`pipeline.dataset.load`); it is imported on
first use, so importing the package stays light (no spaCy, no stages).
"""


def __getattr__(name: str):
    if name == "load":
        from pipeline.dataset import load

        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
