import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getActor } from "~/auth/session.server";
import { AppShell } from "~/components/app-shell";
import { CONNECTION_LOST, ErrorPanel } from "~/components/error-panel";
import { useNonce } from "~/components/nonce-provider";
import { countUnreadNotifications } from "~/models/notification.server";
// Inlined: 3 KB gzip in the page costs less than a round trip for a render-blocking stylesheet on a
// slow mobile link (the checklist's largest contentful paint, docs/scaling.md).
import appCss from "~/styles/app.css?inline";

// zod keeps its settings in this global and reads them when a schema is made (zod/v4/core/core.js).
const ZOD_WITHOUT_EVAL = "(globalThis.__zod_globalConfig ??= {}).jitless = true;";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Giám sát HĐND" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  return {
    actor: actor && { id: actor.id, fullName: actor.fullName, role: actor.role, unitId: actor.unitId, unitName: actor.unitName },
    unreadNotifications: actor ? await countUnreadNotifications(actor) : 0,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Before any module: zod would probe for eval (to compile its parsers), which the policy forbids and reports.
            suppressHydrationWarning: the browser hides the nonce attribute from the DOM React hydrates. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
        <Meta />
        <style nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: appCss }} />
        <Links />
      </head>
      <body>
        <AppShell actor={data?.actor ?? null} unreadNotifications={data?.unreadNotifications ?? 0}>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return <ErrorPanel status={error.status} />;
  // A fetch that never reached the server (offline, server down) is not a server error.
  const unreachable = typeof navigator !== "undefined" && (!navigator.onLine || (error instanceof TypeError && /fetch/i.test(error.message)));
  return <ErrorPanel status={unreachable ? CONNECTION_LOST : 500} />;
}
