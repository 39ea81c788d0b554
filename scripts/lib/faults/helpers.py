#!/usr/bin/env python3
"""Helpers of scripts/faults (standard library only).

    free-port                       print a free TCP port on 127.0.0.1
    http-load  --port P --out F --stop F [--threads N] PATH...
                                    GET the PATHs in a loop from N threads (and /healthz from one more)
                                    until the file --stop exists; one line per request in --out:
                                    "kind start end status code path" (kind data|healthz; status 0 = no
                                    HTTP answer: timeout or connection error, named in code)
    analyze-outage --log F --down0 T --down1 T --up0 T --up1 T
                                    summarise an http-load log around a database outage (key=value lines)
    burst      --port P --n N --path TEMPLATE
                                    fire N GETs at once (TEMPLATE may use {i}); key=value summary
    reader     --pgurl URL --out F --stop F --year Y
                                    count the year's appraisals and its annual rollup total in one
                                    statement as kinerja_reader, again and again until --stop exists;
                                    one line per read: "start end appraisals,rollup" (or "error")
    analyze-reader --log F --from T --to T --old A,R --new A,R
                                    what the reader saw between two instants (key=value lines)

Times are seconds since the epoch (time.time(), the same clock as bash's $EPOCHREALTIME).
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout):
    """One GET: (start, end, status, code). code is the JSON error code of a 4xx/5xx answer."""
    start = time.time()
    status, code = 0, ""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        status = response.status
        if status >= 400:
            try:
                code = json.loads(body)["error"]["code"]
            except Exception:
                code = "?"
    except socket.timeout:
        code = "timeout"
    except Exception as error:  # refused, reset: the server process is gone or not listening
        code = type(error).__name__
    finally:
        connection.close()
    return start, time.time(), status, code or "-"


def kv(name, value):
    if isinstance(value, float):
        value = "%.3f" % value
    print("%s=%s" % (name, value))


# --- HTTP load during an outage -------------------------------------------------------------

def http_load(args):
    lock = threading.Lock()
    out = open(args.out, "a", buffering=1)

    def record(kind, result, path):
        start, end, status, code = result
        with lock:
            out.write("%s %.6f %.6f %d %s %s\n" % (kind, start, end, status, code, path))

    def stopping():
        return os.path.exists(args.stop)

    def data_worker(offset):
        i = offset
        while not stopping():
            path = args.paths[i % len(args.paths)]
            i += 1
            record("data", get(args.port, path, args.timeout), path)
            time.sleep(0.02)

    def healthz_worker():
        while not stopping():
            record("healthz", get(args.port, "/healthz", args.timeout), "/healthz")
            time.sleep(0.1)

    threads = [threading.Thread(target=data_worker, args=(n,)) for n in range(args.threads)]
    threads.append(threading.Thread(target=healthz_worker))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.close()


def read_http_log(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 5:
                rows.append((parts[0], float(parts[1]), float(parts[2]), int(parts[3]), parts[4]))
    return rows


def analyze_outage(args):
    rows = sorted(read_http_log(args.log), key=lambda r: r[1])
    data = [r for r in rows if r[0] == "data"]
    health = [r for r in rows if r[0] == "healthz"]

    def summary(rs):
        counts = {}
        for r in rs:
            key = "%d:%s" % (r[3], r[4]) if r[3] != 200 else "200"
            counts[key] = counts.get(key, 0) + 1
        return ",".join("%s*%d" % (k, v) for k, v in sorted(counts.items())) or "none"

    pre = [r for r in data if r[2] < args.down0]
    down = [r for r in data if r[1] >= args.down1 and r[2] <= args.up0]
    window = [r for r in data if r[2] >= args.down0 and r[1] <= args.up1]  # touching the outage at all
    health_down = [r for r in health if r[1] >= args.down1 and r[2] <= args.up0]
    after = [r for r in data if r[1] >= args.up1]

    kv("pre_n", len(pre))
    kv("pre_ok", sum(1 for r in pre if r[3] == 200))
    kv("down_n", len(down))
    kv("down_503", sum(1 for r in down if r[3] == 503))
    kv("down_max_s", max((r[2] - r[1] for r in down), default=0.0))
    kv("down_summary", summary(down))
    kv("window_bad", sum(1 for r in window if r[3] not in (200, 503)))
    kv("window_summary", summary(window))
    kv("window_max_s", max((r[2] - r[1] for r in window), default=0.0))
    kv("health_down_n", len(health_down))
    kv("health_down_ok", sum(1 for r in health_down if r[3] == 200))
    kv("health_down_max_s", max((r[2] - r[1] for r in health_down), default=0.0))
    kv("health_all_bad", sum(1 for r in health if r[3] != 200))
    # recovery: from `db up` returning to the first 200 after which every data request succeeded
    last_failure = max((r[1] for r in after if r[3] != 200), default=None)
    ok_after = [r for r in after if r[3] == 200 and (last_failure is None or r[1] > last_failure)]
    kv("post_n", len(after))
    kv("post_ok", sum(1 for r in after if r[3] == 200))
    kv("post_summary", summary(after))
    kv("post_ok_tail", len(ok_after))
    kv("recover_s", (ok_after[0][2] - args.up1) if ok_after else -1.0)


# --- a burst of concurrent requests ---------------------------------------------------------

def burst(args):
    barrier = threading.Barrier(args.n)
    results = [None] * args.n

    def worker(i):
        path = args.path.format(i=i)
        barrier.wait()
        results[i] = get(args.port, path, args.timeout)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    by_code = {}
    for start, end, status, code in results:
        key = "200" if status == 200 else "%d_%s" % (status, code)
        by_code.setdefault(key, []).append(end - start)
    kv("n", args.n)
    kv("ok", len(by_code.get("200", [])))
    kv("pool_exhausted", len(by_code.get("503_pool_exhausted", [])))
    kv("statement_timeout", len(by_code.get("503_statement_timeout", [])))
    kv("other", sum(len(v) for k, v in by_code.items() if k not in ("200", "503_pool_exhausted", "503_statement_timeout")))
    kv("max_s", max(end - start for start, end, _, _ in results))
    kv("max_pool_exhausted_s", max(by_code.get("503_pool_exhausted", [0.0])))
    kv("min_pool_exhausted_s", min(by_code.get("503_pool_exhausted", [0.0])))
    kv("max_statement_timeout_s", max(by_code.get("503_statement_timeout", [0.0])))
    kv("summary", ",".join("%s*%d(max %.2fs)" % (k, len(v), max(v)) for k, v in sorted(by_code.items())))


# --- a reader polling the year while it is reloaded -----------------------------------------

def reader(args):
    # one statement, one snapshot: the appraisals and the rollup derived from them must agree
    query = ("SELECT (SELECT count(*) FROM kinerja.appraisal WHERE year = {y}) || ',' || "
             "(SELECT coalesce(sum(n), 0) FROM kinerja.appraisal_rollup WHERE year = {y} AND period = 'Y');\n"
             "\\echo __end\n").format(y=int(args.year))
    err = open(args.out + ".stderr", "a")
    psql = subprocess.Popen(["psql", args.pgurl, "-XAtq", "-v", "ON_ERROR_STOP=0"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1)
    psql.stdin.write("SET application_name = 'faults-reader';\nSET ROLE kinerja_reader;\n\\echo __ready\n")
    psql.stdin.flush()
    while psql.stdout.readline().strip() != "__ready":
        if psql.poll() is not None:
            sys.exit("reader: psql ended before it was ready")
    with open(args.out, "a", buffering=1) as out:
        while not os.path.exists(args.stop):
            start = time.time()
            psql.stdin.write(query)
            psql.stdin.flush()
            value = "error"
            while True:
                line = psql.stdout.readline()
                if line == "":
                    sys.exit("reader: psql ended")
                line = line.strip()
                if line == "__end":
                    break
                if line:
                    value = line
            out.write("%.6f %.6f %s\n" % (start, time.time(), value))
            time.sleep(0.005)
    psql.stdin.close()
    psql.wait()


def analyze_reader(args):
    rows = []
    with open(args.log) as f:
        for line in f:
            start, end, value = line.split()
            start, end = float(start), float(end)
            if start >= args.start and end <= args.end:
                rows.append((start, end, value))
    values = [r[2] for r in rows]
    flips = sum(1 for a, b in zip(values, values[1:]) if a != b)
    others = sorted(set(v for v in values if v not in (args.old, args.new)))
    kv("n", len(rows))
    kv("n_old", values.count(args.old))
    kv("n_new", values.count(args.new))
    kv("n_error", values.count("error"))
    kv("n_other", len(values) - values.count(args.old) - values.count(args.new) - values.count("error"))
    kv("others", ";".join(v for v in others if v != "error")[:200] or "none")
    kv("flips", flips)
    kv("last", values[-1] if values else "none")
    kv("max_s", max((r[1] - r[0] for r in rows), default=0.0))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("free-port")
    p = sub.add_parser("http-load")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--stop", required=True)
    p.add_argument("--threads", type=int, default=3)
    p.add_argument("--timeout", type=float, default=15.0)
    p.add_argument("paths", nargs="+")
    p = sub.add_parser("analyze-outage")
    p.add_argument("--log", required=True)
    for name in ("down0", "down1", "up0", "up1"):
        p.add_argument("--" + name, type=float, required=True)
    p = sub.add_parser("burst")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--timeout", type=float, default=20.0)
    p = sub.add_parser("reader")
    p.add_argument("--pgurl", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--stop", required=True)
    p.add_argument("--year", type=int, required=True)
    p = sub.add_parser("analyze-reader")
    p.add_argument("--log", required=True)
    p.add_argument("--from", dest="start", type=float, required=True)
    p.add_argument("--to", dest="end", type=float, required=True)
    p.add_argument("--old", required=True)
    p.add_argument("--new", required=True)
    args = parser.parse_args()
    if args.command == "free-port":
        print(free_port())
    elif args.command == "http-load":
        http_load(args)
    elif args.command == "analyze-outage":
        analyze_outage(args)
    elif args.command == "burst":
        burst(args)
    elif args.command == "reader":
        reader(args)
    elif args.command == "analyze-reader":
        analyze_reader(args)


if __name__ == "__main__":
    main()
