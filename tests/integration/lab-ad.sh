#!/bin/bash
# lab-ad.sh: usrmgr-lab's ad flavour (two Samba AD DCs) against Samba's
# own judges: up + trust is healthy, each break shows its symptom, restore and
# trust bring the healthy trust back.  Uses the run's shared ad lab
# (lab-fixture.sh); skips (77) where no lab can run, fails under CI=true.
# Ends with "N passed, N failed".
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
FLAVOUR=ad
# shellcheck source=tests/integration/lab-scenarios.inc
. "$(dirname "$0")/lab-scenarios.inc"
