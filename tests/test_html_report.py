"""The HTML report (issue 7), read back without a browser: structure, links, escaping."""
import base64
import hashlib
import html as htmllib
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factdiff
from factdiff.model import Fact, Mention
from factdiff.report import html as html_report

VOID = {"meta", "input", "br", "hr", "img", "link", "source", "wbr", "area", "base", "col", "embed", "track"}
SVG_LEAVES = {"line", "circle", "polygon", "rect", "path"}
# every element the renderer writes; anything else in a page came from input
ALLOWED = {"html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p", "ul",
           "li", "span", "nav", "a", "form", "fieldset", "legend", "label", "input", "main", "section",
           "article", "b", "blockquote", "mark", "details", "summary", "svg", "g", "text", "table", "tr",
           "td", "footer", "script", "code"} | SVG_LEAVES


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def text(self, skip=lambda n: False):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if not skip(c):
                    out.append(c.text(skip))
            else:
                out.append(c)
        return "".join(out)

    def classes(self):
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag=None, cls=None):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]


class Tree(HTMLParser):
    """A small DOM: enough to read the report back as a browser's parser would."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})
        self.raw_data = {}  # script/style contents, verbatim
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID and tag not in SVG_LEAVES:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID or tag in SVG_LEAVES:
            return
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)
        if self.cur.tag in ("script", "style"):
            self.raw_data.setdefault(self.cur.tag, []).append(data)


def _page(report, **options):
    page = html_report.render(report, **options)
    return page, Tree(page).root


def test_to_html_is_the_renderer(sample_report):
    page = sample_report.to_html()
    assert page == html_report.render(sample_report)
    assert page.startswith("<!DOCTYPE html>")


def test_self_contained(sample_report):
    page, root = _page(sample_report)
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page.split("<style>")[0] + page.split("</style>")[1])
    assert not root.find_all("link") and not root.find_all("img") and not root.find_all("iframe")
    scripts, styles = root.find_all("script"), root.find_all("style")
    assert len(scripts) == 1 and "src" not in scripts[0].attrs and len(styles) == 1
    assert "@import" not in styles[0].text() and "url(" not in styles[0].text()


def test_csp_lets_only_the_page_own_script_and_style_run(sample_report):
    page, root = _page(sample_report)
    csp = next(m.attrs["content"] for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy")

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert f"script-src {digest(root.find_all('script')[0].text())}" in csp
    assert f"style-src {digest(root.find_all('style')[0].text())}" in csp


def test_summary_strip_counts(sample_report):
    _, root = _page(sample_report)
    strip = root.find_all("ul", "summary")[0]
    got = {li.find_all("span", "l")[0].text(): int(li.find_all("span", "n")[0].text()) for li in strip.find_all("li")}
    s = sample_report.summary()
    assert got == {"sources": s["sources"], "facts": s["facts"], "agreements": s["agree"],
                   "conflicts": s["conflict"], "singles": s["single"]}


def test_one_card_per_fact_conflicts_first(sample_report):
    _, root = _page(sample_report)
    cards = root.find_all("article", "fact")
    assert len(cards) == len(sample_report.facts)
    assert len({c.attrs["id"] for c in cards}) == len(cards)
    order = [c.attrs["data-status"] for c in cards]
    assert order == sorted(order, key=["conflict", "agree", "single"].index)
    assert order[0] == "conflict"


def test_conflict_card_names_both_outlets_marks_the_pair_and_gives_the_reason(sample_report):
    fact = sample_report.conflicts[0]
    a, b = html_report.conflict_pair(fact)
    assert a.source != b.source and a.text in fact.reason and b.text in fact.reason
    _, root = _page(sample_report)
    card = root.find_all("article", "fact")[0]
    text = card.text()
    assert a.source in text and b.source in text
    assert htmllib.unescape(fact.reason) in text
    bad_quotes = [q for q in card.find_all("li", "quote") if "bad" in q.classes()]
    assert {q.find_all("mark", "hit")[0].text() for q in bad_quotes} == {a.text, b.text}
    # the number line marks both rows of the pair
    bad_rows = [g for g in card.find_all("g") if "bad" in g.classes()]
    assert len(bad_rows) == 2


def test_quotes_highlight_the_mention(sample_report):
    _, root = _page(sample_report)
    marks = [m.text() for m in root.find_all("mark", "hit")]
    wanted = [re.sub(r"\s+", " ", m.text) for f in sample_report.facts for m in f.mentions]
    assert sorted(marks) == sorted(wanted)


def _source_text(div):
    """What a reader sees of the article: the text without the numbered [#n] links."""
    return div.text(skip=lambda n: "ref" in n.classes())


def test_per_source_view_shows_full_text_and_links_every_mention(sample_report):
    _, root = _page(sample_report)
    card_ids = {c.attrs["id"] for c in root.find_all("article", "fact")}
    card_of = {}
    for card in root.find_all("article", "fact"):
        for q in card.find_all("a", "ctx"):
            card_of[q.attrs["href"][1:]] = card.attrs["id"]
    sections = {s.attrs["id"]: s for s in root.find_all("article", "source")}
    assert len(sections) == len(sample_report.sources)
    for i, src in enumerate(sample_report.sources):
        div = sections[f"src-{i}"].find_all("div", "src-text")[0]
        assert _source_text(div) == src.text
        anchors = {n.attrs["id"] for n in div.find_all("span", "anchor")}
        links = div.find_all("a")
        assert links and all(a.attrs["href"][1:] in card_ids for a in links)
        for f in sample_report.facts:
            for m in f.mentions:
                if m.source != src.id:
                    continue
                anchor = f"m-{i}-{m.start}-{m.end}"
                assert anchor in anchors
                assert card_of[anchor] in card_ids
                # some highlighted piece inside the mention, or its numbered link, leads to its card
                targets = _links_in(div, m.start, m.end)
                assert card_of[anchor] in targets, (m.text, targets)


def _links_in(div, start, end):
    """Targets of the links over [start, end) of the article text, and of the [#n] links at end."""
    pos, out = 0, set()

    def walk(node):
        nonlocal pos
        for c in node.children:
            if isinstance(c, Node):
                if "ref" in c.classes():
                    if pos == end:
                        out.add(c.attrs["href"][1:])
                    continue
                before = pos
                walk(c)
                if c.tag == "a" and before < end and pos > start:
                    out.add(c.attrs["href"][1:])
            else:
                pos += len(c)

    walk(div)
    return out


def test_nested_mentions_each_reach_their_fact():
    # a derived ratio spans two counts; each piece links to the innermost mention
    report = factdiff.check_texts({
        "a": "At least 200 civilians were killed compared to a dozen fighters, the report said.",
        "b": "It found 16 civilians were killed for every fighter.",
    })
    spans = [(m.start, m.end) for f in report.facts for m in f.mentions if m.source == "a"]
    assert any(a1 <= a2 and e2 <= e1 and (a1, e1) != (a2, e2) for a1, e1 in spans for a2, e2 in spans), spans
    _, root = _page(report)
    div = root.find_all("article", "source")[0].find_all("div", "src-text")[0]
    assert _source_text(div) == report.sources[0].text
    reached = set()
    for f in report.facts:
        for m in f.mentions:
            if m.source == "a":
                reached |= _links_in(div, m.start, m.end)
    assert len(reached) == len({id(f) for f in report.facts if any(m.source == "a" for m in f.mentions)})


def test_works_without_javascript(sample_report):
    _, root = _page(sample_report, show_all=False)
    form = root.find_all("form")[0]
    assert "hidden" in form.attrs  # the filters appear only when the script runs
    assert not any("hidden" in c.attrs for c in root.find_all("article"))
    for a in root.find_all("a"):
        assert a.attrs["href"].startswith("#")


def test_filters_offer_statuses_and_kinds_present(sample_report):
    _, root = _page(sample_report, show_all=False)
    boxes = root.find_all("input")
    statuses = {b.attrs["value"]: "checked" in b.attrs for b in boxes if b.attrs["name"] == "status"}
    assert statuses == {"conflict": True, "agree": True, "single": False}
    kinds = {b.attrs["value"] for b in boxes if b.attrs["name"] == "kind"}
    assert kinds == {f.kind for f in sample_report.facts}
    _, root = _page(sample_report)
    assert all("checked" in b.attrs for b in root.find_all("input"))


# --- the number line ------------------------------------------------------------------------

def _m(text, source, kind="count", **kw):
    return Mention(start=0, end=len(text), text=text, kind=kind, source=source, **kw)


def _line(fact):
    ids = html_report._Ids(factdiff.Report(sources=[], facts=[fact]), [fact])
    return html_report.number_line(fact, ids, html_report.conflict_pair(fact))


def test_line_open_interval_to_infinity_has_an_arrow_and_a_hollow_end():
    a = _m("more than 25", "a", low=25, high=float("inf"), low_inclusive=False, high_inclusive=False)
    b = _m("25", "b", low=25, high=25)
    svg = _line(Fact("f", "attack", "count", "conflict", "r", (a, b)))
    assert svg.count('class="row bad"') == 2
    assert 'class="arrow"' in svg
    assert 'class="end open"' in svg


def test_line_uses_a_log_axis_across_orders_of_magnitude():
    a = _m("hundreds", "a", low=200, high=999, approximate=True)
    b = _m("millions", "b", low=2_000_000, high=999_999_999, approximate=True)
    svg = _line(Fact("f", "people", "count", "agree", "r", (a, b)))
    assert "log scale" in svg and "approx" in svg
    assert ">1M<" in svg or ">10M<" in svg


def test_line_draws_the_tolerance_of_approximate_values():
    a = _m("about 200", "a", low=200, high=200, approximate=True, tolerance=0.1)
    b = _m("210", "b", low=210, high=210)
    svg = _line(Fact("f", "people", "count", "agree", "r", (a, b)))
    assert 'class="tol"' in svg


def test_line_converts_units_to_the_first_mention_unit():
    a = _m("three months", "a", kind="duration", low=3, high=3, unit="month", factor=2629746.0)
    b = _m("90 days", "b", kind="duration", low=90, high=90, unit="day", factor=86400.0)
    svg = _line(Fact("f", "campaign", "duration", "agree", "r", (a, b)))
    xs = re.findall(r'<circle class="end" cx="([\d.]+)"', svg)
    assert len(xs) == 2 and abs(float(xs[0]) - float(xs[1])) < 40  # 90 days ≈ 2.96 months: close, not apart
    assert "month" in svg


def test_line_of_dates_full_and_partial():
    full = _line(Fact("f", "start", "date", "conflict", "r",
                      (_m("30 September 2015", "a", kind="date", date="2015-09-30"),
                       _m("October 2015", "b", kind="date", date="2015-10"))))
    assert "Oct" in full and full.count('class="row bad"') == 2
    partial = _line(Fact("f", "start", "date", "agree", "r",
                         (_m("30 September", "a", kind="date", date="--09-30"),
                          _m("30 September 2015", "b", kind="date", date="2015-09-30"))))
    assert "calendar (no year stated)" in partial
    assert len(re.findall(r'<circle class="end" cx="([\d.]+)"', partial)) == 2
    assert len(set(re.findall(r'<circle class="end" cx="([\d.]+)"', partial))) == 1  # same day


def test_line_of_roles_is_a_list_of_titles():
    a = _m("spokesman for the Kremlin Dmitry Peskov", "a", kind="role", role="spokesman, Kremlin", person="Dmitry Peskov")
    b = _m("Defence Ministry spokesman Dmitry Peskov", "b", kind="role", role="spokesman, Defence Ministry",
           person="Dmitry Peskov")
    out = _line(Fact("f", "Dmitry Peskov: spokesman", "role", "agree", "r", (a, b)))
    assert "<svg" not in out and "spokesman, Kremlin" in out and "spokesman, Defence Ministry" in out


# --- untrusted input ------------------------------------------------------------------------

EVIL = {
    '<img src=x onerror="window.__pwned=1">.txt':
        'Evil </style><script>window.__pwned=2</script> headline\n\n'
        'The fire killed 20 people <script>window.__pwned=3</script> in the town, said '
        '<a href="javascript:window.__pwned=4">officials</a>. <!-- </textarea> ]]> -->',
    'b"><script>window.__pwned=5</script>':
        "News </title><img src=x onerror=window.__pwned=6>\n\n"
        "The fire killed 25 people <img src=x onerror=\"window.__pwned=7\"> in the town on 3 May 2015. "
        "<svg onload=window.__pwned=8></svg><style>body{display:none}</style>",
}


@pytest.fixture(scope="module")
def evil_report():
    report = factdiff.check_texts(EVIL)
    assert report.conflicts, "the hostile articles must still yield a conflict to quote"
    return report


def _assert_inert(page):
    root = Tree(page).root
    for node in root.iter():
        if node.tag == "#root":
            continue
        assert node.tag in ALLOWED, node.tag
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                assert (value or "").startswith("#"), (node.tag, name, value)
    assert len(root.find_all("script")) == 1 and len(root.find_all("style")) == 1
    assert root.find_all("script")[0].text() == html_report._asset("report.js")
    assert root.find_all("style")[0].text() == html_report._asset("report.css")
    return root


def test_hostile_articles_are_escaped(evil_report):
    page = html_report.render(evil_report)
    root = _assert_inert(page)
    for raw in ("<script>window", "<img", "onerror=\"", "<svg onload", "</textarea>", "<!--", "]]>",
                'href="javascript:', "<style>body"):
        assert raw not in page, raw
    # shown as text, not dropped
    body = root.find_all("body")[0].text()
    for src in evil_report.sources:
        assert src.text in body and src.id in body
    assert "<script>window.__pwned=3</script>" in body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["<", ">", "&", '"', "'", "</style>", "<script>", "</script>", "<!--",
                                 "javascript:", " onerror=", "\n", "killed ", "25 ", "people ", "about 30 ",
                                 "on 3 May 2015 ", "x"]), max_size=30).map("".join))
