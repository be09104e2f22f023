// A small LSP client for the real yaml-language-server: opens a self-assessment that
// points at acquis' generated schema (modeline) and checks what an editor would show.
//
// Usage: node check.mjs FILE.yaml LINE COLUMN
//   FILE.yaml has a misspelled question id and a bad enum value; LINE/COLUMN (0-based)
//   is a place where the value of `ecris.vetting_legal_form` is typed, for completion.
// Prints one JSON object with the diagnostics, completion labels and hover text; exits 0.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [file, line, column] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const server = spawn(process.execPath, [
  resolve(here, "node_modules/yaml-language-server/bin/yaml-language-server"),
  "--stdio",
]);
const uri = pathToFileURL(resolve(file)).href;
const text = readFileSync(file, "utf8");

let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = [];
const settings = {
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  schemaStore: { enable: false },
  schemas: {},
};

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((ok) => pending.set(id, ok));
}
function notify(method, params) {
  send({ method, params });
}

server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.slice(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.slice(headerEnd + 4 + length);
    if (message.id !== undefined && message.method) {
      // A request from the server: answer configuration, acknowledge the rest.
      const result =
        message.method === "workspace/configuration"
          ? message.params.items.map((item) => (item.section === "yaml" ? settings : null))
          : null;
      send({ id: message.id, result });
    } else if (message.id !== undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === "textDocument/publishDiagnostics" && message.params.uri === uri) {
      diagnostics.splice(0, diagnostics.length, ...message.params.diagnostics);
    }
  }
});

const timeout = setTimeout(() => {
  console.error("yaml-language-server did not answer in time");
  process.exit(3);
}, 60000);

await request("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(dirname(resolve(file))).href,
  capabilities: {
    workspace: { configuration: true },
    textDocument: {
      completion: { completionItem: { snippetSupport: false } },
      hover: { contentFormat: ["plaintext", "markdown"] },
      publishDiagnostics: {},
    },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings: { yaml: settings } });
notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });

// Diagnostics arrive asynchronously; wait until they settle.
for (let i = 0; i < 100 && diagnostics.length < 2; i++) {
  await new Promise((ok) => setTimeout(ok, 100));
}
await new Promise((ok) => setTimeout(ok, 500));

const position = { line: Number(line), character: Number(column) };
const completion = await request("textDocument/completion", { textDocument: { uri }, position });
const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
const keyLine = text.split("\n").findIndex((l) => /^\s+vetting_roles:/.test(l));
const hover = await request("textDocument/hover", {
  textDocument: { uri },
  position: { line: keyLine, character: 6 },
});
const hoverText = JSON.stringify(hover?.contents ?? "");

clearTimeout(timeout);
console.log(
  JSON.stringify({
    diagnostics: diagnostics.map((d) => ({ line: d.range.start.line, message: d.message })),
    completion: items.map((i) => i.label),
    hover: hoverText,
  }),
);
server.kill();
process.exit(0);
