#!/usr/bin/env python3
"""A toy apparatus for pat-engine, speaking the apparatus protocol (docs/apparatus-protocol.md)
on stdin/stdout, or on a TCP port with --port. Standard library only.

It simulates n coupled oscillators as the engine's `oscillators` system defines them, with a
reality gap of its own:

    q''_i = -k_i sin(s q_i) + sum_{j != i} J~_ij (sin(s q_j) - sin(s q_i)) + e_i,
    q(0) = x + sigma * randn,  q'(0) = 0,  y = q(T),  RK4, 5 steps, T = 0.5,

with s = 1 + eta and J~ = J + dJ (dJ a fixed symmetric draw of size --coupling-error). theta is
(J upper triangle row by row, k, e) with J in [-2, 2], k in [0, 4], e in [-2, 2]: the ranges of
the engine's oscillator layer, so the engine's analytic twin fits it.

  python3 toy_device.py --n 16                      # one device on stdin/stdout
  python3 toy_device.py --n 16 --port 5055          # a server; each connection is a device

Fault modes, for testing a client: --die-after N (exit after N forwards), --hang-after N (stop
answering), --bad-size-after N (a reply one value short), --nan-after N (a NaN in the reply),
--error-after N (an ERROR reply).
"""
import argparse
import math
import random
import socket
import struct
import sys
import threading
import time

VERSION = 1
HELLO, HELLO_REPLY, FORWARD, FORWARD_REPLY, ERROR, BYE = 1, 2, 3, 4, 5, 6
T, STEPS = 0.5, 5


class Oscillators:
    def __init__(self, n, eta, coupling_error, noise, seed):
        self.n = n
        self.s = 1.0 + eta
        self.noise = noise
        self.rng = random.Random(seed)
        hidden = random.Random(seed * 7919 + 1)
        self.dj = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                self.dj[i][j] = self.dj[j][i] = coupling_error * hidden.gauss(0.0, 1.0)
        self.couplings = n * (n - 1) // 2
        self.params = self.couplings + 2 * n

    def ranges(self):
        return [(-2.0, 2.0)] * self.couplings + [(0.0, 4.0)] * self.n + [(-2.0, 2.0)] * self.n

    def forward(self, batch, x, theta):
        n, s = self.n, self.s
        J = [[0.0] * n for _ in range(n)]
        c = 0
        for i in range(n):
            for j in range(i + 1, n):
                J[i][j] = J[j][i] = theta[c] + self.dj[i][j]
                c += 1
        k = theta[self.couplings:self.couplings + n]
        e = theta[self.couplings + n:]
        rows = [sum(r) for r in J]
        h = T / STEPS

        def accel(q):
            sq = [math.sin(s * v) for v in q]
            return [-k[i] * sq[i] + sum(J[i][j] * sq[j] for j in range(n)) - rows[i] * sq[i] + e[i] for i in range(n)]

        y = []
        for b in range(batch):
            q = [x[b * n + i] + (self.noise * self.rng.gauss(0.0, 1.0) if self.noise > 0 else 0.0) for i in range(n)]
            p = [0.0] * n
            for _ in range(STEPS):
                a1 = accel(q)
                q2 = [q[i] + 0.5 * h * p[i] for i in range(n)]
                p2 = [p[i] + 0.5 * h * a1[i] for i in range(n)]
                a2 = accel(q2)
                q3 = [q[i] + 0.5 * h * p2[i] for i in range(n)]
                p3 = [p[i] + 0.5 * h * a2[i] for i in range(n)]
                a3 = accel(q3)
                q4 = [q[i] + h * p3[i] for i in range(n)]
                p4 = [p[i] + h * a3[i] for i in range(n)]
                a4 = accel(q4)
                q = [q[i] + h / 6 * (p[i] + 2 * p2[i] + 2 * p3[i] + p4[i]) for i in range(n)]
                p = [p[i] + h / 6 * (a1[i] + 2 * a2[i] + 2 * a3[i] + a4[i]) for i in range(n)]
            y.extend(q)
        return y


def read_exact(f, n):
    data = b""
    while len(data) < n:
        chunk = f.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def send(f, kind, payload=b""):
    f.write(struct.pack("<IB", len(payload) + 1, kind) + payload)
    f.flush()


def error(f, request, message):
    m = message.encode("utf-8")[:65535]
    send(f, ERROR, struct.pack("<IH", request, len(m)) + m)


def serve(device, args, rf, wf):
    forwards = 0
    while True:
        head = read_exact(rf, 4)
        if head is None:
            return
        (length,) = struct.unpack("<I", head)
        body = read_exact(rf, length)
        if body is None:
            return
        kind, payload = body[0], body[1:]
        if kind == HELLO:
            (version,) = struct.unpack_from("<I", payload)
            if version != VERSION:
                error(wf, 0, "toy_device speaks protocol version %d, not %d" % (VERSION, version))
                continue
            name = ("toy-oscillators(%d, python)" % device.n).encode("utf-8")
            out = struct.pack("<IH", VERSION, len(name)) + name + struct.pack("<III", device.n, device.n, device.params)
            out += b"".join(struct.pack("<ff", lo, hi) for lo, hi in device.ranges()) + struct.pack("<I", 0)
            send(wf, HELLO_REPLY, out)
        elif kind == FORWARD:
            request, batch = struct.unpack_from("<II", payload)
            n, p = device.n, device.params
            expected = 8 + 4 * (batch * n + p)
            if len(payload) != expected:
                error(wf, request, "FORWARD of batch %d needs %d bytes, got %d" % (batch, expected, len(payload)))
                continue
            values = struct.unpack_from("<%df" % (batch * n + p), payload, 8)
            x, theta = values[:batch * n], values[batch * n:]
            forwards += 1
            if args.die_after is not None and forwards > args.die_after:
                sys.stderr.write("toy_device: dying on purpose after %d forwards\n" % args.die_after)
                sys.stderr.flush()
                sys.exit(3)
            if args.hang_after is not None and forwards > args.hang_after:
                time.sleep(3600)
            if args.error_after is not None and forwards > args.error_after:
                error(wf, request, "the laser is off (an error on purpose)")
                continue
            y = device.forward(batch, x, theta)
            if args.nan_after is not None and forwards > args.nan_after:
                y[0] = float("nan")
            if args.bad_size_after is not None and forwards > args.bad_size_after:
                y = y[:-1]
            send(wf, FORWARD_REPLY, struct.pack("<II", request, batch) + struct.pack("<%df" % len(y), *y))
        elif kind == BYE:
            return
        else:
            error(wf, 0, "toy_device does not take message type %d" % kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=16)
    ap.add_argument("--eta", type=float, default=0.1)
    ap.add_argument("--coupling-error", type=float, default=0.05)
    ap.add_argument("--noise", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int)
    for fault in ("die", "hang", "bad-size", "nan", "error"):
        ap.add_argument("--%s-after" % fault, type=int)
    args = ap.parse_args()
    make = lambda seed: Oscillators(args.n, args.eta, args.coupling_error, args.noise, seed)
    if args.port is None:
        serve(make(args.seed), args, sys.stdin.buffer, sys.stdout.buffer)
        return
    server = socket.create_server(("127.0.0.1", args.port))
    sys.stderr.write("toy_device: serving on 127.0.0.1:%d\n" % args.port)
    sys.stderr.flush()
    count = 0
    while True:
        conn, _ = server.accept()
        count += 1
        f = conn.makefile("rwb")
        threading.Thread(target=lambda f=f, c=count: serve(make(args.seed + c - 1), args, f, f), daemon=True).start()


if __name__ == "__main__":
    main()
