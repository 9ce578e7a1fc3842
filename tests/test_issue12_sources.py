"""Issue 12, item 2 (source ids are unique) and item 9 (titles)."""
from pathlib import Path

import factdiff
from factdiff.sources import unique_ids


def test_ids_are_unique_keeping_the_extension_where_the_stem_is_ambiguous():
    files = [Path("news/a.txt"), Path("news/a.html"), Path("ap/story.txt"), Path("ap/story.md"),
             Path("bbc/story.txt"), Path("news/solo.txt")]
    ids = unique_ids(files)
    assert ids == ["news/a.txt", "news/a.html", "ap/story.txt", "ap/story.md", "bbc/story", "solo"]
    assert len(set(unique_ids([Path("a.txt"), Path("a.txt")]))) == 2


def test_a_contradiction_between_files_of_one_stem_is_found(tmp_path):
    (tmp_path / "a.txt").write_text("The storm killed 20 people in the coastal town on Tuesday.\n")
    (tmp_path / "a.html").write_text("<html><body><p>The storm killed 25 people in the coastal town "
                                     "on Tuesday.</p></body></html>")
    report = factdiff.check_paths([tmp_path])
    assert len({s.id for s in report.sources}) == 2
    assert len(report.conflicts) == 1
