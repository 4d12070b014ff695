import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/board.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openAddressedBoardEarly } from './app/BoardPage';

openAddressedBoardEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
