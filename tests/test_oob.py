"""The order of battle, read once for the drawing and the web page: every unit once, under its one
direct superior, with its commanders and side."""

from __future__ import annotations

from augustkg.oob import below, roots, units


def test_every_unit_once_under_its_superior(kg):
    every = units(kg)
    count = kg.query("SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?u a ako:MilitaryUnit }").values()[0]["n"]
    assert len(every) == count > 30
    drawn = below(roots(every), every)
    assert sorted(drawn) == sorted(every)  # a tree: everything reached once from the top
    kwantung = every[kg.resolve("Kwantung Army")]
    assert kwantung.side == "Axis" and [name for _, name in kwantung.commanders] == ["Otozō Yamada"]
    assert kg.resolve("First Area Army") in kwantung.children


def test_the_page_and_the_drawing_show_the_same_units(kg):
    import re

    from augustkg.draw.oob import dot_source
    from augustkg.server.oob_tree import order_of_battle

    every = units(kg)
    in_page = set(re.findall(r'<a href="/resource/([^"]+)"', order_of_battle(kg)))
    in_drawing = set(re.findall(r'tooltip="https://w3id.org/augustkg/resource/([^"]+)"',
                                dot_source(roots(every), every, clusters=True)))
    units_in_page = {u for u in in_page if "https://w3id.org/augustkg/resource/" + u in every}
    assert units_in_page == in_drawing and len(in_drawing) == len(every)
