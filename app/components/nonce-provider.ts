import { createContext, useContext } from "react";

/**
 * The nonce of this response's Content-Security-Policy, for the inline <script> and <style> tags
 * the page renders (app/entry.server.tsx makes it; app/entry.client.tsx reads it back from the page,
 * so that styles added after hydration, on a client-side navigation, carry it too).
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
