# Sourced by the scripts that test a live server (browser-test.sh, api-conformance.sh):
# the sample congress of fixtures/ with a sitting open, and its server on a free loopback
# port. Needs C (the congress binary) and WORK (a scratch folder) set.
sample_congress() {
  $C init --db "$1" --name "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI" --term 2023-2028 >/dev/null 2>&1
  $C import --db "$1" fixtures/delegates.csv >/dev/null 2>&1
  $C sitting open --db "$1" "Phiên chính thức" >/dev/null
}

# Starts `congress serve` on $1, sets PORT and SERVER, returns once it answers.
serve_sample() {
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  $C serve --db "$1" --port "$PORT" > "$WORK/serve.log" 2>&1 & SERVER=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/api/v1/openapi.json" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start:"; cat "$WORK/serve.log"; return 1
}
