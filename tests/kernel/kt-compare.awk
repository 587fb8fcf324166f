# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-compare.awk - the host-side numbers of one `./lps compare` mode from
# one time-sorted stream of events, each "<host seconds> <kind> [value]":
#   S <mib>   a sample of the RAM file's allocated MiB (st_blocks * 512)
#   F <mib>   the guest printed that it has just freed <mib> MiB
#   DROP      the host asked the guest for drop_caches (end of idle 1)
#   END       the host ended the second idle
# Prints the JSON members mib_s, peak_mib, residual_mib,
# residual_after_drop_mib, return_s, back_mib, frees, frees_returned.
# Variable window: the seconds at the end of each idle whose samples are
# averaged.
#
# A free counts as given back at the first sample at or below the last
# sample before its marker minus half of what was freed, if that comes
# before the next marker or DROP; the median of those delays is return_s
# (a free never given back counts as infinitely late; null if the median
# is one of those).  Half, not all: free page reporting returns only
# whole 2 MiB blocks, and it should be timed when it does return most of
# a free.  back_mib, the median of how far the file fell below that
# sample before the next marker, says how much came back.

function mean_since(from,    i, s, n) {
	s = 0; n = 0
	for (i = 1; i <= ns; i++)
		if (st[i] >= from) { s += sm[i]; n++ }
	return n ? s / n : -1
}

# Median of a[1..n] (sorts a in place: a handful of values); 0 if empty.
function median(a, n,    i, j, x) {
	for (i = 2; i <= n; i++) {
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	if (!n) return 0
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function close_pending(    k) {
	for (k in goal) { late[++nlate] = 1e9; delete goal[k] }
}

BEGIN { ns = 0; nlate = 0; nfree = 0; ended = 0; cur = 0; tracking = 0 }

$2 == "S" {
	t = $1; m = $3
	if (!ended) {
		if (ns) area += (t - st[ns]) * (m + sm[ns]) / 2
		st[++ns] = t; sm[ns] = m
		if (m > peak) peak = m
	}
	for (k in goal)
		if (m <= goal[k]) { late[++nlate] = t - ft[k]; delete goal[k] }
	if (nfree && tracking && m < low[nfree]) low[nfree] = m
	cur = m
	next
}
$2 == "F" {
	close_pending()
	tracking = 1
	nfree++
	ft[nfree] = $1; goal[nfree] = cur - 0.5 * $3
	pre[nfree] = cur; low[nfree] = cur
	next
}
$2 == "DROP" {
	close_pending()
	tracking = 0
	residual = mean_since($1 - window)
	next
}
$2 == "END" {
	close_pending()
	after_drop = mean_since($1 - window)
	ended = 1
	next
}

END {
	close_pending()
	n = 0
	for (i = 1; i <= nlate; i++)
		if (late[i] < 1e9) n++
	for (i = 1; i <= nfree; i++) back[i] = pre[i] - low[i]
	mv = median(late, nlate)
	med = (nlate && mv < 1e8) ? sprintf("%.2f", mv) : "null"
	printf "\"mib_s\":%.0f,\"peak_mib\":%.1f,\"residual_mib\":%.1f,", \
		area, peak, residual
	printf "\"residual_after_drop_mib\":%.1f,\"return_s\":%s,", \
		after_drop, med
	printf "\"back_mib\":%.1f,\"frees\":%d,\"frees_returned\":%d", \
		median(back, nfree), nfree, n
}
