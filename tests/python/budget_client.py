"""Counts how many of COUNT calls bring back the rich error intact.

Usage: budget_client.py ADDR NAME COUNT CODE REASON DOMAIN

Intact means: the status code is CODE, rpc_status.from_call reads the details without
raising (it raises when their code or message differ from the status's own), and the
ErrorInfo has REASON and DOMAIN. Prints {"intact": n, "debug_entry": bytes, "failures":
[...]} as JSON, where debug_entry is the length of the first DebugInfo stack entry of the
last intact status (0 when it had none).
"""

import json
import sys

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from helloworld import helloworld_pb2, helloworld_pb2_grpc


def debug_entry(status):
    for detail in status.details:
        if detail.Is(error_details_pb2.DebugInfo.DESCRIPTOR):
            debug = error_details_pb2.DebugInfo()
            detail.Unpack(debug)
            return len(debug.stack_entries[0]) if debug.stack_entries else 0
    return 0


def check(err, code, reason, domain):
    """None and the status when intact, else a description of the problem."""
    if err.code().value[0] != code:
        return f"code {err.code()}: {err.details()[:200]!r}", None
    try:
        status = rpc_status.from_call(err)
    except ValueError as mismatch:
        return f"from_call raised: {mismatch}", None
    if status is None:
        return "no grpc-status-details-bin", None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            if (info.reason, info.domain) == (reason, domain):
                return None, status
            return f"ErrorInfo {info.reason!r} {info.domain!r}", None
    return "no ErrorInfo", None


def main():
    addr, name, count, code, reason, domain = sys.argv[1:]
    intact, failures, entry = 0, [], 0
    with grpc.insecure_channel(addr) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        for _ in range(int(count)):
            try:
                stub.SayHello(helloworld_pb2.HelloRequest(name=name))
                failures.append("the call succeeded")
            except grpc.RpcError as err:
                problem, status = check(err, int(code), reason, domain)
                if problem is None:
                    intact += 1
                    entry = debug_entry(status)
                else:
                    failures.append(problem)
    print(json.dumps({"intact": intact, "debug_entry": entry, "failures": failures[:3]}))


if __name__ == "__main__":
    main()
