#!/usr/bin/env python3
"""Summarises a results directory of scripts/profile: for ours, the floor and the generator,
the CPU per 1,000 relayed messages split by what the sampled threads were doing. Each sample
goes to the first of CATEGORIES whose marks one of its frames holds, so a system call made
from inside our code counts as the system call.
    scripts/lib/profile-summary.py RESULTS_DIR
"""
import collections, json, pathlib, sys

out = pathlib.Path(sys.argv[1])

# (category, marks): a mark is part of a frame's name, Java's dots for its slashes. The first
# rules look through the whole stack, so that a system call counts as such wherever it was
# made; the last, where the stack says nothing of those, by the sampled frame's own owner.
CATEGORIES = [
    ("JIT compiler", ["CompileBroker::", "C2Compiler::", "Compilation::"]),
    ("garbage collector", ["G1", "GCTaskThread", "ConcurrentGCThread"]),
    ("writing to sockets (send: loopback TCP, waking the reader)",
     ["unix.Socket.send", "unix.Socket.write", "FileDescriptor.write"]),
    ("reading from sockets (recv)", ["unix.Socket.recv", "unix.Socket.read", "FileDescriptor.read"]),
    ("waiting for events (epoll_wait)", ["epoll.Native.epollWait", "epoll.Native.epollBusyWait"]),
    ("waking another event loop (eventfd)", ["eventFdWrite"]),
    ("our JSON: decoding", ["protocol.SignalingCodec.decode"]),
    ("our JSON: encoding", ["protocol.SignalingCodec.encode"]),
    ("WebSocket frames (Netty's codec)", ["websocketx.WebSocket08Frame", "ws.TextFrames."]),
]
OWN_FRAME = [
    ("generator: pacing, stamping, timing", ["com.tutorme.video.server.loadtest.",
                                             "org.HdrHistogram."]),
    ("our other code: rooms, limits, checks", ["com.tutorme.video."]),
    ("Netty: pipeline, buffers, event loop", ["io.netty."]),
    ("the JDK's Java", ["java.", "jdk.", "sun."]),
]
OTHER = "other: the JVM, libc, the kernel outside system calls"


def category(frames):
    for name, marks in CATEGORIES:
        if any(mark in frame for frame in frames for mark in marks):
            return name
    own = frames[-1]
    for name, marks in OWN_FRAME:
        if any(own.startswith(mark) for mark in marks):
            return name
    return OTHER


def profile(path):
    """(samples by category, samples in all, samples whose own frame is the kernel's)"""
    counts, total, kernel = collections.Counter(), 0, 0
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = [f.replace("/", ".") for f in stack.split(";")]
        counts[category(frames)] += int(n)
        total += int(n)
        kernel += int(n) if frames[-1].endswith("_[k]") else 0
    return counts, total, kernel


def cpu_per_1000(name, key):
    path = out / f"{name}.txt"
    runs = [json.loads(l) for l in path.read_text().splitlines() if l.startswith("{")] \
        if path.exists() else []
    return runs[-1][key] if runs and runs[-1].get(key, -1) >= 0 else None


columns = []  # (heading, profile, CPU ms per 1,000 messages)
for name, who, key in (("ours", "server", "serverCpuMsPer1000"),
                       ("floor", "server", "serverCpuMsPer1000"),
                       ("ours", "generator", "generatorCpuMsPer1000")):
    path = out / f"{name}-{who}.collapsed"
    if path.exists():
        heading = {"server": name, "generator": f"generator ({name})"}[who]
        columns.append((heading, profile(path), cpu_per_1000(name, key)))
if not columns:
    sys.exit(f"no profiles in {out}")

run = json.loads(next(l for l in (out / "ours.txt").read_text().splitlines() if l.startswith("{")))
print(f"CPU per 1,000 relayed messages at {run['targetRate']} msg/s, {run['pairs']} pairs"
      f" (ms, share of the samples in brackets); p99 {run['latencyMs']['p99']} ms")
print(f"  {'':58}" + "".join(f"{heading:>22}" for heading, _, _ in columns))
rows = [name for name, _ in CATEGORIES + OWN_FRAME] + [OTHER]
for row in rows:
    cells = []
    for _, (counts, total, _), cpu in columns:
        share = counts[row] / total if total else 0
        cells.append(f"{share * cpu:8.1f} ({share:4.0%})" if cpu is not None
                     else f"{'':8} ({share:4.0%})")
    if any(counts[row] for _, (counts, _, _), _ in columns):
        print(f"  {row:58}" + "".join(f"{c:>22}" for c in cells))
print(f"  {'in all':58}" + "".join(
    f"{(f'{cpu:.1f}' if cpu is not None else 'n/a'):>8} ({total} samples)".rjust(22)
    for _, (_, total, _), cpu in columns))
print(f"  {'of which in the kernel (its own frames)':58}" + "".join(
    f"{kernel / total:>21.0%} " for _, (_, total, kernel), _ in columns))
