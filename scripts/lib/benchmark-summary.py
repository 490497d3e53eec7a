#!/usr/bin/env python3
"""Summarises a results directory of scripts/benchmarks: each figure as the median of its
runs with the lowest and highest, then each target of issue 6 against its median.
    scripts/lib/benchmark-summary.py RESULTS_DIR
"""
import json, pathlib, statistics, sys
out = pathlib.Path(sys.argv[1])
def lines(name):
    return [json.loads(l) for l in (out / f"{name}.jsonl").read_text().splitlines() if l]
def show(label, values, unit=""):
    print(f"  {label:34} {statistics.median(values):10.2f} [{min(values):.2f} - {max(values):.2f}] {unit}")
relay, one, bare = lines("relay"), lines("relay-one-loop"), lines("bare-relay")
unbalanced = lines("relay-unbalanced")
print("relay (median [min - max] of 3)")
show("lost", [r["lost"] for r in relay])
for p in ("p50", "p90", "p99", "p999", "max"):
    show(f"latency {p}", [r["latencyMs"][p] for r in relay], "ms")
show("server CPU per 1,000 messages", [r["serverCpuMsPer1000"] for r in relay], "ms")
show("generator CPU per 1,000 messages", [r["generatorCpuMsPer1000"] for r in relay], "ms")
print("relay with one event loop (median [min - max] of 3)")
show("server CPU per 1,000 messages", [r["serverCpuMsPer1000"] for r in one], "ms")
show("latency p99", [r["latencyMs"]["p99"] for r in one], "ms")
print("relay with every loop in use, the balancer off (median [min - max] of 3)")
show("server CPU per 1,000 messages", [r["serverCpuMsPer1000"] for r in unbalanced], "ms")
show("latency p99", [r["latencyMs"]["p99"] for r in unbalanced], "ms")
print("bare relay, the floor (median [min - max] of 3)")
show("server CPU per 1,000 messages", [r["serverCpuMsPer1000"] for r in bare], "ms")
show("latency p99", [r["latencyMs"]["p99"] for r in bare], "ms")
print("ratio to the floor, each round's runs compared (median [min - max] of 3)")
show("default loops / bare", [a["serverCpuMsPer1000"] / b["serverCpuMsPer1000"]
                              for a, b in zip(relay, bare)], "x")
show("one loop / bare", [a["serverCpuMsPer1000"] / b["serverCpuMsPer1000"]
                         for a, b in zip(one, bare)], "x")
show("balancer off / bare", [a["serverCpuMsPer1000"] / b["serverCpuMsPer1000"]
                             for a, b in zip(unbalanced, bare)], "x")
print("ramp: last rate that held (median [min - max] of 3)")
show("ours", [r["lastRateThatHeld"] for r in lines("ramp")], "msg/s")
show("ours, balancer off", [r["lastRateThatHeld"] for r in lines("ramp-unbalanced")], "msg/s")
show("bare relay", [r["lastRateThatHeld"] for r in lines("bare-ramp")], "msg/s")
storm = lines("join-storm")
print("join-storm (median [min - max] of 3)")
show("joins per second", [r["joinsPerSecond"] for r in storm])
show("server CPU per join", [r["serverCpuMsPerJoin"] for r in storm], "ms")
show("pair ready p99", [r["pairReadyMs"]["p99"] for r in storm], "ms")
idle = lines("idle")[0]
heap = json.loads((out / "idle-heap.json").read_text())
grown = heap["heapBytesHolding"] - heap["heapBytesBefore"]
rss = idle["serverKbPerConnection"] # null when the RSS did not grow
print(f"idle: {idle['stillOpen']} of {idle['connections']} held; "
      f"{grown / idle['connections'] / 1024:.2f} KB of live heap per connection, "
      f"{rss or 0:.2f} KB of RSS beyond the committed heap")
ten = lines("idle-10k")[0]
print(f"idle on the default heap: {ten['stillOpen']} of {ten['connections']} held")

# The targets of issue 6 (docs/benchmarks.md), each judged on its median, as the doc does.
def verdict(label, value, target, met, unit=""):
    print(f"  {label:34} {value:10.2f} {unit:5} target {target:10} {'met' if met else 'NOT met'}")
def median(values):
    return statistics.median(list(values))
p99 = median(r["latencyMs"]["p99"] for r in relay)
relay_cpu = median(r["serverCpuMsPer1000"] for r in relay)
ratio = median(a["serverCpuMsPer1000"] / b["serverCpuMsPer1000"] for a, b in zip(relay, bare))
ramp = median(r["lastRateThatHeld"] for r in lines("ramp"))
joins = median(r["joinsPerSecond"] for r in storm)
join_cpu = median(r["serverCpuMsPerJoin"] for r in storm)
kb_per_connection = grown / idle["connections"] / 1024 + (rss or 0)
most_lost = max(r["lost"] for r in relay)
print("against the targets (medians of 3)")
verdict("relay: lost, in the worst run", most_lost, "0", most_lost == 0)
verdict("relay: latency p99", p99, "< 5", p99 < 5, "ms")
verdict("relay: server CPU per 1,000", relay_cpu, "<= 28", relay_cpu <= 28, "ms")
verdict("relay: ratio to the floor", ratio, "<= 1.3", ratio <= 1.3, "x")
verdict("ramp: last rate that held", ramp, ">= 60000", ramp >= 60000, "msg/s")
verdict("join-storm: joins per second", joins, ">= 2500", joins >= 2500)
verdict("join-storm: server CPU per join", join_cpu, "<= 0.4", join_cpu <= 0.4, "ms")
verdict("idle: heap and RSS per connection", kb_per_connection, "<= 8", kb_per_connection <= 8,
        "KB")
verdict("idle: held on the default heap", ten["stillOpen"], "10000", ten["stillOpen"] >= 10000)
