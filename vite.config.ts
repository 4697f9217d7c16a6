/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { type Plugin, defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The dev server loads the app's server code on the first request; ask for /healthz as soon as it
 * listens, so the database is opened (and the demo accounts printed) at start, as in production.
 */
function openDatabaseAtStart(): Plugin {
  return {
    name: "open-database-at-start",
    apply: "serve",
    configureServer(server) {
      server.httpServer?.once("listening", () => {
        const address = server.httpServer?.address();
        if (!address || typeof address === "string") return;
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        fetch(`http://${host}:${address.port}/healthz`).catch(() => {});
      });
    },
  };
}

export default defineConfig({
  server: { port: 3000 },
  // Pre-bundled at start: found later, on the first form page, they made the dev server reload
  // the page mid-request, and the first visit to that page showed an error.
  optimizeDeps: { include: ["react-hook-form", "remix-hook-form", "@hookform/resolvers/zod", "zod"] },
  plugins: [
    // The Remix plugin stays out of Vitest: tests import modules directly.
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: true,
        },
      }),
    tsconfigPaths(),
    !process.env.VITEST && openDatabaseAtStart(),
  ],
  ssr: {
    // PGlite loads its WASM and data files relative to its own module: never bundle it.
    external: ["@electric-sql/pglite"],
  },
  test: {
    include: ["app/**/*.test.ts", "bench/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "templates/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["tests/support/global-setup.ts"],
    env: { PGLITE_DATA_DIR: "memory://", DEMO_DATA: "0", TZ: "America/New_York" },
  },
});
