#!/bin/bash
# Bad input on real Samba classic (NT4-style) PDCs: the rows of
# tests/bad-input/lab-cases-nt4.table, run and judged as
# bad-input-lab.sh runs the AD ones.
BAD_INPUT_FLAVOUR=nt4
. "$(dirname "$0")/bad-input-lab.sh"
