import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, forwardRef } from "react";

/** `id` defaults to `name`; give one when the same form appears several times on a page. */
type Common = { label: string; name: string; id?: string; error?: string; hint?: ReactNode };

function describedBy(name: string, error?: string, hint?: ReactNode) {
  return [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ name, error, hint }: { name: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <span id={`${name}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${name}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

// The fields forward their ref: react-hook-form's register() reads values through it, and a plain
// function component would drop it (React 18), leaving every value undefined.
export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, name, id = name, error, hint, ...input },
  ref,
) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={ref} id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
      <Messages name={id} error={error} hint={hint} />
    </div>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { label, name, id = name, error, hint, ...input },
  ref,
) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea ref={ref} id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
      <Messages name={id} error={error} hint={hint} />
    </div>
  );
});

type SelectProps = Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string | number; label: string }[]; placeholder?: string };

export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField(
  { label, name, id = name, error, hint, options, placeholder, ...select },
  ref,
) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select ref={ref} id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages name={id} error={error} hint={hint} />
    </div>
  );
});

export const CheckboxField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function CheckboxField(
  { label, name, error, ...input },
  ref,
) {
  return (
    <div className="field">
      <label className="checkbox" htmlFor={name}>
        <input ref={ref} id={name} name={name} type="checkbox" {...input} />
        {label}
      </label>
      <Messages name={name} error={error} />
    </div>
  );
});

export function FormError({ message }: { message?: string }) {
  return message ? (
    <div className="form-error" role="alert">
      {message}
    </div>
  ) : null;
}
