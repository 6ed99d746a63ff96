#!/usr/bin/env bash
# The ontology test runs owlready2's HermiT reasoner, which needs a Java runtime.
set -euo pipefail
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless
fi
java -version 2>&1 | head -n 1
