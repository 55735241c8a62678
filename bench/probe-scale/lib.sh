# Sourced by bench/probe-scale/run and bench/probe-scale/peer-haproxy (not run on its own): the build and
# the gateway JVM (io.meridian.probes.ScaleGateways) both use. Set PS_TAG (message prefix) before sourcing.
# The caller has `set -euo pipefail` and is in the repository root.
#
#   ps_build                      checks java and mvn, builds (BUILD=0 skips it if the classpath file exists),
#                                 sets CP and raises the soft fd limit to the hard one (inherited by children)
#   ps_start_gateways G LIFETIME  starts the gateway JVM as a coproc and waits (up to 60 s) for its ready line;
#                                 sets gw_pid, GW_OUT, GW_IN, gw_control (HOST:PORT), gw_addresses (HOST:PORT,...)
#   ps_stop_gateways              end of file on its stdin (it stops and prints its total CPU), up to 20 s
#   ps_kill_gateways              ends it by PID if it still runs (for the caller's EXIT trap)
#   ps_control PATH               GET PATH from its control server (/cpu: CPU ns, /requests: requests answered)

ps_build() {
  local tool
  for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "$PS_TAG: missing $tool" >&2; exit 2; }
  done
  local cp_file="probes/target/bench.classpath"
  if [[ "${BUILD:-1}" != 0 || ! -f "$cp_file" ]]; then
    echo "$PS_TAG: building (mvn -pl probes -am test-compile)..." >&2
    # a relative outputFile is per module: probes/target/bench.classpath is the probes module's own
    # shellcheck disable=SC2086
    if ! mvn -q -B ${MVN_FLAGS:-} -pl probes -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath; then
      echo "$PS_TAG: the build failed (Maven's errors above)" >&2
      exit 1
    fi
  fi
  [[ -s "$cp_file" ]] || { echo "$PS_TAG: $cp_file is missing or empty after the build" >&2; exit 1; }
  # in the reactor, routing-methods is on it as routing-methods/target/classes, not an installed jar
  CP="probes/target/test-classes:probes/target/classes:$(cat "$cp_file")"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # inherited by every child
}

ps_start_gateways() {
  local gateways=$1 lifetime=$2 ready
  # stdin and stdout of the gateway JVM are pipes to this script (close-on-exec, so later children do
  # not inherit them); its stderr is ours.
  # shellcheck disable=SC2086
  coproc GW { exec java -Xmx512m ${GATEWAY_JAVA_OPTS:-} -cp "$CP" io.meridian.probes.ScaleGateways \
    --gateways "$gateways" --lifetime "$lifetime" --server "${GATEWAY_SERVER:-netty}"; }
  gw_pid=$GW_PID GW_OUT=${GW[0]} GW_IN=${GW[1]} # bash unsets GW and GW_PID when the coproc ends
  if ! read -r -t 60 -u "$GW_OUT" ready || [[ "$ready" != ready\ * ]]; then
    echo "$PS_TAG: the gateway JVM (pid $gw_pid) did not report ready" >&2
    exit 1
  fi
  gw_control="${ready#*control=}" gw_control="${gw_control%% *}"
  gw_addresses="${ready#*gateways=}"
}

ps_stop_gateways() {
  exec {GW_IN}>&- # end of file on its stdin: the gateway JVM stops and prints its total CPU
  local _
  for _ in $(seq 40); do # up to 20 s, then the EXIT trap ends it
    if ! kill -0 "$gw_pid" 2>/dev/null; then gw_pid=""; break; fi
    sleep 0.5
  done
}

ps_kill_gateways() {
  [[ -z "${gw_pid:-}" ]] || kill "$gw_pid" 2>/dev/null || true # only if still running
}

# HTTP/1.0 over bash's /dev/tcp (the control server closes after answering); prints the body. Fails on
# anything but a 200 within 10 s.
ps_control() {
  local path=$1 host=${gw_control%:*} port=${gw_control##*:} fd line status="" body="" n=0
  exec {fd}<>"/dev/tcp/$host/$port" || { echo "$PS_TAG: cannot connect to the gateway control $gw_control" >&2; return 1; }
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$gw_control" >&"$fd"
  read -r -t 10 -u "$fd" status || true
  while ((n++ < 50)) && IFS= read -r -t 10 -u "$fd" line; do # headers, then the body (one line, no newline)
    [[ "$line" == $'\r' || -z "$line" ]] && break
  done
  IFS= read -r -t 10 -u "$fd" body || true # the body has no newline: read fails at EOF but fills body
  exec {fd}>&-
  if [[ "$status" != "HTTP/1."?" 200"* || ! "$body" =~ ^[0-9]+$ ]]; then
    echo "$PS_TAG: gateway control $gw_control$path answered '${status%$'\r'}' '$body'" >&2
    return 1
  fi
  printf '%s\n' "$body"
}
