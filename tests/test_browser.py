"""The web pages in a real headless Chromium (Debian's), driven by Playwright, with no internet.

Needs Debian's Chromium: missing, the tests skip on a developer's machine and fail in CI (the
one policy for optional tools, `conftest.requires`). Playwright's own browser downloads are
never used: it drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import requires
from processes import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def server(root, store_dir):
    with serving(root, store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    requires(os.path.exists(CHROMIUM), "Debian chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, server):
    context = browser.new_context(base_url=server)
    outside = []

    def only_local(route):  # the pages must work offline: any request off this server fails the test
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server), only_local)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"the page asked for outside resources: {outside}"


def test_saved_query_form_then_resource_page(tab):
    tab.goto("/")
    assert "augustkg" in tab.title()
    tab.click("text=Saved queries")
    form = tab.locator("section#who-commanded form")
    form.locator("input[name=unit]").fill("Kwangtung Army")
    form.locator("button[type=submit]").click()
    tab.wait_for_url("**/queries/who-commanded/page?unit=Kwangtung+Army")
    cells = tab.locator("table tbody tr").first.locator("td")
    assert cells.nth(0).inner_text().startswith("Kwantung Army")  # unit and its name: one column
    tab.click("table >> text=Otozō Yamada")
    tab.wait_for_url("**/resource/OtozoYamada")
    assert tab.locator("h1").inner_text() == "Otozō Yamada"
    commands = tab.locator("h2:has-text('Command and allegiance') + table tr", has_text="commands").first
    assert "Kwantung Army" in commands.inner_text()
    # the fact says where the article states it: the section online, the paragraph and the reference's work
    where = commands.locator("td").nth(2)
    assert "paragraph" in where.inner_text()
    assert where.locator("a[rel=external]").first.get_attribute("href").startswith("https://en.wikipedia.org/wiki/")


def _type_query(tab, text: str) -> None:
    """Replace the query in YASGUI's editor (CodeMirror) by typing, as a person would."""
    tab.click(".yasqe .CodeMirror")
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    tab.keyboard.insert_text(text)


def test_yasgui_editor_runs_a_query_shows_names_and_links_to_pages(tab, server):
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto("/editor")
    tab.wait_for_selector(".yasqe .CodeMirror")
    assert "PREFIX akr:" in tab.evaluate("window.augustYasgui.getTab().getQuery()")  # predeclared prefixes
    _type_query(tab, "SELECT ?front WHERE { ?front a ako:Front } ORDER BY ?front")
    tab.click(".yasqe_queryButton")
    tab.wait_for_selector(".yasr table.names tbody tr")
    names = tab.locator(".yasr table.names tbody td a").all_inner_texts()
    assert "Transbaikal Front" in names  # a label, not akr:TransbaikalFront
    link = tab.locator(".yasr table.names a", has_text="Transbaikal Front")
    assert link.get_attribute("title") == "https://w3id.org/augustkg/resource/TransbaikalFront"
    link.click()
    tab.wait_for_url("**/resource/TransbaikalFront")
    assert tab.locator("h1").inner_text() == "Transbaikal Front"
    assert any("/static/yasgui/yasgui.min.js" in url for url in requested)
    assert [url for url in requested if not url.startswith(server)] == []  # nothing from outside the server


def test_editor_shows_javascript_and_data_iris_as_text(tab):
    """Issue 13 point 8: an IRI from an answer becomes a link only when it is a web address."""
    tab.goto("/editor")
    tab.wait_for_selector(".yasqe .CodeMirror")
    _type_query(tab, "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <data:text/html,x> "
                     "<vbscript:msgbox(1)> <https://example.org/a> } }")
    tab.click(".yasqe_queryButton")
    tab.wait_for_selector(".yasr table.names tbody tr")
    hrefs = tab.eval_on_selector_all(".yasr table.names a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/a"]
    assert tab.locator(".yasr table.names span.iri").count() == 3


def test_editor_examples_come_from_the_saved_queries(tab):
    tab.goto("/editor")
    tab.wait_for_selector(".yasqe .CodeMirror")
    tab.select_option("#examples", label="Who commanded a unit")
    assert "commandedBy" in tab.evaluate("window.augustYasgui.getTab().getQuery()")


def test_order_of_battle_tree_opens_and_closes(tab):
    tab.goto("/oob")
    kwantung = tab.locator("details", has=tab.locator("summary > a[href='/resource/KwantungArmy']")).first
    assert kwantung.get_attribute("open") is not None
    kwantung.locator("summary").first.click()
    assert kwantung.get_attribute("open") is None
