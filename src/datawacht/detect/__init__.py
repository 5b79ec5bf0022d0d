"""Detection: Presidio with Dutch recognizers, column profiling, canonical forms, fingerprints."""

from pathlib import Path

#: The shipped recognizers file (`detect.recognizers` in the config replaces it).
DEFAULT_RECOGNIZERS_YAML = Path(__file__).parent / "recognizers.yaml"
#: The recognizer classes: their checks decide which suppression values are valid.
RECOGNIZERS_PACKAGE = Path(__file__).parent / "recognizers"
