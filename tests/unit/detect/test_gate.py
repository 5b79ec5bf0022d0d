"""The gate: windows around digits and '@', merged, never cutting a token."""

import bisect
import re
from itertools import pairwise

from datawacht.detect.engine import AFTER, BEFORE, MAX_WINDOW, SNAP_LIMIT, candidate_windows


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


def test_dense_text_is_cut_into_bounded_windows_that_keep_every_value() -> None:
    """A register or log with a number on every line used to become one
    window as long as the file; spaCy refuses texts over 1,000,000 characters."""
    lines = [f"regel {n:07d} van het logboek" for n in range(100_000)]
    text = "\n".join(lines)
    windows = candidate_windows(text)
    assert len(windows) > 1
    assert all(
        end - start <= MAX_WINDOW + BEFORE + AFTER + 2 * SNAP_LIMIT for start, end in windows
    )
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(windows))
    numbers = {m for s, e in windows for m in re.findall(r"\b\d{7}\b", text[s:e])}
    assert len(numbers) == len(lines)  # no value cut at a window edge


def test_a_digit_run_of_a_million_characters_is_cut_into_pieces() -> None:
    windows = candidate_windows("1" * 1_000_000)
    assert max(end - start for start, end in windows) <= MAX_WINDOW
    assert windows[0][0] == 0 and windows[-1][1] == 1_000_000


def test_dense_lines_are_cut_at_line_breaks_so_spaced_values_stay_whole() -> None:
    """An IBAN or phone number may contain spaces, never a line break."""
    lines = [
        f"regel {n:05d}: rekening NL{n % 90 + 10:02d} TEST {n:04d} 1643 00" for n in range(20_000)
    ]
    text = "\n".join(lines)
    windows = candidate_windows(text)
    assert len(windows) > 1
    whole = 0
    position = 0
    starts = [start for start, _ in windows]
    for line in lines:
        value_at = position + line.index("NL")
        value_end = position + len(line)
        index = bisect.bisect_right(starts, value_at) - 1
        whole += windows[index][0] <= value_at and value_end <= windows[index][1]
        position += len(line) + 1
    assert whole == len(lines)
