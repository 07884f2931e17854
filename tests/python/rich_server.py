"""A Python greeter that answers every greeting with a rich error built by
grpcio-status (rpc_status.to_status), for the Rust client to decode.

Usage: rich_server.py
Prints the port it listens on (127.0.0.1, chosen by the OS), then serves until its
standard input closes.
"""

import sys
from concurrent import futures

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from helloworld import helloworld_pb2_grpc


def packed(message):
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


class RichGreeter(helloworld_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
        name = request.name
        status = status_pb2.Status(
            code=code_pb2.RESOURCE_EXHAUSTED,
            message=f"Too many greetings for {name}",
            details=[
                packed(error_details_pb2.ErrorInfo(
                    reason="TOO_MANY_GREETINGS", domain="greeter.python.example.com",
                    metadata={"name": name, "limit": "1"})),
                packed(error_details_pb2.QuotaFailure(violations=[
                    error_details_pb2.QuotaFailure.Violation(
                        subject=f"name: {name}", description="Limit one greeting per person.")])),
                packed(error_details_pb2.DebugInfo(
                    stack_entries=["greeter.py:42 SayHello", "server.py:7 handle"],
                    detail="served by the Python greeter")),
                packed(error_details_pb2.BadRequest(field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field="name", description=f"{name} was greeted already",
                        reason="ALREADY_GREETED")])),
            ],
        )
        context.abort_with_status(rpc_status.to_status(status))


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    helloworld_pb2_grpc.add_GreeterServicer_to_server(RichGreeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    sys.stdin.read()
    server.stop(grace=None)


if __name__ == "__main__":
    main()
