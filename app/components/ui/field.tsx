import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";
import { readFieldMessage } from "#app/utils/forms.ts";

/** A field message from the shared zod schemas (an i18n key and its values), in the reader's language. */
export function useFieldMessage() {
  const { t } = useTranslation();
  return (message: string) => {
    const { key, values } = readFieldMessage(message);
    return t(key, { ...values, defaultValue: key });
  };
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const say = useFieldMessage();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((error) => (
        <li key={error}>{say(error)}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  label: ReactNode;
  errors?: string[] | null;
  hint?: ReactNode;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
};

export function Field({ label, errors, hint, inputProps }: FieldProps) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        {...inputProps}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid]:border-red-600"
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type SelectFieldProps = {
  label: ReactNode;
  errors?: string[] | null;
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  children: ReactNode;
};

export function SelectField({ label, errors, selectProps, children }: SelectFieldProps) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...selectProps}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
      >
        {children}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center rounded px-4 py-2 text-sm font-semibold disabled:opacity-60 ${styles} ${className}`}
    />
  );
}
