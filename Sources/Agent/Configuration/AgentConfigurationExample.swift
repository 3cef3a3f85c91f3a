/// The commented example of `agent.cf`, kept as source so that a test proves it parses
/// (an example that drifted from the parser would mislead the first person who copies it).
enum AgentConfigurationExample {
    static let text = #"""
# /etc/tls-policy-agent/agent.cf: settings of tls-policy-agent.
#
# The syntax is Postfix's main.cf syntax: "name = value", one setting per line;
# a line that starts with whitespace continues the setting above; blank lines
# and lines whose first non-blank character is "#" are ignored. Unknown names,
# a setting given twice and bad values are errors, reported as FILE:LINE.
# Values are literal: there is no $name expansion.
#
# As installed, this file configures nothing: the three settings marked
# "(required)" below are commented out, and the agent refuses to run until
# they are set. Set them, then start the timer:
#   systemctl enable --now tls-policy-agent.timer

# The dataset's Git repository (required): https://, ssh://, user@host:path, or
# file:///path for a local mirror. Plain http:// and git:// are refused.
#repository_url = https://git.example/postfix-tls-policy.git

# Which release tags may be deployed (required): one exact tag (v2024.05.1),
# or a pattern (* and ?) meaning the newest matching release in version order.
# Pre-releases such as v2.0.0-rc1 never match a pattern.
#release_tag = v*

# Trusted release signers (required): at least one of the two.
# SSH signatures (git tag -s with gpg.format=ssh), checked against this file in
# ssh-keygen's allowed-signers format, key validity against the current time.
#ssh_allowed_signers = /etc/tls-policy-agent/allowed_signers
# OpenPGP signatures, checked with gpgv against this keyring.
#openpgp_keyring = /etc/tls-policy-agent/trustedkeys.gpg

# This host's local overrides (optional): a Postfix policy table whose entries
# add to or replace the release's (same key, case-insensitive; none and may are
# allowed), plus "#@ remove KEY" lines that drop a release entry. Overrides that
# weaken a release entry are applied with a warning.
#overrides_file = /etc/tls-policy-agent/overrides

# The map the agent installs, TYPE:PATH, and the one line main.cf needs:
#   smtp_tls_policy_maps = hash:/etc/postfix/tls-policy/tls_policy
# It lives in a directory of its own, which the service may write (the agent
# writes temporaries beside the live map and renames them into place); the
# package creates that directory. A map elsewhere needs its directory added to
# the unit's ReadWritePaths= too (systemctl edit tls-policy-agent.service).
# Types: hash, btree, lmdb, cdb (each needs postconf -m to list it), texthash.
policy_map = hash:/etc/postfix/tls-policy/tls_policy

# Postfix's configuration directory, as "postfix -c" takes it.
#postfix_config_directory = /etc/postfix

# Where the agent keeps its Git cache, state file and run lock (the unit's
# StateDirectory=; purging the package removes it).
#state_directory = /var/lib/tls-policy-agent

# Refuse releases older than this (s, m, h, d or w), on top of each release's
# own "Expires:" line. Unset: only the release's expiry applies.
#max_release_age = 90d

# Which table variant to install: auto (DANE when smtp_dns_support_level is
# dnssec), on (the host has a DNSSEC-validating resolver), off.
#dane_mode = auto

# When the newest release has expired: keep the deployed map and fail loudly
# (keep), or install an empty map, i.e. opportunistic TLS only (empty).
#expiry_fallback = keep

# A Prometheus textfile-collector file, rewritten atomically after every run:
# last success, deployed release time and expiry, entries, outcomes by reason.
# Unset: no metrics file. The unit may write node_exporter's directory below.
#metrics_file = /var/lib/prometheus/node-exporter/tls_policy_agent.prom
"""#
}
