import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { RESULTS_DIR } from "./paths";
import { startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** One production server for the whole run; specs read its address with inject("baseURL"). */
export default async function setup(project: TestProject) {
  rmSync(path.join(RESULTS_DIR, "failures"), { recursive: true, force: true });
  const server = await startServer();
  project.provide("baseURL", server.baseURL);
  return async () => {
    await server.stop();
  };
}
