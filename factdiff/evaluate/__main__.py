"""``make eval``: every measurement on the development data. Without it (``../shared`` absent)
nothing can be measured: it says so on standard error and exits 2."""
import sys

from . import DEFAULT_DATA, clusters, extraction, pairs

EXIT_NO_DATA = 2


def main() -> int:
    if not DEFAULT_DATA.is_dir():
        print(f"factdiff eval: the development data is absent ({DEFAULT_DATA}; it sits in ../shared/dev-data "
              f"beside the repository): nothing was measured", file=sys.stderr)
        return EXIT_NO_DATA
    print("== judgement: labelled sentence pairs (conflict iff 'contradiction') ==")
    pairs.main(sys.argv[1:] if len(sys.argv) > 1 else [])
    print()
    print("== extraction: Recognizers-Text and Duckling suites ==")
    extraction.main([])
    print()
    print("== judgement: labelled development clusters ==")
    return clusters.main([])


if __name__ == "__main__":
    raise SystemExit(main())
