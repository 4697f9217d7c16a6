import { useCallback, useEffect, useRef, useState } from "react";
import type { DefaultValues, FieldValues, KeepStateOptions, Path, UseFormWatch } from "react-hook-form";

const PREFIX = "draft:";

/**
 * Keeps what the user typed in localStorage while a form is open, so that a lost connection, a
 * failed submit or a reload does not lose it. A draft found on the next visit is put back and
 * announced (the user may discard it); it is dropped once the server has accepted the form.
 * Secret fields (passwords) are never stored.
 */
export function useFormDraft<T extends FieldValues>(
  key: string,
  form: { watch: UseFormWatch<T>; reset: (values?: T | DefaultValues<T>, options?: KeepStateOptions) => void },
  options: { exclude?: Path<T>[]; saved?: boolean } = {},
) {
  const storageKey = PREFIX + key;
  const checked = useRef(false);
  const [restored, setRestored] = useState(false);
  const { watch, reset } = form;
  const excludeKey = (options.exclude ?? []).join(",");

  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    try {
      const raw = window.localStorage.getItem(storageKey);
      if (raw) {
        reset(JSON.parse(raw) as T, { keepDefaultValues: true });
        setRestored(true);
      }
    } catch {
      window.localStorage.removeItem(storageKey);
    }
  }, [storageKey, reset]);

  useEffect(() => {
    const subscription = watch((values) => {
      const copy: Record<string, unknown> = { ...values };
      for (const name of excludeKey ? excludeKey.split(",") : []) delete copy[name];
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(copy));
      } catch {
        // Storage full or disabled: the form still works, only the safety net is missing.
      }
    });
    return () => subscription.unsubscribe();
  }, [watch, storageKey, excludeKey]);

  useEffect(() => {
    if (options.saved) {
      window.localStorage.removeItem(storageKey);
      setRestored(false);
    }
  }, [options.saved, storageKey]);

  const discard = useCallback(() => {
    window.localStorage.removeItem(storageKey);
    setRestored(false);
    reset();
  }, [storageKey, reset]);

  return { restored, discard };
}

/** Drops a draft once the server accepted it (for forms that redirect away on success). */
export function clearFormDraft(key: string) {
  window.localStorage.removeItem(PREFIX + key);
}

export function DraftNotice({ restored, discard }: { restored: boolean; discard: () => void }) {
  if (!restored) return null;
  return (
    <div className="notice-draft" role="status">
      Đã khôi phục nội dung bạn nhập trước đó nhưng chưa được lưu.{" "}
      <button type="button" className="secondary" onClick={discard}>
        Bỏ bản nháp
      </button>
    </div>
  );
}
