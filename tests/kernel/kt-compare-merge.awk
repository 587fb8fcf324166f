# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
#
# kt-compare-merge.awk - one `./lps compare` mode's rounds, one flat JSON
# object per line (as scripts/lps-compare prints them), into one object:
# counts of bad things and of frees are summed over the rounds, finished
# holds only if every round finished, every other number is the median
# (null, a free never given back, sorts above every number: the median is
# null when most rounds say so).  Keys keep the first round's order.

function median(a, n,    i, j, x) {
	for (i = 2; i <= n; i++) {
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

BEGIN {
	summed["checksum_errors"] = summed["setup_errors"] = 1
	summed["frees"] = summed["frees_returned"] = 1
	nkeys = 0
}

{
	line = $0
	gsub(/^[{]|[}]$/, "", line)
	nf = split(line, kv, ",")
	for (i = 1; i <= nf; i++) {
		split(kv[i], p, ":")
		k = p[1]
		gsub(/"/, "", k)
		if (!(k in count)) order[++nkeys] = k
		val[k, ++count[k]] = p[2]
	}
}

END {
	printf "{"
	for (i = 1; i <= nkeys; i++) {
		k = order[i]
		n = count[k]
		if (k == "finished") {
			out = "true"
			for (r = 1; r <= n; r++)
				if (val[k, r] != "true") out = "false"
		} else if (k in summed) {
			s = 0
			for (r = 1; r <= n; r++) s += val[k, r]
			out = s
		} else {
			nulls = 0
			for (r = 1; r <= n; r++) {
				v = val[k, r]
				if (v == "null") { a[r] = 1e18; nulls++ }
				else a[r] = v + 0
			}
			m = median(a, n)
			if (nulls == n || m >= 1e17) out = "null"
			else out = sprintf("%.2f", m)
			if (out ~ /\./) { sub(/0+$/, "", out); sub(/\.$/, "", out) }
		}
		printf "%s\"%s\":%s", (i > 1 ? "," : ""), k, out
	}
	printf "}"
}
