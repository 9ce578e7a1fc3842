"""``make eval``: every measurement on the development data."""
import sys

from . import clusters, pairs


def main() -> int:
    print("== judgement: labelled sentence pairs (conflict iff 'contradiction') ==")
    pairs.main(sys.argv[1:] if len(sys.argv) > 1 else [])
    try:
        from . import extraction  # noqa: PLC0415 - optional until the extraction eval exists
    except ImportError:
        extraction = None
    if extraction is not None:
        print()
        print("== extraction: Recognizers-Text and Duckling suites ==")
        extraction.main([])
    print()
    print("== judgement: labelled development clusters ==")
    return clusters.main([])


if __name__ == "__main__":
    raise SystemExit(main())
