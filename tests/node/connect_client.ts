// A client nobody here wrote: @connectrpc/connect-node, over the Connect protocol (JSON
// or binary), gRPC-Web or gRPC, with the protobuf-es types generated from the project's
// proto/ (the page's, in examples/web/src/gen): each detail read with findDetails.
// Bundled for Node by esbuild, its packages left to NODE_PATH (tests/src/node.rs).
//
// Usage:
//   node connect_client.js URL PROTOCOL HTTP_VERSION NAMES_JSON [OPERATOR_TOKEN]
//
// PROTOCOL is connect-json, connect-binary, grpc-web or grpc; HTTP_VERSION is 1.1 or 2
// (gRPC needs 2); NAMES_JSON a JSON array of names, all called at once. Prints one JSON
// array: per call {"reply"} or {"code", "message", "details": [{"type", ...}]}, each
// detail in protobuf's JSON form with proto field names, in the order sent.

import { toJson, type DescMessage } from "@bufbuild/protobuf";
import { ConnectError, createClient } from "@connectrpc/connect";
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import {
  BadRequestSchema,
  DebugInfoSchema,
  ErrorInfoSchema,
  HelpSchema,
  LocalizedMessageSchema,
  PreconditionFailureSchema,
  QuotaFailureSchema,
  RequestInfoSchema,
  ResourceInfoSchema,
  RetryInfoSchema,
} from "../../examples/web/src/gen/google/rpc/error_details_pb";
import { Greeter } from "../../examples/web/src/gen/helloworld/helloworld_pb";

const OPERATOR_HEADER = "x-greeter-operator-token";

const SCHEMAS: DescMessage[] = [
  ErrorInfoSchema,
  RetryInfoSchema,
  DebugInfoSchema,
  QuotaFailureSchema,
  PreconditionFailureSchema,
  BadRequestSchema,
  RequestInfoSchema,
  ResourceInfoSchema,
  HelpSchema,
  LocalizedMessageSchema,
];

/** Every detail of `err`, in the order sent, each found with `findDetails`. */
function details(err: ConnectError) {
  const found = new Map(SCHEMAS.map((schema) => [schema.typeName, err.findDetails(schema)]));
  return err.details.map((raw) => {
    const type = "desc" in raw ? raw.desc.typeName : raw.type;
    const schema = SCHEMAS.find((s) => s.typeName === type);
    const message = found.get(type)?.shift();
    if (!schema || !message) {
      return { type, unknown: true };
    }
    const fields = toJson(schema, message, { useProtoFieldName: true }) as object;
    return { type: type.replace(/^google\.rpc\./, ""), ...fields };
  });
}

async function main() {
  const [baseUrl, protocol, httpVersion, names, token] = process.argv.slice(2);
  const version = httpVersion as "1.1" | "2";
  const transports: Record<string, () => ReturnType<typeof createConnectTransport>> = {
    "connect-json": () => createConnectTransport({ baseUrl, httpVersion: version }),
    "connect-binary": () =>
      createConnectTransport({ baseUrl, httpVersion: version, useBinaryFormat: true }),
    "grpc-web": () => createGrpcWebTransport({ baseUrl, httpVersion: version }),
    grpc: () => createGrpcTransport({ baseUrl }),
  };
  const client = createClient(Greeter, transports[protocol]());
  const headers: Record<string, string> = token ? { [OPERATOR_HEADER]: token } : {};
  const results = await Promise.all(
    (JSON.parse(names) as string[]).map(async (name) => {
      try {
        const reply = await client.sayHello({ name }, { headers });
        return { reply: reply.message };
      } catch (e) {
        const err = ConnectError.from(e);
        return { code: err.code, message: err.rawMessage, details: details(err) };
      }
    }),
  );
  console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
