// A client nobody here wrote: @connectrpc/connect-node, over the Connect protocol (JSON
// or binary), gRPC-Web or gRPC, with protobuf-es reading the messages from a descriptor
// set of the project's proto/ (helloworld and google.rpc), so that each detail decodes
// as its own type.
//
// Usage:
//   node connect_client.js DESCRIPTORS URL PROTOCOL HTTP_VERSION NAMES_JSON [OPERATOR_TOKEN]
//
// PROTOCOL is connect-json, connect-binary, grpc-web or grpc; HTTP_VERSION is 1.1 or 2
// (gRPC needs 2); NAMES_JSON a JSON array of names, all called at once. Prints
// one JSON array: per call {"reply"} or {"code", "message", "details": [{"type", ...}]},
// each detail in protobuf's JSON form with proto field names.

const fs = require("fs");
const { createClient, ConnectError } = require("@connectrpc/connect");
const {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} = require("@connectrpc/connect-node");
const { createFileRegistry, fromBinary, toJson } = require("@bufbuild/protobuf");
const { FileDescriptorSetSchema } = require("@bufbuild/protobuf/wkt");

const OPERATOR_HEADER = "x-greeter-operator-token";

function detail(registry, raw) {
  const type = raw.desc ? raw.desc.typeName : raw.type;
  const desc = registry.getMessage(type);
  if (!desc) {
    return { type, unknown: true };
  }
  const message = raw.desc ? raw.value : fromBinary(desc, raw.value);
  return { type: type.replace(/^google\.rpc\./, ""), ...toJson(desc, message, { useProtoFieldName: true }) };
}

async function main() {
  const [descriptors, baseUrl, protocol, httpVersion, names, token] = process.argv.slice(2);
  const registry = createFileRegistry(
    fromBinary(FileDescriptorSetSchema, fs.readFileSync(descriptors)),
  );
  const transport = {
    "connect-json": () => createConnectTransport({ baseUrl, httpVersion }),
    "connect-binary": () => createConnectTransport({ baseUrl, httpVersion, useBinaryFormat: true }),
    "grpc-web": () => createGrpcWebTransport({ baseUrl, httpVersion }),
    grpc: () => createGrpcTransport({ baseUrl }),
  }[protocol]();
  const client = createClient(registry.getService("helloworld.Greeter"), transport);
  const headers = token ? { [OPERATOR_HEADER]: token } : {};
  const results = await Promise.all(
    JSON.parse(names).map(async (name) => {
      try {
        const reply = await client.sayHello({ name }, { headers });
        return { reply: reply.message };
      } catch (e) {
        const err = ConnectError.from(e);
        return {
          code: err.code,
          message: err.rawMessage,
          details: err.details.map((raw) => detail(registry, raw)),
        };
      }
    }),
  );
  console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
