"""Measurements on the public development data in ``../shared/dev-data`` (never shipped).

``python -m factdiff.evaluate`` (``make eval``) prints every measurement; each module here
measures one ability and can be run alone (``python -m factdiff.evaluate.pairs``).
"""
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "dev-data"
