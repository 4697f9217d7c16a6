import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** Git-ignored: server log, screenshots for people to look at, screenshots of failures. */
export const RESULTS_DIR = path.join(ROOT, "test-results", "e2e");
export const SERVER_BUILD = path.join(ROOT, "build", "server", "index.js");
export const SERVE_CLI = path.join(ROOT, "scripts", "serve.mjs");
