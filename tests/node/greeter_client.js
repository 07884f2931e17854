// The Node client of the interop tests: @grpc/grpc-js against the Rust greeter, the
// details decoded with protobufjs from the project's own proto/.
//
// Usage:
//   node greeter_client.js ADDR dump NAME...          one JSON line per call
//   node greeter_client.js ADDR concurrent N NAME     N calls at once, one JSON line each
//
// Names are JSON strings, so that any text passes on the command line. Each line is
// {"reply"} or {"code", "message" (err.details), "inner_code", "inner_message",
// "details": [{"type", ...fields}]}.

const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
const protobuf = require("protobufjs");
const path = require("path");

const PROTO = path.join(__dirname, "..", "..", "proto");

const hello = grpc.loadPackageDefinition(
  protoLoader.loadSync("helloworld/helloworld.proto", { includeDirs: [PROTO] }),
).helloworld;

const root = new protobuf.Root();
// google/protobuf/*.proto come with protobufjs; the rest is the project's.
root.resolvePath = (_origin, target) =>
  target.startsWith("google/protobuf/") ? target : path.join(PROTO, target);
root.loadSync(["google/rpc/status.proto", "google/rpc/error_details.proto"], { keepCase: true });
const Status = root.lookupType("google.rpc.Status");

function detail(any) {
  const name = any.type_url.slice(any.type_url.lastIndexOf("/") + 1);
  const type = root.lookupType(name);
  const fields = type.toObject(type.decode(any.value), { longs: String, defaults: false });
  return { type: name.replace(/^google\.rpc\./, ""), ...fields };
}

function call(stub, name) {
  return new Promise((resolve) => {
    stub.SayHello({ name }, (err, reply) => {
      if (!err) {
        resolve({ reply: reply.message });
        return;
      }
      const bin = err.metadata.get("grpc-status-details-bin");
      const out = { code: err.code, message: err.details };
      if (bin.length > 0) {
        const status = Status.decode(bin[0]);
        out.inner_code = status.code;
        out.inner_message = status.message;
        out.details = status.details.map(detail);
      }
      resolve(out);
    });
  });
}

async function main() {
  const [addr, mode, ...rest] = process.argv.slice(2);
  const stub = new hello.Greeter(addr, grpc.credentials.createInsecure());
  if (mode === "dump") {
    for (const name of rest.map((n) => JSON.parse(n))) {
      console.log(JSON.stringify(await call(stub, name)));
    }
  } else if (mode === "concurrent") {
    const name = JSON.parse(rest[1]);
    const all = await Promise.all(Array.from({ length: Number(rest[0]) }, () => call(stub, name)));
    for (const out of all) console.log(JSON.stringify(out));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  stub.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
