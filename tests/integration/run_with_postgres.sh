#!/usr/bin/env bash
# CTest entry: runs the given test binary against a throwaway PostgreSQL cluster.
exec "$(dirname "$0")/../../scripts/with-postgres" "$@"
