"""sources: discovery, decoding, HTML to text, title and publication date."""
import codecs

import pytest

from factdiff.sources import InputError, decode, discover, guess_published, guess_title, html_to_text, read_source, unique_ids


def test_decode_utf8_bom_utf16_and_legacy_encodings():
    text = "Café crème: 200 civilians, “quoted”."
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"))[0] == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
    assert decode(text.encode("utf-16-le"))[0] == text  # no BOM
    latin = "Le café a coûté 5 euros à Zürich, déjà payé par la société générale."
    assert decode(latin.encode("latin-1"))[0] == latin


def test_decode_rejects_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")


def test_html_to_text_keeps_main_text_only():
    html = """<html><head><title>Page title</title><style>p{color:red}</style>
    <meta property="article:published_time" content="2015-12-23T07:19:00Z"></head>
    <body><nav>Home | 24 links</nav><script>var n = 500;</script>
    <article><h1>Strikes killed 200 civilians</h1><p>Amnesty said &amp; repeated that
    <b>200</b> civilians died.</p><p>Second paragraph with enough words to count as the main
    text of the page, which it clearly is, and then some more words to pass the bar.</p></article>
    <footer>© 2015, 99 rights</footer></body></html>"""
    text, title, published = html_to_text(html)
    assert "200 civilians died" in text and "Amnesty said & repeated" in text
    assert "500" not in text and "24 links" not in text and "99 rights" not in text and "color" not in text
    assert title == "Strikes killed 200 civilians"
    assert published.startswith("2015-12-23")


def test_title_skips_boilerplate_and_dateline_gives_published():
    text = ("To Top\n\nStay up to date with notifications from The Paper\n\n"
            "Russia calls claims it has killed 200 civilians a provocation\n\n"
            "Wednesday 23 December 2015 07:19 EST\nBody text starts here.\n")
    assert guess_title(text) == "Russia calls claims it has killed 200 civilians a provocation"
    assert guess_published(text) == "2015-12-23"


def test_discover_walks_folders_for_known_suffixes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "two.html").write_text("x")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x00")
    (tmp_path / "b.md").write_text("x")
    files, problems = discover([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["one.txt", "two.html", "b.md"]
    assert problems and "missing.txt" in problems[0].path


def test_unique_ids_tell_same_stems_apart(tmp_path):
    from pathlib import Path

    ids = unique_ids([Path("x/story.txt"), Path("y/story.html"), Path("y/other.txt")])
    assert ids[2] == "other" and ids[0] != ids[1]


def test_read_source_errors_name_the_reason(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_source(empty)
    big = tmp_path / "big.txt"
    big.write_text("1 2 3 " * 100)
    with pytest.raises(InputError, match="limit"):
        read_source(big, max_bytes=100)
