# Rapporteur: build, test, run. `make run` and `make test` install any
# missing Debian package first (as root; see README.md).

CC       ?= cc
BUILD    ?= build
SHARED   ?= ../shared
VERSION  := 0.1.0
PKGS     := sqlite3 libcmark jansson cairo pangocairo mupdf libmicrohttpd libsodium libpq libseccomp
# Debian packages the build, the tests and `make run` need.
DEBS     := build-essential pkg-config clang libclang-rt-14-dev libsqlite3-dev libcmark-dev \
            libjansson-dev libcmocka-dev iso-codes python3 sqlite3 time \
            libcairo2-dev libpango1.0-dev fonts-dejavu-core libmupdf-dev libfreetype-dev \
            libharfbuzz-dev libjpeg-dev libopenjp2-7-dev libjbig2dec0-dev libgumbo-dev libmujs-dev \
            mupdf-tools \
            libmicrohttpd-dev libsodium-dev libseccomp-dev chromium nodejs wrk \
            libpq-dev postgresql postgresql-15 postgresql-15-rum

WARN     := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-missing-field-initializers -Werror
CFLAGS   ?= -O2 -g
override CFLAGS += -std=c17 $(WARN) -D_GNU_SOURCE -DRAPPORTEUR_VERSION='"$(VERSION)"' -Isrc -I$(BUILD)/gen \
            -MMD -MP $(SAN_FLAGS)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Debian ships MuPDF as static libraries only: link the libraries it needs too.
PKG_LIBS   += $(shell pkg-config --static --libs-only-l mupdf 2>/dev/null)
LDLIBS   += $(PKG_LIBS) -lm -lpthread
LDFLAGS  += $(SAN_FLAGS)

SRC      := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
DATA     := $(sort $(wildcard data/*.json data/*.txt data/treaty-status/*.csv migrations/*/*.sql))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test check check-unit check-cli check-letters check-http check-pg check-browser-tests check-asan fuzz fuzz-brief \
        bench bench-scale clean format docs check-browser screenshots
.PHONY: check-faults
.DEFAULT_GOAL := all

all: $(BUILD)/rapporteur

# --- Debian packages: install only what is missing -------------------------------------
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

# --- the binary -------------------------------------------------------------------------
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(DATA)
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ $(foreach f,$(DATA),$(f)=$(f))

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC $<"; $(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/rapporteur: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# --- tests ------------------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS) -lcmocka

check-unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; SHARED=$(SHARED) $$t || exit 1; done

check-cli: $(BUILD)/rapporteur
	@RAPPORTEUR=$(abspath $(BUILD)/rapporteur) SHARED=$(abspath $(SHARED)) sh tests/cli/run.sh

check-letters: $(BUILD)/rapporteur
	@if [ -d $(SHARED)/corpus ]; then \
	  $(SHARED)/tools/score-extraction --cmd "$(BUILD)/rapporteur parse --json" --min 1.0 $(SHARED)/corpus || exit 1; \
	else echo "make: $(SHARED)/corpus not found: the seed letter is not scored" >&2; exit 1; fi
	$(SHARED)/tools/score-extraction --cmd "$(BUILD)/rapporteur parse --json" --min 1.0 tests/letters

# the public record, the API and the workspace over HTTP: servers on loopback ports (tests/http/run.py)
check-http: $(BUILD)/rapporteur
	@RAPPORTEUR=$(abspath $(BUILD)/rapporteur) SHARED=$(abspath $(SHARED)) python3 tests/http/run.py

check: check-unit check-cli check-letters check-http

# crashes and a full disk: kill -9 during ingest, a tmpfs that fills (as root), backup and restore while a
# server serves and writes (tests/faults/)
check-faults: $(BUILD)/rapporteur
	@RAPPORTEUR=$(abspath $(BUILD)/rapporteur) SHARED=$(abspath $(SHARED)) sh tests/faults/run.sh

# the unit (those with a store), command-line, HTTP and browser suites again on a real PostgreSQL server (Debian's, installed
# when missing): made in a temporary folder, on a free loopback port with its socket in that
# folder (as the postgres user when run as root), a database per test, stopped and removed
# after (tests/pg/server.sh)
PG_DEBS := postgresql postgresql-15 postgresql-15-rum libpq-dev
check-pg: $(BUILD)/rapporteur
	@$(MAKE) --no-print-directory deps DEBS="$(PG_DEBS)"
	@dir=$$(mktemp -d /tmp/rapporteur-pg.XXXXXX) || exit 1; \
	trap 'sh tests/pg/server.sh stop '"$$dir" EXIT INT TERM; \
	url=$$(sh tests/pg/server.sh start "$$dir") || exit 1; \
	echo "make: the suites on PostgreSQL at $$url"; \
	RAPPORTEUR_TEST_PG="$$url" RAPPORTEUR_TEST_PG_DIR="$$dir" $(MAKE) --no-print-directory check-unit check-cli \
	  check-http check-browser-tests

