"""Staff complaint pages under /pengaduan/kelola/ (login required)."""

from django.urls import path

from integritas.complaints import views, views_admin

app_name = "complaints"
urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("catat/", views.case_record, name="record"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/klasifikasi/", views.case_classify, name="classify"),
    path("<int:pk>/langkah/<str:step>/", views.case_step, name="step"),
    path("<int:pk>/jawaban-unit/", views.case_unit_answer, name="unit_answer"),
    path("<int:pk>/selesai/", views.case_close, name="close"),
    path("<int:pk>/pesan/", views.case_message, name="message"),
    path("<int:pk>/berkas/<int:attachment_id>/", views.attachment_download, name="download"),
    path("impor-lapor/", views_admin.lapor_upload, name="lapor_import"),
    path("impor-lapor/simpan/", views_admin.lapor_commit, name="lapor_commit"),
    path("impor-lapor/templat.csv", views_admin.lapor_template, name="lapor_template"),
    path("pengaturan/", views_admin.settings_page, name="settings"),
    path("angka/", views_admin.figures_page, name="figures"),
    path("angka/<int:unit_id>/<int:year>/lke/", views_admin.lke_adopt, name="lke_adopt"),
]
