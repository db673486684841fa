"""Scale benchmark (`manage.py bench_scale`): load, index and serve synthetic corpora of growing
size with each search engine, and measure what a visitor and an editor would notice.

Why real subprocesses and a real gunicorn instead of the test client: at scale the costs that
matter (process memory, index files opened per worker, the on-commit index update becoming
visible to other processes) only show up across processes, as in production.

Modules: `steps` (environment, timed management commands), `server` (gunicorn), `load` (HTTP
clients), `publish` (publish-to-findable probe, run as a child process), `timed` (child process
that times one management command), `report` (Markdown and JSON), `runner` (the whole run).
"""
