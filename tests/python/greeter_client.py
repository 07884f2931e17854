"""gRPC's error-details client, against the Rust greeter.

Usage:
  greeter_client.py ADDR example NAME   Greets NAME twice, as gRPC's own example client
                                        does, and asserts, here in Python, every field
                                        of the second answer's rich error.
  greeter_client.py ADDR dump NAME...   Greets each NAME once and prints one JSON line
                                        per call with what rpc_status.from_call decoded.

Reads the names as UTF-8 JSON strings when they start with '"', so that tests can pass
any text (newlines included) on the command line.
"""

import json
import sys

import grpc
from google.protobuf import json_format
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from helloworld import helloworld_pb2, helloworld_pb2_grpc

DETAIL_TYPES = {
    "ErrorInfo": error_details_pb2.ErrorInfo,
    "QuotaFailure": error_details_pb2.QuotaFailure,
    "BadRequest": error_details_pb2.BadRequest,
    "DebugInfo": error_details_pb2.DebugInfo,
    "RetryInfo": error_details_pb2.RetryInfo,
    "PreconditionFailure": error_details_pb2.PreconditionFailure,
    "RequestInfo": error_details_pb2.RequestInfo,
    "ResourceInfo": error_details_pb2.ResourceInfo,
    "Help": error_details_pb2.Help,
    "LocalizedMessage": error_details_pb2.LocalizedMessage,
}


def unpack(any_detail):
    """One packed detail as a dict, unpacked with the official google.rpc classes."""
    for name, cls in DETAIL_TYPES.items():
        if any_detail.Is(cls.DESCRIPTOR):
            message = cls()
            if not any_detail.Unpack(message):
                raise AssertionError(f"{name} did not unpack")
            if name == "ErrorInfo":
                return {"type": name, "reason": message.reason, "domain": message.domain,
                        "metadata": dict(message.metadata)}
            if name == "QuotaFailure":
                return {"type": name, "violations": [
                    {"subject": v.subject, "description": v.description} for v in message.violations]}
            if name == "BadRequest":
                return {"type": name, "field_violations": [
                    {"field": v.field, "description": v.description, "reason": v.reason}
                    for v in message.field_violations]}
            if name == "DebugInfo":
                return {"type": name, "stack_entries": list(message.stack_entries),
                        "detail": message.detail}
            # The others, every field, as protobuf's JSON mapping names them.
            fields = json_format.MessageToDict(message, preserving_proto_field_name=True)
            return {"type": name, **fields}
    return {"type_url": any_detail.type_url}


def call(stub, name):
    """One SayHello, as a dict: the reply, or the rich error from_call decoded."""
    try:
        reply = stub.SayHello(helloworld_pb2.HelloRequest(name=name))
        return {"reply": reply.message}
    except grpc.RpcError as err:
        # from_call raises ValueError when the details' code or message differ from the
        # status's own: that must never happen.
        status = rpc_status.from_call(err)
        if status is None:
            return {"code": err.code().value[0], "message": err.details(), "details": None}
        assert status.code == err.code().value[0], (status.code, err.code())
        assert status.message == err.details(), (status.message, err.details())
        return {"code": status.code, "message": status.message,
                "details": [unpack(d) for d in status.details]}


def example(stub, name):
    first = call(stub, name)
    assert first == {"reply": f"Hello, {name}!"}, first
    second = call(stub, name)
    assert second["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], second
    assert second["message"] == "Request limit exceeded.", second
    info, quota = second["details"]
    assert info == {"type": "ErrorInfo", "reason": "TOO_MANY_GREETINGS",
                    "domain": "greeter.example.com", "metadata": {"name": name}}, info
    assert quota == {"type": "QuotaFailure", "violations": [
        {"subject": f"name: {name}", "description": "Limit one greeting per person."}]}, quota
    print(json.dumps(second, ensure_ascii=False))


def main():
    addr, mode, *names = sys.argv[1:]
    names = [json.loads(n) if n.startswith('"') else n for n in names]
    with grpc.insecure_channel(addr) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        if mode == "example":
            example(stub, names[0])
        elif mode == "dump":
            for name in names:
                print(json.dumps(call(stub, name), ensure_ascii=False))
        else:
            sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
