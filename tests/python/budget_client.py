"""Counts how many of COUNT calls bring back the rich error intact.

Usage: budget_client.py ADDR NAME COUNT CODE REASON DOMAIN

Intact means: the status code is CODE, rpc_status.from_call reads the details without
raising (it raises when their code or message differ from the status's own), and the
ErrorInfo has REASON and DOMAIN. Prints {"intact": n, "failures": [...]} as JSON.
"""

import json
import sys

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from helloworld import helloworld_pb2, helloworld_pb2_grpc


def check(err, code, reason, domain):
    if err.code().value[0] != code:
        return f"code {err.code()}: {err.details()[:200]!r}"
    try:
        status = rpc_status.from_call(err)
    except ValueError as mismatch:
        return f"from_call raised: {mismatch}"
    if status is None:
        return "no grpc-status-details-bin"
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            if (info.reason, info.domain) == (reason, domain):
                return None
            return f"ErrorInfo {info.reason!r} {info.domain!r}"
    return "no ErrorInfo"


def main():
    addr, name, count, code, reason, domain = sys.argv[1:]
    intact, failures = 0, []
    with grpc.insecure_channel(addr) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        for _ in range(int(count)):
            try:
                stub.SayHello(helloworld_pb2.HelloRequest(name=name))
                failures.append("the call succeeded")
            except grpc.RpcError as err:
                problem = check(err, int(code), reason, domain)
                if problem is None:
                    intact += 1
                else:
                    failures.append(problem)
    print(json.dumps({"intact": intact, "failures": failures[:3]}))


if __name__ == "__main__":
    main()
