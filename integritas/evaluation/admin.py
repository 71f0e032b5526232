"""Read-only admin views: every write goes through evaluation.services (audited)."""

from django.contrib import admin

from integritas.evaluation.models import (
    Assessment,
    AssessmentSnapshot,
    EvidenceDocument,
    FrameworkVersion,
    ReviewerAssignment,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "published", "sha256"]
    exclude = ["data"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "revision", "status", "submitted_at", "finalised_at"]
    list_filter = ["year", "status"]


@admin.register(ReviewerAssignment)
class ReviewerAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "user", "is_ketua"]


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "created_at"]


@admin.register(AssessmentSnapshot)
class AssessmentSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "sha256", "created_at"]
    exclude = ["data"]
