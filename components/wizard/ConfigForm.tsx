import { existsSync } from 'node:fs';
import path from 'node:path';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { draftProblems, emptyDraft, fieldProblem, type ConfigDraft } from '../../source/wizard/config-draft.js';
import { questionsFor } from '../../source/wizard/config-questions.js';
import { formatKeyPath } from '../../engine/config/problems.js';
import { tint } from '../../source/ui/palette.js';
import { SelectList } from './SelectList.js';
import { TextPrompt } from './TextPrompt.js';

export interface ConfigFormProps {
  readonly env: NodeJS.ProcessEnv;
  /** Where the file is written (relative names resolve here). */
  readonly cwd: string;
  readonly color: boolean;
  readonly onDone: (draft: ConfigDraft, file: string) => void;
  /** Esc on the first question. */
  readonly onCancel?: () => void;
  readonly isActive?: boolean;
}

/** The config built question by question, each answer checked by the engine's validation as it is typed. */
export function ConfigForm({ env, cwd, color, onDone, onCancel, isActive = true }: ConfigFormProps) {
  const [draft, setDraft] = useState<ConfigDraft>(() => emptyDraft(env));
  const [position, setPosition] = useState(0);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const questions = questionsFor(draft);
  const back = () => {
    setProblem(undefined);
    if (position === 0) onCancel?.();
    else setPosition(position - 1);
  };
  const answered = questions.slice(0, position).map((q) => (
    <Text key={q.id} color={tint(color, 'muted')} dimColor={!color} wrap="truncate-end">{`✓ ${q.short}: ${q.get(draft) || '(empty)'}`}</Text>
  ));
  const question = questions[position];
  let prompt;
  if (question === undefined) {
    prompt = (
      <TextPrompt
        key="file"
        label="Write the config to"
        defaultValue="migration.yaml"
        color={color}
        isActive={isActive}
        validate={(name) => fileProblem(name, cwd, draft, env)}
        onSubmit={(name) => onDone(draft, path.resolve(cwd, name))}
        onCancel={back}
      />
    );
  } else if (question.kind === 'select') {
    const choices = question.choices ?? [];
    prompt = (
      <Box key={question.id} flexDirection="column">
        <Text bold>{`(${position + 1}/${questions.length}) ${question.label}`}</Text>
        <SelectList
          items={choices.map((choice) => ({ label: choice, value: choice }))}
          initialIndex={Math.max(0, choices.indexOf(question.get(draft)))}
          color={color}
          isActive={isActive}
          onCancel={back}
          onSelect={(value) => {
            const next = question.set(draft, value);
            const why = fieldProblem(next, question.keys, env);
            setProblem(why);
            if (why !== undefined) return;
            setDraft(next);
            setPosition(position + 1);
          }}
        />
        {problem === undefined ? null : <Text color={tint(color, 'bad')}>{`✗ ${problem}`}</Text>}
      </Box>
    );
  } else {
    prompt = (
      <TextPrompt
        key={question.id}
        label={`(${position + 1}/${questions.length}) ${question.label}`}
        {...(question.help === undefined ? {} : { help: question.help })}
        defaultValue={question.get(draft)}
        color={color}
        isActive={isActive}
        validate={(value) => fieldProblem(question.set(draft, value), question.keys, env)}
        onSubmit={(value) => {
          setDraft(question.set(draft, value));
          setPosition(position + 1);
        }}
        onCancel={back}
      />
    );
  }
  return (
    <Box flexDirection="column">
      {answered}
      {prompt}
    </Box>
  );
}

/** The file must be new (the wizard never overwrites) and the whole config valid. */
function fileProblem(name: string, cwd: string, draft: ConfigDraft, env: NodeJS.ProcessEnv): string | undefined {
  if (!/\.ya?ml$/.test(name)) return `"${name}": the file name must end in .yaml or .yml`;
  const file = path.resolve(cwd, name);
  if (existsSync(file)) return `${file} exists: give another name (the wizard never overwrites a file)`;
  const problems = draftProblems(draft, env, file);
  return problems.length === 0 ? undefined : problems.map((p) => `${formatKeyPath(p.path)}: ${p.detail}`).join('; ');
}
