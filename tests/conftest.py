from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "amnesty-syria-2015"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_report():
    import factdiff

    return factdiff.check_paths([SAMPLE])
