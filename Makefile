# congress: make demo (try it), make test (check it). Needs only Swift and a Debian or
# Ubuntu machine: `setup` installs the system packages that are missing.
SWIFT        ?= swift
DEMO_DIR     ?= demo
DEMO_PORT    ?= 8080
# The demo's sign-in password (the sample congress only; real users are made with `congress user add`).
DEMO_PASSWORD ?= dai-hoi-2026
CONGRESS_DEBUG = .build/debug/congress
# DEMO_TLS=1 make demo: the demo over HTTPS, with a certificate `congress tls certificate`
# makes for it; browsers will ask once whether to trust it, the kiosk trusts it with --ca.
DEMO_TLS     ?=
ifeq ($(DEMO_TLS),1)
DEMO_SCHEME   = https
DEMO_SERVE_TLS = --tls-cert $(DEMO_DIR)/hall-cert.pem --tls-key $(DEMO_DIR)/hall-key.pem
DEMO_KIOSK_CA = --ca $(DEMO_DIR)/hall-cert.pem
DEMO_CURL_CA  = --cacert $(DEMO_DIR)/hall-cert.pem
else
DEMO_SCHEME   = http
endif

# System packages the build and tests need (Debian names): SQLite; libqrencode, cairo and
# pango for badges; Noto Sans, the one font every document is drawn in (DejaVu is only a
# fallback); poppler and zbar to read PDFs and QR codes back;
# wrk to load the server from a process of its own in `make bench`; zbar, poppler-glib,
# libtiff and TurboJPEG to read scanned ballots (libtiff-tools makes multi-page TIFFs in tests);
# Chromium and its driver for the browser tests (Selenium and axe-core come from PyPI into a venv).
SYSTEM_PACKAGES = libsqlite3-dev libqrencode-dev libcairo2-dev libpango1.0-dev pkg-config \
                  fonts-noto-core fonts-dejavu-core poppler-utils zbar-tools wrk tmux \
                  libzbar-dev libpoppler-glib-dev libtiff-dev libturbojpeg0-dev libtiff-tools \
                  chromium chromium-driver python3-venv python3-numpy python3-pil

.PHONY: setup build test demo bench release fixtures browser-test clean crash-test fuzz

setup:
	@missing=""; \
	if command -v dpkg >/dev/null 2>&1; then \
	  for p in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	$(SWIFT) build

# Builds everything (tests, executables) first, then runs every test target.
# Three runs: the in-process tests; the ones that serve on a real socket (LIVE_SUITES);
# then the ones that drive real processes (server, kiosk, tmux). Swift's cooperative pool
# has a thread per core: on two cores, two tests busy reading pixels or waiting for a
# process leave a live server no thread to answer on, and its clients time out (a CI run
# failed so). Each group runs with the pool to itself. Then the pages in a real
# browser (scripts/browser-test.sh: Chromium, Selenium, axe-core), then the API against its
# OpenAPI document (scripts/api-conformance.sh: schemathesis). The log is kept in
# .build/test.log; when a test fails, its issues are repeated at the end (a CI log shows
# only its tail).
LIVE_SUITES = \.(LiveTests|TransportTests|SignInGuardTests|GateTests|StationTests)/
test: setup
	$(SWIFT) build --build-tests
	@{ $(SWIFT) test --skip-build --skip EndToEndTests --skip '$(LIVE_SUITES)' 2>&1; echo $$? > .build/test.status; \
	   $(SWIFT) test --skip-build --filter '$(LIVE_SUITES)' 2>&1; echo $$? >> .build/test.status; \
	   $(SWIFT) test --skip-build --filter EndToEndTests 2>&1; echo $$? >> .build/test.status; \
	   bash scripts/browser-test.sh 2>&1; echo $$? >> .build/test.status; \
	   bash scripts/api-conformance.sh 2>&1; echo $$? >> .build/test.status; } | tee .build/test.log; \
	status=$$(sort -nr .build/test.status | head -n 1); \
	if [ "$$status" -ne 0 ]; then \
	  echo; echo "== what failed (whole log: .build/test.log)"; \
	  grep -E "✘|error:|Fatal error|Crash" .build/test.log | grep -v "^✘ Suite" | head -40; \
	fi; \
	exit $$status

