"""``CITATION.cff`` and ``LICENSE`` of a release, from its :class:`~pipeline.publish.facts.ReleaseFacts`.

>>> from pipeline.publish.facts import ReleaseFacts
>>> facts = ReleaseFacts("none", "1.2.0", {"articles": 1, "quotes": 2, "speakers": 1, "rejected": 0})
>>> "version: \\"1.2.0\\"" in citation_cff(facts), "license: CC-BY-4.0" in citation_cff(facts)
(True, True)
>>> "MIT" in license_text(facts) and "belong to their publishers" in license_text(facts)
True
"""

from __future__ import annotations

import json

from pipeline.publish.facts import CODE_LICENSE, DATA_LICENSE, DATA_LICENSE_NAME, DATA_LICENSE_URL, DESCRIPTION, NAME, ReleaseFacts

__all__ = ["citation_cff", "license_text"]


def citation_cff(facts: ReleaseFacts) -> str:
    """The Citation File Format (1.2.0) record of the release; strings quoted as JSON, which YAML reads."""
    q = json.dumps
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite it as below."',
        "type: dataset",
        f"title: {q(f'{NAME}: quotes, speakers and dates from news articles (release {facts.version})')}",
        f"abstract: {q(DESCRIPTION)}",
        "authors:",
        f"  - name: {q(f'The {NAME} contributors')}",
        f"version: {q(facts.version)}",
        *([f"date-released: {q(facts.date.isoformat())}"] if facts.date else []),
        f"license: {DATA_LICENSE}",
        "keywords:",
        *(f"  - {k}" for k in ("quotes", "quote attribution", "news", "speakers", "provenance")),
    ]
    return "\n".join(lines) + "\n"


def license_text(facts: ReleaseFacts) -> str:
    """The release's ``LICENSE``: what each part is licensed under, and whose the article texts are."""
    title = f"Licences and rights of this {NAME} release ({facts.version})"
    return f"""\
{title}
{'=' * len(title)}

1. The tables' own content: the quotes metadata (ids, offsets, speakers, roles, dates, cues,
   confidence, the speakers table and the list of rejected inputs) is licensed under the
   {DATA_LICENSE_NAME} licence ({DATA_LICENSE}):
   {DATA_LICENSE_URL}
   You may share and adapt it for any purpose if you give appropriate credit (see CITATION.cff).

2. The news articles belong to their publishers. The quoted words are short extracts of them,
   published for identification, research and commentary; the article texts are not covered by
   the licence above. What this release keeps of them:
   {_wrap(facts.rights, 3)}

3. The quotetrace code that built this release is licensed under the {CODE_LICENSE} licence (see the
   quotetrace repository); it does not cover the data.
"""


def _wrap(text: str, indent: int, width: int = 96) -> str:
    """``text`` wrapped at ``width`` with every line after the first indented by ``indent`` spaces."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ("\n" + " " * indent).join(lines)
