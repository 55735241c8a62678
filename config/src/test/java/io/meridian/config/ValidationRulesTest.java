package io.meridian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per validation rule: a YAML file that breaks exactly that rule, and the one problem
 * expected (path, line, column, message). Rows whose YAML starts with {@code "- name"} are the
 * profiles list and get {@link #HEAD} (five lines: a zone, then {@code profiles:}) in front, so
 * their first line is line 6.
 */
class ValidationRulesTest {
    static final String HEAD = """
            dns:
              zones:
                - name: tm.example.test
                  nameservers: [ns1.tm.example.test]
            profiles:
            """;

    static Stream<Arguments> rules() {
        return Stream.of(
                row("unknown key, closest suggested", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints:
                              - name: a
                                target: 192.0.2.1
                                wieght: 5
                        """, "profiles[0].endpoints[0].wieght", 12, 9, "unknown key (did you mean weight?)"),
                row("unknown key without a close one", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        logging: debug
                        """, "logging", 3, 1, "unknown key (expected: one of dns, http, geoip, state, cluster, profiles, latency)"),
                row("duplicate key", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            routing: weighted
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].routing", 9, 5, "duplicate key (first set at line 8)"),
                row("wrong kind of node", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints: 192.0.2.1
                        """, "profiles[0].endpoints", 9, 16, "192.0.2.1 (expected: a list)"),
                row("required key missing", """
                          - name: p
                            routing: priority
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].domain", 6, 5,
                        "missing (expected: the DNS name the profile answers, inside a zone)"),
                row("dns section missing", """
                        profiles: []
                        """, "dns", 1, 1, "missing (expected: a dns section with zones)"),
                row("weight out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints:
                              - {name: a, target: 192.0.2.1, weight: 0}
                        """, "profiles[0].endpoints[0].weight", 10, 46, "0 (expected: 1..1000)"),
                row("priority out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, priority: 0}
                        """, "profiles[0].endpoints[0].priority", 10, 48, "0 (expected: 1..1000)"),
                row("duplicate priority in a priority profile", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, priority: 1}
                              - {name: b, target: 192.0.2.2, priority: 1}
                        """, "profiles[0].endpoints[1].priority", 11, 48,
                        "1 (expected: a unique priority in a priority profile; 1 is already used at line 10)"),
                row("priority from the list position colliding with a written one", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, priority: 2}
                              - {name: b, target: 192.0.2.2}
                        """, "profiles[0].endpoints[1].priority", 11, 9, "2 (expected: a unique priority in a "
                        + "priority profile; 2 is already used at line 10; an endpoint without priority gets its "
                        + "position in the list)"),
                row("duplicate endpoint name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints:
                              - {name: a, target: 192.0.2.1}
                              - {name: a, target: 192.0.2.2}
                        """, "profiles[0].endpoints[1].name", 11, 16,
                        "a (expected: a unique endpoint name; a is already used at line 10)"),
                row("duplicate profile name", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1}]}
                          - {name: p, domain: q.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1}]}
                        """, "profiles[1].name", 7, 12,
                        "p (expected: a unique profile name; p is already used at line 6)"),
                row("duplicate domain", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1}]}
                          - {name: q, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1}]}
                        """, "profiles[1].domain", 7, 23,
                        "p.tm.example.test (expected: a unique domain; p.tm.example.test is already used at line 6)"),
                row("domain outside every zone", """
                          - name: p
                            domain: p.example.org
                            routing: priority
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].domain", 7, 13,
                        "p.example.org is outside every zone (expected: a name inside tm.example.test)"),
                row("domain at a zone apex", """
                          - name: p
                            domain: TM.example.test.
                            routing: priority
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].domain", 7, 13, "tm.example.test is a zone apex (expected: a name below "
                        + "the apex, which answers SOA and NS, such as app.tm.example.test)"),
                row("geo code on two endpoints", """
                          - name: p
                            domain: p.tm.example.test
                            routing: geographic
                            endpoints:
                              - {name: a, target: 192.0.2.1, geo: [US, CA]}
                              - {name: b, target: 192.0.2.2, geo: [WORLD, us]}
                        """, "profiles[0].endpoints[1].geo[1]", 11, 51,
                        "US is already mapped to endpoint a (expected: each geographic code on one endpoint of a profile)"),
                row("geographic endpoint without geo", """
                          - name: p
                            domain: p.tm.example.test
                            routing: geographic
                            endpoints:
                              - {name: a, target: 192.0.2.1}
                        """, "profiles[0].endpoints[0].geo", 10, 9,
                        "missing (expected: geographic codes such as [US, CA, GEO-NA])"),
                row("unknown geo code", """
                          - name: p
                            domain: p.tm.example.test
                            routing: geographic
                            endpoints:
                              - {name: a, target: 192.0.2.1, geo: [ZZ]}
                        """, "profiles[0].endpoints[0].geo[0]", 10, 44, "ZZ (expected: " + GeoCodes.EXPECTED + ")"),
                row("geo codes outside a geographic profile", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints:
                              - {name: a, target: 192.0.2.1, geo: [US]}
                        """, "profiles[0].endpoints[0].geo", 10, 43,
                        "set in a weighted profile (expected: only with routing: geographic)"),
                row("multivalue with a host-name target", """
                          - name: p
                            domain: p.tm.example.test
                            routing: multivalue
                            endpoints:
                              - {name: a, target: 192.0.2.1}
                              - {name: b, target: contoso-westus2-01.regional.azure-api.net}
                        """, "profiles[0].endpoints[1].target", 11, 27, "contoso-westus2-01.regional.azure-api.net "
                        + "(expected: an IPv4 or IPv6 address; multivalue answers hold addresses, not CNAMEs)"),
                row("maxAnswers outside multivalue", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            maxAnswers: 3
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].maxAnswers", 9, 17,
                        "3 in a priority profile (expected: only with routing: multivalue)"),
                row("maxAnswers out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: multivalue
                            maxAnswers: 9
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].maxAnswers", 9, 17, "9 (expected: 1..8)"),
                row("unknown region, closest suggested", """
                          - name: p
                            domain: p.tm.example.test
                            routing: performance
                            endpoints:
                              - {name: a, target: 192.0.2.1, location: {region: westeruope}}
                        """, "profiles[0].endpoints[0].location.region", 10, 57, "westeruope is not a known Azure "
                        + "region (expected: a name such as westus2; did you mean westeurope?)"),
                row("region together with lat/lon", """
                          - name: p
                            domain: p.tm.example.test
                            routing: performance
                            endpoints:
                              - {name: a, target: 192.0.2.1, location: {region: westus2, lat: 1}}
                        """, "profiles[0].endpoints[0].location.region", 10, 57,
                        "set together with lat/lon (expected: either region or lat and lon)"),
                row("endpoint region unknown and no location", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, region: westus9}
                        """, "profiles[0].endpoints[0].region", 10, 46, "westus9 is not a known Azure region and no location is set"
                        + " (expected: a location: {lat, lon}, or a name such as westus2; did you mean westus?)"),
                row("endpoint region and a location naming another", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, region: westus2, location: {region: eastus}}
                        """, "profiles[0].endpoints[0].region", 10, 46,
                        "westus2 while location names region eastus (expected: the same region, or location as lat and lon)"),
                row("region on a nested endpoint", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, profile: q, region: westus2}
                          - name: q
                            domain: q.tm.example.test
                            routing: priority
                            endpoints: [{name: b, target: 192.0.2.1}]
                        """, "profiles[0].endpoints[0].region", 10, 39,
                        "set on a nested-profile endpoint (expected: only on endpoints with a target)"),
                row("allDown misspelt", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            allDown: nodta
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].allDown", 9, 14, "nodta (expected: failOpen | noData | lastResort)"),
                row("allDown lastResort without a target", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            allDown: lastResort
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].allDown", 9, 14,
                        "lastResort (expected: a lastResort target too, an IP or a host name)"),
                row("lastResort without allDown lastResort", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            lastResort: 192.0.2.250
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].lastResort", 9, 17,
                        "set without allDown: lastResort (expected: allDown: lastResort, or no lastResort)"),
                row("lastResort not an address or host name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            allDown: lastResort
                            lastResort: "http://sorry.example.test/"
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].lastResort", 10, 17, "http://sorry.example.test/ (expected: an IPv4 or IPv6"
                        + " address or a host name such as contoso-westus2-01.regional.azure-api.net)"),
                row("multivalue lastResort a host name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: multivalue
                            allDown: lastResort
                            lastResort: sorry.example.test
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].lastResort", 10, 17,
                        "sorry.example.test is a host name (expected: an IP address: a multivalue profile answers addresses)"),
                row("healthyWhen not all, any or a number", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, healthyWhen: most}
                        """, "profiles[0].endpoints[0].healthyWhen", 10, 51,
                        "most (expected: all | any | a number of monitors that must pass, such as 2)"),
                row("beaconUrl not an http or https URL", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, beaconUrl: ftp://x}
                        """, "profiles[0].endpoints[0].beaconUrl", 10, 49,
                        "ftp://x (expected: an absolute http or https URL such as"
                                + " https://contoso-westus2-01.regional.azure-api.net/status-0123456789abcdef)"),
                row("healthyWhen above the number of monitors", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, healthyWhen: 3, monitor: [{path: /a}, {path: /b}]}
                        """, "profiles[0].endpoints[0].healthyWhen", 10, 51,
                        "3 (expected: at most 2, the number of monitors of a)"),
                row("monitor list empty", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, monitor: []}
                        """, "profiles[0].endpoints[0].monitor", 10, 47,
                        "[] (expected: a monitor, or a list of at least one)"),
                row("monitor list item with a bad key", """
                          - name: p
                            domain: p.tm.example.test
                            routing: priority
                            endpoints:
                              - {name: a, target: 192.0.2.1, monitor: [{path: /a}, {pth: /b}]}
                        """, "profiles[0].endpoints[0].monitor[1].pth", 10, 61,
                        "unknown key (did you mean path?)"),
                row("latitude out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: performance
                            endpoints:
                              - {name: a, target: 192.0.2.1, location: {lat: 91, lon: 0}}
                        """, "profiles[0].endpoints[0].location.lat", 10, 54, "91 (expected: -90..90)"),
                row("performance endpoint without location", """
                          - name: p
                            domain: p.tm.example.test
                            routing: performance
                            endpoints:
                              - {name: a, target: 192.0.2.1}
                        """, "profiles[0].endpoints[0].location", 10, 9, "missing (expected: location of every "
                        + "endpoint of a performance profile, {lat, lon} or {region})"),
                row("nested reference to an unknown profile", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, profile: emea}]}
                          - {name: eu, domain: eu.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1}]}
                        """, "profiles[0].endpoints[0].profile", 6, 92,
                        "emea is not a profile of this file (expected: the name of a profile)"),
                row("nested-profile cycle", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, profile: q}]}
                          - {name: q, domain: q.tm.example.test, routing: weighted, endpoints: [{name: b, profile: p}]}
                        """, "profiles[1].endpoints[0].profile", 7, 92, "p (expected: no nested-profile cycle; p -> q -> p)"),
                row("minChildEndpoints above the child's endpoints", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, profile: q, minChildEndpoints: 2}]}
                          - {name: q, domain: q.tm.example.test, routing: weighted, endpoints: [{name: b, target: 192.0.2.1}]}
                        """, "profiles[0].endpoints[0].minChildEndpoints", 6, 114,
                        "2 (expected: 1..1, the number of endpoints of profile q)"),
                row("minChildEndpoints on a leaf", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: a, target: 192.0.2.1, minChildEndpoints: 1}]
                        """, "profiles[0].endpoints[0].minChildEndpoints", 9, 65,
                        "set on an endpoint with a target (expected: only with profile)"),
                row("probeAddress on a nested endpoint", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, profile: q, probeAddress: "127.0.0.1:9"}]}
                          - {name: q, domain: q.tm.example.test, routing: weighted, endpoints: [{name: b, target: 192.0.2.1}]}
                        """, "profiles[0].endpoints[0].probeAddress", 6, 109,
                        "set on a nested-profile endpoint (expected: only on endpoints with a target)"),
                row("both target and profile", """
                          - {name: p, domain: p.tm.example.test, routing: weighted, endpoints: [{name: a, target: 192.0.2.1, profile: q}]}
                          - {name: q, domain: q.tm.example.test, routing: weighted, endpoints: [{name: b, target: 192.0.2.1}]}
                        """, "profiles[0].endpoints[0].profile", 6, 111,
                        "set together with target (expected: either target or profile)"),
                row("neither target nor profile", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints:
                              - name: a
                        """, "profiles[0].endpoints[0].target", 10, 9,
                        "missing (expected: target, or profile for a nested profile)"),
                row("empty endpoints", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: []
                        """, "profiles[0].endpoints", 9, 16, "[] (expected: at least one endpoint)"),
                row("malformed target", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: a, target: "10.0.0.256"}]
                        """, "profiles[0].endpoints[0].target", 9, 35, "10.0.0.256 (expected: an IPv4 or IPv6 "
                        + "address or a host name such as contoso-westus2-01.regional.azure-api.net)"),
                row("bad endpoint name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: "west us", target: 192.0.2.1}]
                        """, "profiles[0].endpoints[0].name", 9, 24,
                        "west us (expected: 1..63 letters, digits, '.', '_' or '-', starting with a letter or digit)"),
                row("timeout not below interval", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {interval: 5s, timeout: 5s}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.timeout", 9, 38, "5s (expected: less than interval 5s)"),
                row("endpoint interval override below the profile timeout", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {timeout: 3s}
                            endpoints: [{name: a, target: 192.0.2.1, monitor: {interval: 2s}}]
                        """, "profiles[0].endpoints[0].monitor.interval", 10, 66,
                        "2s (expected: more than timeout 3s)"),
                row("retryInterval above interval", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {retryInterval: 20s}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.retryInterval", 9, 30, "20s (expected: at most interval 10s)"),
                row("interval out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {interval: 10m}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.interval", 9, 25, "10m (expected: 1s..5m)"),
                row("toleratedFailures out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {toleratedFailures: 10}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.toleratedFailures", 9, 34, "10 (expected: 0..9)"),
                row("recoverAfter out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {recoverAfter: 0}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.recoverAfter", 9, 29, "0 (expected: 1..9)"),
                row("monitor port out of range", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {port: 65536}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.port", 9, 21, "65536 (expected: 1..65535)"),
                row("status range reversed", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {expectedStatusCodes: ["299-200"]}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.expectedStatusCodes[0]", 9, 37,
                        "299-200 (expected: a range whose start is not above its end, such as 200-299)"),
                row("status code outside 100..599", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {expectedStatusCodes: [200, 600]}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.expectedStatusCodes[1]", 9, 42, "600 (expected: " + StatusRange.EXPECTED + ")"),
                row("TCP without port", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {protocol: TCP}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.protocol", 9, 25, "TCP (expected: a monitor port too; TCP has no default port)"),
                row("TCP override with an HTTP path", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {path: /status}
                            endpoints: [{name: a, target: 192.0.2.1, monitor: {protocol: TCP, port: 22}}]
                        """, "profiles[0].endpoints[0].monitor.protocol", 10, 66,
                        "TCP (expected: HTTP or HTTPS, because path is set)"),
                row("path without a leading slash", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {path: status}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.path", 9, 21, "status (expected: a request path starting with /, without spaces)"),
                row("unknown protocol", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {protocol: ICMP}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.protocol", 9, 25, "ICMP (expected: HTTP | HTTPS | TCP)"),
                row("negative duration", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            ttl: -5s
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].ttl", 9, 10,
                        "-5s (expected: a positive duration; negative durations are meaningless here)"),
                row("TTL with a fraction of a second", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            ttl: 1500ms
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].ttl", 9, 10, "1500ms (expected: whole seconds, DNS TTLs have no fractions)"),
                row("duration without unit", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            ttl: 30
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].ttl", 9, 10,
                        "30 (expected: a duration such as 500ms, 10s, 1m or 1h; a unit is required)"),
                row("CIDR with host bits set", """
                          - name: p
                            domain: p.tm.example.test
                            routing: subnet
                            endpoints: [{name: a, target: 192.0.2.1, subnets: [203.0.113.7/24]}]
                        """, "profiles[0].endpoints[0].subnets[0]", 9, 56,
                        "203.0.113.7/24 has host bits set (expected: 203.0.113.0/24)"),
                row("malformed CIDR", """
                          - name: p
                            domain: p.tm.example.test
                            routing: subnet
                            endpoints: [{name: a, target: 192.0.2.1, subnets: [10.0.0.0/33]}]
                        """, "profiles[0].endpoints[0].subnets[0]", 9, 56, "10.0.0.0/33 (expected: a prefix length 0..32)"),
                row("one subnet on two endpoints", """
                          - name: p
                            domain: p.tm.example.test
                            routing: subnet
                            endpoints:
                              - {name: a, target: 192.0.2.1, subnets: [2001:db8::/32]}
                              - {name: b, target: 192.0.2.2, subnets: ["2001:DB8::/32"]}
                        """, "profiles[0].endpoints[1].subnets[0]", 11, 48,
                        "2001:db8::/32 is already mapped to endpoint a (expected: each subnet on one endpoint of a profile)"),
                row("subnet profile without subnets", """
                          - name: p
                            domain: p.tm.example.test
                            routing: subnet
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].routing", 8, 14,
                        "subnet without any subnets (expected: subnets on at least one endpoint)"),
                row("fallback outside geographic and subnet", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            fallback: none
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].fallback", 9, 15,
                        "none in a weighted profile (expected: only with routing: geographic or subnet)"),
                row("probeAddress with a host name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: a, target: 192.0.2.1, probeAddress: "localhost:9001"}]
                        """, "profiles[0].endpoints[0].probeAddress", 9, 60, "localhost:9001 (expected: " + IpPort.EXPECTED
                        + "; host names are not looked up)"),
                row("probeAddress port 0", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: a, target: 192.0.2.1, probeAddress: "127.0.0.1:0"}]
                        """, "profiles[0].endpoints[0].probeAddress", 9, 60,
                        "127.0.0.1:0 (expected: a port 1..65535 after the address)"),
                row("unset environment variable", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            endpoints: [{name: a, target: "${GATEWAY_IP}"}]
                        """, "profiles[0].endpoints[0].target", 9, 35,
                        "${GATEWAY_IP} (environment variable GATEWAY_IP is not set)"),
                row("malformed listen address", """
                        dns:
                          listen: ["::1:5353"]
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        """, "dns.listen[0]", 2, 12, "::1:5353 (expected: " + IpPort.EXPECTED + ")"),
                row("duplicate listen address", """
                        dns:
                          listen: ["127.0.0.1:53", "127.0.0.1:53"]
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        """, "dns.listen[1]", 2, 28, "127.0.0.1:53 (expected: each address once; also at line 2)"),
                row("udpSize out of range", """
                        dns:
                          udpSize: 65535
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        """, "dns.udpSize", 2, 12, "65535 (expected: 512..4096)"),
                row("unknown DNS transport", """
                        dns:
                          transport: dpdk
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        """, "dns.transport", 2, 14, "dpdk (expected: auto | mmsg | io_uring | epoll | blocking | vertx)"),
                row("zones missing", """
                        dns:
                          listen: ["127.0.0.1:5353"]
                        """, "dns.zones", 2, 3, "missing (expected: a list of zones this server is authoritative for)"),
                row("nameservers empty", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: []}]
                        """, "dns.zones[0].nameservers", 2, 48, "[] (expected: at least one name server)"),
                row("duplicate zone", """
                        dns:
                          zones:
                            - {name: tm.example.test, nameservers: [ns1.tm.example.test]}
                            - {name: tm.example.test., nameservers: [ns1.tm.example.test]}
                        """, "dns.zones[1].name", 4, 14, "tm.example.test (expected: each zone once; also at line 3)"),
                row("nested zones", """
                        dns:
                          zones:
                            - {name: example.test, nameservers: [ns1.example.test]}
                            - {name: tm.example.test, nameservers: [ns1.tm.example.test]}
                        """, "dns.zones[1].name", 4, 14, "tm.example.test lies inside zone example.test "
                        + "(expected: zones that do not nest; serve tm.example.test from the outer zone)"),
                row("http listen malformed", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        http:
                          listen: 127.0.0.1
                        """, "http.listen", 4, 11, "127.0.0.1 (expected: " + IpPort.EXPECTED + ")"),
                row("hostmaster written as an e-mail address", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test], hostmaster: ops@example.test}]
                        """, "dns.zones[0].hostmaster", 2, 83, "ops@example.test (expected: a DNS name; write ops.example.test)"),
                row("empty geo list", """
                          - name: p
                            domain: p.tm.example.test
                            routing: geographic
                            endpoints: [{name: a, target: 192.0.2.1, geo: []}]
                        """, "profiles[0].endpoints[0].geo", 9, 51, "[] (expected: at least one entry, or no geo key)"),
                row("empty expectedStatusCodes", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {expectedStatusCodes: []}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.expectedStatusCodes", 9, 36,
                        "[] (expected: at least one status code or range)"),
                row("bad header name", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {headers: {"Bad Header": x}}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.headers.Bad Header", 9, 39, "Bad Header (expected: an HTTP header name)"),
                row("profile domain that is not a DNS name", """
                          - name: p
                            domain: "contoso tm"
                            routing: weighted
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].domain", 7, 13, "contoso tm (expected: " + DomainNames.EXPECTED + ")"),
                row("YAML merge key", """
                          - name: p
                            domain: p.tm.example.test
                            routing: weighted
                            monitor: {<<: {path: /status}}
                            endpoints: [{name: a, target: 192.0.2.1}]
                        """, "profiles[0].monitor.<<", 9, 15,
                        "unknown key (YAML merge keys are not supported; alias the whole mapping or repeat the keys)"),
                row("cluster without a node name", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          secret: 0123456789abcdef0123
                        """, "cluster.node", 4, 3,
                        "missing (expected: this director's name, unique in the cluster, such as westus2)"),
                row("cluster node name with a space", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: west us
                          secret: 0123456789abcdef0123
                        """, "cluster.node", 4, 9,
                        "west us (expected: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit)"),
                row("cluster without a secret", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: westus2
                        """, "cluster.secret", 4, 3, "missing (expected: a secret of at least 16 characters shared by"
                        + " every director, such as ${MERIDIAN_CLUSTER_SECRET})"),
                row("cluster secret too short, and not shown", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: westus2
                          secret: letmein
                        """, "cluster.secret", 5, 11, "(hidden, 7 characters) (expected: at least 16 characters; 32 random"
                        + " bytes in base64 are best, the secret is all that protects the cluster)"),
                row("cluster member that is a host name", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: westus2
                          secret: 0123456789abcdef0123
                          members: ["10.0.0.1:7800", "director2.example.test:7800"]
                        """, "cluster.members[1]", 6, 30, "director2.example.test:7800 (expected: " + IpPort.EXPECTED
                        + "; host names are not looked up)"),
                row("cluster quorum unknown", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: westus2
                          secret: 0123456789abcdef0123
                          quorum: most
                        """, "cluster.quorum", 6, 11, "most (expected: majority | any)"),
                row("cluster probe source that is not an address", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        cluster:
                          node: westus2
                          secret: 0123456789abcdef0123
                          probeSource: eth0
                        """, "cluster.probeSource", 6, 16, "eth0 (expected: an IPv4 or IPv6 address of this host)"),
                row("boolean that is not one", """
                        dns:
                          zones: [{name: tm.example.test, nameservers: [ns1.tm.example.test]}]
                        http:
                          trustForwardedFor: yes
                        """, "http.trustForwardedFor", 4, 22, "yes (expected: true or false)"));
    }

    static Arguments row(String rule, String yaml, String path, int line, int column, String message) {
        String text = yaml.startsWith("  - ") ? HEAD + yaml : yaml;
        return Arguments.of(rule, text, path, line, column, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleReportsOneProblemAtTheNode(String rule, String yaml, String path, int line, int column, String message) {
        ConfigResult result = ConfigLoader.parse(yaml, "rules.yaml", Map.of());
        assertThat(result.problems()).containsExactly(new ConfigProblem("rules.yaml", line, column, path, message));
    }
}
