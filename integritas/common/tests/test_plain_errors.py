"""Django's stiff form messages are replaced by plain Indonesian, for every product form."""

from decimal import Decimal

import pytest
from django import forms
from django.core.validators import MaxValueValidator

from integritas.common.forms import BootstrapForm, BootstrapModelForm


class Sample(BootstrapForm):
    score = forms.IntegerField(max_value=4, min_value=1)
    index = forms.DecimalField(max_value=Decimal("3.66"), max_digits=4, decimal_places=2)
    name = forms.CharField(max_length=5)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    day = forms.DateField()
    email = forms.EmailField()
    upload = forms.FileField()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "5", "Isi paling besar 4."),
        ("score", "0", "Isi paling kecil 1."),
        ("index", "3.70", "Isi paling besar 3,66."),
        ("index", "3.123", "Paling banyak 2 angka di belakang koma."),
        ("name", "Kupang Kota", "Terlalu panjang: paling banyak 5 karakter (sekarang 11)."),
        ("kind", "c", "Pilihan ini tidak ada dalam daftar; pilih salah satu yang tersedia."),
        ("kind", "", "Pilih salah satu."),
        ("day", "kemarin", "Tanggal tidak dikenali; pilih tanggal dari kalender."),
        ("email", "bukan-surel", "Alamat surel tidak sah (contoh: nama@kupangkota.go.id)."),
        ("name", "", "Wajib diisi."),
        ("upload", None, "Pilih berkas yang akan diunggah."),
    ],
)
def test_each_generic_message_reads_plainly(field, value, message):
    form = Sample(data={field: value} if value is not None else {})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert "Pastikan" not in str(form.errors)


def test_a_model_validator_is_reworded_too(db):
    from django.contrib.auth.models import Group

    class GroupForm(BootstrapModelForm):
        class Meta:
            model = Group
            fields = ["name"]

    form = GroupForm(data={"name": "X" * 300})
    assert not form.is_valid()
    assert form.errors["name"] == ["Terlalu panjang: paling banyak 150 karakter (sekarang 300)."]


def test_the_products_own_messages_keep_their_words():
    class Own(BootstrapForm):
        value = forms.IntegerField(validators=[MaxValueValidator(4, message="Skor LKE 0–4.")])

    form = Own(data={"value": "9"})
    assert not form.is_valid()
    assert form.errors["value"] == ["Skor LKE 0–4."]
