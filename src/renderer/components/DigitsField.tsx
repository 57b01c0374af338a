/** A digits-only field (cashier number, PIN): the sign-in and unlock forms filter input the same way. */

export function DigitsField(props: {
  label: string;
  value: string;
  onChange(digits: string): void;
  maxLength: number;
  testId: string;
  /** a PIN: typed as a password */
  secret?: boolean;
  autoFocus?: boolean;
  autoComplete?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        autoFocus={props.autoFocus}
        type={props.secret ? 'password' : undefined}
        inputMode="numeric"
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\D/g, ''))}
        data-testid={props.testId}
      />
    </label>
  );
}
