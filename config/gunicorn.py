"""gunicorn's settings for production (make serve-prod): the app loaded once, before the fork.

Loading before the fork lets the workers share the imported code's memory, and gc.freeze()
moves every object made so far out of the collector's reach, so the collections a worker
runs neither walk them nor touch their pages (which would copy them into each worker).
"""
import gc

preload_app = True


def pre_fork(server, worker):
    gc.freeze()
