"""Issue 12, item 15: `make eval` without ../shared says so and exits non-zero."""
from pathlib import Path

from factdiff.evaluate import __main__ as evaluate, clusters


def test_eval_without_the_shared_data_exits_non_zero(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(evaluate, "DEFAULT_DATA", tmp_path / "absent" / "dev-data")
    assert evaluate.main() == 2
    err = capsys.readouterr().err
    assert "development data is absent" in err and "nothing was measured" in err


def test_cluster_eval_without_its_scorer_exits_non_zero(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(clusters, "SCORER", Path(tmp_path / "score_clusters.py"))
    assert clusters.main([]) == 2
    assert "not measured" in capsys.readouterr().err
