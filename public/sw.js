/*
 * Service worker of the tablet checklist: it keeps the checklist page and the files it needs, so a
 * team member who loses the connection in the field can reload the page, or restart the browser,
 * and keep answering. Answers and photos themselves wait in IndexedDB (app/checklist/outbox.client.ts);
 * this worker never caches what the server sends back from a POST.
 */
const PAGES = "hdnd-pages-v1";
const ASSETS = "hdnd-assets-v1";
const CHECKLIST_PAGE = /^\/visits\/\d+\/?$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const key of await caches.keys()) if (!keep.has(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function cacheable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function put(cacheName, request, response) {
  if (!cacheable(response)) return;
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
}

/** The page asks, once it is loaded, for itself and its files to be kept. */
async function cacheShell(urls) {
  await Promise.all(
    urls.map(async (url) => {
      const target = new URL(url, self.location.origin);
      if (target.origin !== self.location.origin) return;
      const isPage = CHECKLIST_PAGE.test(target.pathname);
      if (!isPage && !target.pathname.startsWith("/assets/")) return;
      if (!isPage && (await caches.match(target.href))) return;
      const response = await fetch(target.href, { credentials: "same-origin", cache: "no-store" });
      await put(isPage ? PAGES : ASSETS, target.href, response);
    }),
  );
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache-shell" && Array.isArray(event.data.urls)) {
    event.waitUntil(
      cacheShell(event.data.urls)
        .then(() => event.source && event.source.postMessage({ type: "shell-cached" }))
        .catch(() => event.source && event.source.postMessage({ type: "shell-failed" })),
    );
  }
});

async function networkFirst(request, cacheName) {
  try {
    const response = await fetch(request);
    await put(cacheName, request.url, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request.url);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  await put(ASSETS, request.url, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out forgets the pages kept for offline use: they hold the user's data.
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && CHECKLIST_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request, PAGES));
  } else if (url.pathname.startsWith("/attachments/")) {
    // Photos already sent stay visible offline; they go with the pages when the user signs out.
    event.respondWith(networkFirst(request, PAGES));
  }
});
