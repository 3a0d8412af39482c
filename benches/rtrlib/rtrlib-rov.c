/*
 * rtrlib-rov: RFC 6811 origin validation with RTRlib 0.8's pfx_table, the
 * C peer of `routeguard validate` in benches/e2e-rov.sh.
 *
 *   rtrlib-rov VRPS.csv < ROUTES > STATES.csv
 *
 * VRPS.csv is Routinator CSV (`ASN,IP Prefix,Max Length,Trust Anchor`, ASN as
 * `AS64500` or `64500`; the first line is a header when it does not start
 * with a digit or `AS<digit>`). ROUTES has one `PREFIX ORIGIN` per line,
 * separated by spaces, tabs or a comma, ORIGIN as `64500` or `AS64500`.
 * Output, in input order: `prefix,AS64500,state` with state `valid`,
 * `invalid` or `not-found`, the prefix echoed as given. Load and validate
 * times (CLOCK_MONOTONIC) and the state counts go to stderr.
 *
 * Exit: 0 ok, 1 usage or I/O error, 2 a malformed VRP or route line.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rtrlib/rtrlib.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses `AS64500`, `as64500` or `64500` from [s, end). */
static int parse_asn(const char *s, const char *end, uint32_t *out)
{
	uint64_t v = 0;
	if (end - s >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
		s += 2;
	if (s >= end || end - s > 10)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* Parses `ADDR/LEN` in place (the '/' is overwritten, then restored). */
static int parse_prefix(char *s, char *end, struct lrtr_ip_addr *addr, uint8_t *len)
{
	char *slash = memchr(s, '/', (size_t)(end - s));
	char saved_end = *end;
	unsigned long l;
	char *lend;
	int rc;

	if (!slash || slash + 1 >= end)
		return -1;
	*slash = '\0';
	rc = lrtr_ip_str_to_addr(s, addr);
	*slash = '/';
	if (rc != 0)
		return -1;
	*end = '\0';
	errno = 0;
	l = strtoul(slash + 1, &lend, 10);
	*end = saved_end;
	if (errno || lend != end || l > (addr->ver == LRTR_IPV4 ? 32u : 128u))
		return -1;
	*len = (uint8_t)l;
	return 0;
}

static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',';
}

static int load_vrps(struct pfx_table *table, const char *path, size_t *added, size_t *dups)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	size_t lineno = 0;

	if (!f) {
		fprintf(stderr, "rtrlib-rov: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		char *fields[4];
		char *p = line, *end = line + n;
		int nf = 0;
		struct pfx_record rec;
		uint32_t asn, maxlen;

		lineno++;
		while (end > line && (end[-1] == '\n' || end[-1] == '\r'))
			end--;
		*end = '\0';
		if (end == line)
			continue;
		if (lineno == 1 && !isdigit((unsigned char)line[0]) &&
		    !((line[0] == 'A' || line[0] == 'a') && end - line > 2 && isdigit((unsigned char)line[2])))
			continue; /* header */
		fields[nf++] = p;
		while (nf < 4 && (p = strchr(p, ',')) != NULL) {
			*p++ = '\0';
			fields[nf++] = p;
		}
		if (nf < 3 || parse_asn(fields[0], fields[0] + strlen(fields[0]), &asn) != 0 ||
		    parse_asn(fields[2], fields[2] + strlen(fields[2]), &maxlen) != 0 ||
		    parse_prefix(fields[1], fields[1] + strlen(fields[1]), &rec.prefix, &rec.min_len) != 0 ||
		    maxlen < rec.min_len || maxlen > (rec.prefix.ver == LRTR_IPV4 ? 32u : 128u)) {
			fprintf(stderr, "rtrlib-rov: %s:%zu: malformed VRP line\n", path, lineno);
			free(line);
			fclose(f);
			return 2;
		}
		rec.asn = asn;
		rec.max_len = (uint8_t)maxlen;
		rec.socket = NULL;
		switch (pfx_table_add(table, &rec)) {
		case PFX_SUCCESS:
			(*added)++;
			break;
		case PFX_DUPLICATE_RECORD:
			(*dups)++;
			break;
		default:
			fprintf(stderr, "rtrlib-rov: %s:%zu: pfx_table_add failed\n", path, lineno);
			free(line);
			fclose(f);
			return 1;
		}
	}
	free(line);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	static char outbuf[1 << 20];
	static const char *names[] = {
		[BGP_PFXV_STATE_VALID] = "valid",
		[BGP_PFXV_STATE_NOT_FOUND] = "not-found",
		[BGP_PFXV_STATE_INVALID] = "invalid",
	};
	struct pfx_table table;
	size_t added = 0, dups = 0, routes = 0, counts[3] = { 0, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	double t0, t1, t2;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: rtrlib-rov VRPS.csv < ROUTES > STATES.csv\n");
		return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));

	t0 = now();
	pfx_table_init(&table, NULL);
	rc = load_vrps(&table, argv[1], &added, &dups);
	if (rc != 0)
		return rc;
	t1 = now();

	while ((n = getline(&line, &cap, stdin)) > 0) {
		char *end = line + n, *p = line, *pfx_end, *asn_start;
		struct lrtr_ip_addr addr;
		uint8_t len;
		uint32_t asn;
		enum pfxv_state state;

		while (end > line && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			end--;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			continue;
		routes++;
		pfx_end = p;
		while (pfx_end < end && !is_sep(*pfx_end))
			pfx_end++;
		asn_start = pfx_end;
		while (asn_start < end && is_sep(*asn_start))
			asn_start++;
		if (asn_start == end || parse_asn(asn_start, end, &asn) != 0 ||
		    parse_prefix(p, pfx_end, &addr, &len) != 0) {
			fprintf(stderr, "rtrlib-rov: stdin:%zu: malformed route line\n", routes);
			return 2;
		}
		if (pfx_table_validate(&table, asn, &addr, len, &state) != PFX_SUCCESS) {
			fprintf(stderr, "rtrlib-rov: stdin:%zu: pfx_table_validate failed\n", routes);
			return 1;
		}
		counts[state]++;
		fwrite(p, 1, (size_t)(pfx_end - p), stdout);
		fprintf(stdout, ",AS%u,%s\n", asn, names[state]);
	}
	free(line);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "rtrlib-rov: write error: %s\n", strerror(errno));
		return 1;
	}
	t2 = now();
	fprintf(stderr,
		"rtrlib-rov: vrps %zu added, %zu duplicates; load %.3f s\n"
		"rtrlib-rov: routes %zu (valid %zu, invalid %zu, not-found %zu); validate+io %.3f s (%.2f M routes/s)\n",
		added, dups, t1 - t0, routes, counts[BGP_PFXV_STATE_VALID], counts[BGP_PFXV_STATE_INVALID],
		counts[BGP_PFXV_STATE_NOT_FOUND], t2 - t1, (double)routes / (t2 - t1) / 1e6);
	pfx_table_free(&table);
	return 0;
}
