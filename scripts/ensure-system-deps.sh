#!/usr/bin/env bash
# Install the Debian packages the test suite uses (Chromium for browser tests, poppler for
# looking at PDFs, LibreOffice Writer for opening the .docx documents as a word processor does,
# fonts and pango for WeasyPrint) when they are missing and we may install.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "WARNING: could not install ${need[*]}; browser/PDF/Word tests may be skipped."
else
  echo "WARNING: missing system packages (${need[*]}) and no root apt-get here;"
  echo "         browser and Word-processor tests are skipped (install them: apt-get install ${need[*]})."
fi
exit 0
