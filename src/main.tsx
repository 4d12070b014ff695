// First, so that what it starts runs while the rest of the app is still being evaluated.
import './app/startEarly';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/board.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
