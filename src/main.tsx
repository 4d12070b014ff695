import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/board.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { claimTokenFromAddress } from './ui/router';

claimTokenFromAddress();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
