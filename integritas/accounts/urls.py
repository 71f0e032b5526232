from django.urls import path

from integritas.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("pengguna/", views.user_list, name="user_list"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/pilih-pegawai/", views.employee_options, name="employee_options"),
    path("pengguna/<int:pk>/", views.user_detail, name="user_detail"),
    path(
        "pengguna/<int:pk>/peran/<int:assignment_pk>/cabut/", views.role_revoke, name="role_revoke"
    ),
    path("pengguna/<int:pk>/status/", views.user_toggle, name="user_toggle"),
    path("pengguna/<int:pk>/buka-kunci/", views.user_unlock, name="user_unlock"),
    path("pengguna/<int:pk>/reset-sandi/", views.user_reset_password, name="user_reset_password"),
]
