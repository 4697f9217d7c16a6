import { useEffect, useState } from "react";

/**
 * Registers the service worker and asks it to keep this page and the files it loaded, so the
 * checklist opens again without a connection. True once they are kept.
 */
export function useOfflineShell(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !navigator.onLine) return;
    let cancelled = false;
    const onMessage = (event: MessageEvent) => {
      if (!cancelled && event.data?.type === "shell-cached") setReady(true);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    (async () => {
      try {
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        const registration = await navigator.serviceWorker.ready;
        const urls = [
          window.location.pathname,
          ...performance
            .getEntriesByType("resource")
            .map((entry) => entry.name)
            .filter((name) => new URL(name).origin === window.location.origin && new URL(name).pathname.startsWith("/assets/")),
        ];
        registration.active?.postMessage({ type: "cache-shell", urls });
      } catch {
        // Without a service worker the page still works online, and answers still wait in IndexedDB.
      }
    })();
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener("message", onMessage);
    };
  }, []);
  return ready;
}
