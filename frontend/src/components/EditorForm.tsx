import type { FormEvent, ReactNode, Ref } from 'react';

/** An admin editor: a labelled panel form that Escape cancels. */
export function EditorForm({
  ref,
  headingId,
  heading,
  onSubmit,
  onCancel,
  children,
}: {
  ref: Ref<HTMLFormElement>;
  headingId: string;
  heading: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      ref={ref}
      className="panel"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 id={headingId}>{heading}</h3>
      {children}
    </form>
  );
}