check-asan:
	$(MAKE) BUILD=build/asan CC=clang CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" check-unit check-cli check-letters

test: deps
	$(MAKE) all
	$(MAKE) check
	$(MAKE) check-faults
	$(MAKE) check-pg
	$(MAKE) check-browser
	$(MAKE) check-asan
	$(MAKE) fuzz-brief
	@echo "make test: all passed"

# --- browser tests: Debian's headless Chromium driven by playwright-core (tests/browser/) -
# `npm ci` only when node_modules is missing (or older than the lock file). npm is
# checked by command: Debian's npm package conflicts with a nodejs that brings its own.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) deps DEBS=npm
	npm ci --no-audit --no-fund

BROWSER_ENV = RAPPORTEUR=$(abspath $(BUILD)/rapporteur) SHARED=$(abspath $(SHARED))

check-browser: check-browser-tests
	$(MAKE) screenshots

# the browser tests alone (check-pg runs them on PostgreSQL too)
check-browser-tests: $(BUILD)/rapporteur node_modules/.package-lock.json
	$(BROWSER_ENV) node --test tests/browser/*.test.mjs

# docs/screenshots/*.png, shown in README.md (check-browser keeps them current)
screenshots: $(BUILD)/rapporteur node_modules/.package-lock.json
	$(BROWSER_ENV) node tests/browser/screenshots.mjs docs/screenshots

# --- fuzzing (libFuzzer) ----------------------------------------------------------------
# Targets (tests/fuzz/): fuzz_parse (a letter file: readers, mending, extractors), fuzz_request (the
# server's query, form and path parsing) and fuzz_json (draft and submission JSON). The library is
# built once for all of them; each keeps its corpus in build/fuzz/corpus-TARGET and starts from its
# seeds. `make fuzz` runs each for FUZZ_SECONDS (600).
FUZZ_BUILD   := build/fuzz
FUZZ_TARGETS := fuzz_parse fuzz_request fuzz_json
FUZZ_FLAGS   := -std=c17 -D_GNU_SOURCE -DRAPPORTEUR_VERSION='"fuzz"' -g -O1 -fsanitize=address,undefined \
                -Isrc -I$(BUILD)/gen
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o) $(FUZZ_BUILD)/obj/gen/embedded.o
FUZZ_SEEDS_fuzz_parse   := tests/fuzz/seeds tests/letters
FUZZ_SEEDS_fuzz_request := tests/fuzz/seeds-request
FUZZ_SEEDS_fuzz_json    := tests/fuzz/seeds-json
FUZZ_LEN_fuzz_parse     := 65536
FUZZ_LEN_fuzz_request   := 16384
FUZZ_LEN_fuzz_json      := 16384
FUZZ_RUNS_fuzz_parse    := 3000
FUZZ_RUNS_fuzz_request  := 200000
FUZZ_RUNS_fuzz_json     := 20000

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC (fuzz) $<"; clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%): $(FUZZ_BUILD)/%: tests/fuzz/%.c $(FUZZ_OBJ)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) -lm -lpthread

fuzz-brief: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus-$$t; done
	$(FUZZ_BUILD)/fuzz_parse -runs=$(FUZZ_RUNS_fuzz_parse) -max_len=$(FUZZ_LEN_fuzz_parse) -timeout=10 \
	  $(FUZZ_BUILD)/corpus-fuzz_parse $(FUZZ_SEEDS_fuzz_parse)
	$(FUZZ_BUILD)/fuzz_request -runs=$(FUZZ_RUNS_fuzz_request) -max_len=$(FUZZ_LEN_fuzz_request) -timeout=10 \
	  $(FUZZ_BUILD)/corpus-fuzz_request $(FUZZ_SEEDS_fuzz_request)
	$(FUZZ_BUILD)/fuzz_json -runs=$(FUZZ_RUNS_fuzz_json) -max_len=$(FUZZ_LEN_fuzz_json) -timeout=10 \
	  $(FUZZ_BUILD)/corpus-fuzz_json $(FUZZ_SEEDS_fuzz_json)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus-$$t; done
	@for t in $(FUZZ_TARGETS); do \
	  case $$t in fuzz_parse) seeds="$(FUZZ_SEEDS_fuzz_parse)"; len=262144;; \
	    fuzz_request) seeds="$(FUZZ_SEEDS_fuzz_request)"; len=$(FUZZ_LEN_fuzz_request);; \
	    *) seeds="$(FUZZ_SEEDS_fuzz_json)"; len=$(FUZZ_LEN_fuzz_json);; esac; \
	  echo "== $$t ($${FUZZ_SECONDS:-600} s)"; \
	  $(FUZZ_BUILD)/$$t -max_total_time=$${FUZZ_SECONDS:-600} -max_len=$$len -timeout=10 \
	    $(FUZZ_BUILD)/corpus-$$t $$seeds || exit 1; \
	done

-include $(FUZZ_OBJ:.o=.d)

# --- running ----------------------------------------------------------------------------
RUN_DB := $(BUILD)/run.db
RUN_PORT ?= 8080
run: deps
	$(MAKE) all
	rm -f $(RUN_DB) $(RUN_DB)-wal $(RUN_DB)-shm
	$(BUILD)/rapporteur init --db $(RUN_DB)
	$(BUILD)/rapporteur ingest --db $(RUN_DB) tests/letters $(wildcard $(SHARED)/corpus)
	$(BUILD)/rapporteur list --db $(RUN_DB)
	@# the seed letter's situation and its funnel, every figure confirmed as read (a demonstration)
	@if [ -f $(SHARED)/corpus/AL-KAZ-2-2024.md ]; then \
	  $(BUILD)/rapporteur situation new kaz-2022-01 --title "Kazakhstan, January 2022" --country KAZ \
	    --from 2022-01-01 --to 2022-01-31 --db $(RUN_DB) --as make-run && \
	  $(BUILD)/rapporteur situation link kaz-2022-01 "AL KAZ 2/2024" --db $(RUN_DB) --as make-run && \
	  $(BUILD)/rapporteur figures confirm --all --situation kaz-2022-01 --db $(RUN_DB) --as make-run; fi
	@echo "make run: to use the workspace, add a user: $(BUILD)/rapporteur user add NAME --role officer --db $(RUN_DB)"
	$(BUILD)/rapporteur serve --db $(RUN_DB) --address 127.0.0.1 --port $(RUN_PORT)

# `make bench [BENCH_N=10000]`: speed, measured here and never in tests (bench/run.sh).
BENCH_N   ?= 10000
BENCH_BIN := $(BUILD)/bench/floor $(BUILD)/bench/floor_pg $(BUILD)/bench/search_floor $(BUILD)/bench/search_bench \
             $(BUILD)/bench/render_bench

# the floors: cmark, SQLite and libpq alone (bench/floor*.c, bench/search_floor.c)
$(BUILD)/bench/floor $(BUILD)/bench/floor_pg $(BUILD)/bench/search_floor: $(BUILD)/bench/%: bench/%.c bench/floor_files.h bench/queries_file.h bench/samples.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/search_bench: bench/search_bench.c bench/queries_file.h bench/samples.h $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/render_bench: bench/render_bench.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

bench: deps
	$(MAKE) all $(BENCH_BIN)
	BENCH_N=$(BENCH_N) sh bench/run.sh $(BUILD)/rapporteur

# `make bench-scale [BENCH_SCALE_N=100000]`: the same bench at scale (issue 6), on SQLite and then on
# PostgreSQL (BENCH_STORE=postgres: a throwaway server made by tests/pg/server.sh, stopped after),
# each beside the raw libraries doing the same work in the same run, into
# bench/results-100k-sqlite.json and bench/results-100k-postgres.json (named by the count when it
# is not 100,000: bench/results-2000-sqlite.json), then both tables. Both stores read the same letters
# (build/bench/work-N/letters); PostgreSQL's figures go to build/bench/work-N-postgres.
BENCH_SCALE_N   ?= 100000
BENCH_SCALE_TAG ?= $(if $(filter 100000,$(BENCH_SCALE_N)),100k,$(BENCH_SCALE_N))
bench-scale: deps
	$(MAKE) all $(BENCH_BIN)
	BENCH_N=$(BENCH_SCALE_N) BENCH_STORE=sqlite BENCH_RESULTS=bench/results-$(BENCH_SCALE_TAG)-sqlite.json \
	  sh bench/run.sh $(BUILD)/rapporteur
	BENCH_N=$(BENCH_SCALE_N) BENCH_STORE=postgres BENCH_RESULTS=bench/results-$(BENCH_SCALE_TAG)-postgres.json \
	  sh bench/run.sh $(BUILD)/rapporteur
	@python3 bench/report.py --table bench/results-$(BENCH_SCALE_TAG)-sqlite.json
	@python3 bench/report.py --table bench/results-$(BENCH_SCALE_TAG)-postgres.json

docs: $(BUILD)/rapporteur
	sh tools/gen-cli-doc.sh $(BUILD)/rapporteur > docs/CLI.md

format:
	clang-format -i $(SRC) $(wildcard src/*/*.h tests/unit/*.c)

clean:
	rm -rf build

-include $(OBJ:.o=.d)
