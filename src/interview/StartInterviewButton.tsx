import { UsersRound } from 'lucide-react';
import { useState } from 'react';
import { lazyPart } from '../ui/lazyPart';

const StartInterviewDialog = lazyPart(() => import('./StartInterviewDialog').then((m) => m.StartInterviewDialog));

/** The landing page's way into a mock interview. */
export function StartInterviewButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-large start-interview-button" onClick={() => setOpen(true)}>
        <UsersRound size={20} aria-hidden /> Start a mock interview
      </button>
      {open && <StartInterviewDialog onClose={() => setOpen(false)} />}
    </>
  );
}
