import { describe, expect, it } from 'vitest';
import { boardToMermaid, mermaidText } from './mermaid';
import { testBoard } from './testBoard';

describe('Mermaid export', () => {
  const text = boardToMermaid(testBoard());
  const lines = text.split('\n');

  it('writes a flowchart with the board title as a comment', () => {
    expect(lines.slice(0, 2)).toEqual(['flowchart LR', '  %% Fraud #quot;detection#quot; — v2']);
  });

  it('draws a stage frame as a subgraph holding its nodes', () => {
    const start = lines.indexOf('  subgraph n0["Online serving"]');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4)).toEqual(['    n1["Rules (Rules engine)"]', '    n2["#lt;img src=x onerror=alert(1)#gt; (Model server)"]', '  end']);
  });

  it('draws components outside frames and sticky notes as flags', () => {
    expect(lines).toContain('  n3["Checkout #35;1 #124; #quot;pay#quot; #96;now#96; (Client app)"]');
    expect(lines).toContain('  n4>"Assumption: Fraud rate 0.1#37; #amp; rising"]');
  });

  it('labels edges, quoted and escaped, and styles each by its kind', () => {
    expect(lines).toContain('  n3 -->|"transaction #lt;b#gt;"| n1');
    expect(lines).toContain('  n1 -->|"score #quot;p#quot;"| n2');
    expect(lines).toContain('  n2 --> n3');
    expect(lines).toContain('  linkStyle 0 stroke:#ea580c,stroke-width:2px');
    expect(lines).toContain('  linkStyle 2 stroke:#7c3aed,stroke-width:2px,stroke-dasharray:1 5');
  });

  it('colours components by category', () => {
    expect(lines).toContain('  classDef serving fill:#ffffff,stroke:#ea580c,stroke-width:2px,color:#0f172a');
    expect(lines).toContain('  class n1,n2 serving');
    expect(lines).toContain('  class n3 product');
  });

  it('leaves no raw quote or angle bracket inside any label', () => {
    for (const label of text.matchAll(/"([^"]*)"/g)) expect(label[1]).not.toMatch(/[<>`]/);
    expect(text).not.toContain('<img');
  });

  it('escapes every character that could end a label, start markup or form a directive', () => {
    expect(mermaidText('a "b" <c> & #d | `e`\nf')).toBe('a #quot;b#quot; #lt;c#gt; #amp; #35;d #124; #96;e#96; f');
    const directive = mermaidText('%%{init: {"securityLevel": "loose"}}%%');
    expect(directive).not.toMatch(/[%{}]/);
    expect(directive).toBe('#37;#37;#123;init: #123;#quot;securityLevel#quot;: #quot;loose#quot;#125;#125;#37;#37;');
  });
});
