from django.urls import path

from integritas.commitment import views

app_name = "commitment"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/pakta/baru/", views.pact_create, name="pact_create"),
    path("unit/<int:pk>/pakta/massal/", views.pact_mass, name="pact_mass"),
    path("unit/<int:pk>/pencanangan/", views.declaration_create, name="declaration_create"),
    path("pakta/<int:pk>/berkas/", views.pact_document, name="pact_document"),
    path("pakta/<int:pk>/hapus/", views.pact_delete, name="pact_delete"),
    path("penandatanganan/<int:pk>/berkas/", views.signing_document, name="signing_document"),
    path("pencanangan/kota/", views.city_declaration_create, name="city_declaration_create"),
    path("pencanangan/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("pencanangan/<int:pk>/saksi/", views.witness_add, name="witness_add"),
    path(
        "pencanangan/<int:pk>/saksi/<int:witness_pk>/hapus/",
        views.witness_remove,
        name="witness_remove",
    ),
    path("pencanangan/<int:pk>/publikasi/", views.publication_add, name="publication_add"),
    path(
        "pencanangan/<int:pk>/publikasi/<int:publication_pk>/hapus/",
        views.publication_remove,
        name="publication_remove",
    ),
    path("publikasi/<int:pk>/foto/", views.publication_photo, name="publication_photo"),
    path("publik/pencanangan/<int:pk>/", views.public_declaration, name="public_declaration"),
    path("penetapan/", views.designation_history, name="designation_history"),
    path("penetapan/baru/", views.decree_edit, name="decree_create"),
    path("penetapan/<int:pk>/", views.decree_detail, name="decree_detail"),
    path("penetapan/<int:pk>/ubah/", views.decree_edit, name="decree_edit"),
    path("penetapan/<int:pk>/berkas/", views.decree_file, name="decree_file"),
    path(
        "penetapan/<int:pk>/unit/<int:row_pk>/hapus/",
        views.designated_unit_remove,
        name="designated_unit_remove",
    ),
]
