"""Reads from a replica, writes to the primary, when DATABASE_REPLICA_URL names a replica."""
from django.db import connections


class PrimaryReplicaRouter:
    """Send reads to the "replica" database and everything else to "default".

    Reads inside a transaction on the primary stay there: a request that has just written
    reads its own write back, whatever the replica's lag.
    """

    def db_for_read(self, model, **hints):
        return "default" if connections["default"].in_atomic_block else "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica gets its schema by replication, never by migrate.
        return db == "default"
