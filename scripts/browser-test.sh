#!/usr/bin/env bash
# The pages in a real browser, on a sample congress served on a free loopback port:
# 1. the hall screen as a projector shows it: some delegates admitted, then headless
#    Chromium takes a 1920×1080 screenshot of /board, checked for the quorum figure;
# 2. the secretariat's and the committee's pages driven by Selenium (Tests/Browser), each
#    step checked as a person sees it and by axe-core, screenshots in .build/browser/.
# Selenium and axe come from PyPI into .build/browser-venv. Skips (exit 0) without Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then echo "browser-test: no chromium here; skipped (apt-get install chromium)"; exit 0; fi
C=.build/debug/congress
WORK=$(mktemp -d); trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
DB=$WORK/congress.db
. scripts/sample-server.sh
sample_congress "$DB"
KIOSK=$($C token create --db "$DB" --role kiosk --name A 2>/dev/null)
VIEWER=$($C token create --db "$DB" --role viewer --name board 2>/dev/null)
serve_sample "$DB"
# admit the first 200 delegates on the list (guests and alternates are refused at this door)
SCANS=$($C credentials --db "$DB" | sed -n "1,200p" | awk -F'\t' 'BEGIN{printf "{\"scans\":["} {printf "%s{\"id\":\"%s\",\"station\":\"A\",\"payload\":\"%s\"}", (NR>1?",":""), "00000000-0000-4000-8000-" sprintf("%012d", NR), $2} END{printf "]}"}')
curl -fsS -o "$WORK/scan.json" -X POST "http://127.0.0.1:$PORT/api/v1/scans" -H "Authorization: Bearer $KIOSK" -H 'Content-Type: application/json' -d "$SCANS"
QUORUM=$(curl -fs "http://127.0.0.1:$PORT/api/v1/quorum" -H "Authorization: Bearer $VIEWER")
PRESENT=$(echo "$QUORUM" | sed -E 's/.*"present":([0-9]+).*/\1/')
FLAGS="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --user-data-dir=$WORK/profile --window-size=1920,1080"
OUT=.build/board.png
HOME=$WORK $BROWSER $FLAGS --screenshot="$OUT" "http://127.0.0.1:$PORT/board?token=$VIEWER" >/dev/null 2>&1
DOM=$(HOME=$WORK $BROWSER $FLAGS --dump-dom "http://127.0.0.1:$PORT/board?token=$VIEWER" 2>/dev/null)
echo "$DOM" | grep -q "id=\"present\">$PRESENT<" || { echo "browser-test: the board does not show present = $PRESENT"; exit 1; }
echo "$DOM" | grep -q "ĐỦ điều kiện tiến hành đại hội" || { echo "browser-test: no quorum verdict on the board"; exit 1; }
[ -s "$OUT" ] || { echo "browser-test: no screenshot"; exit 1; }
echo "browser-test: the board shows $PRESENT present ($QUORUM); screenshot in $OUT"

# 2. Selenium: people who sign in, an election for the committee
PASSWORD=browser-test-2026
for who in "thuky credentials Tổ thư ký" "kiemphieu counting Ban kiểm phiếu" "bantochuc admin Ban tổ chức"; do
  set -- $who
  echo "$PASSWORD" | $C user add --db "$DB" "$1" --role "$2" --name "${*:3}" >/dev/null
done
E=$($C election create --db "$DB" --title "Bầu Ban Chấp hành" --seats 1 2>/dev/null)
$C election candidate --db "$DB" "$E" --code DB0001 >/dev/null 2>&1
VENV=.build/browser-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium, axe_selenium_python" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "selenium==4.38.0" "axe-selenium-python==2.1.6"
fi
NOT_YET_IN=$($C credentials --db "$DB" | sed -n 250p | cut -f1)
ABSENT=$($C credentials --db "$DB" | sed -n 251p | cut -f1)
LATE=$($C credentials --db "$DB" | sed -n 260p | cut -f1)
SE_AVOID_STATS=true HOME=$WORK BASE_URL="http://127.0.0.1:$PORT" PASSWORD="$PASSWORD" OUT=.build/browser NOT_YET_IN="$NOT_YET_IN" ABSENT="$ABSENT" LATE="$LATE" KIOSK="$KIOSK" VIEWER="$VIEWER" \
  "$VENV/bin/python" Tests/Browser/secretariat.py
