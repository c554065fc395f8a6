"""The production settings with the raw-SQL ceiling views added: for `make bench` only."""
from config.settings import *  # noqa: F403  (the settings under test, unchanged but for the URLs)

ROOT_URLCONF = "bench.urls"
