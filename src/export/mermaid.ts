import { CATEGORIES, getNodeType, variantOf } from '../catalog';
import { getEdgeKind } from '../shared/catalog/edgeKinds';
import type { BoardFile, BoardNode } from '../shared/format';

/**
 * The board as a Mermaid flowchart for Markdown documents: components as boxes, sticky notes as
 * flags, stage frames as subgraphs, edges with their labels and drawn in their kind's colour and
 * dash. Node ids become n0, n1... (board ids may hold characters Mermaid reads as syntax, and
 * words such as "end" are keywords), and every piece of user text is quoted and escaped.
 */
export function boardToMermaid(board: BoardFile): string {
  const ids = new Map(board.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines: string[] = [];
  // The title as a comment, not front matter: Mermaid renders a comment nowhere, so no text of the
  // user's reaches a renderer unescaped.
  lines.push('flowchart LR');
  if (board.title.trim()) lines.push(`  %% ${mermaidText(board.title)}`);

  const children = new Map<string, BoardNode[]>();
  for (const node of board.nodes) {
    if (node.parentId !== undefined && ids.has(node.parentId)) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  }
  for (const node of board.nodes) {
    if (node.parentId !== undefined && ids.has(node.parentId)) continue;
    if (variantOf(node.type) === 'group') {
      lines.push(`  subgraph ${ids.get(node.id)}["${mermaidText(nodeLabel(node))}"]`);
      for (const child of children.get(node.id) ?? []) lines.push(`    ${nodeShape(ids.get(child.id)!, child)}`);
      lines.push('  end');
    } else lines.push(`  ${nodeShape(ids.get(node.id)!, node)}`);
  }

  const edges = board.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  for (const edge of edges) {
    const label = edge.label?.trim() ? `|"${mermaidText(edge.label)}"|` : '';
    lines.push(`  ${ids.get(edge.source)} -->${label} ${ids.get(edge.target)}`);
  }
  edges.forEach((edge, index) => {
    const kind = getEdgeKind(edge.kind);
    lines.push(`  linkStyle ${index} stroke:${kind.color},stroke-width:2px${kind.dash ? `,stroke-dasharray:${kind.dash}` : ''}`);
  });

  for (const category of CATEGORIES) {
    const members = board.nodes.filter((node) => {
      const type = getNodeType(node.type);
      return type?.category === category.id && type.variant === 'component';
    });
    if (!members.length) continue;
    lines.push(`  classDef ${category.id} fill:#ffffff,stroke:${category.color},stroke-width:2px,color:#0f172a`);
    lines.push(`  class ${members.map((node) => ids.get(node.id)).join(',')} ${category.id}`);
  }
  return `${lines.join('\n')}\n`;
}

function nodeShape(id: string, node: BoardNode): string {
  const text = mermaidText(nodeLabel(node));
  return variantOf(node.type) === 'note' ? `${id}>"${text}"]` : `${id}["${text}"]`;
}

/** The title, with the component type after it when the title does not already say it. */
function nodeLabel(node: BoardNode): string {
  const type = getNodeType(node.type);
  const title = oneLine(node.title);
  if (type?.variant === 'note') {
    const text = typeof node.props.text === 'string' ? oneLine(node.props.text) : '';
    return [title, text].filter(Boolean).join(': ') || type.label;
  }
  if (!type || type.variant === 'group') return title || type?.label || node.type;
  if (!title) return type.label;
  return title.toLowerCase() === type.label.toLowerCase() ? title : `${title} (${type.label})`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Mermaid's entity codes (#quot; #lt; ...) for every character that could end the quoted label,
 * start markup, be read as an entity or markdown string, or form a `%%{init: ...}%%` directive
 * (Mermaid finds those anywhere in the text, before it parses labels), so labels render as typed.
 */
const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '|': '#124;',
  '%': '#37;',
  '{': '#123;',
  '}': '#125;',
};

export function mermaidText(text: string): string {
  return oneLine(text).replace(/["#&<>`|%{}]/g, (c) => ENTITIES[c]);
}
