# r1540 build. `make` builds ./r1540; `make run` sets up and serves it; `make test`
# runs every test (plain and ASan+UBSan builds); `make bench` runs the benchmarks.

PKGS     := sqlite3 jansson libsodium xlsxwriter libmicrohttpd icu-uc icu-i18n pangocairo fontconfig liburiparser libzip libxml-2.0 poppler-glib tesseract lept libcurl libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lgettextpo -lstemmer -lm

CC       ?= cc
WARN     := -Wall -Wextra -Wstrict-prototypes -Wshadow -Wformat=2 -Werror
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

DB       ?= var/r1540.db
LISTEN   ?= 127.0.0.1:8540
SRC      := $(shell find src -name '*.c' ! -path src/main.c | sort)
UNIT     := $(sort $(wildcard tests/unit/test_*.c))

OBJ      := $(SRC:%.c=build/rel/%.o)
SAN_OBJ  := $(SRC:%.c=build/san/%.o)
UNIT_BIN := $(UNIT:tests/unit/%.c=build/rel/tests/%)
SAN_UNIT := $(UNIT:tests/unit/%.c=build/san/tests/%)

.PHONY: all run test test-long bench deps clean unit-bins fuzz-bins
all: r1540

r1540: build/rel/src/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/san/r1540: build/san/src/main.o $(SAN_OBJ)
	@echo "  CC $@"; $(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/rel/tests/%: tests/unit/%.c $(OBJ) tests/unit/tap.h
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJ) tests/unit/tap.h
	@mkdir -p $(dir $@)
	@echo "  CC $@"; $(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SAN_OBJ) $(PKG_LIBS)

unit-bins: $(UNIT_BIN) $(SAN_UNIT) build/san/r1540

deps:
	sh scripts/install-deps.sh

$(DB): | r1540
	@mkdir -p $(dir $(DB))
	./r1540 --db $(DB) init --demo

run: deps
	$(MAKE) r1540
	$(MAKE) $(DB)
	./r1540 --db $(DB) status
	./r1540 --db $(DB) serve --listen $(LISTEN)

# TEST_JOBS: the builds and the tests' lanes run that many at once (one per core
# of the 2-core machine the suite is sized for); TEST_JOBS=1 runs one at a time
TEST_JOBS ?= 2
test: deps
	$(MAKE) -j$(TEST_JOBS) r1540 unit-bins fuzz-bins
	TEST_JOBS=$(TEST_JOBS) sh tests/run.sh

# make test and the runs it leaves out for time (tests/run.sh, long_one): the
# slowest ASan runs, conformance.sh, more scripts on PostgreSQL, the plain SQLite
# runs of the scripts also run under ASan and on PostgreSQL; about 75 minutes
test-long: deps
	$(MAKE) -j$(TEST_JOBS) r1540 unit-bins fuzz-bins
	TEST_LONG=1 TEST_JOBS=$(TEST_JOBS) sh tests/run.sh

bench: deps
	$(MAKE) r1540
	sh bench/run.sh

clean:
	rm -rf build r1540

-include $(shell find build -name '*.d' 2>/dev/null)

# libFuzzer drivers (clang), one per parser. The sources are compiled once
# into a static library with the fuzz flags (fuzzer-no-link: instrumented,
# without libFuzzer's main) and each driver links against it; compiling every
# source again per driver took five minutes of `make test`.
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined $(PKG_CFLAGS) -MMD -MP
FUZZ_OBJ    := $(SRC:%.c=build/fuzz/obj/%.o)
FUZZ_DRV    := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CLANG $@"; clang $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/libr1540.a: $(FUZZ_OBJ)
	@rm -f $@; ar rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fuzz/libr1540.a
	@mkdir -p $(dir $@)
	@echo "  CLANG $@"; clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libr1540.a $(PKG_LIBS)

fuzz-bins: $(FUZZ_DRV)
