from django.urls import path

from integritas.predicates import views, views_admin

app_name = "predicates"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("publik/", views.public, name="public"),
    path("register/", views.register, name="register"),
    path("register/<int:pk>/", views.predicate_detail, name="predicate"),
    path("register/<int:pk>/monitoring/", views.monitor, name="monitor"),
    path("register/<int:pk>/pencabutan/", views.revoke, name="revoke"),
    path("rekomendasi/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("rekomendasi/<int:pk>/keputusan/", views.decide, name="decide"),
    path("rekomendasi/<int:pk>/keputusan-kertas/", views.decide_paper, name="decide_paper"),
    path("rekomendasi/<int:pk>/hasil-tpn/", views.tpn_result, name="tpn_result"),
    path("rekomendasi/<int:pk>/tindak-lanjut/", views.follow_up_add, name="follow_up_add"),
    path("tindak-lanjut/<int:pk>/selesai/", views.follow_up_done, name="follow_up_done"),
    path("unit/<int:unit_pk>/<int:year>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:unit_pk>/<int:year>/rekomendasi/", views.recommend, name="recommend"),
    path("unit/<int:unit_pk>/<int:year>/lke/<str:code>/", views.lke_accept, name="lke_accept"),
    path("unit/<int:unit_pk>/<int:year>/persyaratan/", views_admin.unit_facts, name="unit_facts"),
    path("instansi/<int:year>/", views_admin.institution_facts, name="institution_facts"),
    path("wajib-lapor/<int:year>/", views_admin.duties, name="duties"),
    path("wajib-lapor/<int:year>/impor/", views_admin.duties_import, name="duties_import"),
    path(
        "wajib-lapor/<int:year>/impor/simpan/",
        views_admin.duties_import_commit,
        name="duties_import_commit",
    ),
    path("wajib-lapor/tandai/<int:pk>/", views_admin.duty_mark, name="duty_mark"),
    path("berkas/<str:kind>/<int:pk>/", views.scan, name="scan"),
]
