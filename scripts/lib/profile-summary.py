#!/usr/bin/env python3
"""Summarises a results directory of scripts/profile: for ours, the floor and the generator
driving each, the CPU per 1,000 relayed messages split by what the sampled threads were doing.
Each sample goes to the first of CATEGORIES whose marks one of its frames holds, so a system
call made from inside our code counts as the system call; the rest by the sampled frame's own
owner. The total is the run's own figure from /proc, beside that of the same run without the
profiler, just before: the difference is what sampling cost.
    scripts/lib/profile-summary.py RESULTS_DIR
"""
import collections, json, pathlib, sys

if len(sys.argv) != 2 or not pathlib.Path(sys.argv[1]).is_dir():
    sys.exit(__doc__.strip().splitlines()[-1].strip().replace("scripts/lib", "usage: scripts/lib", 1))
out = pathlib.Path(sys.argv[1])

# (category, marks): a mark is part of a frame's name, Java's dots for its slashes.
CATEGORIES = [
    ("JIT compiler", ["CompileBroker::", "C2Compiler::", "Compilation::"]),
    ("garbage collector", ["G1"]),  # HotSpot's G1 classes: G1ParScanThreadState:: and so on
    ("socket writes (loopback, reader woken)",
     ["unix.Socket.send", "unix.Socket.write", "unix.FileDescriptor.write"]),
    ("socket reads", ["unix.Socket.recv", "unix.Socket.read", "unix.FileDescriptor.read"]),
    ("waiting for events (epoll_wait)", ["epoll.Native.epollWait", "epoll.Native.epollBusyWait"]),
    ("waking another event loop (eventfd)", ["eventFdWrite"]),
    ("our JSON: decoding", ["protocol.SignalingCodec.decode"]),
    ("our JSON: encoding", ["protocol.SignalingCodec.encode"]),
]
OWN_FRAME = [
    ("the floor's relay (BareRelay)", ["com.tutorme.video.server.loadtest.BareRelay"]),
    ("generator: pacing, stamping, timing", ["com.tutorme.video.server.loadtest.",
                                             "org.HdrHistogram."]),
    # By the sampled frame: a handler of Netty's that passes frames on (its UTF-8 validator)
    # is on the stack of all that the next handlers do.
    ("WebSocket frames, UTF-8 checks (Netty)", ["io.netty.handler.codec.http.websocketx."]),
    ("our other code: rooms, limits, checks", ["com.tutorme.video."]),
    ("Netty: pipeline, buffers, event loop", ["io.netty."]),
    ("the JDK's Java, Jackson", ["java.", "jdk.", "sun.", "com.fasterxml."]),
]
OTHER = "everything else: JVM, libc, futex, vdso"
LABEL = 42
WIDTH = 19


def category(frames):
    for name, marks in CATEGORIES:
        if any(frame.startswith(mark) if mark == "G1" else mark in frame
               for frame in frames for mark in marks):
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
        if not stack or not n.isdigit():
            continue
        frames = [f.replace("/", ".") for f in stack.split(";")]
        counts[category(frames)] += int(n)
        total += int(n)
        kernel += int(n) if frames[-1].endswith("_[k]") else 0
    return counts, total, kernel


def run(name):
    """The last JSON line of a run's output, or None."""
    path = out / f"{name}.txt"
    lines = [l for l in path.read_text().splitlines() if l.startswith("{")] \
        if path.exists() else []
    return json.loads(lines[-1]) if lines else None


def cpu(result, key):
    return result[key] if result and result.get(key, -1) >= 0 else None


def cell(text):
    return f"{text:>{WIDTH}}"


columns = []  # (heading, (counts, total, kernel), CPU per 1,000 profiled, and unprofiled)
for name, who, key in (("ours", "server", "serverCpuMsPer1000"),
                       ("floor", "server", "serverCpuMsPer1000"),
                       ("ours", "generator", "generatorCpuMsPer1000"),
                       ("floor", "generator", "generatorCpuMsPer1000")):
    path = out / f"{name}-{who}.collapsed"
    if path.exists():
        heading = name if who == "server" else f"gen. ({name})"
        columns.append((heading, profile(path), cpu(run(name), key),
                        cpu(run(f"{name}-unprofiled"), key)))
if not columns:
    sys.exit(f"no profiles in {out}")

first = run("ours") or run("floor")
if first:
    print(f"CPU per 1,000 relayed messages at {first['targetRate']} msg/s, {first['pairs']}"
          f" pairs: ms (share of the samples); ours' p99 {first['latencyMs']['p99']} ms")
print(" " * (LABEL + 2) + "".join(cell(heading) for heading, *_ in columns))
for row in [name for name, _ in CATEGORIES + OWN_FRAME] + [OTHER]:
    if not any(counts[row] for _, (counts, _, _), _, _ in columns):
        continue
    cells = []
    for _, (counts, total, _), ms, _ in columns:
        share = counts[row] / total if total else 0
        cells.append(f"{share * ms:.1f} ({share:4.0%})" if ms is not None else f"({share:4.0%})")
    print(f"  {row:{LABEL}}" + "".join(cell(c) for c in cells))


def figure(ms):
    return "n/a" if ms is None else f"{ms:.1f}"


print(f"  {'in all, profiled (the run from /proc)':{LABEL}}"
      + "".join(cell(figure(ms)) for _, _, ms, _ in columns))
print(f"  {'the same without the profiler, just before':{LABEL}}"
      + "".join(cell(figure(plain)) for *_, plain in columns))
print(f"  {'samples; of them in the kernel':{LABEL}}"
      + "".join(cell(f"{total}; {kernel / total:.0%}" if total else "none")
                for _, (_, total, kernel), _, _ in columns))
