"""A client nobody here wrote: Python's connectrpc (ConnectRPC's own, from PyPI) over the
Connect protocol, with google.protobuf's classes (its compat codecs), against the greeter
on connect-rust.

Usage:
  connect_client.py URL CODEC NAME... [--token TOKEN]

CODEC is json or binary. Greets each NAME once (UTF-8 JSON strings when they start with
'"') and prints one JSON line per call: {"reply"} or {"code", "message", "details":
[{"type", ...fields}]}, each detail unpacked with the official google.rpc classes.
"""

import json
import sys

from connectrpc.client import ConnectClientSync
from connectrpc.compat import google_protobuf_binary_codec, google_protobuf_json_codec
from connectrpc.errors import ConnectError
from connectrpc.method import IdempotencyLevel, MethodInfo, StreamType
from google.protobuf import any_pb2

from greeter_client import unpack
from helloworld import helloworld_pb2

SAY_HELLO = MethodInfo(
    name="SayHello",
    service_name="helloworld.Greeter",
    input=helloworld_pb2.HelloRequest,
    output=helloworld_pb2.HelloReply,
    idempotency_level=IdempotencyLevel.UNKNOWN,
    stream_type=StreamType.UNARY,
)


def main():
    args = sys.argv[1:]
    headers = {}
    if "--token" in args:
        at = args.index("--token")
        headers["x-greeter-operator-token"] = args[at + 1]
        del args[at : at + 2]
    url, codec, names = args[0], args[1], args[2:]
    codec = google_protobuf_json_codec() if codec == "json" else google_protobuf_binary_codec()
    with ConnectClientSync(url, codec=codec) as client:
        for name in names:
            if name.startswith('"'):
                name = json.loads(name)
            request = helloworld_pb2.HelloRequest(name=name)
            try:
                reply = client.execute_unary(request=request, method=SAY_HELLO, headers=headers)
                print(json.dumps({"reply": reply.message}, ensure_ascii=False))
            except ConnectError as error:
                details = []
                for detail in error.details:
                    packed = any_pb2.Any(
                        type_url="type.googleapis.com/" + detail.type_name,
                        value=detail.message_bytes,
                    )
                    details.append(unpack(packed))
                out = {"code": error.code.name, "message": error.message, "details": details}
                print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
