"""No raw value in the database, the outputs or the logs; no network at all."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from support.values import make_bsn, make_iban


def _written_forms(values: list[str]) -> set[str]:
    forms = set(values)
    for value in values:
        if value.isdigit() and len(value) == 9:
            forms.add(f"{value[:4]}.{value[4:6]}.{value[6:]}")
            forms.add(f"{value[:3]} {value[3:6]} {value[6:]}")
    return forms


@pytest.fixture
def sensitive_share(tmp_path: Path) -> tuple[Path, set[str]]:
    rng = random.Random(5)
    root = tmp_path / "share"
    root.mkdir()
    bsns = [make_bsn(rng) for _ in range(30)]
    ibans = [make_iban(rng) for _ in range(10)]
    mails = [f"fictief.persoon{i}@voorbeeld-gemeente.nl" for i in range(10)]
    phones = [f"06-{rng.randint(10_000_000, 99_999_999)}" for _ in range(10)]
    letter_lines = [
        f"BSN {b[:4]}.{b[4:6]}.{b[6:]}, IBAN {i}, e-mail {m}, tel. {p}"
        for b, i, m, p in zip(bsns[:10], ibans, mails, phones, strict=True)
    ]
    (root / "brieven.txt").write_text("\n".join(letter_lines) + "\n", encoding="utf-8")
    register = ["bsn;email"] + [f"{b};{m}" for b, m in zip(bsns[10:], mails, strict=False)]
    (root / "register.csv").write_text("\n".join(register) + "\n", encoding="utf-8")
    return root, _written_forms(bsns + ibans + mails + phones)


def test_no_raw_value_in_database_outputs_or_logs(datawacht, sensitive_share, tmp_path) -> None:
    root, forms = sensitive_share
    outputs = []
    for fmt in ("json", "jsonl", "csv", "table"):
        out = tmp_path / f"out.{fmt}"
        run = datawacht("--log-level", "debug", "scan", str(root), "--format", fmt, "-o", str(out))
        assert run.code == 0, "scan failed"
        outputs += [out.read_text(encoding="utf-8"), run.stdout, run.stderr]
    listed = datawacht("--log-level", "debug", "findings", "list", "--format", "json")
    outputs += [listed.stdout, listed.stderr]
    assert '"NL_BSN"' in listed.stdout  # the scan found what the test looks for

    state = Path(tmp_path / "state")
    stored = b"".join(p.read_bytes() for p in state.iterdir() if p.name.startswith("findings.db"))
    assert stored, "no database written"
    leaked_text = sum(1 for form in forms for text in outputs if form in text)
    leaked_db = sum(1 for form in forms if form.encode() in stored)
    assert leaked_text == 0, f"{leaked_text} raw values in outputs or logs"
    assert leaked_db == 0, f"{leaked_db} raw values in the database file"


NO_NETWORK = r"""
import sys
def deny(event, args):
    # Creating a socket is not a connection (urllib3 probes IPv6 support with
    # a local bind at import); resolving a name or sending anything is.
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                 "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg",
                 "urllib.Request"):
        # report before raising: a library might swallow the exception
        sys.stderr.write("network access attempted: " + event + "\n")
        raise RuntimeError("network access attempted: " + event)
sys.addaudithook(deny)
from datawacht.cli.main import main
sys.argv = ["datawacht"] + sys.argv[1:]
main()
"""


def test_scan_opens_no_network_connection(sensitive_share, cli_env, tmp_path) -> None:
    import subprocess

    root, _forms = sensitive_share
    # the host name goes into object ids; gethostname is a local call, not a socket
    done = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, "scan", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=300,
    )
    assert "network access attempted" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"NL_BSN"' in done.stdout
