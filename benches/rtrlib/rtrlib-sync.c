/*
 * rtrlib-sync: one full load of an RTR cache with RTRlib 0.8's rtr_mgr (RTR
 * version 1 at most, plain TCP), the C peer of routeguard's RTR client in
 * benches/benches/rtr.rs.
 *
 *   rtrlib-sync HOST PORT
 *
 * Connects, waits until the manager is in sync (the first End of Data
 * applied to its pfx_table), and prints to stdout
 * `SECONDS IPV4_RECORDS IPV6_RECORDS`. Exit: 0 ok, 1 usage or setup error,
 * 2 not in sync within 120 s.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <rtrlib/rtrlib.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void count(const struct pfx_record *rec, void *data)
{
	(void)rec;
	(*(unsigned long *)data)++;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: rtrlib-sync HOST PORT\n");
		return 1;
	}
	struct tr_tcp_config cfg = { argv[1], argv[2], NULL, NULL, NULL, 0 };
	struct tr_socket tr;
	if (tr_tcp_init(&cfg, &tr) != TR_SUCCESS) {
		fprintf(stderr, "tr_tcp_init failed\n");
		return 1;
	}
	struct rtr_socket rtr = { 0 };
	rtr.tr_socket = &tr;
	struct rtr_socket *socks[] = { &rtr };
	struct rtr_mgr_group groups[1] = { { 0 } };
	groups[0].sockets = socks;
	groups[0].sockets_len = 1;
	groups[0].preference = 1;
	struct rtr_mgr_config *conf = NULL;
	if (rtr_mgr_init(&conf, groups, 1, 30, 600, 600, NULL, NULL, NULL, NULL) != RTR_SUCCESS) {
		fprintf(stderr, "rtr_mgr_init failed\n");
		return 1;
	}
	double t0 = now();
	if (rtr_mgr_start(conf) != RTR_SUCCESS) {
		fprintf(stderr, "rtr_mgr_start failed\n");
		return 1;
	}
	const struct timespec tick = { 0, 1000000 };
	while (!rtr_mgr_conf_in_sync(conf)) {
		if (now() - t0 > 120.0) {
			fprintf(stderr, "not in sync after 120 s\n");
			return 2;
		}
		nanosleep(&tick, NULL);
	}
	double t1 = now();
	unsigned long v4 = 0, v6 = 0;
	pfx_table_for_each_ipv4_record(rtr.pfx_table, count, &v4);
	pfx_table_for_each_ipv6_record(rtr.pfx_table, count, &v6);
	printf("%.6f %lu %lu\n", t1 - t0, v4, v6);
	rtr_mgr_stop(conf);
	rtr_mgr_free(conf);
	return 0;
}
