#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went: share by thread group and by the first project (or notable) frame.

Usage: python3 bench/jfr-where.py recording.jfr [top]
Reads `jfr print --json --events jdk.ExecutionSample` (the JDK's own tool); thread names are grouped by their stem
(digits and pool counters dropped: "ams-sync-3" and "ams-sync-7" are one group).
"""
import collections, json, re, subprocess, sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]

def stem(name):
    name = re.sub(r"Camel \(.*?\) thread #\d+ - ", "camel:", name or "?")
    return re.sub(r"[-#]?\d+", "", name)

NOTABLE = ("com.callintel.", "org.postgresql.", "com.zaxxer.", "org.springframework.security.", "io.jsonwebtoken.",
           "com.nimbusds.", "com.fasterxml.jackson.", "org.apache.camel.", "org.apache.tomcat.", "org.apache.catalina.",
           "org.apache.coyote.", "org.apache.hc.", "java.util.regex.", "javax.crypto.", "sun.security.",
           "com.google.i18n.phonenumbers.", "io.micrometer.", "org.quartz.", "java.util.zip.")

def frame_name(f):
    m = f["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]

def hub_frame(frames):
    """The innermost frame of the project's own code, lambdas named by the method that made them."""
    for f in frames:
        name = frame_name(f)
        if name.startswith("com.callintel.") and "$$Lambda" not in name:
            return re.sub(r"^com\.callintel\.hub\.", "", name)
    return "(no hub frame)"

threads, callintel, leaf, by_thread_library = (collections.Counter() for _ in range(4))
for e in events:
    v = e["values"]
    threads[stem((v.get("sampledThread") or {}).get("javaName"))] += 1
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if frames:
        leaf_pkg = next((p for p in NOTABLE if frame_name(frames[0]).startswith(p)), None)
        leaf[leaf_pkg or ".".join(frame_name(frames[0]).split(".")[:3])] += 1
        callintel[hub_frame(frames)] += 1
        library = next((p for f in frames for p in NOTABLE if frame_name(f).startswith(p)), "(other)")
        by_thread_library[(stem((v.get("sampledThread") or {}).get("javaName")), library)] += 1

n = sum(threads.values()) or 1
for title, counter in (("threads", threads), ("innermost hub frame", callintel), ("leaf package", leaf),
                       ("thread, innermost notable library", by_thread_library)):
    print(f"\n{title} ({n} samples)")
    for k, c in counter.most_common(top):
        print(f"{100.0 * c / n:6.1f} %  {c:6d}  {k}")
