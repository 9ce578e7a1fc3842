"""The HTML report in a real browser (issue 7): Debian's chromium, headless, driven by Playwright.

Needs the Python package playwright (test extras) and a chromium binary (``make browser-deps``
installs Debian's). Without them these tests skip and say why, unless FACTDIFF_REQUIRE_BROWSER
is set (CI sets it), where a missing browser fails the run instead of passing it silently.
Playwright's own browser download is never used: it launches the system chromium.
"""
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

import factdiff

BUILD = ROOT / "build"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium():
    for candidate in (os.environ.get("FACTDIFF_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _unavailable():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if _chromium() is None:
        return "no chromium binary (/usr/bin/chromium): run `make browser-deps` (Debian's chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _unavailable()
    if why:
        if os.environ.get("FACTDIFF_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests required but {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives the browser a new, empty profile directory of its own
        b = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def open_report(browser, tmp_path):
    """Write a report to a file and open it; yields (page, problems seen by the page)."""
    contexts = []

    def _open(report, name="report.html", javascript=True, **options):
        path = tmp_path / name
        path.write_text(report.to_html(**options), encoding="utf-8")
        ctx = browser.new_context(java_script_enabled=javascript, viewport={"width": 1100, "height": 1300})
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        seen = {"dialogs": [], "errors": [], "requests": []}
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("request", lambda r: seen["requests"].append(r.url))
        if javascript:
            # record any blocked script/style: with everything escaped there is none to block
            page.add_init_script("window.__violations = [];"
                                 "document.addEventListener('securitypolicyviolation',"
                                 " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
        page.goto(path.as_uri())
        return page, seen

    yield _open
    for ctx in contexts:
        ctx.close()


def _visible_cards(page):
    return page.locator("article.fact:visible")


def test_sample_report_conflict_first_click_lands_on_fact(sample_report, open_report):
    from playwright.sync_api import expect

    conflict = sample_report.conflicts[0]
    page, seen = open_report(sample_report, "sample-report.html")
    first = page.locator("article.fact").first
    expect(first).to_have_attribute("data-status", "conflict")
    for source in {m.source for m in conflict.mentions}:
        expect(first).to_contain_text(source)
    assert page.locator("article.fact[data-status=conflict]").count() == len(sample_report.conflicts)
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "sample-report.png"))

    # a mention in the per-source view, far down the page, leads to its fact card
    mention = page.locator("#sources article.source").last.locator(".src-text a.m.st-agree").first
    target = mention.get_attribute("data-fact")
    assert target != first.get_attribute("id")
    mention.scroll_into_view_if_needed()
    card = page.locator(f"#{target}")
    expect(card).not_to_be_in_viewport()
    mention.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    expect(card).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == target
    # the quote on the card is the one clicked in the article
    expect(card.locator("mark.hit").first).to_be_visible()
    page.screenshot(path=str(BUILD / "sample-report-after-click.png"))
    assert not seen["errors"] and not seen["dialogs"]
    assert page.evaluate("window.__violations") == []
    assert all(u.startswith("file:") for u in seen["requests"]), seen["requests"]


def test_filters_by_status_and_kind(sample_report, open_report):
    from playwright.sync_api import expect

    page, _ = open_report(sample_report)
    total = len(sample_report.facts)
    expect(page.locator("#filters")).to_be_visible()
    expect(page.locator("#shown")).to_have_text(f"{total} of {total} facts shown")

    page.locator("#filters input[name=status][value=agree]").uncheck()
    agree = sum(f.status == "agree" for f in sample_report.facts)
    expect(page.locator("#shown")).to_have_text(f"{total - agree} of {total} facts shown")
    assert _visible_cards(page).count() == total - agree
    assert page.locator("article.fact[data-status=agree]:visible").count() == 0
    # the articles' highlights of hidden facts fade, the others stay
    assert page.locator(".src-text a.m.off.st-agree").count() == page.locator(".src-text a.m.st-agree").count()
    assert page.locator(".src-text a.m.off.st-conflict").count() == 0

    page.locator("#filters input[name=kind][value=date]").uncheck()
    left = [f for f in sample_report.facts if f.status != "agree" and f.kind != "date"]
    expect(page.locator("#shown")).to_have_text(f"{len(left)} of {total} facts shown")
    assert page.locator("article.fact[data-kind=date]:visible").count() == 0

    # a link to a filtered-out fact shows it again rather than landing nowhere
    hidden_mention = page.locator(".src-text a.m.st-agree").first
    target = hidden_mention.get_attribute("data-fact")
    hidden_mention.click()
    expect(page.locator(f"#{target}")).to_be_visible()
    expect(page.locator(f"#{target}")).to_be_in_viewport()


def test_singles_start_hidden_when_asked(sample_report, open_report):
    from playwright.sync_api import expect

    page, _ = open_report(sample_report, show_all=False)
    singles = sum(f.status == "single" for f in sample_report.facts)
    assert singles
    expect(page.locator("#shown")).to_have_text(f"{len(sample_report.facts) - singles} of "
                                                 f"{len(sample_report.facts)} facts shown")


def test_works_without_javascript(sample_report, open_report):
    from playwright.sync_api import expect

    page, _ = open_report(sample_report, javascript=False, show_all=False)
    expect(page.locator("#filters")).to_be_hidden()
    assert _visible_cards(page).count() == len(sample_report.facts)
    mention = page.locator("#sources .src-text a.m[data-fact]").last
    target = mention.get_attribute("data-fact")
    mention.click()
    expect(page.locator(f"#{target}")).to_be_in_viewport()
    assert page.url.endswith("#" + target)


EVIL = {
    '<img src=x onerror="window.__pwned=1;alert(1)">.txt':
        "Evil </style><script>window.__pwned=2;alert(2)</script> headline\n\n"
        "The fire killed 20 people <script>window.__pwned=3;alert(3)</script> in the town, said "
        '<a id="jslink" href="javascript:window.__pwned=4;alert(4)">officials</a>. <!-- </textarea> -->',
    'b"><script>window.__pwned=5</script>':
        "News </title><img src=x onerror=window.__pwned=6;alert(6)>\n\n"
        'The fire killed 25 people <img src=x onerror="window.__pwned=7;alert(7)"> in the town on 3 May 2015. '
        "<svg onload=window.__pwned=8;alert(8)></svg><style>body{display:none}</style>"
        "<iframe src=\"javascript:alert(9)\"></iframe>",
}


def test_hostile_articles_run_nothing(open_report):
    from playwright.sync_api import expect

    report = factdiff.check_texts(EVIL)
    page, seen = open_report(report, "hostile.html")
    expect(page.locator("article.fact").first).to_have_attribute("data-status", "conflict")
    # click the links over the hostile text: the article highlights lead to their facts, nowhere else
    base = page.url
    links = page.locator(".src-text a").all()
    assert links
    for link in links:
        link.click()
        assert page.url.split("#")[0] == base and "#fact-" in page.url
    assert page.evaluate("window.__pwned") is None
    assert not seen["dialogs"] and not seen["errors"]
    assert page.evaluate("window.__violations") == []
    assert page.locator("script").count() == 1
    for tag in ("img", "iframe", "#jslink", "svg[onload]", "body style"):
        assert page.locator(tag).count() == 0, tag
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                         ".some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))).length") == 0
    # the text is shown as written, and the page is not hidden by the injected style
    body = page.locator("body")
    expect(body).to_be_visible()
    expect(body).to_contain_text("<script>window.__pwned=3;alert(3)</script>")
    expect(body).to_contain_text('b"><script>window.__pwned=5</script>')
    assert all(u.startswith("file:") for u in seen["requests"]), seen["requests"]