# A sample congress from fixtures/: create it, import its delegate list, list it.
demo: setup
	$(SWIFT) build --product congress
	$(SWIFT) build --product kiosk
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	@echo
	@echo "== congress init"
	@$(CONGRESS_DEBUG) init --db $(DEMO_DIR)/congress.db \
	  --name "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI" --term 2023-2028 --level provincial
	@echo
	@echo "== congress import fixtures/delegates.xlsx"
	@$(CONGRESS_DEBUG) import --db $(DEMO_DIR)/congress.db fixtures/delegates.xlsx
	@echo
	@echo "== congress delegates --search \"thi dao\"  (case and diacritics ignored)"
	@$(CONGRESS_DEBUG) delegates --db $(DEMO_DIR)/congress.db --search "thi dao" 2>&1
	@echo
	@echo "== congress import fixtures/delegates-updated.csv --dry-run"
	@$(CONGRESS_DEBUG) import --db $(DEMO_DIR)/congress.db fixtures/delegates-updated.csv --dry-run 2>/dev/null
	@echo
	@echo "== congress badges --out $(DEMO_DIR)/badges.pdf"
	@$(CONGRESS_DEBUG) badges --db $(DEMO_DIR)/congress.db --out $(DEMO_DIR)/badges.pdf
	@$(CONGRESS_DEBUG) badges --db $(DEMO_DIR)/congress.db --out $(DEMO_DIR)/DB0001.png --only DB0001
	@echo "Badges: $(DEMO_DIR)/badges.pdf (A4, 8 a sheet, cut marks); one badge: $(DEMO_DIR)/DB0001.png"
	@echo
	@echo "== congress credentials verify (the first badge's QR payload)"
	@$(CONGRESS_DEBUG) credentials verify --db $(DEMO_DIR)/congress.db \
	  "$$($(CONGRESS_DEBUG) credentials --db $(DEMO_DIR)/congress.db | head -n 1 | cut -f 2)"
	@echo
	@echo "== congress audit verify"
	@$(CONGRESS_DEBUG) audit verify --db $(DEMO_DIR)/congress.db
	@echo
	@echo "== congress sitting open \"Phiên trù bị\", tokens, serve"
	@$(CONGRESS_DEBUG) sitting open --db $(DEMO_DIR)/congress.db "Phiên trù bị"
	@$(CONGRESS_DEBUG) token create --db $(DEMO_DIR)/congress.db --role kiosk --name "Cửa A" 2>/dev/null > $(DEMO_DIR)/kiosk.token
	@$(CONGRESS_DEBUG) token create --db $(DEMO_DIR)/congress.db --role viewer --name "Màn hình hội trường" 2>/dev/null > $(DEMO_DIR)/viewer.token
	@$(CONGRESS_DEBUG) token create --db $(DEMO_DIR)/congress.db --role admin --name "Ban tổ chức" 2>/dev/null > $(DEMO_DIR)/admin.token
	@echo "$(DEMO_PASSWORD)" | $(CONGRESS_DEBUG) user add --db $(DEMO_DIR)/congress.db thuky --role credentials --name "Tổ thư ký" >/dev/null
	@echo "$(DEMO_PASSWORD)" | $(CONGRESS_DEBUG) user add --db $(DEMO_DIR)/congress.db kiemphieu --role counting --name "Ban kiểm phiếu" >/dev/null
	@echo "$(DEMO_PASSWORD)" | $(CONGRESS_DEBUG) user add --db $(DEMO_DIR)/congress.db bantochuc --role admin --name "Ban tổ chức" >/dev/null
	@if [ "$(DEMO_TLS)" = 1 ]; then $(CONGRESS_DEBUG) tls certificate --out $(DEMO_DIR) --host localhost --host 127.0.0.1 >/dev/null 2>&1; \
	  echo "HTTPS with the demo's own certificate: $(DEMO_DIR)/hall-cert.pem (the kiosk trusts it with --ca)"; fi
	@echo
	@echo "The sample congress is $(DEMO_DIR)/congress.db (export CONGRESS_DB=$(DEMO_DIR)/congress.db to use it)."
	@echo "  Sign in:      $(DEMO_SCHEME)://127.0.0.1:$(DEMO_PORT)/login  as thuky (the secretariat), kiemphieu (the counting"
	@echo "                committee) or bantochuc (admin), password $(DEMO_PASSWORD)  (a demo's; \`congress user add\` makes real ones)"
	@echo "  Hall screen:  $(DEMO_SCHEME)://127.0.0.1:$(DEMO_PORT)/board?token=$$(cat $(DEMO_DIR)/viewer.token)"
	@echo "  Kiosk token:  $$(cat $(DEMO_DIR)/kiosk.token)     (admin: $$(cat $(DEMO_DIR)/admin.token))"
	@echo "  API:          $(DEMO_SCHEME)://127.0.0.1:$(DEMO_PORT)/api/v1/openapi.json"
	@echo "  Admit a delegate (the board updates at once):"
	@echo "    curl -s $(DEMO_CURL_CA) -X POST $(DEMO_SCHEME)://127.0.0.1:$(DEMO_PORT)/api/v1/scans -H 'Authorization: Bearer '\$$(cat $(DEMO_DIR)/kiosk.token) \\"
	@echo "      -H 'Content-Type: application/json' -d '{\"scans\":[{\"id\":\"'\$$(cat /proc/sys/kernel/random/uuid)'\",\"station\":\"A\",\"payload\":\"'\$$($(CONGRESS_DEBUG) credentials --db $(DEMO_DIR)/congress.db | sed -n 2p | cut -f2)'\"}]}'"
	@echo "  A kiosk at the door (in a second terminal; scan a badge, or paste a payload and Enter;"
	@echo "  / and a name for a forgotten badge):"
	@echo "    .build/debug/kiosk --server $(DEMO_SCHEME)://127.0.0.1:$(DEMO_PORT) --token $$(cat $(DEMO_DIR)/kiosk.token) --station 'Cửa A' --data $(DEMO_DIR)/kiosk-A $(DEMO_KIOSK_CA)"
	@echo "  Badges: $(DEMO_DIR)/badges.pdf. Stop the server with Ctrl-C."
	@echo
	@$(CONGRESS_DEBUG) serve --db $(DEMO_DIR)/congress.db --port $(DEMO_PORT) $(DEMO_SERVE_TLS)

