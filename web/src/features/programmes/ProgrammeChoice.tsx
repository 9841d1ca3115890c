/**
 * The team lead's reports start from one programme: the active programmes, the one chosen (the
 * first until the user picks another), and what to show while they load, fail or do not exist.
 * Shared by the budget and the hours pages.
 */
import './reports.css';
import { useState, type ReactNode } from 'react';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { loadProgrammes } from '../families/api';

export function useProgrammeChoice() {
  const programmes = useApi((signal) => loadProgrammes(signal), []);
  const [chosen, setChosen] = useState('');
  const list = (programmes.data ?? []).filter((p) => p.active !== false);
  const programme = list.find((p) => p.id === chosen) ?? list[0];
  const options = list.map((p) => ({ value: p.id, label: p.name }));
  return { programmes, list, programme, options, choose: setChosen };
}

/** Loading, a failure with retry, or `empty` when there is no active programme. */
export function ProgrammeChoiceState({ choice, empty }: { choice: ReturnType<typeof useProgrammeChoice>; empty: ReactNode }) {
  const { programmes, programme } = choice;
  if (programmes.loading && !programmes.data) return <Loading />;
  if (programmes.error != null) return <ErrorState error={programmes.error} onRetry={programmes.reload} />;
  if (programmes.data !== undefined && !programme) return <Empty>{empty}</Empty>;
  return null;
}
