# Sourced by the benchmarks: figures are worth printing only on an idle
# machine (issue 21).  With a load average above 1 the bench refuses,
# unless BENCH_ANY_LOAD=1, and then every figure is marked as taken under
# load.
bench_load=$(cut -d' ' -f1 /proc/loadavg)
bench_idle=yes
if awk -v l="$bench_load" 'BEGIN { exit !(l > 1.0) }'; then
	bench_idle=no
	if [ "${BENCH_ANY_LOAD:-}" != 1 ]; then
		echo "bench: the load average is $bench_load (above 1): the figures would measure the other work. Wait until the machine is idle, or set BENCH_ANY_LOAD=1 to measure anyway (the output says so)." >&2
		exit 3
	fi
	echo "# WARNING: measured under load $bench_load: not comparable with idle figures"
fi
