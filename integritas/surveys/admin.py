"""Read-only Django admin for the surveys part: every change goes through the audited services."""

from django.contrib import admin

from integritas.surveys.models import Response, SurveyWave, WaveService


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WaveServiceInline(admin.TabularInline):
    model = WaveService
    extra = 0
    fields = ("name", "population", "target_sample")
    readonly_fields = ("name", "population", "target_sample")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyWave)
class SurveyWaveAdmin(ReadOnlyAdmin):
    list_display = [
        "unit",
        "kind",
        "year",
        "period_type",
        "period_number",
        "status",
        "result_value",
    ]
    list_filter = ["kind", "status", "year"]
    search_fields = ["unit__name", "unit__code"]
    inlines = [WaveServiceInline]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["id", "wave", "service", "channel", "status", "submitted_at"]
    list_filter = ["status", "channel"]
    exclude = ["ip_hash", "browser_hash"]
