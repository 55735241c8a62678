package io.meridian.director.core;

import io.meridian.director.state.OperatorOverrides;
import io.meridian.dns.DnsSnapshot;
import io.meridian.routing.RoutingTable;

/**
 * What every front end reads, swapped atomically as one value: a query never mixes two
 * generations of config, overrides or health.
 */
public record Published(long generation, Deployment deployment, OperatorOverrides overrides, RoutingTable table,
                        DnsSnapshot dns) {
}
