/**
 * What every posted text goes through before it is validated: control characters no typed text
 * needs are dropped (NUL among them, which PostgreSQL refuses in text and jsonb; tab, line feed
 * and carriage return stay), and a lone UTF-16 surrogate, which no encoding can store, becomes
 * U+FFFD. Normalising to NFC is left to each schema, beside its length rule.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanInputText(text: string): string {
  return text.replace(CONTROL, "").replace(LONE_SURROGATE, "\ufffd");
}

/**
 * The same for every string inside a parsed form or JSON body (not the keys: unknown keys are
 * dropped by the schemas). Walks with its own stack, so a value nested 100 000 deep cannot
 * overflow the call stack.
 */
export function cleanInput<T>(value: T): T {
  if (typeof value === "string") return cleanInputText(value) as T;
  if (!value || typeof value !== "object") return value;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const item = node[key];
      if (typeof item === "string") node[key] = cleanInputText(item);
      else if (item && typeof item === "object" && !(item instanceof Blob)) stack.push(item);
    }
  }
  return value;
}
