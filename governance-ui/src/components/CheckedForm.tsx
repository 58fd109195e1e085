/**
 * A form of one checked input ({Field}): the text is checked as typed, its error shown once the form has been
 * submitted; a valid submit runs `submit` with the checked value and clears the input when it succeeds.
 * The stake, unstake, delegate and withdrawal-request forms are this form.
 */
import { type ReactNode, useState } from "react";

import { Field } from "./ui";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function CheckedForm<T>({
  className,
  heading,
  field,
  check,
  button,
  submit,
}: {
  className?: string;
  heading?: ReactNode;
  field: Omit<Parameters<typeof Field>[0], "value" | "onChange" | "error">;
  check(text: string): Checked<T>;
  button: ReactNode;
  /** Sends the transaction for the checked value; resolves whether it succeeded. */
  submit(value: T): Promise<boolean>;
}) {
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const checked = check(text);
  return (
    <form
      className={className}
      onSubmit={async (e) => {
        e.preventDefault();
        setTouched(true);
        if (!checked.ok) return;
        if (await submit(checked.value)) {
          setText("");
          setTouched(false);
        }
      }}
    >
      {heading && <h2>{heading}</h2>}
      <Field
        {...field}
        value={text}
        onChange={setText}
        error={touched && !checked.ok ? checked.error : undefined}
      />
      <button type="submit">{button}</button>
    </form>
  );
}
