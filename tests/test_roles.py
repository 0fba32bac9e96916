"""Tests of pipeline.speakers.roles: the three role rules and how roles are joined."""

from __future__ import annotations

import doctest

import pytest

import pipeline.speakers.roles as roles


def test_doctests():
    result = doctest.testmod(roles)
    assert result.attempted > 5
    assert result.failed == 0


@pytest.mark.parametrize("text, name, role", [
    ("Later, Finnish Prime Minister Aino Virtanen said", "Aino Virtanen", "Finnish Prime Minister"),
    ("said the Minister of Energy of Peru Luis Quispe", "Luis Quispe", "Minister of Energy of Peru"),
    ("According to police spokesman Ahmed Benali, the", "Ahmed Benali", "police spokesman"),
    ("Obviously Karin Holm was there", "Karin Holm", None),
    ("The band met Karin Holm", "Karin Holm", None),
])
def test_title_before(text, name, role):
    assert roles.title_before(text, text.index(name)) == role


@pytest.mark.parametrize("text, role", [
    ("Ivan Roe, a senior fellow at the Baltic Policy Centre, said", "senior fellow at the Baltic Policy Centre"),
    ("Ivan Roe, 54, said", None),
    ("Ivan Roe, who said nothing, left", None),
])
def test_appositive_after(text, role):
    assert roles.appositive_after(text, text.index(",")) == role


def test_roles_at_combines_rules():
    text = "Later the chairman of the board, Aino Virtanen, a former minister of trade, told reporters"
    i = text.index("Aino")
    got = roles.roles_at(text, i, i + len("Aino Virtanen"))
    assert got == ["chairman of the board", "former minister of trade"]


def test_has_title_profession_suffix():
    assert roles.has_title("a leading virologist")
    assert not roles.has_title("in dialogue with the press")


@pytest.mark.parametrize("role, clean", [
    ("Lead author Dr", "Lead author"),
    ("Opposition councillor Dr", "Opposition councillor"),
    ("Cllr", "Cllr"),
    ("Sen.", "Sen."),
    ("Mr", ""),
])
def test_drop_courtesy_keeps_abbreviated_titles(role, clean):
    assert roles.drop_courtesy(role) == clean


@pytest.mark.parametrize("text, role", [
    ("Mary Roe, a 61-year-old teacher who helped set up the vigil, said", "teacher"),
    ("Sipho Nkosi, who chairs the housing scrutiny committee, said", "chairs the housing scrutiny committee"),
    ("Ana Diaz, a lawyer who heads the bar council, said", "lawyer who heads the bar council"),
    ("Ana Diaz, who helped set up the vigil, said", None),
    ("Ana Diaz, 61, who lives nearby, said", None),
])
def test_appositive_job_part(text, role):
    assert roles.appositive_after(text, text.index(",")) == role


@pytest.mark.parametrize("text, name, role", [
    ("Striker Ken Loe said", "Ken Loe", "Striker"),
    ("said Coun. Dan Moe", "Dan Moe", "Coun."),
    ("Cllr Nia Rhys said", "Nia Rhys", "Cllr"),
    ("Lead author Dr Ann Poe said", "Ann Poe", "Lead author"),
    ("Dr Ann Poe said", "Ann Poe", None),
])
def test_title_before_descriptors_and_abbreviations(text, name, role):
    assert roles.title_before(text, text.index(name)) == role


@pytest.mark.parametrize("text, name, role", [
    ("“Prices are up,” said farmer Owen Pritchard", "Owen", "farmer"),
    ("Business was down, cafe owner Lydia Marsh said", "Lydia", "cafe owner"),
    ("the market, fish trader Ama Owusu said", "Ama", "fish trader"),
    ("Later her sister Rhona Keel said", "Rhona", "sister"),
    ("“No,” said Denise Carpenter", "Denise", None),
])
def test_title_before_lower_case_role_nouns(text, name, role):
    assert roles.title_before(text, text.index(name)) == role


@pytest.mark.parametrize("text, role", [
    ("Ivan Roe, the victim's uncle, said", "victim's uncle"),
    ("Ivan Roe, her lawyer, said", "lawyer"),
    ("Ivan Roe, a retired baker, said", "retired baker"),
    ("Ivan Roe, whose son was hurt, said", None),
])
def test_appositive_relations_and_trades(text, role):
    assert roles.appositive_after(text, text.index(",")) == role


def test_role_nouns_never_block_a_name():
    from pipeline.speakers.mention_names import trailing_name
    assert "baker" in roles.role_nouns()
    assert trailing_name("said Tom Baker") == "Tom Baker"
    assert trailing_name("said baker Tom Reilly") == "Tom Reilly"
