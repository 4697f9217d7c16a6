import { useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import type { FormActionData } from "~/forms.server";
import { clearFormDraft } from "./use-form-draft";

/**
 * What an edit page shows after a save: the action's message, or — when a "new" form redirected
 * here with ?saved — the creation message (and that form's draft is dropped: the server has it).
 */
export function useSaveOutcome(actionData: FormActionData | undefined, created?: { draftKey: string; message: string }) {
  const [params] = useSearchParams();
  const justCreated = created !== undefined && params.get("saved") !== null;
  const draftKey = created?.draftKey;
  useEffect(() => {
    if (justCreated && draftKey) clearFormDraft(draftKey);
  }, [justCreated, draftKey]);
  const ok = actionData?.ok;
  return {
    message: ok ?? (justCreated ? created.message : null),
    saved: Boolean(ok),
    errors: actionData?.errors,
  };
}

export function SavedNotice({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="notice-ok" role="status">
      {message}
    </p>
  ) : null;
}
