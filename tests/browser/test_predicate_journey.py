"""Predicate journey: the TPI recommends two units, the Wali Kota approves, the package downloads,
the TPN result is recorded, the predicate is public, monitoring falls due, a revocation bars."""

import io
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from integritas.organization.models import Unit
from integritas.predicates.models import Predicate, Recommendation
from integritas.predicates.tests.conftest import YEAR, make_final, record_facts

pytestmark = pytest.mark.django_db(transaction=True)
KUPANG = ZoneInfo("Asia/Makassar")


def test_from_final_lke_to_predicate_and_back(world, page, login, live_server, shot):
    from integritas.evaluation import engine
    from integritas.evaluation import services as evaluation_services

    with time_machine.travel(datetime(2026, 5, 20, 9, 0, tzinfo=KUPANG), tick=True) as clock:
        framework = evaluation_services.framework_load(path=engine.published_frameworks()[0].source)
        Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
        record_facts(world, world.unit_a)
        make_final(world.unit_a, framework)
        make_final(world.unit_b, framework, strong=False)
        base = live_server.url

        # the TPI sees both candidates ranked and recommends them
        login(page, "tpi")
        page.goto(f"{base}/predikat/?tahun={YEAR}")
        page.wait_for_selector("#candidates")
        shot(page, "predicates-01-candidates")
        for unit, outcome in ((world.unit_a, "proposed"), (world.unit_b, "improve")):
            page.goto(f"{base}/predikat/unit/{unit.pk}/{YEAR}/")
            page.select_option("#id_outcome", outcome)
            page.click("button:has-text('Catat rekomendasi')")
            page.wait_for_selector("text=Rekomendasi dicatat.")
        shot(page, "predicates-02-perbaikan")
        assert Recommendation.objects.get(unit=world.unit_b).improvements
        page.context.clear_cookies()

        # the Wali Kota approves the proposal
        login(page, "pimpinan")
        proposal = Recommendation.objects.get(unit=world.unit_a)
        page.goto(f"{base}/predikat/rekomendasi/{proposal.pk}/")
        page.select_option("#id_approve", "ya")
        page.click("button:has-text('Simpan keputusan')")
        page.wait_for_selector("text=Disetujui Wali Kota")
        shot(page, "predicates-03-approved")
        # the package downloads and its files open
        page.goto(f"{base}/predikat/?tahun={YEAR}")
        with page.expect_download() as download:
            page.click("text=Unduh paket .zip untuk portalrb.id")
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert any(n.endswith(".xlsx") for n in archive.namelist())
        assert all(archive.read(n) for n in archive.namelist())
        page.context.clear_cookies()

        # the administrator records the TPN's grant
        login(page, "admin")
        page.goto(f"{base}/predikat/rekomendasi/{proposal.pk}/")
        page.select_option("#id_granted", "ya")
        page.fill("#id_decree_number", "KEP/123/M.PANRB/2026")
        page.fill("#id_granted_on", "2026-05-19")
        page.click("button:has-text('Simpan hasil TPN')")
        page.wait_for_selector("text=KEP/123/M.PANRB/2026")
        page.context.clear_cookies()
        page.goto(f"{base}/predikat/publik/")
        page.wait_for_selector(f"#public-predicates >> text={world.unit_a.name}")
        shot(page, "predicates-04-public")

        # two years later the monitoring is overdue on the TPI's home page
        clock.move_to(datetime(2028, 5, 25, 9, 0, tzinfo=KUPANG))
        login(page, "tpi")
        page.goto(f"{base}/")
        page.wait_for_selector("text=Monitoring predikat jatuh tempo")
        shot(page, "predicates-05-monitoring-due")
        page.context.clear_cookies()

        # the revocation is recorded; the unit is refused until two years later
        login(page, "admin")
        predicate = Predicate.objects.get(unit=world.unit_a)
        page.goto(f"{base}/predikat/register/{predicate.pk}/")
        page.fill("#id_tpn_note", "Maladministrasi terbukti pada evaluasi lapangan TPN.")
        page.fill("#id_tpn_on", "2028-05-20")
        page.fill("#id_number", "KEP/9/M.PANRB/2028")
        page.fill("#id_revoked_on", "2028-05-24")
        page.click("button:has-text('Catat pencabutan')")
        page.wait_for_selector("dd:has-text('KEP/9/M.PANRB/2028')")
        page.goto(f"{base}/predikat/unit/{world.unit_a.pk}/2028/")
        page.wait_for_selector("text=Dapat diusulkan mulai 24 Mei 2030")
        shot(page, "predicates-06-revocation-bar")
