"""The fault and load suite, short: `manage.py soak --clients 3 --seconds 8` must pass.

Why in the ordinary test run: the soak is the only test of several gunicorn workers, editors,
loads, rebuilds and killed processes at once. Faults are scheduled at fractions of the duration,
so 8 seconds inject every kind of fault, as the 60 seconds of `make soak` do.
"""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAULT_ROWS = (
    "load_content, 2× tegelijk",
    "rebuild_index tijdens opslaan",
    "SIGKILL gunicorn-worker",
    "SIGKILL rebuild_index halverwege",
    "load_content na bewerking",
)


def _row(output: str, label: str) -> list[str]:
    match = re.search(rf"^\| {re.escape(label)}[^|]*\|(.*)$", output, re.MULTILINE)
    assert match, f"geen regel '{label}' in de tabel:\n{output[-3000:]}"
    return [cell.strip() for cell in match.group(1).strip().strip("|").split("|")]


def test_short_soak_passes_with_every_fault_injected(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "soak", "--clients", "3", "--seconds", "8",
         "--out", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert _row(output, "Antwoorden ≥500")[0] == "0"
    assert _row(output, "Teksten kwijt")[0] == "0"
    for label in FAULT_ROWS:
        count, result = _row(output, label)[:2]
        assert int(count) >= 1 and result == "ok", (label, count, result)
    assert list(tmp_path.glob("soak-*.md")), "geen rapport geschreven"
