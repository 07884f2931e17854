// The greeter's page: SayHello over gRPC-Web or the Connect protocol (connect-web), or
// over the REST route, and
// each error drawn from its google.rpc details, never from its message: a field
// violation beside the field it names, a quota failure as what the quota was about,
// a retry delay as when the button works again, the ErrorInfo reason and domain, and
// DebugInfo only when it arrived. The same rendering serves every protocol: the REST
// route's AIP-193 JSON details are read into the same protobuf-es messages. The tonic
// greeter (greeter_server) serves gRPC-Web and REST, the connect-rust one
// (greeter_connect) all three.

import { fromJson, type DescMessage, type JsonObject, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcWebTransport } from "@connectrpc/connect-web";
import {
  BadRequestSchema,
  DebugInfoSchema,
  ErrorInfoSchema,
  QuotaFailureSchema,
  RetryInfoSchema,
  type BadRequest,
  type DebugInfo,
  type ErrorInfo,
  type QuotaFailure,
  type RetryInfo,
} from "./gen/google/rpc/error_details_pb";
import { Greeter } from "./gen/helloworld/helloworld_pb";

/** The metadata key by which the greeter's operators get DebugInfo. */
const OPERATOR_HEADER = "x-greeter-operator-token";

/** What a call gave: the greeting, or the error and the details the page draws. */
type Outcome =
  | { reply: string }
  | {
      code: string;
      message: string;
      errorInfo?: ErrorInfo;
      badRequest?: BadRequest;
      quotaFailure?: QuotaFailure;
      retryInfo?: RetryInfo;
      debugInfo?: DebugInfo;
    };

const grpcWeb = createClient(Greeter, createGrpcWebTransport({ baseUrl: location.origin }));
const connect = createClient(Greeter, createConnectTransport({ baseUrl: location.origin }));

/** A code's name as gRPC spells it: `INVALID_ARGUMENT`, `CANCELLED`. */
function codeName(code: Code): string {
  if (code === Code.Canceled) {
    return "CANCELLED";
  }
  return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** A call through connect-web's client `client`: gRPC-Web or the Connect protocol. */
async function overConnectWeb(
  client: typeof grpcWeb,
  name: string,
  headers: HeadersInit,
): Promise<Outcome> {
  try {
    const reply = await client.sayHello({ name }, { headers });
    return { reply: reply.message };
  } catch (e) {
    const err = ConnectError.from(e);
    return {
      code: codeName(err.code),
      message: err.rawMessage,
      errorInfo: err.findDetails(ErrorInfoSchema)[0],
      badRequest: err.findDetails(BadRequestSchema)[0],
      quotaFailure: err.findDetails(QuotaFailureSchema)[0],
      retryInfo: err.findDetails(RetryInfoSchema)[0],
      debugInfo: err.findDetails(DebugInfoSchema)[0],
    };
  }
}

/** The first detail of `schema`'s type in an AIP-193 `details` list, read from JSON. */
function jsonDetail<Desc extends DescMessage>(
  details: JsonObject[],
  schema: Desc,
): MessageShape<Desc> | undefined {
  for (const detail of details) {
    const { "@type": type, ...fields } = detail;
    if (typeof type === "string" && type.endsWith(`/${schema.typeName}`)) {
      try {
        return fromJson(schema, fields, { ignoreUnknownFields: true });
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

async function overRest(name: string, headers: HeadersInit): Promise<Outcome> {
  const response = await fetch(`/v1/greet/${encodeURIComponent(name)}`, { headers });
  if (response.ok) {
    return { reply: await response.text() };
  }
  const error = (await response.json()).error ?? {};
  const details: JsonObject[] = Array.isArray(error.details) ? error.details : [];
  return {
    code: String(error.status ?? "UNKNOWN"),
    message: String(error.message ?? ""),
    errorInfo: jsonDetail(details, ErrorInfoSchema),
    badRequest: jsonDetail(details, BadRequestSchema),
    quotaFailure: jsonDetail(details, QuotaFailureSchema),
    retryInfo: jsonDetail(details, RetryInfoSchema),
    debugInfo: jsonDetail(details, DebugInfoSchema),
  };
}

function element(tag: string, className: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function render(form: HTMLFormElement, result: HTMLElement, button: HTMLButtonElement, outcome: Outcome) {
  result.replaceChildren();
  for (const old of document.querySelectorAll("[data-violation-for]")) {
    old.remove();
  }
  if ("reply" in outcome) {
    result.dataset.code = "OK";
    result.dataset.reason = "";
    result.append(element("div", "reply", outcome.reply));
    return;
  }
  result.dataset.code = outcome.code;
  result.dataset.reason = outcome.errorInfo?.reason ?? "";
  result.append(element("div", "code", outcome.code), element("div", "message", outcome.message));
  if (outcome.errorInfo) {
    const { reason, domain } = outcome.errorInfo;
    result.append(element("div", "reason", `${reason} (${domain})`));
  }
  for (const violation of outcome.badRequest?.fieldViolations ?? []) {
    const localized = violation.localizedMessage?.message;
    const text = localized ? `${violation.description} (${localized})` : violation.description;
    const note = element("div", "violation", text);
    note.dataset.violationFor = violation.field;
    // Beside the field it names when the form has one, else in the result.
    const field = form.elements.namedItem(violation.field);
    if (field instanceof HTMLInputElement) {
      (field.closest("label") ?? field).after(note);
    } else {
      result.append(note);
    }
  }
  for (const violation of outcome.quotaFailure?.violations ?? []) {
    result.append(element("div", "quota", `${violation.subject}: ${violation.description}`));
  }
  const delay = outcome.retryInfo?.retryDelay;
  if (delay) {
    const millis = Number(delay.seconds) * 1000 + Math.floor(delay.nanos / 1e6);
    result.append(element("div", "retry", `Try again in ${(millis / 1000).toFixed(1)} s.`));
    button.disabled = true;
    setTimeout(() => {
      button.disabled = false;
    }, millis);
  }
  if (outcome.debugInfo) {
    const lines = [outcome.debugInfo.detail, ...outcome.debugInfo.stackEntries];
    result.append(element("pre", "debug", lines.join("\n")));
  }
}

function main() {
  const form = document.getElementById("greet") as HTMLFormElement;
  const result = document.getElementById("result") as HTMLElement;
  const button = form.querySelector("button[type=submit]") as HTMLButtonElement;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const token = String(data.get("operator-token") ?? "");
    const headers: Record<string, string> = token ? { [OPERATOR_HEADER]: token } : {};
    const protocol = data.get("protocol");
    result.dataset.code = "";
    result.dataset.reason = "";
    try {
      const outcome =
        protocol === "rest"
          ? await overRest(name, headers)
          : await overConnectWeb(protocol === "connect" ? connect : grpcWeb, name, headers);
      render(form, result, button, outcome);
    } catch (e) {
      result.dataset.code = "UNKNOWN";
      result.replaceChildren(element("div", "message", `The call failed: ${String(e)}`));
    }
  });
}

main();
