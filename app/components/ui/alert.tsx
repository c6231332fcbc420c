import { type ReactNode } from "react";

/** A refusal or a form's problems, where the person is looking; read out when it appears. */
export function Alert({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div role="alert" className={`rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 ${className}`}>
      {children}
    </div>
  );
}
