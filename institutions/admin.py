from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin import EditConflictForm, HistoryWithLinksAdmin
from institutions.models import Institution, InstitutionName


class InstitutionNameInline(admin.TabularInline):
    model = InstitutionName
    extra = 1


@admin.register(Institution)
class InstitutionAdmin(HistoryWithLinksAdmin):
    form = EditConflictForm
    history_links = [(InstitutionName, "institution")]
    list_display = ["name", "short_name", "kind", "country", "city", "parent"]
    list_filter = ["country", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug", "other_names__name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [InstitutionNameInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "short_name", "kind", "description", "seen_version"]}),
        ("Place and relations", {"fields": ["country", "city", "parent"]}),
        ("Identifiers", {"fields": ["website", "ror_id", "wikidata_id", "isni", "grid_id"]}),
    ]