# Power-cord safety, long form: the server killed with SIGKILL 20 times while stations
# scan and operators enter ballots (`make test` runs the same with 4 kills).
crash-test: setup
	$(SWIFT) build --build-tests
	CONGRESS_CRASH_ROUNDS=20 $(SWIFT) test --skip-build --filter CrashSafety

# Fuzzing, long form: every parser and every JSON API body for FUZZ_SECONDS each (`make
# test` gives each a second). An input that crashes the run is left in .build/fuzz/ to be
# kept under fixtures/fuzz/.
# Then the coverage-guided libFuzzer targets (Fuzz/, built with AddressSanitizer), each for
# FUZZ_SECONDS from the fixtures as its seed corpus; a crash is left in .build/fuzz/ too.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= payload ballot-line election-file csv xlsx
fuzz: setup
	$(SWIFT) build --build-tests
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test --skip-build --filter Fuzz
	cd Fuzz && $(SWIFT) build --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address
	bash scripts/libfuzzer.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Benchmarks build in release: figures beside their targets, on this machine, in one run.
# wrk (Debian) drives the server from a process of its own for one of the figures.
bench: setup
	$(SWIFT) build -c release --product congress
	$(SWIFT) build -c release --product congress-bench
	.build/release/congress-bench

release: setup
	$(SWIFT) build -c release --product congress
	$(SWIFT) build -c release --product kiosk
	@echo "Release binaries: .build/release/congress, .build/release/kiosk"

# The hall screen in headless Chromium (Debian's chromium): a 1920×1080 screenshot in
# .build/board.png and a check that it shows the quorum. Skipped where Chromium is absent.
browser-test: setup
	$(SWIFT) build --product congress
	bash scripts/browser-test.sh

# Regenerates fixtures/ (needs python3; openpyxl is installed into a private venv).
fixtures:
	python3 -m venv .build/fixtures-venv
	.build/fixtures-venv/bin/pip install -q openpyxl
	.build/fixtures-venv/bin/python fixtures/generate.py

clean:
	rm -rf .build $(DEMO_DIR)
