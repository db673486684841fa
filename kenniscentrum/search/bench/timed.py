"""Child process: run one management command and print how long it took, as a JSON last line.

Why not time `manage.py` from the parent: interpreter start-up and `django.setup()` take about a
second, which would dominate the shipped corpus and blur items/s; this times only the command.
"""

import io
import json
import sys
import time

RESULT_PREFIX = "BENCH-RESULT "


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    output = io.StringIO()
    started = time.perf_counter()
    call_command(*argv, stdout=output, stderr=output)
    seconds = time.perf_counter() - started
    sys.stdout.write(output.getvalue())
    sys.stdout.write(RESULT_PREFIX + json.dumps({"seconds": seconds}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
