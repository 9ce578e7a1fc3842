"""Configuration and which files a folder walk reads (issue: CI gate)."""
import subprocess

import pytest

from factdiff import config, lexicon
from factdiff.sources import discover


def _write(path, text=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / ".git").mkdir()
    top = _write(tmp_path / "factdiff.toml", 'fail-on = "error"\n')
    _write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert config.find(tmp_path / "sub") == top
    nearer = _write(tmp_path / "sub" / "pyproject.toml", '[tool.factdiff]\nbaseline = "b.json"\n')
    assert config.find(tmp_path / "sub") == nearer
    both = _write(tmp_path / "sub" / "factdiff.toml", "")
    assert config.find(tmp_path / "sub") == both


def test_search_stops_at_the_repository_top(tmp_path):
    _write(tmp_path / "factdiff.toml", "")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert config.find(tmp_path / "repo") is None


def test_values_are_read_relative_to_the_file(tmp_path):
    path = _write(tmp_path / "pyproject.toml", """
[tool.factdiff]
paths = ["news"]
include = ["*.md"]
exclude = ["drafts/"]
format = "markdown"
output = ["sarif:out/f.sarif"]
baseline = "factdiff-baseline.json"
fail-on = "error"
respect-gitignore = false
[tool.factdiff.synonyms]
casualty = ["victim", "casualty"]
""")
    cfg = config.load(path)
    assert cfg.paths == (str(tmp_path / "news"),)
    assert cfg.baseline == tmp_path / "factdiff-baseline.json"
    assert cfg.output == (f"sarif:{tmp_path / 'out' / 'f.sarif'}",)
    assert (cfg.format, cfg.fail_on, cfg.respect_gitignore) == ("markdown", "error", False)
    assert cfg.synonyms == (("casualty", ("victim", "casualty")),)


@pytest.mark.parametrize("text, reason", [
    ("[tool.factdiff\n", "invalid TOML"),
    ("[tool.factdiff]\nfail-on = 'never'\n", "'fail-on' must be one of soft, hard"),
    ("[tool.factdiff]\nbaseline = 3\n", "'baseline' must be a string"),
    ("[tool.factdiff]\nexclude = 'drafts/'\n", "'exclude' must be a list of strings"),
    ("[tool.factdiff]\nformats = ['sarif']\n", "unknown key 'formats'"),
    ("[tool.factdiff]\noutput = ['report.sarif']\n", "FORMAT:FILE"),
    ("[tool.factdiff.synonyms]\ncasualty = []\n", "synonyms.casualty"),
    ("[project]\nname = 'x'\n", "no [tool.factdiff] table"),
])
def test_malformed_configuration_names_file_and_reason(tmp_path, text, reason):
    path = _write(tmp_path / "pyproject.toml", text)
    with pytest.raises(config.ConfigError) as exc:
        config.load(path)
    assert str(path) in str(exc.value) and reason in str(exc.value)


def test_include_exclude_and_gitignore(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _write(tmp_path / ".gitignore", "*.tmp.md\nbuild/\n")
    _write(tmp_path / "news" / ".gitignore", "local.md\n!keep.tmp.md\n")
    for name in ("a.md", "b.txt", "x.tmp.md", "keep.tmp.md", "local.md", "drafts/d.md", "build/b.md",
                 "sub/build/c.md"):
        _write(tmp_path / "news" / name, "text")
    cfg = config.Config(root=tmp_path, include=("*.md",), exclude=("news/drafts/",))
    files, _ = discover([tmp_path / "news"], skip=config.path_filter(cfg))
    assert sorted(f.relative_to(tmp_path / "news").as_posix() for f in files) == ["a.md", "keep.tmp.md"]
    everything = config.Config(root=tmp_path, respect_gitignore=False)
    files, _ = discover([tmp_path / "news"], skip=config.path_filter(everything))
    assert len(files) == 8
    # a file named on the command line is read whatever the filters say
    files, _ = discover([tmp_path / "news" / "local.md"], skip=config.path_filter(cfg))
    assert [f.name for f in files] == ["local.md"]


def test_extra_synonyms_join_a_class():
    import factdiff

    texts = {"a": "The storm left 20 victims in the town.", "b": "The storm left 25 casualties in the town."}
    assert not factdiff.check_texts(texts).conflicts
    saved = dict(lexicon._EXTRA_SYNONYMS)
    try:
        lexicon.add_synonyms({"casualty": ["victim", "casualty"]})
        assert lexicon.subject_class("victim") == lexicon.subject_class("casualty")
        assert len(factdiff.check_texts(texts).conflicts) == 1
    finally:
        lexicon._EXTRA_SYNONYMS.clear()
        lexicon._EXTRA_SYNONYMS.update(saved)
        lexicon.synonym_index.cache_clear()
