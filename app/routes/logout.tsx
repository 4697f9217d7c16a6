import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { requireSameOrigin } from "~/auth/same-origin.server";
import { signOut } from "~/auth/session.server";

// Signing out changes state, so it is a POST; a GET only sends the user home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  return signOut(request);
}
