"""Fictitious values with valid check digits, for tests that need a few."""

from __future__ import annotations

import random


def make_bsn(rng: random.Random) -> str:
    """A fictitious 9-digit number that passes the elfproef."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum((9 - i) * d for i, d in enumerate(digits))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def make_iban(rng: random.Random) -> str:
    """A fictitious Dutch IBAN with valid mod-97 check digits."""
    account = f"{rng.randint(0, 10**10 - 1):010d}"
    bank = "TEST"
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bank}{account}"
