# Build and install tls-policy-validator and tls-policy-agent in FHS places.
#
#   make                                   release build and man pages
#   make install                           into /usr/local (the systemd units' default paths);
#                                          also /etc/tls-policy-agent/agent.cf (unless present),
#                                          /etc/postfix/tls-policy and /var/lib/tls-policy-agent
#   make install DESTDIR=/tmp/root PREFIX=/usr
#   make deb                               Debian package of the agent (scripts/package-deb)
#
# `make install` builds nothing: run `make` first (as yourself), then `make install` (as
# root). CONFIGURATION=debug and SCRATCH=DIR install another build (the tests do; they
# cannot run the plugin themselves, as `swift test` holds the scratch directory's lock).

PREFIX        ?= /usr/local
DESTDIR       ?=
BINDIR        ?= $(PREFIX)/bin
MANDIR        ?= $(PREFIX)/share/man
DOCDIR        ?= $(PREFIX)/share/doc/tls-policy-agent
# systemd reads units from /usr/local/lib/systemd/system and /usr/lib/systemd/system.
UNITDIR       ?= $(PREFIX)/lib/systemd/system
# The agent reads /etc/tls-policy-agent/agent.cf whatever the prefix; the unit lets it
# write its map's directory under /etc/postfix and its state under /var/lib.
SYSCONFDIR    ?= /etc
LOCALSTATEDIR ?= /var
MAPDIR        ?= $(SYSCONFDIR)/postfix/tls-policy
STATEDIR      ?= $(LOCALSTATEDIR)/lib/tls-policy-agent

SWIFT         ?= swift
CONFIGURATION ?= release
SCRATCH       ?= .build
# Flags for the final build: the Swift runtime linked in and no $$ORIGIN runpath, so the
# binaries run on a host without a Swift toolchain (what scripts/setup builds, and what
# the Debian package needs).
SWIFT_FLAGS   ?= --static-swift-stdlib --disable-local-rpath
BUILD_BIN     = $(SCRATCH)/$(CONFIGURATION)
# Where the generate-manual plugin writes its pages, one directory per target.
MAN_PAGES     = $(SCRATCH)/plugins/GenerateManual/outputs

PRODUCTS      = tls-policy-validator tls-policy-agent
UNITS         = contrib/systemd/tls-policy-agent.service contrib/systemd/tls-policy-agent.timer
AGENT_EXAMPLE = docs/agent.cf.example

INSTALL       ?= install

.PHONY: all build man install uninstall deb

all: build

# The man pages come from swift-argument-parser's own generator (the generate-manual
# command plugin), which reads each command's options from the built binary. It builds
# the products with its own flags (no --static-swift-stdlib), so it runs on the debug
# configuration: the pages are the same, and the static release build stays as it is
# (on the release configuration each `make` would relink everything twice).
man:
	$(SWIFT) package --scratch-path $(SCRATCH) plugin generate-manual --configuration debug

build: man
	$(SWIFT) build --scratch-path $(SCRATCH) -c $(CONFIGURATION) $(SWIFT_FLAGS) --product tls-policy-validator
	$(SWIFT) build --scratch-path $(SCRATCH) -c $(CONFIGURATION) $(SWIFT_FLAGS) --product tls-policy-agent

install:
	@for product in $(PRODUCTS); do \
		test -x "$(BUILD_BIN)/$$product" || { echo "make install: $(BUILD_BIN)/$$product is not built: run make first" >&2; exit 1; }; \
	done
	@for page in $(MAN_PAGES)/Validator/tls-policy-validator.1 $(MAN_PAGES)/Agent/tls-policy-agent.1; do \
		test -f "$$page" || { echo "make install: $$page is missing: run make (or make man) first" >&2; exit 1; }; \
	done
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSCONFDIR)/tls-policy-agent $(DESTDIR)$(MAPDIR)
	$(INSTALL) -d -m 0700 $(DESTDIR)$(STATEDIR)
	$(INSTALL) -m 0755 $(addprefix $(BUILD_BIN)/,$(PRODUCTS)) $(DESTDIR)$(BINDIR)/
	$(INSTALL) -m 0644 $(MAN_PAGES)/Validator/*.1 $(MAN_PAGES)/Agent/*.1 $(DESTDIR)$(MANDIR)/man1/
	@# The units name /usr/local/bin; point them at the binary this install puts in place.
	for unit in $(UNITS); do \
		sed 's|/usr/local/bin/tls-policy-agent|$(BINDIR)/tls-policy-agent|g' "$$unit" > "$(DESTDIR)$(UNITDIR)/$$(basename $$unit)" && \
		chmod 0644 "$(DESTDIR)$(UNITDIR)/$$(basename $$unit)" || exit 1; \
	done
	$(INSTALL) -m 0644 $(AGENT_EXAMPLE) $(DESTDIR)$(DOCDIR)/agent.cf.example
	@# The example configures nothing until edited; an existing agent.cf is the operator's.
	test -e $(DESTDIR)$(SYSCONFDIR)/tls-policy-agent/agent.cf || \
		$(INSTALL) -m 0644 $(AGENT_EXAMPLE) $(DESTDIR)$(SYSCONFDIR)/tls-policy-agent/agent.cf

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(PRODUCTS))
	rm -f $(DESTDIR)$(MANDIR)/man1/tls-policy-validator*.1 $(DESTDIR)$(MANDIR)/man1/tls-policy-agent*.1
	rm -f $(DESTDIR)$(UNITDIR)/tls-policy-agent.service $(DESTDIR)$(UNITDIR)/tls-policy-agent.timer
	rm -f $(DESTDIR)$(DOCDIR)/agent.cf.example
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null
	@# agent.cf, the deployed map (main.cf names it) and the state stay.

# The agent's Debian package from this build (see scripts/package-deb): after `build`,
# whose final, static link runs after the man page plugin's own build.
deb: build
	./scripts/package-deb --bin-dir $(BUILD_BIN) --man-dir $(MAN_PAGES)/Agent --output out
