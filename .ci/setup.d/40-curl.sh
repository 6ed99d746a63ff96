#!/usr/bin/env bash
# tests/test_server.py asks `kg serve` with curl as an independent HTTP client.
# (The Oxigraph server those tests also start comes from PyPI: the test extra installs `oxigraph`.)
set -euo pipefail
if ! command -v curl >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl ca-certificates
fi
curl --version | head -n 1
