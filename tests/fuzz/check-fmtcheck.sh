#!/bin/sh
# make check: a bounded run of the fuzzing target fuzz-fmtcheck (see lib-fuzz.sh).
exec sh "${0%/*}/lib-fuzz.sh" check fmtcheck
