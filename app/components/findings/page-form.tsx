import { useFetcher, useFormAction, useRevalidator } from "@remix-run/react";
import { useId, useState } from "react";
import { type DefaultValues, type FieldErrors, type FieldValues, type Resolver, get } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import type { FormActionData } from "~/forms.server";
import { clearFormDraft, useFormDraft } from "../use-form-draft";
import { useFetcherSuccess } from "./use-intent";

/** A field's message: the browser's check first, then what the server said. */
export function fieldMessage(errors: FieldErrors<FieldValues>, data: FormActionData | undefined, name: string): string | undefined {
  return (get(errors, name) as { message?: string } | undefined)?.message ?? data?.errors?.[name]?.message;
}

/**
 * One inline form of the findings page: react-hook-form with the shared zod schema, posted through
 * its own fetcher (so its errors and its "saved" stay with it), what is typed kept in a local
 * draft until the server has it; on success the form is emptied (an "add" form) and `onDone` runs.
 */
export function usePageForm<T extends FieldValues>(options: {
  resolver: Resolver<T>;
  defaults: T;
  draftKey: string;
  resetOnSuccess: boolean;
  onDone?: () => void;
}) {
  const uid = useId();
  const fetcher = useFetcher<FormActionData>();
  // The page's own path: left alone, remix-hook-form would hand the fetcher the form's absolute URL.
  const action = useFormAction();
  const form = useRemixForm<T>({
    resolver: options.resolver,
    defaultValues: options.defaults as DefaultValues<T>,
    fetcher,
    submitConfig: { method: "post", action },
  });
  const draft = useFormDraft(options.draftKey, form);
  const [saved, setSaved] = useState<string | null>(null);
  useFetcherSuccess(fetcher, (data) => {
    if (options.resetOnSuccess) form.reset(options.defaults);
    // After the reset has been written to the draft: the server has the values now.
    setTimeout(() => clearFormDraft(options.draftKey), 0);
    setSaved(data.ok ?? null);
    options.onDone?.();
  });
  return {
    fieldId: (name: string) => `${uid}-${name}`,
    fetcher,
    form,
    draft,
    saved,
    clearSaved: () => setSaved(null),
    message: (name: string) => fieldMessage(form.formState.errors, fetcher.data, name),
    busy: fetcher.state !== "idle",
  };
}

/** After a refusal the page is not reloaded by itself: this brings the others' changes in. */
export function ReloadButton() {
  const revalidator = useRevalidator();
  return (
    <button type="button" className="secondary" disabled={revalidator.state !== "idle"} onClick={() => revalidator.revalidate()}>
      Tải lại bản mới nhất
    </button>
  );
}

/** A form's submit button, and the button that closes it without saving. */
export function FormButtons({ busy, submitLabel, onCancel, cancelLabel = "Hủy" }: { busy: boolean; submitLabel: string; onCancel?: () => void; cancelLabel?: string }) {
  return (
    <div className="actions">
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  );
}
