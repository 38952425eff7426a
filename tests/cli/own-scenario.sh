# A scenario of one's own, generated (sourced by tests/cli/own-names.sh
# and tests/ui/own-names.sh): two domains and their PDCs with 15-character
# NetBIOS names drawn afresh on every run, from an alphabet without A, B,
# C, D, E, O or U, so that none of DCA, DCB, ACCOUNTS or RESOURCE (the
# built-in scenarios' names) can appear; a user of the accounts domain;
# the trust in the KB Q207957 state: the resource domain still trusts the
# accounts domain, the accounts domain no longer lists the resource one.
#
# own_scenario FILE sets OWN_RES OWN_ACC OWN_RES_PDC OWN_ACC_PDC OWN_USER
# OWN_USER_PW and writes FILE.

# own_name N: N characters of the alphabet, at random.
own_name() {
	LC_ALL=C tr -dc 'FGHJKMNPQRSTVWXYZ23456789' </dev/urandom | head -c "$1"
}

own_scenario() {
	OWN_RES=$(own_name 15)
	OWN_ACC=$(own_name 15)
	OWN_RES_PDC=$(own_name 15)
	OWN_ACC_PDC=$(own_name 15)
	OWN_USER=$(own_name 8 | tr 'A-Z' 'a-z')
	# The password and its NT hash (MD4 of UTF-16LE) go together; the
	# old trust's hash is that of another password, long forgotten.
	OWN_USER_PW='Qz.Logon.pw8'
	cat >"$1" <<EOF
[scenario]
name = own-names
description = A pair of domains of our own: the accounts side lost the trust.

[pair]
resource = $OWN_RES
accounts = $OWN_ACC
user = $OWN_USER
password = $OWN_USER_PW

[domain $OWN_ACC]
dialect = ad
dns_name = $(echo "$OWN_ACC" | tr 'A-Z' 'a-z').example
sid = S-1-5-21-3141592653-589793238-462643383
pdc = $OWN_ACC_PDC

[user $OWN_ACC $OWN_USER]
full_name = Trainee of our own
nthash = 47502d123027f581025e065057a467dd

[group $OWN_ACC Domain Users]
description = All domain users

[domain $OWN_RES]
dialect = ad
dns_name = $(echo "$OWN_RES" | tr 'A-Z' 'a-z').example
sid = S-1-5-21-2718281828-459045235-360287471
pdc = $OWN_RES_PDC

[group $OWN_RES Domain Users]
description = All domain users

[trusted $OWN_RES $OWN_ACC]
nthash = aaedf0f452018ce3d489faa5ce2c1147

[channel $OWN_RES $OWN_ACC]
state = none
EOF
}

# own_scenario_clean FILE: true when FILE names none of the built-in
# scenarios' domains or PDCs (case matters: [pair]'s keys are lower case).
own_scenario_clean() {
	! grep -q -E 'DCA|DCB|ACCOUNTS|RESOURCE' "$1"
}
