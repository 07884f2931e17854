"""Compares the greeter's ErrorInfo.reason with the reason enum of its catalogue.

Usage:
  reasons_client.py ADDR PROTO OUT   Compiles PROTO (what `cargo run --example catalog --
                                     --format proto` prints) with grpc_tools.protoc into
                                     OUT, greets the greeter into each of its errors, and
                                     prints one JSON line per error: its reason, and the
                                     enum value of that name.
"""

import importlib
import json
import os
import sys

import grpc
from grpc_tools import protoc

from greeter_client import call
from helloworld import helloworld_pb2_grpc

# The greetings that end in each error of the greeter, with the reason each must have.
GREETINGS = [
    ("Alice", "TOO_MANY_GREETINGS"),
    ("", "EMPTY_NAME"),
    ("Mallory", "NAME_BLOCKED"),
    ("Murphy", "GUEST_BOOK_UNAVAILABLE"),
]


def main():
    addr, proto, out = sys.argv[1:]
    directory, file = os.path.split(proto)
    if protoc.main(["protoc", f"-I{directory}", f"--python_out={out}", file]) != 0:
        sys.exit(f"grpc_tools.protoc could not compile {proto}")
    sys.path.insert(0, out)
    reasons = importlib.import_module(file.removesuffix(".proto") + "_pb2")
    Reason = reasons.GreeterExampleComErrorReason

    with grpc.insecure_channel(addr) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        call(stub, "Alice")  # the first greeting of Alice succeeds
        for name, expected in GREETINGS:
            answer = call(stub, name)
            info = answer["details"][0]
            assert info["type"] == "ErrorInfo", answer
            assert info["domain"] == "greeter.example.com", info
            # What a client does: switch on the reason with the generated constants.
            assert info["reason"] == Reason.Name(getattr(Reason, expected)), info
            print(json.dumps({"reason": info["reason"], "value": Reason.Value(info["reason"])}))
    print(json.dumps({"values": list(Reason.keys())}))


if __name__ == "__main__":
    main()
