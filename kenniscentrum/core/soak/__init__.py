"""The fault and load suite (`make soak`, `python manage.py soak`).

Why a suite of its own next to the tests: the tests check one request at a time in one process.
What breaks under real use is the combination: several gunicorn workers, readers and editors at
once, a `load_content` or `rebuild_index` in another process, and a worker that dies mid-write.
The soak runs all of that against a real server on 127.0.0.1 in a fresh temporary folder and
then checks what users and editors must be able to rely on (verify.py lists the assertions).

Modules: site.py (environment, child processes, server), client.py (HTTP with cookies),
readers.py, editors.py, faults.py, verify.py, report.py, runner.py; dump.py runs in a child
process and reads the database. Nothing here is imported by the site itself.
"""