def test_any_text_stays_text(noise):
    report = factdiff.check_texts({"a" + noise[:5]: "The fire killed 20 people. " + noise,
                                   "b": noise + " The fire killed 25 people."})
    root = _assert_inert(html_report.render(report))
    texts = [_source_text(d) for d in root.find_all("div", "src-text")]
    assert texts == [s.text for s in report.sources]


def test_one_span_in_two_facts_gets_two_anchors_and_two_links():
    src = factdiff.Source(id="a", path="a.txt", text="Officials said 30 people died.")
    m1 = Mention(start=15, end=24, text="30 people", kind="count", low=30, high=30, source="a")
    m2 = Mention(start=15, end=24, text="30 people", kind="count", low=30, high=30, source="a", subject="x")
    f1 = Fact("one", "people", "count", "single", "only a states it", (m1,))
    f2 = Fact("two", "people (die)", "count", "single", "only a states it", (m2,))
    _, root = _page(factdiff.Report(sources=[src], facts=[f1, f2]))
    div = root.find_all("div", "src-text")[0]
    anchors = [n.attrs["id"] for n in div.find_all("span", "anchor")]
    assert len(anchors) == len(set(anchors)) == 2
    assert _links_in(div, 15, 24) == {"fact-one", "fact-two"}
    assert _source_text(div) == src.text
    ctx = {a.attrs["href"][1:] for a in root.find_all("a", "ctx")}
    assert ctx == set(anchors)


def test_empty_report_and_unreadable_files():
    report = factdiff.Report(sources=[], facts=[], problems=[factdiff.Problem("<b>bad</b>.txt", "binary file")])
    page, root = _page(report)
    assert not root.find_all("article")
    assert "No figure, date or title" in root.text()
    assert "<b>bad</b>.txt: binary file" in root.find_all("section")[-1].text()
    _assert_inert(page)
