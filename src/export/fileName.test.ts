import { describe, expect, it } from 'vitest';
import { exportFileName } from './fileName';

describe('export file names', () => {
  it('come from the board title', () => {
    expect(exportFileName('Fraud detection (v2)', 'png')).toBe('fraud-detection-v2.png');
    expect(exportFileName('Détection — été', 'svg')).toBe('detection-ete.svg');
    expect(exportFileName('../../etc/passwd <script>', 'json')).toBe('etc-passwd-script.json');
  });

  it('fall back to "board" when the title has nothing usable', () => {
    expect(exportFileName('', 'png')).toBe('board.png');
    expect(exportFileName('欺诈检测', 'png')).toBe('board.png');
  });
});
