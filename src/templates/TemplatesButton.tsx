import { LayoutTemplate } from 'lucide-react';
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { followLink } from '../ui/router';
import { TemplateGallery } from './TemplateGallery';
import './templates.css';

/** The landing page's way in: the gallery, where "Use template" starts a new board from the case study. */
export function TemplatesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-large templates-button" onClick={() => setOpen(true)}>
        <LayoutTemplate size={20} aria-hidden /> Templates
      </button>
      {open && (
        <Dialog title="Case-study templates" className="template-dialog" onClose={() => setOpen(false)}>
          <TemplateGallery
            renderActions={(summary) => (
              <a className="button button-primary" href={newBoardPath(summary.id)} onClick={followLink} aria-label={`Use template ${summary.title}`}>
                Use template
              </a>
            )}
          />
        </Dialog>
      )}
    </>
  );
}

export const newBoardPath = (templateId: string) => `/new?template=${encodeURIComponent(templateId)}`;
