"""The gate: windows around digits and '@', merged, never cutting a token."""

from itertools import pairwise

from datawacht.detect.engine import AFTER, BEFORE, SNAP_LIMIT, candidate_windows


def test_text_without_digits_or_at_sign_has_no_windows() -> None:
    assert candidate_windows("Geachte heer, hierbij de notulen van het overleg. " * 200) == []


def test_window_covers_context_before_and_the_whole_value() -> None:
    text = "x " * 200 + "Uw burgerservicenummer is 1234.56.782 en verder niets. " + "y " * 200
    [(start, end)] = candidate_windows(text)
    value_at = text.index("1234.56.782")
    assert start <= value_at - BEFORE + 2
    assert end >= value_at + len("1234.56.782")
    assert text[start - 1].isspace() and text[end].isspace()  # snapped to white space


def test_near_candidates_merge_far_ones_do_not() -> None:
    near = "a 12 b 34 c"
    assert len(candidate_windows(near)) == 1
    far = "12 " + "woord " * 100 + "34"
    assert len(candidate_windows(far)) == 2


def test_window_never_cuts_an_email_address() -> None:
    local = "heel.lange.naam.voor.een.adres"
    text = "z" * 500 + " " + local + "@example.nl " + "z" * 500
    [(start, end)] = candidate_windows(text)
    assert local + "@example.nl" in text[start:end]


def test_snapping_is_bounded_in_text_without_white_space() -> None:
    blob = "Q" * 100_000 + "7" + "Q" * 100_000
    [(start, end)] = candidate_windows(blob)
    assert end - start <= BEFORE + AFTER + 2 * SNAP_LIMIT + 1


def test_windows_never_overlap() -> None:
    text = " ".join(f"woord{i % 10}" if i % 7 else "x" * 30 for i in range(3000))
    windows = candidate_windows(text)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(windows))


def test_recognizer_gates_add_windows_where_no_digit_is() -> None:
    text = "x " * 300 + "de patiënt kreeg een diagnose" + " y" * 300
    where = text.index("diagnose")

    def lexicon_gate(t: str) -> list[tuple[int, int]]:
        return [(where, where + len("diagnose"))] if t is text else []

    assert candidate_windows(text) == []
    [(start, end)] = candidate_windows(text, [lexicon_gate])
    assert start <= where - BEFORE + 2 and end >= where + len("diagnose") + AFTER - 2


def test_a_long_span_inside_a_window_keeps_the_window_end() -> None:
    text = "a 1 " + "b" * 10 + " " + "c " * 200
    spans = [(0, 300)]  # one gate reports a long span that starts before the digit
    [(start, end)] = candidate_windows(text, [lambda t: spans])
    assert start == 0 and end >= 300 + AFTER - 2
