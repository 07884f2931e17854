"""One SayHello through grpcio's native retries, against the Rust test server.

Usage: retry_client.py ADDR NAME

The channel's service config retries RESOURCE_EXHAUSTED with an initial backoff of
10 ms, so a retry that comes later than that waited for the server's
grpc-retry-pushback-ms. Prints the reply as JSON, or the final error.
"""

import json
import sys

import grpc

from helloworld import helloworld_pb2, helloworld_pb2_grpc

SERVICE_CONFIG = {
    "methodConfig": [{
        "name": [{"service": "helloworld.Greeter"}],
        "retryPolicy": {
            "maxAttempts": 2,
            "initialBackoff": "0.01s",
            "maxBackoff": "0.01s",
            "backoffMultiplier": 1,
            "retryableStatusCodes": ["RESOURCE_EXHAUSTED"],
        },
    }],
}


def main():
    addr, name = sys.argv[1:]
    options = [
        ("grpc.enable_retries", 1),
        ("grpc.service_config", json.dumps(SERVICE_CONFIG)),
    ]
    with grpc.insecure_channel(addr, options=options) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        try:
            reply = stub.SayHello(helloworld_pb2.HelloRequest(name=name), timeout=10)
            print(json.dumps({"reply": reply.message}))
        except grpc.RpcError as err:
            print(json.dumps({"code": err.code().value[0], "message": err.details()}))


if __name__ == "__main__":
    main()
