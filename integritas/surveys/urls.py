from django.urls import path

from integritas.surveys import kiosk_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.wave_list, name="wave_list"),
    path("baru/", views.wave_create, name="wave_create"),
    path("<int:pk>/", views.wave_detail, name="wave_detail"),
    path("<int:pk>/ubah/", views.wave_edit, name="wave_edit"),
    path("<int:pk>/buka/", views.wave_open, name="wave_open"),
    path("<int:pk>/tutup/", views.wave_close, name="wave_close"),
    path("<int:pk>/layanan/baru/", views.service_edit, name="service_create"),
    path("<int:pk>/layanan/<int:service_pk>/", views.service_edit, name="service_edit"),
    path("<int:pk>/layanan/<int:service_pk>/hapus/", views.service_remove, name="service_remove"),
    path("<int:pk>/butir/baru/", views.item_add, name="item_add"),
    path("<int:pk>/butir/<str:code>/hapus/", views.item_remove, name="item_remove"),
    path("<int:pk>/bobot/", views.weights_edit, name="weights_edit"),
    path("<int:pk>/kode/", views.codes_issue, name="codes_issue"),
    path("<int:pk>/kode/<int:batch_pk>/", views.code_batch, name="code_batch"),
    path("<int:pk>/kertas/", views.paper_entry, name="paper_entry"),
    path("<int:pk>/tinjau/", views.review_queue, name="review_queue"),
    path("<int:pk>/hasil/", views.results, name="results"),
    path("<int:pk>/kios/buka/", kiosk_views.kiosk_unlock, name="kiosk_unlock"),
    path("<int:pk>/kios/<int:kiosk_pk>/kunci/", kiosk_views.kiosk_lock, name="kiosk_lock"),
    path("<int:pk>/aturan-penahanan/", kiosk_views.policy_edit, name="policy_edit"),
    path("<int:pk>/tindak-lanjut/baru/", views.follow_up_edit, name="follow_up_create"),
    path("<int:pk>/tindak-lanjut/<int:follow_up_pk>/", views.follow_up_edit, name="follow_up_edit"),
    path(
        "<int:pk>/tindak-lanjut/<int:follow_up_pk>/hapus/",
        views.follow_up_remove,
        name="follow_up_remove",
    ),
    path(
        "<int:pk>/ekspor/<str:what>.<str:fmt>",
        views.export,
        name="export",
    ),
]
