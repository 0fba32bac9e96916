"""Text libraries: the edit log and the normalizer's named fixes, site furniture, page metadata."""
