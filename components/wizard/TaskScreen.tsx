import { useEffect, useState } from 'react';
import type { WizardStep } from '../../source/wizard/steps.js';
import { WizardFrame } from './WizardFrame.js';
import { Working } from './Working.js';

export type TaskOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface TaskScreenProps<T> {
  readonly step: WizardStep;
  readonly title: string;
  /** Started once when the screen mounts; `progress` updates the line under the spinner. */
  readonly task: (progress: (detail: string) => void) => Promise<T>;
  readonly onDone: (outcome: TaskOutcome<T>) => void;
  readonly width: number;
  readonly color: boolean;
}

/** A wizard screen that does one thing (read the clusters, write the plan) with a spinner and its latest progress. */
export function TaskScreen<T>({ step, title, task, onDone, width, color }: TaskScreenProps<T>) {
  const [detail, setDetail] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    task((text) => live && setDetail(text)).then(
      (value) => live && onDone({ ok: true, value }),
      (error: unknown) => live && onDone({ ok: false, error }),
    );
    return () => {
      live = false;
    };
    // The task runs once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <WizardFrame step={step} title={title} width={width} color={color}>
      <Working what={title} detail={detail} color={color} />
    </WizardFrame>
  );
}
