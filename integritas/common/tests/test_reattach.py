"""After a refused form, the page says which chosen file must be attached again."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from integritas.common.forms import BootstrapForm


class Letter(BootstrapForm):
    number = forms.CharField(label="Nomor")
    scan = forms.FileField(label="Pindaian surat", required=False)
    photo = forms.FileField(label="Foto", required=False)


def _scan():
    return SimpleUploadedFile("surat-keputusan.pdf", b"%PDF-1.4 x", content_type="application/pdf")


def test_a_refused_form_names_the_file_to_attach_again():
    form = Letter(data={"number": ""}, files={"scan": _scan()})
    assert not form.is_valid()
    assert form.files_to_attach_again == [("Pindaian surat", "surat-keputusan.pdf")]
    html = render_to_string("_form_fields.html", {"form": form})
    assert 'id="reattach"' in html and "surat-keputusan.pdf pada isian «Pindaian surat»" in html


def test_nothing_is_said_when_the_form_is_accepted_or_no_file_was_chosen():
    accepted = Letter(data={"number": "800/1"}, files={"scan": _scan()})
    assert accepted.is_valid() and accepted.files_to_attach_again == []
    no_file = Letter(data={"number": ""})
    assert not no_file.is_valid() and no_file.files_to_attach_again == []
    assert 'id="reattach"' not in render_to_string("_form_fields.html", {"form": no_file})
    assert 'id="reattach"' not in render_to_string("_form_fields.html", {"form": Letter()})
