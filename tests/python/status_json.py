"""protobuf's own proto3 JSON mapping of a google.rpc.Status, the reference for the
JSON errors rich-status writes over HTTP.

Usage:
  status_json.py BASE64   Decodes the base64 google.rpc.Status and prints it as JSON
                          (json_format.MessageToDict, every Any by its registered type).
"""

import base64
import json
import sys

from google.protobuf import json_format
from google.rpc import error_details_pb2  # noqa: F401  registers the detail types
from google.rpc import status_pb2


def main():
    status = status_pb2.Status.FromString(base64.b64decode(sys.argv[1]))
    print(json.dumps(json_format.MessageToDict(status), ensure_ascii=False))


if __name__ == "__main__":
    main()
