import { type TextareaHTMLAttributes, useEffect, useRef, useState } from "react";

/**
 * A text area that hands its text over after a pause in typing or when it loses focus, so a note
 * becomes one saved answer rather than one per key. The pending text is also handed over when the
 * page is hidden (the tablet locks, the tab closes).
 */
export function DebouncedTextArea({
  value,
  onCommit,
  delay = 800,
  ...props
}: { value: string; onCommit: (text: string) => void; delay?: number } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange">) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  const timer = useRef<number | null>(null);
  const latest = useRef({ text, value, onCommit });
  latest.current = { text, value, onCommit };

  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);

  useEffect(() => {
    const flush = () => {
      const { text: t, value: v, onCommit: commit } = latest.current;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      if (t !== v) commit(t);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  function schedule(next: string) {
    setText(next);
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      if (next !== latest.current.value) latest.current.onCommit(next);
    }, delay);
  }

  return (
    <textarea
      {...props}
      value={text}
      onChange={(e) => schedule(e.target.value)}
      onFocus={() => (focused.current = true)}
      onBlur={() => {
        focused.current = false;
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = null;
        if (text !== value) onCommit(text);
      }}
    />
  );
}
