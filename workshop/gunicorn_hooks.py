"""gunicorn's settings for Workshop: `gunicorn -c python:workshop.gunicorn_hooks …` (README)."""

from workshop.checkpoints import start_checkpoints
from workshop.collector import settle_collector


def post_worker_init(worker) -> None:
    """Once the worker has built the app: warm it up and freeze its start-up heap (GC_FREEZE),
    and on SQLite write the log into the database file apart from the commits."""
    worker.log.info(settle_collector(worker.wsgi))
    worker.log.info(start_checkpoints(worker.wsgi))
