"""Options and counts kept in step with the agreements on every write (partnerships/counts.py keeps them)."""
from django.db import models


class AgreementFacetValue(models.Model):
    """One option of one facet that an agreement falls under: a party's country, an area or the one above it.

    Kept in step with the agreement on every write (partnerships/counts.py), so that counts
    and facets are index lookups instead of joins over every party and area.
    """

    # The index on (agreement, facet, value) serves the foreign key too.
    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="facet_values", db_index=False
    )
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=300)
    # The agreement's own date, copied so that the agreements with one option are read newest
    # first from one index (counts.NEWEST_WITH_OPTION_INDEX), not found by reading the newest
    # agreements of all until enough match.
    signed_on = models.DateField(null=True, blank=True)

    class Meta:
        # Plain indexes, not a unique constraint, so that a bulk recount can drop and rebuild them
        # on both databases (partnerships/counts.py keeps each option once per agreement).
        indexes = [
            # The agreements with an option, for counts and intersections.
            models.Index(fields=["facet", "value", "agreement"], name="facet_value_agreements"),
            # An agreement's own options, read back in a probe: does it fall under (facet, value)?
            models.Index(fields=["agreement", "facet", "value"], name="facet_value_by_agreement"),
        ]


class FacetCount(models.Model):
    """How many agreements fall under one facet option, or under two at once, kept current on every write.

    A row with empty `other_facet` counts one option (agreements with a party in KR); with both,
    a pair (agreements in KR and in oncology). Pairs are kept for the facets with few options
    only (PAIRED_FACETS in partnerships/counts.py), stored once with the smaller option first.
    """

    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=300)
    other_facet = models.CharField(max_length=16, blank=True, default="")
    other_value = models.CharField(max_length=300, blank=True, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value", "other_facet", "other_value"], name="facet_count_once"),
        ]
        indexes = [models.Index(fields=["other_facet", "other_value"], name="facet_count_by_other")]
