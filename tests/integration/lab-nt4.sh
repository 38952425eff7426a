#!/bin/bash
# lab-nt4.sh: usrmgr-lab's nt4 flavour (two Samba classic PDCs) against
# Samba's own judges: up + trust is healthy, each break shows its symptom, restore and
# trust bring the healthy trust back.  Uses the run's shared nt4 lab
# (lab-fixture.sh); skips (77) where no lab can run, fails under CI=true.
# Ends with "N passed, N failed".
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
FLAVOUR=nt4
# shellcheck source=tests/integration/lab-scenarios.inc
. "$(dirname "$0")/lab-scenarios.inc"
