"""The partnerships' records by name, for the modules that records.py builds on.

records.py makes its managers from querysets.py, so querysets.py and search.py cannot import the
records in turn: they look them up when a query runs, from Django's registry of models.
"""
from django.apps import apps


def record(name):
    """Return the partnerships model called `name` ("AgreementParty")."""
    return apps.get_model("partnerships", name)
